import type { FieldError } from '../../shared/html/components';
import { formText } from '../../shared/html/form-controls';
import type { I18n } from '../../shared/i18n/i18n';
import { isUuid } from '../../shared/layout/http';
import { lengthError } from '../../shared/forms/form-read';

export const TITLE_LENGTH = { min: 10, max: 200 } as const;
export const BODY_LENGTH = { min: 50, max: 20_000 } as const;

export interface DraftValues {
  typeId: string;
  title: string;
  body: string;
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
