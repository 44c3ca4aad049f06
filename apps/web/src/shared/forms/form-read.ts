/**
 * A form as a page reads it: what was typed (to show it again), the errors
 * keyed by the id of the field to fix, and the API body when it holds. Each
 * domain's form readers return this; the form executor acts on it.
 */
import { TEXT_LANGUAGES, type LocalizedText, type TextLanguage } from '@palabre/contracts';
import type { FieldError } from '../html/components';
import type { I18n } from '../i18n/i18n';

/** A posted form as Fastify parsed it: a field given twice is an array. */
export type FormBody = Record<string, unknown>;

/** What was typed, by field id: strings for most forms; a form with lists or boxes to tick declares its own shape. */
export type FormValues = Record<string, string>;

export interface FormRead<T, V = FormValues> {
  values: V;
  errors: FieldError[];
  dto: T | null;
  /**
   * The post changed the form rather than submitted it (a button that adds,
   * removes or moves a row, so that the form needs no JavaScript): shown
   * again as edited, with a 200, and nothing sent to the API.
   */
  edited?: boolean;
}

/** A form with no fields (a button): its API body is fixed. */
export const fixedForm = <D>(dto: D): FormRead<D> => ({ values: {}, errors: [], dto });

/** A text written per language (ADR 0033) as typed: one string per language, '' when left empty. */
export type TextValues = Record<TextLanguage, string>;

/** The id of a text's control in one language: `name-fr`, `name-en`. */
export const textId = (name: string, lang: TextLanguage) => `${name}-${lang}`;

export const noTexts = (): TextValues => ({ fr: '', en: '' });

/** A stored text as form values. */
export const textValues = (t: LocalizedText | null | undefined): TextValues => ({
  fr: t?.fr ?? '',
  en: t?.en ?? '',
});

/** An https address, as the services accept it. */
export function isHttps(value: string): boolean {
  try {
    const u = new URL(value);
    return u.protocol === 'https:' && u.hostname !== '';
  } catch {
    return false;
  }
}

/** A text's controls as typed (trimmed). */
export function readTexts(body: FormBody, name: string): TextValues {
  const v = (lang: TextLanguage) => {
    const x = body[textId(name, lang)];
    return typeof x === 'string' ? x.replace(/\r\n/g, '\n').trim() : '';
  };
  return { fr: v('fr'), en: v('en') };
}

/** Only the languages written: `{}` when none is. */
export function textBody(t: TextValues): LocalizedText {
  const out: LocalizedText = {};
  for (const lang of TEXT_LANGUAGES) if (t[lang]) out[lang] = t[lang];
  return out;
}

/** Characters as a person counts them (an emoji is one). */
export const charCount = (s: string): number => [...s].length;

/** A length rule as a message next to the field, or undefined when it holds. */
export function lengthError(
  i18n: I18n,
  value: string,
  rule: { min: number; max: number },
): string | undefined {
  const count = charCount(value);
  if (count === 0) return i18n.t('form.required');
  if (count < rule.min) return i18n.t('lifecycle.tooShort', { min: rule.min, count });
  if (count > rule.max) return i18n.t('lifecycle.tooLong', { max: rule.max, count });
  return undefined;
}

/** "2026-11-20" or "20/11/2026" → "2026-11-20", when it is a real date. */
export function parseDay(text: string): string | null {
  const fr = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  const iso = fr
    ? `${fr[3]}-${fr[2].padStart(2, '0')}-${fr[1].padStart(2, '0')}`
    : /^\d{4}-\d{2}-\d{2}$/.test(text)
      ? text
      : null;
  if (!iso) return null;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : null;
}
