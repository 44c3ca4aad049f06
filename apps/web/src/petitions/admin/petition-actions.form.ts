/**
 * The back-office forms on one petition, read with the rules of the API's
 * DTOs (ReviewDto, CloseDto, AnswerDto, OfflineCountDto): each returns what
 * was typed (to show again), the API body when valid, and errors by field id.
 */
import type { FieldError } from '../../shared/html/components';
import { formText, parseInteger } from '../../shared/html/form-controls';
import type { I18n } from '../../shared/i18n/i18n';
import {
  charCount,
  lengthError,
  parseDay,
  type FormBody,
  type FormRead,
} from '../../shared/forms/form-read';

export const REASON_LENGTH = { min: 5, max: 2000 } as const;
export const ANSWER_LENGTH = { min: 5, max: 20_000 } as const;
export const OFFLINE_MAX = 10_000_000;

export function readReject(
  i18n: I18n,
  body: FormBody,
): FormRead<{ decision: 'reject'; reason: string }> {
  const reason = formText(body, 'reason');
  const error = lengthError(i18n, reason, REASON_LENGTH);
  return {
    values: { reason },
    dto: error ? null : { decision: 'reject', reason },
    errors: error ? [{ field: 'reason', message: error }] : [],
  };
}

export function readClose(i18n: I18n, body: FormBody): FormRead<{ reason: string }> {
  const reason = formText(body, 'closeReason');
  const error = lengthError(i18n, reason, REASON_LENGTH);
  return {
    values: { closeReason: reason },
    dto: error ? null : { reason },
    errors: error ? [{ field: 'closeReason', message: error }] : [],
  };
}

export function readOffline(
  i18n: I18n,
  body: FormBody,
): FormRead<{ count: number; source: string; note?: string }> {
  const values = {
    count: formText(body, 'count'),
    source: formText(body, 'source'),
    note: formText(body, 'note'),
  };
  const errors: FieldError[] = [];
  const count = parseInteger(values.count);
  if (!values.count) errors.push({ field: 'count', message: i18n.t('form.required') });
  else if (count === null || count === 0 || Math.abs(count) > OFFLINE_MAX)
    errors.push({
      field: 'count',
      message: i18n.t('admin.offline.countInvalid', { max: OFFLINE_MAX }),
    });
  const source = lengthError(i18n, values.source, { min: 2, max: 200 });
  if (source) errors.push({ field: 'source', message: source });
  if (charCount(values.note) > 2000)
    errors.push({
      field: 'note',
      message: i18n.t('lifecycle.tooLong', { max: 2000, count: charCount(values.note) }),
    });
  return {
    values,
    errors,
    dto:
      errors.length || count === null
        ? null
        : { count, source: values.source, ...(values.note ? { note: values.note } : {}) },
  };
}

export function readAnswer(
  i18n: I18n,
  body: FormBody,
): FormRead<{ text: string; date: string; url?: string }> {
  const values = {
    answerText: formText(body, 'answerText'),
    answerDate: formText(body, 'answerDate'),
    answerUrl: formText(body, 'answerUrl'),
  };
  const errors: FieldError[] = [];
  const text = lengthError(i18n, values.answerText, ANSWER_LENGTH);
  if (text) errors.push({ field: 'answerText', message: text });
  const date = parseDay(values.answerDate);
  if (!values.answerDate) errors.push({ field: 'answerDate', message: i18n.t('form.required') });
  else if (!date) errors.push({ field: 'answerDate', message: i18n.t('admin.answer.dateInvalid') });
  if (values.answerUrl) {
    let ok = false;
    try {
      const u = new URL(values.answerUrl);
      ok = (u.protocol === 'https:' || u.protocol === 'http:') && u.hostname.includes('.');
    } catch {
      ok = false;
    }
    if (!ok || values.answerUrl.length > 2000)
      errors.push({ field: 'answerUrl', message: i18n.t('admin.answer.urlInvalid') });
  }
  return {
    values,
    errors,
    dto:
      errors.length || !date
        ? null
        : {
            text: values.answerText,
            date,
            ...(values.answerUrl ? { url: values.answerUrl } : {}),
          },
  };
}
