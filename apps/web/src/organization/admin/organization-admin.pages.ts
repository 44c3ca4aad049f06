import { errorSummary, type FieldError } from '../../shared/html/components';
import {
  errorOf,
  inputField,
  radioGroup,
  stackedTable,
  selectField,
  textArea,
} from '../../shared/html/form-controls';
import { html, unsafeRaw, type Html } from '../../shared/html/html';
import type { MessageKey } from '../../shared/i18n/i18n';
import type { Confirmation } from '../../shared/forms/confirm-page';
import type { PageOptions } from '../../shared/layout/layout';
import type { PageContext } from '../../shared/layout/page-context';
import {
  ANNOUNCEMENT_MAX,
  GRANTABLE,
  LANGUAGES,
  LOGO_MAX,
  MAP_ATTRIBUTION_MAX,
  MAP_TILE_URL_MAX,
  PROVIDERS,
  REGISTRATION_MODES,
  TIME_ZONES,
  WELCOME_MAX,
  type Grant,
} from '../organization.api';

const ROW = unsafeRaw('style="display:flex;gap:.5rem;align-items:flex-start;margin:.4rem 0"');
const ROW_LABEL = unsafeRaw('style="margin:0;font-weight:400"');
const ROW_INPUT = unsafeRaw('style="width:1.25rem;height:1.25rem;margin:.2rem 0 0;flex:none"');

/** Several choices among several: a fieldset, its legend, a checkbox per choice sharing one name. */
function checkboxGroup(opts: {
  name: string;
  legend: string;
  choices: { value: string; label: string }[];
  values: string[];
  error?: string;
  i18n: PageContext['i18n'];
}): Html {
  const { name, error } = opts;
  return html`<fieldset ${error ? html`aria-describedby="${name}-error"` : ''}>
    <legend>${opts.legend}</legend>
    ${error ? html`<p class="field-error" id="${name}-error">${opts.i18n.t('form.error', { message: error })}</p>` : ''}
    ${opts.choices.map((c, i) => {
      const id = i === 0 ? name : `${name}-${i}`;
      return html`<div ${ROW}>
        <input
          type="checkbox"
          id="${id}"
          name="${name}"
          value="${c.value}"
          ${opts.values.includes(c.value) ? html`checked` : ''}
          ${error ? html`aria-invalid="true"` : ''}
          ${ROW_INPUT}
        />
        <label for="${id}" ${ROW_LABEL}>${c.label}</label>
      </div>`;
    })}
  </fieldset>`;
}

/** The example tile address in the hints has no break of its own: it wraps anywhere on a small screen. */
const WRAP_ANYWHERE = unsafeRaw('style="overflow-wrap:anywhere"');

const LANGUAGE_NAMES: Record<string, string> = { fr: 'Français', en: 'English' };

/** The back-office's own sub-navigation: where the organization's pages are. */
function subNav(ctx: PageContext, current: 'settings' | 'branding' | 'users'): Html {
  const { t } = ctx;
  const link = (href: string, key: MessageKey, id: typeof current) =>
    html`<li>
      <a href="${href}" ${id === current ? html`aria-current="page"` : ''}>${t(key)}</a>
    </li>`;
  return html`<p><a href="/admin">← ${t('org.admin.back')}</a></p>
    <nav aria-label="${t('org.admin.nav')}">
      <ul>
        ${link('/admin/organization', 'org.settings.title', 'settings')}
        ${link('/admin/organization/branding', 'org.branding.title', 'branding')}
        ${link('/admin/organization/users', 'org.users.title', 'users')}
      </ul>
    </nav>`;
}

const title = (ctx: PageContext, key: MessageKey, errors: FieldError[]) =>
  errors.length
    ? `${ctx.t('form.errorSummary', { count: errors.length })} ${ctx.t(key)}`
    : ctx.t(key);

const saved = (ctx: PageContext, show: boolean) =>
  show ? html`<div class="notice success" role="status"><p>${ctx.t('org.saved')}</p></div>` : '';

export interface SettingsForm {
  name: string;
  locales: string[];
  defaultLocale: string;
  registrationMode: string;
  identityProviders: string[];
  /** IANA zone; one outside TIME_ZONES (set through the API) is offered as it is. */
  timeZone: string;
  /** Empty: no map. */
  mapTileUrl: string;
  mapAttribution: string;
}

/** The zones offered, with the organization's own first if it is not among them (never changed silently). */
function zoneChoices(ctx: PageContext, current: string) {
  const choices = TIME_ZONES.map((zone) => ({
    value: zone as string,
    label: `${ctx.t(`org.zone.${zone}`)} — ${zone}`,
  }));
  return current && !choices.some((c) => c.value === current)
    ? [{ value: current, label: current }, ...choices]
    : choices;
}

