import { Controller, Get, Inject, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '@palabre/auth';
import { type PageRequest, seeOther } from '../shared/layout/http';
import { WEB_CONFIG, type WebConfig } from '../shared/config/web.config';
import type { Problem } from '../shared/gateway/gateway-client';
import type { FieldError } from '../shared/html/components';
import { PageContext } from '../shared/layout/page-context';
import { PageErrorFilter, send } from '../shared/layout/render';
import { isSameSite } from '../shared/forms/same-site';
import { EMAIL, PASSWORD_MAX, PASSWORD_MIN, TOKEN } from './account.api';
import { donePage, newPasswordPage, resetRequestPage } from './account.pages';
import { accountFieldMessage, crossSite, tooMany } from './registration.controller';

const text = (req: PageRequest, name: string) => {
  const v = ((req.body ?? {}) as Record<string, unknown>)[name];
  return typeof v === 'string' ? v : '';
};

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

  @Post()
  async request(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const ctx = await this.ctx(req, res);
    const email = text(req, 'email').trim();
    const errors: FieldError[] = [];
    if (!email) errors.push({ field: 'email', message: ctx.t('form.required') });
    else if (!EMAIL.test(email) || email.length > 254)
      errors.push({ field: 'email', message: ctx.t('form.invalidEmail') });
    if (errors.length) return send(res, ctx, resetRequestPage(ctx, { email, errors }), 400);
    if (!isSameSite(req))
      return send(
        res,
        ctx,
        resetRequestPage(ctx, { email, errors: [crossSite(ctx, 'email')] }),
        403,
      );
    const r = await ctx.api.post<Problem>('/api/identity/password-resets', { email });
    if (r.status === 202 || r.status === 200)
      return void seeOther(res, '/account/check-email?for=reset');
    if (r.status === 429)
      return send(res, ctx, resetRequestPage(ctx, { email, errors: [tooMany(ctx)] }), 429);
    if (r.status !== 400) throw new Error(`Password reset answered ${r.status}`);
    send(
      res,
      ctx,
      resetRequestPage(ctx, {
        email,
        errors: [{ field: 'email', message: ctx.t('form.invalidEmail') }],
      }),
      400,
    );
  }

  @Post('complete')
  async complete(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const ctx = await this.ctx(req, res);
    res.header('Referrer-Policy', 'no-referrer');
    const token = text(req, 'token');
    const password = text(req, 'password');
    if (!TOKEN.test(token))
      return send(res, ctx, newPasswordPage(ctx, '', [], ctx.t('account.reset.invalid')), 400);
    const errors: FieldError[] = [];
    if (!password) errors.push({ field: 'password', message: ctx.t('form.required') });
    else if (password.length < PASSWORD_MIN || password.length > PASSWORD_MAX)
      errors.push({ field: 'password', message: accountFieldMessage(ctx, 'password') });
    if (errors.length) return send(res, ctx, newPasswordPage(ctx, token, errors), 400);
    if (!isSameSite(req))
      return send(res, ctx, newPasswordPage(ctx, token, [crossSite(ctx, 'password')]), 403);
    const r = await ctx.api.post<Problem>('/api/identity/password-resets/complete', {
      token,
      password,
    });
    if (r.status === 204 || r.status === 200)
      return void seeOther(res, '/account/password-reset/done');
    if (r.status === 429) return send(res, ctx, newPasswordPage(ctx, token, [tooMany(ctx)]), 429);
    if (r.status !== 400) throw new Error(`Password reset answered ${r.status}`);
    if (r.body?.code === 'INVALID_TOKEN')
      return send(res, ctx, newPasswordPage(ctx, '', [], ctx.t('account.reset.invalid')), 400);
    send(
      res,
      ctx,
      newPasswordPage(ctx, token, [
        { field: 'password', message: accountFieldMessage(ctx, 'password') },
      ]),
      400,
    );
  }

  @Get('done')
  async done(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const ctx = await this.ctx(req, res);
    send(res, ctx, donePage(ctx, 'password'));
  }
}
