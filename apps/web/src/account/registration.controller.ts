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
import {
  EMAIL,
  NAME_MAX,
  NAME_MIN,
  PASSWORD_MAX,
  PASSWORD_MIN,
  TOKEN,
  registrationOpen,
  type Captcha,
} from './account.api';
import {
  checkEmailPage,
  confirmPage,
  donePage,
  registerPage,
  registrationClosedPage,
  type RegisterForm,
} from './account.pages';

const text = (body: Record<string, unknown>, name: string) =>
  typeof body[name] === 'string' ? (body[name] as string) : '';

/** The account's own messages for what identity's validation names, field by field. */
export function accountFieldMessage(ctx: PageContext, field: string): string {
  switch (field) {
    case 'email':
      return ctx.t('form.invalidEmail');
    case 'password':
      return ctx.t('account.error.passwordLength', { min: PASSWORD_MIN, max: PASSWORD_MAX });
    case 'displayName':
      return ctx.t('account.error.nameLength', { min: NAME_MIN, max: NAME_MAX });
    default:
      return ctx.t('account.captcha.wrong');
  }
}

/** Registration with email, password and a text question; email confirmation from the mailed link. */
@ApiExcludeController()
@Public()
@UseFilters(PageErrorFilter)
@Controller('account')
export class RegistrationController {
  constructor(@Inject(WEB_CONFIG) private readonly config: WebConfig) {}

  private ctx(req: PageRequest, res: FastifyReply) {
    return PageContext.load(req, res, this.config.gatewayUrl);
  }

  private async form(ctx: PageContext, res: FastifyReply, form: RegisterForm, status = 200) {
    // A question answers once: every showing of the form asks a new one.
    const captcha = await ctx.api.get<Captcha>('/api/identity/captcha');
    if (captcha.status !== 200) throw new Error(`Captcha answered ${captcha.status}`);
    send(res, ctx, registerPage(ctx, captcha.body, form), status);
  }

  @Get('register')
  async show(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const ctx = await this.ctx(req, res);
    if (!registrationOpen(ctx.org)) return send(res, ctx, registrationClosedPage(ctx));
    await this.form(ctx, res, { displayName: '', email: '', errors: [] });
  }

  @Post('register')
  async register(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const ctx = await this.ctx(req, res);
    const { t } = ctx;
    const body = (req.body ?? {}) as Record<string, unknown>;
    const displayName = text(body, 'displayName').trim();
    const email = text(body, 'email').trim();
    const password = text(body, 'password');
    const captchaAnswer = text(body, 'captchaAnswer').trim();
    const captchaId = text(body, 'captchaId');
    const errors: FieldError[] = [];
    if (!displayName) errors.push({ field: 'displayName', message: t('form.required') });
    else if (displayName.length < NAME_MIN || displayName.length > NAME_MAX)
      errors.push({ field: 'displayName', message: accountFieldMessage(ctx, 'displayName') });
    if (!email) errors.push({ field: 'email', message: t('form.required') });
    else if (!EMAIL.test(email) || email.length > 254)
      errors.push({ field: 'email', message: t('form.invalidEmail') });
    if (!password) errors.push({ field: 'password', message: t('form.required') });
    else if (password.length < PASSWORD_MIN || password.length > PASSWORD_MAX)
      errors.push({ field: 'password', message: accountFieldMessage(ctx, 'password') });
    if (!captchaAnswer) errors.push({ field: 'captchaAnswer', message: t('form.required') });
    const form = { displayName, email, errors };
    if (errors.length) return this.form(ctx, res, form, 400);
    if (!isSameSite(req))
      return this.form(ctx, res, { ...form, errors: [crossSite(ctx, 'displayName')] }, 403);
    const r = await ctx.api.post<Problem>('/api/identity/registrations', {
      displayName,
      email,
      password,
      captchaId,
      captchaAnswer: captchaAnswer.slice(0, 40),
      locale: ctx.locale,
    });
    if (r.status === 202 || r.status === 200)
      return void seeOther(res, '/account/check-email?for=register');
    if (r.status === 403 && r.body?.code === 'REGISTRATION_CLOSED')
      return send(res, ctx, registrationClosedPage(ctx), 403);
    if (r.status === 429) return this.form(ctx, res, { ...form, errors: [tooMany(ctx)] }, 429);
    if (r.status !== 400) throw new Error(`Registration answered ${r.status}`);
    const apiErrors =
      r.body?.code === 'CAPTCHA_FAILED'
        ? [{ field: 'captchaAnswer', message: t('account.captcha.wrong') }]
        : (r.body?.errors ?? []).map((e) => {
            const field = e.field === 'captchaId' ? 'captchaAnswer' : e.field;
            return { field, message: accountFieldMessage(ctx, field) };
          });
    await this.form(
      ctx,
      res,
      { ...form, errors: apiErrors.length ? apiErrors : [tooMany(ctx)] },
      400,
    );
  }

  @Get('check-email')
  async checkEmail(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const ctx = await this.ctx(req, res);
    send(res, ctx, checkEmailPage(ctx, req.query.for === 'reset' ? 'reset' : 'register'));
  }

  @Get('confirm')
  async showConfirm(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const ctx = await this.ctx(req, res);
    const token = typeof req.query.token === 'string' && TOKEN.test(req.query.token);
    // The token stays out of the Referer of whatever this page links to.
    res.header('Referrer-Policy', 'no-referrer');
    send(res, ctx, confirmPage(ctx, token ? String(req.query.token) : null), token ? 200 : 400);
  }

  @Post('confirm')
  async confirm(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const ctx = await this.ctx(req, res);
    const token = text((req.body ?? {}) as Record<string, unknown>, 'token');
    res.header('Referrer-Policy', 'no-referrer');
    if (!TOKEN.test(token)) return send(res, ctx, confirmPage(ctx, null), 400);
    if (!isSameSite(req))
      return send(res, ctx, confirmPage(ctx, token, ctx.t('account.error.crossSite')), 403);
    const r = await ctx.api.post<Problem>('/api/identity/registrations/confirm', { token });
    if (r.status === 204 || r.status === 200) return void seeOther(res, '/account/confirmed');
    if (r.status === 429) return send(res, ctx, confirmPage(ctx, token, tooMany(ctx).message), 429);
    if (r.status !== 400) throw new Error(`Confirmation answered ${r.status}`);
    send(res, ctx, confirmPage(ctx, null), 400);
  }

  @Get('confirmed')
  async confirmed(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const ctx = await this.ctx(req, res);
    send(res, ctx, donePage(ctx, 'confirmed'));
  }
}

/** The form came from another site: nothing was done. */
export const crossSite = (ctx: PageContext, field: string): FieldError => ({
  field,
  message: ctx.t('account.error.crossSite'),
});

export const tooMany = (ctx: PageContext): FieldError => ({
  field: 'main',
  message: ctx.t('account.error.tryLater'),
});
