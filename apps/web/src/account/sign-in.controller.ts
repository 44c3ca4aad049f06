import { Controller, Get, Inject, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '@palabre/auth';
import { type PageRequest, seeOther } from '../shared/layout/http';
import { isStaffMember } from '../shared/layout/roles';
import { WEB_CONFIG, type WebConfig } from '../shared/config/web.config';
import {
  errorSummary,
  franceConnectButton,
  textField,
  type FieldError,
} from '../shared/html/components';
import { html } from '../shared/html/html';
import { PageContext } from '../shared/layout/page-context';
import { PageErrorFilter, send } from '../shared/layout/render';
import { isSameSite } from '../shared/forms/same-site';
import { registrationOpen } from './account.api';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

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

  private page(
    ctx: PageContext,
    res: FastifyReply,
    returnTo: string,
    form: { email: string; errors: FieldError[] },
    status = 200,
  ) {
    const { t, i18n } = ctx;
    const fc = (mode: 'signer' | 'author', back: string) =>
      `/auth/franceconnect/login?mode=${mode}&returnTo=${encodeURIComponent(back)}`;
    const error = (field: string) => form.errors.find((e) => e.field === field)?.message;
    send(
      res,
      ctx,
      {
        title: form.errors.length
          ? `${t('form.errorSummary', { count: form.errors.length })} ${t('signin.title')}`
          : t('signin.title'),
        section: 'sign-in',
        main: html`<h1>${t('signin.title')}</h1>
          ${errorSummary(i18n, form.errors)}
          <div class="petition-grid">
            <div>
              <h2>${t('signin.fcSigner')}</h2>
              <p>${t('signin.fcSignerHelp')}</p>
              ${franceConnectButton(i18n, fc('signer', returnTo))}
              <h2>${t('signin.fcAuthor')}</h2>
              <p>${t('signin.fcAuthorHelp')}</p>
              ${franceConnectButton(i18n, fc('author', returnTo))}
            </div>
            <div>
              <h2>${t('signin.account')}</h2>
              <form method="post" action="/sign-in" novalidate data-once>
                <input type="hidden" name="returnTo" value="${returnTo}" />
                ${textField({ id: 'email', label: t('signin.email'), type: 'email', value: form.email, hint: t('signin.emailHint'), error: error('email'), autocomplete: 'email', i18n })}
                ${textField({ id: 'password', label: t('signin.password'), type: 'password', error: error('password'), autocomplete: 'current-password', i18n })}
                <p><button class="button" type="submit">${t('signin.submit')}</button></p>
              </form>
              <p><a href="/account/password-reset">${t('signin.forgot')}</a></p>
              ${registrationOpen(ctx.org) ? html`<p>${t('signin.noAccount')} <a href="/account/register">${t('signin.register')}</a></p>` : ''}
            </div>
          </div>`,
      },
      status,
    );
  }

  /** After a sign-in from no page in particular: the back-office for its staff, else home. */
  @Get('next')
  async next(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const ctx = await PageContext.load(req, res, this.config.gatewayUrl);
    seeOther(res, isStaffMember(ctx.me) ? '/admin' : '/');
  }

  @Get()
  async show(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const ctx = await PageContext.load(req, res, this.config.gatewayUrl);
    this.page(ctx, res, safeReturnTo(req.query.returnTo), { email: '', errors: [] });
  }

  @Post()
  async submit(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const ctx = await PageContext.load(req, res, this.config.gatewayUrl);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const email = typeof body.email === 'string' ? body.email.trim() : '';
    const password = typeof body.password === 'string' ? body.password : '';
    const returnTo = safeReturnTo(body.returnTo);
    const errors: FieldError[] = [];
    if (!email) errors.push({ field: 'email', message: ctx.t('form.required') });
    else if (!EMAIL.test(email))
      errors.push({ field: 'email', message: ctx.t('form.invalidEmail') });
    if (!password) errors.push({ field: 'password', message: ctx.t('form.required') });
    if (errors.length) return this.page(ctx, res, returnTo, { email, errors }, 400);
    if (!isSameSite(req)) return this.page(ctx, res, returnTo, { email, errors: [] }, 403);
    const r = await ctx.api.post('/api/identity/sessions', { email, password });
    if (r.status === 200 || r.status === 201) {
      // The session cookie comes from identity; hand it to the browser as it was set.
      const cookies = r.headers['set-cookie'];
      if (cookies) res.header('Set-Cookie', cookies);
      // Back to the page they came from; from none (or the home page), where their role leads.
      return void seeOther(res, returnTo === '/' ? '/sign-in/next' : returnTo);
    }
    if (r.status >= 500) throw new Error(`Sign-in answered ${r.status}`);
    if (r.status === 429)
      return this.page(
        ctx,
        res,
        returnTo,
        { email, errors: [{ field: 'email', message: ctx.t('account.error.tryLater') }] },
        429,
      );
    const code = (r.body as { code?: string } | null)?.code;
    const message =
      code === 'EMAIL_NOT_CONFIRMED'
        ? ctx.t('account.signin.notConfirmed')
        : code === 'ACCOUNT_BLOCKED'
          ? ctx.t('account.signin.blocked', { org: ctx.org.name })
          : ctx.t('signin.failed');
    this.page(
      ctx,
      res,
      returnTo,
      { email, errors: [{ field: 'email', message }] },
      r.status === 403 ? 403 : 401,
    );
  }
}
