/**
 * The organization's settings and branding forms, declared for the form
 * executor. A save forgets the organization as this site cached it, so the
 * next page shows the change.
 */
import type { FieldError } from '../../shared/html/components';
import type { ApiResponse, Problem } from '../../shared/gateway/gateway-client';
import { refusedText, ruleText, type ApiFieldError } from '../../shared/forms/form-notices';
import {
  formAction,
  type FormActionSpec,
  type FormAgain,
  type FormPlace,
  type Refusal,
} from '../../shared/forms/form-action';
import type { FormBody } from '../../shared/forms/form-read';
import { adminContext } from '../../shared/layout/admin-access';
import { forgetOrganization, type PageContext } from '../../shared/layout/page-context';
import { send } from '../../shared/layout/render';
import { brandingPage, settingsPage } from './organization-admin.pages';
import {
  brandingFormOf,
  readBranding,
  readSettings,
  settingsFormOf,
} from './organization-admin.form';

interface OnOrganization extends FormPlace {
  /** The host the organization is cached under. */
  host?: string;
  /** The form as posted: the settings page is shown again from it. */
  body: FormBody;
}

/** The executor's cross-site notice in the words these pages had before it (the account pages'). */
export const ownWords = (ctx: PageContext, notice: string | undefined) =>
  notice === ctx.t('lifecycle.crossSite') ? ctx.t('account.error.crossSite') : notice;

/**
 * On a page whose refusals are all by field, the executor's one notice (its
 * cross-site refusal) goes next to `field`, as it did before.
 */
export const crossSiteOn = (ctx: PageContext, field: string, form: FormAgain): FieldError[] =>
  form.notice ? [{ field, message: ctx.t('account.error.crossSite') }] : form.errors;

/** identity's field names → the ids of this page's controls ("welcomeText.fr" → "welcomeText-fr"). */
const fieldId = (field: string) => field.replace('.', '-');

/** identity's refusal of a PATCH: by field (403/429 as errors too); anything else is an error page. */
function patchRefusal(
  ctx: PageContext,
  r: ApiResponse<Problem | null>,
  message: (e: ApiFieldError) => string = (e) => ruleText(ctx, e),
): Refusal {
  if (r.status === 429)
    return { errors: [{ field: 'main', message: ctx.t('account.error.tryLater') }], status: 429 };
  if (r.status === 403)
    return { errors: [{ field: 'main', message: ctx.t('org.error.forbidden') }], status: 403 };
  if (r.status !== 400) throw new Error(`Organization settings update answered ${r.status}`);
  const errors = (r.body?.errors ?? []).map((e) => ({
    field: fieldId(e.field),
    message: message(e),
  }));
  return {
    errors: errors.length ? errors : [{ field: 'main', message: refusedText(ctx, r.status) }],
    status: 400,
  };
}

/** identity's refusal of the time zone or map, in this page's words (a length keeps the rule's). */
function placeRefusal(ctx: PageContext, e: ApiFieldError): string | undefined {
  if (e.field === 'timeZone') return ctx.t('org.error.timeZone');
  if (e.field === 'mapTileUrl') return ctx.t('org.error.mapTileUrl');
  if (e.field === 'mapAttribution' && e.rule !== 'maxLength')
    return ctx.t('org.error.mapAttribution');
  return undefined;
}

/** One of the organization's forms: PATCH, then forget the cached organization once saved. */
const organizationAction = (
  path: string,
  spec: Pick<FormActionSpec<OnOrganization, object>, 'read' | 'refusal' | 'again'>,
) =>
  formAction<OnOrganization, object>({
    path,
    async load(req, res, config) {
      const ctx = await adminContext(req, res, config.gatewayUrl, `/${path}`);
      return ctx && { ctx, host: req.headers.host, body: (req.body ?? {}) as FormBody };
    },
    async send({ ctx, host }, dto) {
      const r = await ctx.api.patch('/api/identity/organization', dto);
      if (r.status === 200) forgetOrganization(host);
      return r;
    },
    done: () => `/${path}?saved=1`,
    ...spec,
  });

export const ORGANIZATION_SETTINGS_FORMS = [
  organizationAction('admin/organization', {
    read: ({ ctx }, body) => readSettings(ctx, body),
    refusal: ({ ctx }, r) => patchRefusal(ctx, r, (e) => placeRefusal(ctx, e) ?? ruleText(ctx, e)),
    again: ({ ctx, body }, res, form, status) =>
      send(
        res,
        ctx,
        settingsPage(ctx, settingsFormOf(body), crossSiteOn(ctx, 'name', form)),
        status,
      ),
  }),
  organizationAction('admin/organization/branding', {
    read: ({ ctx }, body) => readBranding(ctx, body),
    refusal: ({ ctx }, r) =>
      patchRefusal(ctx, r, (e) =>
        e.field === 'logoUrl' ? ctx.t('org.error.logo') : ruleText(ctx, e),
      ),
    again: ({ ctx }, res, form, status) =>
      send(
        res,
        ctx,
        brandingPage(ctx, brandingFormOf(form.values), crossSiteOn(ctx, 'logoUrl', form)),
        status,
      ),
  }),
];
