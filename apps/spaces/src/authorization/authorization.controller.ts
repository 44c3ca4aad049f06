import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import type { AuthorizeResponseJson } from '@palabre/contracts';
import { CurrentIdentity, type InternalIdentity } from '@palabre/auth';
import { ComponentsService, CONTEXT_MS } from '../components/components.service';
import { AuthorizeDto } from './authorize.dto';
import type { Reply } from '@palabre/service-kit';

/**
 * For other services (never routed by the gateway): "may this person do
 * this action in this component now?". The caller forwards the identity
 * token it received with the person's request; the answer is for that
 * person, 200 either way (allowed, or the reason), 404 for a component the
 * person may not see, 400 for an action the type does not declare.
 */
@Controller('internal/spaces')
export class AuthorizationController {
  constructor(private readonly components: ComponentsService) {}

  @Post('authorize')
  @HttpCode(200)
  async authorize(
    @CurrentIdentity() identity: InternalIdentity,
    @Body() body: AuthorizeDto,
    @Res({ passthrough: true }) res: Reply,
  ): Promise<AuthorizeResponseJson> {
    const d = await this.components.authorize(identity, body.componentId, body.action);
    // Per person: private to the caller, and reusable for as long as spaces itself reuses its reads.
    res.header('Cache-Control', `private, max-age=${Math.floor(CONTEXT_MS / 1000)}`);
    return {
      allowed: d.allowed,
      reason: d.reason ?? '',
      message: d.message ?? '',
      ...(d.phase ? { phase: { id: d.phase.id, title: d.phase.title } } : {}),
      spaceId: d.spaceId,
      componentType: d.componentType,
      ...(d.policy
        ? {
            policy: {
              open: d.policy.open,
              reason: d.policy.reason,
              message: d.policy.message,
              ...(d.policy.phase ? { phase: d.policy.phase } : {}),
              verification: d.policy.rule.verification,
              minimumAge: d.policy.rule.minimumAge ?? 0,
            },
          }
        : {}),
    };
  }
}
