import { Controller, Get, Inject, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '@palabre/auth';
import type { PageRequest } from '../shared/layout/http';
import { WEB_CONFIG, type WebConfig } from '../shared/config/web.config';
import { PageContext } from '../shared/layout/page-context';
import { PageErrorFilter, send } from '../shared/layout/render';
import { TOKEN } from './account.api';
import { donePage, newPasswordPage, resetRequestPage } from './account.pages';

/** Forgotten password: ask for a mailed link, then choose a new password on the page it opens. */
@ApiExcludeController()
@Public()
@UseFilters(PageErrorFilter)
@Controller('account/password-reset')
export class PasswordResetController {
  constructor(@Inject(WEB_CONFIG) private readonly config: WebConfig) {}

  private ctx(req: PageRequest, res: FastifyReply) {
    return PageContext.load(req, res, this.config.gatewayUrl);
  }

  @Get()
  async show(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const ctx = await this.ctx(req, res);
    const token = req.query.token;
    if (token === undefined) {
      const email = ctx.me?.kind === 'account' ? ctx.me.email : '';
      return send(res, ctx, resetRequestPage(ctx, { email, errors: [] }));
    }
    res.header('Referrer-Policy', 'no-referrer');
    if (typeof token !== 'string' || !TOKEN.test(token))
      return send(res, ctx, newPasswordPage(ctx, '', [], ctx.t('account.reset.invalid')), 400);
    send(res, ctx, newPasswordPage(ctx, token, []));
  }

  @Get('done')
  async done(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const ctx = await this.ctx(req, res);
    send(res, ctx, donePage(ctx, 'password'));
  }
}
