/**
 * The anti-spam page's forms: "not spam", "spam: block the account" (after a
 * confirmation page) and the settings. The antispam service checks the role
 * and the values again.
 */
import type { FastifyReply } from 'fastify';
import type { SpamFlagView } from '@palabre/contracts';
import { formAction, type FormPlace } from '../../shared/forms/form-action';
import { fixedForm, type FormBody, type FormRead } from '../../shared/forms/form-read';
import type { FieldError } from '../../shared/html/components';
import { formText } from '../../shared/html/form-controls';
import { adminContext } from '../../shared/layout/admin-access';
import { isUuid, type PageRequest } from '../../shared/layout/http';
import type { PageContext } from '../../shared/layout/page-context';
import { ADMIN_SPAM, blockConfirmation, type SpamSettingsValues } from './admin-spam.pages';
import { SPAM_API, renderSpam } from './admin-spam.controller';

/** What the settings form sends to the antispam service. */
interface SpamSettingsDto {
  flagThreshold: number;
  blockThreshold: number;
  autoBlock: boolean;
  refusedDomains: string[];
}

/** A host name, as the antispam service accepts it. */
const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

interface OnFlag extends FormPlace {
  flag: SpamFlagView;
}

/** The open flag the form acts on, or null once the page said it is gone. */
async function loadFlag(
  req: PageRequest,
  res: FastifyReply,
  gatewayUrl: string | undefined,
  status: SpamFlagView['status'] = 'open',
) {
  const ctx = await adminContext(req, res, gatewayUrl, ADMIN_SPAM);
  if (!ctx) return null;
  const { id } = req.params as { id: string };
  const r = isUuid(id) ? await ctx.api.get<SpamFlagView>(`${SPAM_API}/flags/${id}`) : null;
  if (r && r.status !== 200 && r.status !== 404)
    throw new Error(`Antispam flag answered ${r.status}`);
  const flag = r?.status === 200 && r.body.status === status ? r.body : undefined;
  if (!flag) {
    await renderSpam(ctx, res, { alert: ctx.t('spamAdmin.gone') }, 404);
    return null;
  }
  return { ctx, flag };
}

const gone = (ctx: PageContext, res: FastifyReply, status: number) =>
  renderSpam(ctx, res, { alert: ctx.t('spamAdmin.gone') }, status);

/** "0,7" or "0.7" → 0.7 when it is a number in (0, 1). */
function threshold(text: string): number | null {
  const n = Number(text.replace(',', '.'));
  return text !== '' && Number.isFinite(n) && n > 0 && n < 1 ? n : null;
}

