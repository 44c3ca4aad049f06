import type { FieldError } from '../html/components';
import { formText } from '../html/form-controls';
import type { I18n } from '../i18n/i18n';
import { isUuid } from '../petition-lifecycle/lifecycle.api';

export const TITLE_LENGTH = { min: 10, max: 200 } as const;
export const BODY_LENGTH = { min: 50, max: 20_000 } as const;

export interface DraftValues {
  typeId: string;
  title: string;
  body: string;
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

/**
 * The draft form as the API expects it (CreatePetitionDto), checked with the
 * same rules so that a person reads what to fix in their language, next to
 * the field, before anything is sent.
 */
export function readDraftForm(
  i18n: I18n,
  body: Record<string, unknown>,
  typeIds: string[],
): { values: DraftValues; errors: FieldError[] } {
  const values: DraftValues = {
    typeId: formText(body, 'typeId'),
    title: formText(body, 'title'),
    body: formText(body, 'body'),
  };
  const errors: FieldError[] = [];
  if (!values.typeId) errors.push({ field: 'typeId', message: i18n.t('mine.form.typeRequired') });
  else if (!isUuid(values.typeId) || (typeIds.length > 0 && !typeIds.includes(values.typeId)))
    errors.push({ field: 'typeId', message: i18n.t('mine.form.typeUnknown') });
  const title = lengthError(i18n, values.title, TITLE_LENGTH);
  if (title) errors.push({ field: 'title', message: title });
  const text = lengthError(i18n, values.body, BODY_LENGTH);
  if (text) errors.push({ field: 'body', message: text });
  return { values, errors };
}
