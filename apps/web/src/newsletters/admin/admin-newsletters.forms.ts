/**
 * The forms of the administrators' newsletter pages, declared for the form
 * executor: each is a plain POST, 303 to a page with a notice when it worked,
 * the page again with its errors per field when not. The compose form's
 * block buttons and its count come back edited without calling the API
 * (`edited`). Sending and deleting are final: a page of their own asks first,
 * the sending's with the number of recipients.
 */
import type { FastifyReply } from 'fastify';
import type { WebConfig } from '../../shared/config/web.config';
import {
  defaultRefusal,
  formAction,
  isUnexpected,
  type FormActionSpec,
  type FormAgain,
  type Refusal,
} from '../../shared/forms/form-action';
import { ruleText } from '../../shared/forms/form-notices';
import { fixedForm } from '../../shared/forms/form-read';
import type { ApiResponse, Problem } from '../../shared/gateway/gateway-client';
import type { FieldError } from '../../shared/html/components';
import type { MessageKey } from '../../shared/i18n/i18n';
import type { PageRequest } from '../../shared/layout/http';
import type { PageContext } from '../../shared/layout/page-context';
import { NEWSLETTER_API, type NewsletterView } from '../newsletters.api';
import {
  atNewsletter,
  atNewsletters,
  recipientsOf,
  renderDetail,
  renderEdit,
  renderNew,
  renderSettings,
  type AtNewsletter,
  type AtNewsletters,
} from './admin-newsletters.controller';
import {
  ADMIN_NEWSLETTERS,
  SETTINGS_PATH,
  newsletterPath,
  subjectText,
  type DetailForms,
} from './admin-newsletters.pages';
import {
  composeValues,
  controlOf,
  langOf,
  readCompose,
  readSend,
  readSettings,
  settingsControlOf,
  type NewsletterBody,
  type SendDto,
} from './newsletter-form';

const NEWSLETTER = 'admin/newsletters/:id';

/** The newsletter service's codes, said for what they mean on these pages. */
const CODES: Partial<Record<string, MessageKey>> = {
  NEWSLETTER_NOT_A_DRAFT: 'newsletterAdmin.refusal.notADraft',
  NEWSLETTER_ALREADY_SENT: 'newsletterAdmin.refusal.alreadySent',
  NEWSLETTER_NOT_SENDING: 'newsletterAdmin.refusal.notSending',
  AUDIENCE_EMPTY: 'newsletterAdmin.refusal.audienceEmpty',
  SERVICE_UNAVAILABLE: 'newsletterAdmin.refusal.unavailable',
  MAIL_NOT_SENT: 'newsletterAdmin.refusal.mailNotSent',
  NO_ADDRESS: 'newsletterAdmin.refusal.noAddress',
};

/** API fields renamed to this page's controls, each said with the rule it broke (first per control). */
function fieldErrors(
  ctx: PageContext,
  problem: Problem | null,
  control: (field: string) => string,
): FieldError[] {
  const out: FieldError[] = [];
  for (const e of problem?.errors ?? []) {
    const field = control(e.field);
    if (!out.some((o) => o.field === field)) out.push({ field, message: ruleText(ctx, e) });
  }
  return out;
}

/**
 * A refusal with its fields next to their controls and its code in words; a
 * service that cannot answer with a code these pages know (the mail server,
 * identity) is said too; any other 5xx is an error page.
 */
function refused(
  ctx: PageContext,
  answer: ApiResponse<Problem | null>,
  control: (field: string) => string,
): Refusal | null {
  const code = answer.body?.code;
  const known = code ? CODES[code] : undefined;
  if (isUnexpected(answer.status) && !known) return null;
  const errors = answer.status === 400 ? fieldErrors(ctx, answer.body, control) : [];
  if (known) {
    // A service that could not do it now says so with its own status (503): try again later.
    const status = answer.status === 409 || answer.status >= 500 ? answer.status : 400;
    return { errors, notice: ctx.t(known), status };
  }
  if (errors.length) return { errors, status: 400 };
  return defaultRefusal(ctx, answer, {}, CODES);
}

const composeRefusal = (
  { ctx, body }: AtNewsletters,
  answer: ApiResponse<Problem | null>,
): Refusal | null => {
  const v = composeValues(body);
  return refused(ctx, answer, (field) => controlOf(field, v));
};

const newsletterAt =
  (suffix = '') =>
  (req: PageRequest, res: FastifyReply, config: WebConfig) =>
    atNewsletter(
      req,
      res,
      config,
      `${newsletterPath(String((req.params as Record<string, unknown>).id ?? ''))}${suffix}`,
    );

const detailAgain =
  (which: keyof DetailForms) =>
  (at: AtNewsletter, res: FastifyReply, form: FormAgain, status: number) =>
    renderDetail(at, res, { [which]: form }, null, at.body.lang, status);

/** A newsletter's own form: its refusals read as `refused` says. */
function newsletterAction<D>(spec: Omit<FormActionSpec<AtNewsletter, D>, 'refusal'>) {
  return formAction<AtNewsletter, D>({
    refusal: ({ ctx }, answer) => refused(ctx, answer, (field) => field),
    ...spec,
  });
}