export function settingsPage(
  ctx: PageContext,
  form: SettingsForm,
  errors: FieldError[],
  justSaved = false,
): PageOptions {
  const { t, i18n } = ctx;
  const err = (f: string) => errorOf(errors, f);
  return {
    title: title(ctx, 'org.settings.title', errors),
    section: 'admin',
    main: html`${subNav(ctx, 'settings')}
      <h1>${t('org.settings.title')}</h1>
      ${saved(ctx, justSaved)} ${errorSummary(i18n, errors)}
      <form method="post" action="/admin/organization" novalidate data-once>
        ${inputField({ id: 'name', label: t('org.settings.name'), value: form.name, hint: t('org.settings.nameHint'), error: err('name'), required: true, maxlength: 200, i18n })}
        ${checkboxGroup({ name: 'locales', legend: t('org.settings.locales'), choices: LANGUAGES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] })), values: form.locales, error: err('locales'), i18n })}
        ${radioGroup({ name: 'defaultLocale', legend: t('org.settings.defaultLocale'), hint: t('org.settings.defaultLocaleHint'), choices: LANGUAGES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] })), value: form.defaultLocale, error: err('defaultLocale'), i18n })}
        ${radioGroup({ name: 'registrationMode', legend: t('org.settings.registrationMode'), choices: REGISTRATION_MODES.map((m) => ({ value: m, label: t(`org.settings.mode.${m}`), hint: t(`org.settings.mode.${m}.hint`) })), value: form.registrationMode, error: err('registrationMode'), i18n })}
        ${checkboxGroup({ name: 'identityProviders', legend: t('org.settings.providers'), choices: PROVIDERS.map((p) => ({ value: p, label: t(`org.settings.provider.${p}`) })), values: form.identityProviders, error: err('identityProviders'), i18n })}
        <fieldset ${WRAP_ANYWHERE}>
          <legend>${t('org.settings.place')}</legend>
          ${selectField({ id: 'timeZone', label: t('org.settings.timeZone'), hint: t('org.settings.timeZoneHint'), choices: zoneChoices(ctx, form.timeZone), value: form.timeZone, error: err('timeZone'), i18n })}
          ${inputField({ id: 'mapTileUrl', label: t('org.settings.mapTileUrl'), kind: 'url', value: form.mapTileUrl, hint: t('org.settings.mapTileUrlHint'), error: err('mapTileUrl'), maxlength: MAP_TILE_URL_MAX, i18n })}
          ${inputField({ id: 'mapAttribution', label: t('org.settings.mapAttribution'), value: form.mapAttribution, hint: t('org.settings.mapAttributionHint', { max: MAP_ATTRIBUTION_MAX }), error: err('mapAttribution'), maxlength: MAP_ATTRIBUTION_MAX, i18n })}
        </fieldset>
        <p class="hint">${t('org.settings.delay')}</p>
        <p><button class="button" type="submit">${t('org.save')}</button></p>
      </form>`,
  };
}

export interface BrandingForm {
  logoUrl: string;
  primaryColor: string;
  welcomeText: Record<string, string>;
  announcement: Record<string, string>;
}

export function brandingPage(
  ctx: PageContext,
  form: BrandingForm,
  errors: FieldError[],
  justSaved = false,
): PageOptions {
  const { t, i18n } = ctx;
  const err = (f: string) => errorOf(errors, f);
  return {
    title: title(ctx, 'org.branding.title', errors),
    section: 'admin',
    main: html`${subNav(ctx, 'branding')}
      <h1>${t('org.branding.title')}</h1>
      ${saved(ctx, justSaved)} ${errorSummary(i18n, errors)}
      <form method="post" action="/admin/organization/branding" novalidate data-once>
        <fieldset>
          <legend>${t('org.branding.identity')}</legend>
          ${inputField({ id: 'logoUrl', label: t('org.branding.logo'), kind: 'url', value: form.logoUrl, hint: t('org.branding.logoHint', { org: ctx.org.name }), error: err('logoUrl'), maxlength: LOGO_MAX, i18n })}
          ${inputField({ id: 'primaryColor', label: t('org.branding.color'), value: form.primaryColor, hint: t('org.branding.colorHint'), error: err('primaryColor'), maxlength: 7, i18n })}
        </fieldset>
        <fieldset>
          <legend>${t('org.branding.welcome')}</legend>
          <p class="hint">${t('org.branding.welcomeHint', { max: WELCOME_MAX })}</p>
          ${LANGUAGES.map((l) => textArea({ id: `welcomeText-${l}`, label: t('org.branding.inLanguage', { language: LANGUAGE_NAMES[l] }), value: form.welcomeText[l] ?? '', error: err(`welcomeText-${l}`), maxlength: WELCOME_MAX, rows: 5, i18n }))}
        </fieldset>
        <fieldset>
          <legend>${t('org.branding.announcement')}</legend>
          <p class="hint">${t('org.branding.announcementHint', { max: ANNOUNCEMENT_MAX })}</p>
          ${LANGUAGES.map((l) => textArea({ id: `announcement-${l}`, label: t('org.branding.inLanguage', { language: LANGUAGE_NAMES[l] }), value: form.announcement[l] ?? '', error: err(`announcement-${l}`), maxlength: ANNOUNCEMENT_MAX, rows: 2, i18n }))}
        </fieldset>
        <p class="hint">${t('org.settings.delay')}</p>
        <p><button class="button" type="submit">${t('org.save')}</button></p>
      </form>`,
  };
}

