/**
 * "Contest a block" (ADR 0041): a person whose account the anti-spam blocked
 * is sent here by the sign-in page and writes to the administrators, who see
 * the message beside the block on their anti-spam page. The page answers the
 * same whatever address is given (identity does too): nobody learns here who
 * has an account.
 */
import { Controller, Get, Inject, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '@palabre/auth';
import { WEB_CONFIG, type WebConfig } from '../shared/config/web.config';
import { formAction } from '../shared/forms/form-action';
import { doneNotice, titleWithErrors } from '../shared/forms/form-notices';
import { errorSummary, textField, type FieldError } from '../shared/html/components';
import { errorOf, textArea } from '../shared/html/form-controls';
import { html } from '../shared/html/html';
import type { PageRequest } from '../shared/layout/http';
import type { PageOptions } from '../shared/layout/layout';
import { PageContext } from '../shared/layout/page-context';
import { PageErrorFilter, send } from '../shared/layout/render';
import { EMAIL } from './account.api';
import { pageContext, text, tryLater } from './account.form';

const MESSAGE = { min: 10, max: 2000 };

export function contestPage(
  ctx: PageContext,
  form: { email: string; message: string; errors: FieldError[] },
  sent = false,
): PageOptions {
  const { t, i18n } = ctx;
  const error = (f: string) => errorOf(form.errors, f);
  return {
    title: titleWithErrors(ctx, t('account.contest.title'), form.errors),
    section: 'sign-in',
    main: html`<h1>${t('account.contest.title')}</h1>
      ${doneNotice(sent ? t('account.contest.sent', { org: ctx.org.name }) : null)}
      ${errorSummary(i18n, form.errors)}
      <p>${t('account.contest.intro', { org: ctx.org.name })}</p>
      <form method="post" action="/account/contest" novalidate data-once>
        ${textField({ id: 'email', label: t('signin.email'), type: 'email', value: form.email, hint: t('account.contest.emailHint'), error: error('email'), autocomplete: 'email', i18n })}
        ${textArea({ id: 'message', label: t('account.contest.message'), hint: t('account.contest.messageHint', MESSAGE), value: form.message, error: error('message'), rows: 6, maxlength: MESSAGE.max, i18n })}
        <p><button class="button" type="submit">${t('account.contest.submit')}</button></p>
      </form>`,
  };
}

@ApiExcludeController()
@Public()
@UseFilters(PageErrorFilter)
@Controller('account/contest')
export class ContestController {
  constructor(@Inject(WEB_CONFIG) private readonly config: WebConfig) {}

  @Get()
  async show(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const ctx = await PageContext.load(req, res, this.config.gatewayUrl);
    send(
      res,
      ctx,
      contestPage(ctx, { email: '', message: '', errors: [] }, req.query.sent === '1'),
    );
  }
}

export const CONTEST_FORMS = [
  formAction<{ ctx: PageContext }, { email: string; message: string }>({
    path: 'account/contest',
    load: pageContext,
    read({ ctx }, body) {
      const email = text(body, 'email').trim();
      const message = text(body, 'message').replace(/\r\n/g, '\n').trim();
      const errors: FieldError[] = [];
      if (!email) errors.push({ field: 'email', message: ctx.t('form.required') });
      else if (!EMAIL.test(email))
        errors.push({ field: 'email', message: ctx.t('form.invalidEmail') });
      if (message.length < MESSAGE.min || message.length > MESSAGE.max)
        errors.push({
          field: 'message',
          message: ctx.t('account.contest.messageHint', MESSAGE),
        });
      return { values: { email, message }, errors, dto: errors.length ? null : { email, message } };
    },
    send: ({ ctx }, dto) => ctx.api.post('/api/identity/block-contests', dto),
    done: () => '/account/contest?sent=1',
    refusal({ ctx }, answer) {
      if (answer.status === 429) return { ...tryLater(ctx, 'email'), status: 429 };
      if (answer.status !== 400) return null;
      return { errors: [{ field: 'email', message: ctx.t('form.invalidEmail') }], status: 400 };
    },
    again: ({ ctx }, res, form, status) =>
      send(
        res,
        ctx,
        contestPage(ctx, {
          email: String(form.values.email ?? ''),
          message: String(form.values.message ?? ''),
          errors: form.errors,
        }),
        status,
      ),
  }),
];