export const ADMIN_NEWSLETTER_FORMS = [
  formAction<AtNewsletters, NewsletterBody>({
    path: `${ADMIN_NEWSLETTERS.slice(1)}/new`,
    load: (req, res, config) => atNewsletters(req, res, config, `${ADMIN_NEWSLETTERS}/new`),
    read: ({ ctx, body, defaultLang }) => readCompose(ctx.i18n, body, defaultLang),
    send: ({ ctx }, dto) => ctx.api.post(`${NEWSLETTER_API}/newsletters`, dto),
    done: (_, answer) => `${newsletterPath((answer.body as NewsletterView).id)}?done=created`,
    refusal: composeRefusal,
    again: (at, res, form, status) => renderNew(at, res, form, status),
  }),
  formAction<AtNewsletter, NewsletterBody>({
    path: `${NEWSLETTER}/edit`,
    load: newsletterAt('/edit'),
    read: ({ ctx, body, defaultLang }) => readCompose(ctx.i18n, body, defaultLang),
    send: ({ ctx, n }, dto) => ctx.api.put(`${NEWSLETTER_API}/newsletters/${n.id}`, dto),
    done: ({ n }) => `${newsletterPath(n.id)}?done=saved`,
    refusal: composeRefusal,
    again: (at, res, form, status) => renderEdit(at, res, form, status),
  }),
  newsletterAction<object>({
    path: `${NEWSLETTER}/delete`,
    load: newsletterAt(),
    read: () => fixedForm({}),
    confirm: ({ ctx, n }) => ({
      title: ctx.t('newsletterAdmin.remove.confirmTitle', { subject: subjectText(ctx, n) }),
      what: ctx.t('newsletterAdmin.remove.what'),
      final: ctx.t('newsletterAdmin.remove.final'),
      button: ctx.t('newsletterAdmin.remove.submit'),
      back: newsletterPath(n.id),
    }),
    send: ({ ctx, n }) => ctx.api.delete(`${NEWSLETTER_API}/newsletters/${n.id}`),
    done: () => `${ADMIN_NEWSLETTERS}?done=deleted`,
    again: detailAgain('remove'),
  }),
  newsletterAction<{ lang: string | null }>({
    path: `${NEWSLETTER}/test`,
    load: newsletterAt(),
    read: ({ n, body }) => fixedForm({ lang: langOf(body.lang, n) }),
    send: ({ ctx, n }, { lang }) =>
      ctx.api.post(`${NEWSLETTER_API}/newsletters/${n.id}/test${lang ? `?lang=${lang}` : ''}`),
    done: ({ n, body }) => {
      const lang = langOf(body.lang, n);
      return `${newsletterPath(n.id)}?done=test${lang ? `&preview=${lang}` : ''}`;
    },
    again: detailAgain('test'),
  }),
  newsletterAction<SendDto>({
    path: `${NEWSLETTER}/send`,
    async load(req, res, config) {
      const at = await newsletterAt()(req, res, config);
      // The confirmation says how many it goes to; once confirmed, the service counts again.
      if (at && at.n.state === 'draft' && at.body.confirmed !== 'yes')
        at.recipients = await recipientsOf(at.ctx, at.n.id);
      return at;
    },
    read: ({ ctx, body }) => readSend(ctx.i18n, body),
    confirm: ({ ctx, n, recipients }, dto) => {
      // Nobody to send it to: the service's refusal says so, with nothing to confirm.
      if (!recipients) return null;
      const { t, i18n } = ctx;
      const subject = subjectText(ctx, n);
      return {
        title: dto.at
          ? t('newsletterAdmin.send.confirmLater', { subject, date: i18n.dateTime(dto.at) })
          : t('newsletterAdmin.send.confirmNow', { subject }),
        what: i18n.plural('newsletterAdmin.send.what', recipients),
        final: t(dto.at ? 'newsletterAdmin.send.finalLater' : 'newsletterAdmin.send.final'),
        button: t(dto.at ? 'newsletterAdmin.send.schedule' : 'newsletterAdmin.send.confirm'),
        back: newsletterPath(n.id),
      };
    },
    send: ({ ctx, n }, dto) => ctx.api.post(`${NEWSLETTER_API}/newsletters/${n.id}/send`, dto),
    done: ({ n }, answer) => `${newsletterPath(n.id)}?done=${later(answer) ? 'scheduled' : 'sent'}`,
    again: detailAgain('send'),
  }),
  newsletterAction<object>({
    path: `${NEWSLETTER}/stop`,
    load: newsletterAt(),
    read: () => fixedForm({}),
    confirm: ({ ctx, n }) =>
      n.state === 'sending'
        ? {
            title: ctx.t('newsletterAdmin.stop.confirmTitle', { subject: subjectText(ctx, n) }),
            what: ctx.t('newsletterAdmin.stop.sendingText'),
            final: ctx.t('newsletterAdmin.stop.final'),
            button: ctx.t('newsletterAdmin.stop.submit'),
            back: newsletterPath(n.id),
          }
        : null,
    send: ({ ctx, n }) => ctx.api.post(`${NEWSLETTER_API}/newsletters/${n.id}/stop`),
    done: ({ n }, answer) =>
      `${newsletterPath(n.id)}?done=${(answer.body as NewsletterView).state === 'draft' ? 'unscheduled' : 'stopped'}`,
    again: detailAgain('stop'),
  }),
  formAction<AtNewsletters, object>({
    path: SETTINGS_PATH.slice(1),
    load: (req, res, config) => atNewsletters(req, res, config, SETTINGS_PATH),
    read: ({ ctx, body }) => readSettings(ctx.i18n, body),
    send: ({ ctx }, dto) => ctx.api.put(`${NEWSLETTER_API}/settings`, dto),
    done: () => `${SETTINGS_PATH}?done=saved`,
    refusal: ({ ctx }, answer) => refused(ctx, answer, settingsControlOf),
    again: (at, res, form, status) => renderSettings(at, res, form, null, status),
  }),
];

/** A send's answer: scheduled for later (a date ahead) or going out now. */
function later(answer: ApiResponse<unknown>): boolean {
  const n = answer.body as NewsletterView | null;
  return !!n?.scheduledAt && Date.parse(n.scheduledAt) > Date.now() + 60_000;
}
