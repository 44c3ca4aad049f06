import { Body, Controller, Header, HttpCode, Post } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { CallingService, ServiceRoute, type ServiceCaller } from '@palabre/auth';
import type { RecipientsView } from '@palabre/contracts';
import { AccountsRepository } from '../accounts/accounts.repository';
import { IdentityConfig } from '../config/identity.config';
import { newsletterUnsubscribeUrl } from '../newsletter-consent/unsubscribe-token';
import { PublicOrigin } from '../organizations/public-origin';
import { RecipientsDto } from './recipients.dto';

/**
 * Where the newsletter service writes, asked by the newsletter service as
 * itself (ADR 0038): a scheduled newsletter, a notification caused by an
 * event, a digest are nobody's request, so no person's token can ask
 * (ADR 0035). Addresses stay here: the sender asks per batch at the moment
 * it sends and keeps none. Only accounts of the token's organization that
 * may be written to now are answered: active (a blocked or deleted account
 * receives nothing), with a confirmed address, and for a newsletter with a
 * granted consent, so that a consent withdrawn a second ago is honoured by
 * the next batch. Never routed by the gateway.
 */
@ApiExcludeController()
@Controller('internal')
export class RecipientsController {
  constructor(
    private readonly accounts: AccountsRepository,
    private readonly config: IdentityConfig,
    private readonly origins: PublicOrigin,
  ) {}

  @Post('recipients')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ServiceRoute('newsletter')
  async recipients(
    @CallingService() caller: ServiceCaller,
    @Body() body: RecipientsDto,
  ): Promise<RecipientsView> {
    const ids = [...new Set(body.userIds.map((id) => id.toLowerCase()))];
    const newsletter = body.purpose === 'newsletter';
    const rows = await this.accounts.recipientsOf(caller.organizationId, ids, newsletter);
    const byId = new Map(rows.map((r) => [r.id, r]));
    const policy =
      newsletter && rows.length ? await this.accounts.policy(caller.organizationId) : null;
    const origin = policy ? this.origins.of(policy.primary_host) : '';
    return {
      recipients: ids.flatMap((id) => {
        const r = byId.get(id);
        if (!r) return [];
        return [
          {
            userId: r.id,
            email: r.email,
            name: r.display_name,
            locale: r.locale,
            unsubscribeUrl: newsletter
              ? newsletterUnsubscribeUrl(this.config.secret, origin, caller.organizationId, r.id)
              : null,
          },
        ];
      }),
    };
  }
}