export const roleLabel = (ctx: PageContext, role: string) =>
  ['org-admin', 'moderator', 'space-admin', 'evaluator', 'platform-operator'].includes(role)
    ? ctx.t(`org.role.${role}` as MessageKey)
    : role;

export interface UsersView {
  grants: Grant[];
  /** The organization's spaces, by id: a space role is given in one of them. */
  spaces: { id: string; title: string }[];
  form: { email: string; role: string; spaceId: string };
  errors: FieldError[];
  /** After a redirect: what was just done. */
  notice: string | null;
  /** A refusal that is not about a field (the last administrator). */
  alert: string | null;
  meId: string;
}

export function usersPage(ctx: PageContext, v: UsersView): PageOptions {
  const { t, i18n } = ctx;
  const err = (f: string) => errorOf(v.errors, f);
  // The form is the containing block of the button's hidden text: it stays inside the table's scroll box.
  const rows = v.grants.map((g) => [
    html`${g.displayName ?? t('org.users.noName')}${g.userId === v.meId ? html` <span class="tag">${t('org.users.you')}</span>` : ''}`,
    g.email ?? '—',
    html`${roleLabel(ctx, g.role)}${g.spaceId ? html` <span class="meta">(${v.spaces.find((s) => s.id === g.spaceId)?.title ?? t('org.users.space')})</span>` : ''}`,
    i18n.date(g.createdAt),
    html`<form method="post" action="/admin/organization/users/${g.id}/revoke" class="inline"
      style="position:relative" data-once>
      <button class="link-button" type="submit">
        ${t('org.users.revoke')}<span class="visually-hidden">
          : ${roleLabel(ctx, g.role)}, ${g.displayName ?? g.email ?? ''}</span
        >
      </button>
    </form>`,
  ]);
  return {
    title: title(ctx, 'org.users.title', v.errors),
    section: 'admin',
    main: html`${subNav(ctx, 'users')}
      <h1>${t('org.users.title')}</h1>
      ${v.notice ? html`<div class="notice success" role="status"><p>${v.notice}</p></div>` : ''}
      ${v.alert ? html`<div class="notice warning" role="alert" id="alert" tabindex="-1"><p>${v.alert}</p></div>` : ''}
      <p>${t('org.users.intro', { org: ctx.org.name })}</p>
      ${
        v.grants.length
          ? stackedTable(
              t('org.users.table'),
              [
                t('account.field.displayName'),
                t('signin.email'),
                t('org.users.role'),
                t('org.users.since'),
                t('org.users.action'),
              ],
              rows,
            )
          : html`<p>${t('org.users.none')}</p>`
      }
      <h2 id="grant-title">${t('org.users.grant')}</h2>
      ${errorSummary(i18n, v.errors)}
      <p>${t('org.users.grantHelp', { org: ctx.org.name })}</p>
      <form method="post" action="/admin/organization/users" novalidate data-once aria-labelledby="grant-title">
        ${inputField({ id: 'email', label: t('signin.email'), value: v.form.email, hint: t('org.users.emailHint'), error: err('email'), required: true, autocomplete: 'off', maxlength: 254, i18n })}
        ${radioGroup({ name: 'role', legend: t('org.users.role'), choices: GRANTABLE.map((r) => ({ value: r, label: roleLabel(ctx, r), hint: t(`org.role.${r}.hint`) })), value: v.form.role, error: err('role'), i18n })}
        ${selectField({ id: 'spaceId', label: t('org.users.spaceField'), hint: t('org.users.spaceHint'), choices: [{ value: '', label: t('org.users.wholeOrg') }, ...v.spaces.map((s) => ({ value: s.id, label: s.title }))], value: v.form.spaceId, error: err('spaceId'), i18n })}
        <p><button class="button" type="submit">${t('org.users.grantSubmit')}</button></p>
      </form>`,
  };
}

/**
 * "Take back this role?" (issue 18, journey 2): who loses what, where, and
 * what cannot be undone — the access goes on their next page (the gateway
 * keeps a session two seconds), and only a new grant brings it back; one's
 * own administration, only another administrator can give back.
 */
export function revokeConfirmation(
  ctx: PageContext,
  g: Grant,
  space: string | undefined,
  meId: string,
): Confirmation {
  const { t } = ctx;
  const role = roleLabel(ctx, g.role);
  const name = g.displayName ?? g.email ?? t('org.users.noName');
  const who = g.displayName && g.email ? `${g.displayName} (${g.email})` : name;
  return {
    title: t('org.users.revokeConfirm.title', { role, name }),
    what: g.spaceId
      ? t('org.users.revokeConfirm.whatSpace', { who, role, space: space ?? t('org.users.space') })
      : t('org.users.revokeConfirm.what', { who, role, org: ctx.org.name }),
    final:
      g.userId === meId && g.role === 'org-admin'
        ? t('org.users.revokeConfirm.finalSelf', { org: ctx.org.name })
        : t('org.users.revokeConfirm.final'),
    button: t('org.users.revokeConfirm.button'),
    back: '/admin/organization/users',
  };
}