export function readSpamSettings(
  ctx: PageContext,
  body: FormBody,
): FormRead<SpamSettingsDto, SpamSettingsValues> {
  const values: SpamSettingsValues = {
    flagThreshold: formText(body, 'flagThreshold'),
    blockThreshold: formText(body, 'blockThreshold'),
    autoBlock: body.autoBlock === 'true' ? 'true' : '',
    refusedDomains: formText(body, 'refusedDomains'),
  };
  const domains = [
    ...new Set(
      values.refusedDomains
        .split(/[\s,]+/)
        .map((d) =>
          d
            .trim()
            .toLowerCase()
            .replace(/^https?:\/\//, '')
            .replace(/[/.]+$/, ''),
        )
        .filter(Boolean),
    ),
  ];
  const flag = threshold(values.flagThreshold);
  const block = threshold(values.blockThreshold);
  const errors: FieldError[] = [];
  if (flag === null || flag < 0.01 || flag > 0.999)
    errors.push({ field: 'flagThreshold', message: ctx.t('spamAdmin.error.number') });
  if (block === null || block < 0.02 || block > 0.9999)
    errors.push({ field: 'blockThreshold', message: ctx.t('spamAdmin.error.number') });
  else if (flag !== null && block <= flag)
    errors.push({ field: 'blockThreshold', message: ctx.t('spamAdmin.error.order') });
  const wrong = domains.find((d) => !DOMAIN.test(d));
  if (wrong)
    errors.push({
      field: 'refusedDomains',
      message: ctx.t('spamAdmin.error.domain', { domain: wrong }),
    });
  else if (domains.length > 200)
    errors.push({ field: 'refusedDomains', message: ctx.t('spamAdmin.error.domains') });
  return {
    values,
    errors,
    dto:
      errors.length || flag === null || block === null
        ? null
        : {
            flagThreshold: flag,
            blockThreshold: block,
            autoBlock: values.autoBlock === 'true',
            refusedDomains: domains,
          },
  };
}

export const ADMIN_SPAM_FORMS = [
  formAction<OnFlag, true>({
    path: 'admin/spam/:id/dismiss',
    load: (req, res, config) => loadFlag(req, res, config.gatewayUrl),
    read: () => fixedForm(true),
    send: ({ ctx, flag }) => ctx.api.post(`${SPAM_API}/flags/${flag.id}/dismiss`, {}),
    explains404: true,
    done: () => `${ADMIN_SPAM}?done=dismissed`,
    refusal: ({ ctx }, r) => {
      if (r.status === 404) return { errors: [], notice: ctx.t('spamAdmin.gone'), status: 404 };
      return null;
    },
    again: ({ ctx }, res, { notice }, status) =>
      notice ? gone(ctx, res, status) : renderSpam(ctx, res, {}, status),
  }),
  formAction<OnFlag, true>({
    path: 'admin/spam/:id/block',
    load: (req, res, config) => loadFlag(req, res, config.gatewayUrl),
    read: () => fixedForm(true),
    confirm: ({ ctx, flag }) => blockConfirmation(ctx, flag),
    send: ({ ctx, flag }) => ctx.api.post(`${SPAM_API}/flags/${flag.id}/block`, {}),
    explains404: true,
    done: () => `${ADMIN_SPAM}?done=blocked`,
    refusal: ({ ctx }, r) => {
      if (r.status === 404) return { errors: [], notice: ctx.t('spamAdmin.gone'), status: 404 };
      return null;
    },
    again: ({ ctx }, res, { notice }, status) =>
      notice ? gone(ctx, res, status) : renderSpam(ctx, res, {}, status),
  }),
  formAction<OnFlag, true>({
    path: 'admin/spam/:id/unblock',
    load: (req, res, config) => loadFlag(req, res, config.gatewayUrl, 'blocked'),
    read: () => fixedForm(true),
    // Identity restores the account; its event closes the flag here and stamps the account.
    send: ({ ctx, flag }) =>
      ctx.api.post(`/api/identity/users/${flag.userId}/unblock`, {
        reason: 'anti-spam: not spam',
      }),
    explains404: true,
    done: () => `${ADMIN_SPAM}?list=blocked&done=unblocked`,
    refusal: ({ ctx }, r) => {
      // Unblocked meanwhile (409), or the account is gone (404): the block is dealt with.
      if (r.status === 404 || r.status === 409)
        return { errors: [], notice: ctx.t('spamAdmin.gone'), status: r.status };
      return null;
    },
    again: ({ ctx }, res, { notice }, status) =>
      notice ? gone(ctx, res, status) : renderSpam(ctx, res, { list: 'blocked' }, status),
  }),
  formAction<FormPlace, SpamSettingsDto, SpamSettingsValues>({
    path: 'admin/spam/settings',
    async load(req, res, config) {
      const ctx = await adminContext(req, res, config.gatewayUrl, ADMIN_SPAM);
      return ctx && { ctx };
    },
    read: ({ ctx }, body) => readSpamSettings(ctx, body),
    send: ({ ctx }, dto) => ctx.api.put(`${SPAM_API}/settings`, dto),
    done: () => `${ADMIN_SPAM}?done=settings#settings-title`,
    again: ({ ctx }, res, form, status) =>
      renderSpam(ctx, res, { form: form.values, errors: form.errors, alert: form.notice }, status),
  }),
];
