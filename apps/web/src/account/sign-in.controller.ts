import { Controller, Get, Inject, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '@palabre/auth';
import { type PageRequest, seeOther } from '../shared/layout/http';
import { isStaffMember } from '../shared/layout/roles';
import { WEB_CONFIG, type WebConfig } from '../shared/config/web.config';
import { PageContext } from '../shared/layout/page-context';
import { PageErrorFilter, send } from '../shared/layout/render';
import { FC_REFUSALS, type FcRefusal, franceConnectRefusedPage, signInPage } from './account.pages';

/** A path on this site to go back to after signing in ("/" otherwise). */
export function safeReturnTo(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])[^\\\s]{0,500}$/.test(value) ? value : '/';
}

@ApiExcludeController()
@Public()
@UseFilters(PageErrorFilter)
@Controller('sign-in')
export class SignInController {
  constructor(@Inject(WEB_CONFIG) private readonly config: WebConfig) {}

  /** After a sign-in from no page in particular: the back-office for its staff, else home. */
  @Get('next')
  async next(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const ctx = await PageContext.load(req, res, this.config.gatewayUrl);
    seeOther(res, isStaffMember(ctx.me) ? '/admin' : '/');
  }

  /** Where identity's FranceConnect callback sends a sign-in that opened no session. */
  @Get('refused')
  async refused(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const ctx = await PageContext.load(req, res, this.config.gatewayUrl);
    const { reason: asked, mode } = req.query as Record<string, unknown>;
    const reason: FcRefusal =
      typeof asked === 'string' && Object.hasOwn(FC_REFUSALS, asked)
        ? (asked as FcRefusal)
        : 'failed';
    const page = franceConnectRefusedPage(ctx, {
      reason,
      mode: mode === 'author' ? 'author' : 'signer',
      returnTo: safeReturnTo(req.query.returnTo),
    });
    send(res, ctx, page, FC_REFUSALS[reason].status);
  }

  @Get()
  async show(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const ctx = await PageContext.load(req, res, this.config.gatewayUrl);
    send(res, ctx, signInPage(ctx, safeReturnTo(req.query.returnTo), { email: '', errors: [] }));
  }
}
