/**
 * The organization back-office's forms, read for what a person gets wrong
 * (with their words); identity checks everything again. Each error is keyed
 * by the id of its field.
 */
import type { FieldError } from '../../shared/html/components';
import { formText } from '../../shared/html/form-controls';
import type { FormBody, FormRead } from '../../shared/forms/form-read';
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
  SPACE_ROLES,
  WELCOME_MAX,
} from '../organization.api';
import type { BrandingForm, SettingsForm } from './organization-admin.pages';
import { contrastWithWhite } from './contrast';

const HEX = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every value of a repeated form field (checkboxes), or []. */
const many = (body: FormBody, name: string): string[] => {
  const v = body[name];
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter(
    (x): x is string => typeof x === 'string',
  );
};

/** The settings form as posted (checkboxes as lists). */
export function settingsFormOf(body: FormBody): SettingsForm {
  return {
    name: formText(body, 'name'),
    locales: many(body, 'locales').filter((l) => (LANGUAGES as readonly string[]).includes(l)),
    defaultLocale: formText(body, 'defaultLocale'),
    registrationMode: formText(body, 'registrationMode'),
    identityProviders: many(body, 'identityProviders').filter((p) =>
      (PROVIDERS as readonly string[]).includes(p),
    ),
    timeZone: formText(body, 'timeZone'),
    mapTileUrl: formText(body, 'mapTileUrl'),
    mapAttribution: formText(body, 'mapAttribution'),
  };
}

/** A zone this runtime knows (identity checks it again against the IANA names). */
function knownZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return /^[A-Za-z]/.test(zone);
  } catch {
    return false;
  }
}

/** An https tile template with {z}, {x} and {y}, as identity wants it (it says more if not). */
const TILE_TEMPLATE = (url: string) =>
  /^https:\/\/[^\s/]+\.[^\s]+$/i.test(url) && ['{z}', '{x}', '{y}'].every((p) => url.includes(p));

/**
 * The settings form read. Its checkboxes hold several values, which the
 * executor's string values cannot carry: the page is shown again from the
 * posted body (`settingsFormOf`), and `values` stays empty.
 */
export function readSettings({ t }: PageContext, body: FormBody): FormRead<object> {
  const form = settingsFormOf(body);
  const errors: FieldError[] = [];
  if (form.name.length < 2 || form.name.length > 200)
    errors.push({ field: 'name', message: t('org.error.name') });
  if (form.locales.length === 0) errors.push({ field: 'locales', message: t('org.error.locales') });
  if (!(LANGUAGES as readonly string[]).includes(form.defaultLocale))
    errors.push({ field: 'defaultLocale', message: t('org.error.defaultLocaleMissing') });
  else if (form.locales.length && !form.locales.includes(form.defaultLocale))
    errors.push({ field: 'defaultLocale', message: t('org.error.defaultLocale') });
  if (!(REGISTRATION_MODES as readonly string[]).includes(form.registrationMode))
    errors.push({ field: 'registrationMode', message: t('org.error.registrationMode') });
  if (form.identityProviders.length === 0)
    errors.push({ field: 'identityProviders', message: t('org.error.providers') });
  else if (
    form.registrationMode === 'franceconnect' &&
    !form.identityProviders.includes('franceconnect')
  )
    errors.push({ field: 'identityProviders', message: t('org.error.fcNeeded') });
  // A form without the time zone or map fields (a page from before they existed) keeps them as they are.
  const has = (name: string) => Object.hasOwn(body, name);
  if (has('timeZone') && !knownZone(form.timeZone))
    errors.push({ field: 'timeZone', message: t('org.error.timeZone') });
  if (
    form.mapTileUrl &&
    (!TILE_TEMPLATE(form.mapTileUrl) || form.mapTileUrl.length > MAP_TILE_URL_MAX)
  )
    errors.push({ field: 'mapTileUrl', message: t('org.error.mapTileUrl') });
  if (form.mapAttribution.length > MAP_ATTRIBUTION_MAX)
    errors.push({
      field: 'mapAttribution',
      message: t('org.error.tooLong', { max: MAP_ATTRIBUTION_MAX }),
    });
  else if (form.mapTileUrl && !form.mapAttribution && has('mapAttribution'))
    errors.push({ field: 'mapAttribution', message: t('org.error.mapAttribution') });
  const { timeZone, mapTileUrl, mapAttribution, ...rest } = form;
  const dto = {
    ...rest,
    ...(has('timeZone') ? { timeZone } : {}),
    ...(has('mapTileUrl') ? { mapTileUrl: mapTileUrl || null } : {}),
    ...(has('mapAttribution') ? { mapAttribution: mapAttribution || null } : {}),
  };
  return { values: {}, errors, dto: errors.length ? null : dto };
}

/** The branding form as posted (or as the executor hands it back). */
export function brandingFormOf(body: FormBody): BrandingForm {
  const perLanguage = (prefix: string) =>
    Object.fromEntries(LANGUAGES.map((l) => [l, formText(body, `${prefix}-${l}`)]));
  return {
    logoUrl: formText(body, 'logoUrl'),
    primaryColor: formText(body, 'primaryColor'),
    welcomeText: perLanguage('welcomeText'),
    announcement: perLanguage('announcement'),
  };
}

/** The branding form read: values by field id, and the PATCH body (empty means none). */
export function readBranding({ t }: PageContext, body: FormBody): FormRead<object> {
  const form = brandingFormOf(body);
  const values: Record<string, string> = { logoUrl: form.logoUrl, primaryColor: form.primaryColor };
  for (const l of LANGUAGES) {
    values[`welcomeText-${l}`] = form.welcomeText[l];
    values[`announcement-${l}`] = form.announcement[l];
  }
  const errors: FieldError[] = [];
  if (
    form.logoUrl &&
    (!/^https:\/\/[^\s/]+\.[^\s]+$/i.test(form.logoUrl) || form.logoUrl.length > LOGO_MAX)
  )
    errors.push({ field: 'logoUrl', message: t('org.error.logo') });
  if (form.primaryColor && !HEX.test(form.primaryColor))
    errors.push({ field: 'primaryColor', message: t('org.error.colorFormat') });
  else if (form.primaryColor && contrastWithWhite(form.primaryColor) < 4.5)
    errors.push({
      field: 'primaryColor',
      message: t('org.error.contrast', {
        ratio: contrastWithWhite(form.primaryColor).toFixed(2),
      }),
    });
  for (const l of LANGUAGES) {
    if (form.welcomeText[l].length > WELCOME_MAX)
      errors.push({
        field: `welcomeText-${l}`,
        message: t('org.error.tooLong', { max: WELCOME_MAX }),
      });
    if (form.announcement[l].length > ANNOUNCEMENT_MAX)
      errors.push({
        field: `announcement-${l}`,
        message: t('org.error.tooLong', { max: ANNOUNCEMENT_MAX }),
      });
  }
  const dto = {
    logoUrl: form.logoUrl || null,
    primaryColor: form.primaryColor || null,
    welcomeText: form.welcomeText,
    announcement: form.announcement,
  };
  return { values, errors, dto: errors.length ? null : dto };
}

export interface GrantForm {
  email: string;
  role: string;
  spaceId: string;
}

/** The give-a-role form as posted (or as the executor hands it back). */
export const grantFormOf = (body: FormBody): GrantForm => ({
  email: formText(body, 'email'),
  role: formText(body, 'role'),
  spaceId: formText(body, 'spaceId'),
});

/** The give-a-role form read: one message per field, the space's own rule last. */
export function readGrant(
  { t }: PageContext,
  body: FormBody,
): FormRead<{ email: string; role: string; spaceId?: string }> {
  const form = grantFormOf(body);
  const errors: FieldError[] = [];
  if (!form.email) errors.push({ field: 'email', message: t('form.required') });
  else if (!EMAIL.test(form.email) || form.email.length > 254)
    errors.push({ field: 'email', message: t('form.invalidEmail') });
  if (!(GRANTABLE as readonly string[]).includes(form.role))
    errors.push({ field: 'role', message: t('org.error.role') });
  // One message for the space field: a space that is not one, then the role's rule.
  if (form.spaceId && !UUID.test(form.spaceId))
    errors.push({ field: 'spaceId', message: t('org.error.spaceNeeded') });
  else if (SPACE_ROLES.includes(form.role) && !form.spaceId)
    errors.push({ field: 'spaceId', message: t('org.error.spaceNeeded') });
  else if (form.role === 'org-admin' && form.spaceId)
    errors.push({ field: 'spaceId', message: t('org.error.spaceNotAllowed') });
  const dto = {
    email: form.email,
    role: form.role,
    ...(form.spaceId ? { spaceId: form.spaceId } : {}),
  };
  return { values: { ...form }, errors, dto: errors.length ? null : dto };
}
