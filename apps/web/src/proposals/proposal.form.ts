/**
 * Reading the participants' forms: every rule the API has is checked here
 * first, so that each field gets its own message in the visitor's language;
 * what the API still refuses comes back next to the field it names.
 */
import type { FieldError } from '../shared/html/components';
import { formText } from '../shared/html/form-controls';
import type { I18n } from '../shared/i18n/i18n';
import {
  ADDRESS_MAX,
  AREA_MAX,
  BEHALF_MAX,
  BODY_MIN,
  COMMENT_MAX,
  COMMENT_MIN,
  REPORT_DETAILS_MAX,
  REPORT_REASONS,
  STANCES,
  TITLE_MAX,
  TITLE_MIN,
  limitsOf,
  type Where,
} from './proposals.api';
import { charCount, type FormRead } from '../shared/forms/form-read';

export interface ProposalDto {
  title: string;
  body: string;
  address?: string;
  area?: string;
  onBehalfOf?: string;
}

/**
 * A proposal within its component's limits. A new one may be written on
 * someone's behalf; an edit may not, and clears an address or area left empty.
 */
export function readProposal(
  i18n: I18n,
  body: Record<string, unknown>,
  w: Where,
  edit = false,
): FormRead<ProposalDto & { address?: string | null; area?: string | null }> {
  const opts = { maxBody: limitsOf(w.effective).proposalLength, behalf: !edit, edit };
  const names = ['title', 'body', 'address', 'area', ...(opts.behalf ? ['onBehalfOf'] : [])];
  const values = Object.fromEntries(names.map((n) => [n, formText(body, n)]));
  const errors: FieldError[] = [];
  const { title, body: text, address, area, onBehalfOf } = values;
  if (charCount(title) < TITLE_MIN || charCount(title) > TITLE_MAX)
    errors.push({
      field: 'title',
      message: i18n.t('proposals.error.title', { min: TITLE_MIN, max: TITLE_MAX }),
    });
  if (charCount(text) < BODY_MIN || text.length > opts.maxBody)
    errors.push({
      field: 'body',
      message: i18n.t('proposals.error.body', { min: BODY_MIN, max: opts.maxBody }),
    });
  if (charCount(address) > ADDRESS_MAX)
    errors.push({
      field: 'address',
      message: i18n.t('proposals.error.tooLong', { max: ADDRESS_MAX }),
    });
  if (charCount(area) > AREA_MAX)
    errors.push({ field: 'area', message: i18n.t('proposals.error.tooLong', { max: AREA_MAX }) });
  if (opts.behalf && charCount(onBehalfOf) > BEHALF_MAX)
    errors.push({
      field: 'onBehalfOf',
      message: i18n.t('proposals.error.tooLong', { max: BEHALF_MAX }),
    });
  if (errors.length) return { values, errors, dto: null };
  // An edit clears an address or area left empty; a new proposal just has none.
  const optional = (v: string) => (v ? v : opts.edit ? null : undefined);
  return {
    values,
    errors,
    dto: {
      title,
      body: text,
      ...(optional(address) !== undefined ? { address: optional(address) } : {}),
      ...(optional(area) !== undefined ? { area: optional(area) } : {}),
      ...(opts.behalf && onBehalfOf ? { onBehalfOf } : {}),
    } as ProposalDto,
  };
}

export interface CommentDto {
  body: string;
  stance: (typeof STANCES)[number];
  parentId?: string;
}

export function readComment(i18n: I18n, body: Record<string, unknown>): FormRead<CommentDto> {
  const values = { body: formText(body, 'body'), stance: formText(body, 'stance') };
  const errors: FieldError[] = [];
  if (charCount(values.body) < COMMENT_MIN || charCount(values.body) > COMMENT_MAX)
    errors.push({
      field: 'body',
      message: i18n.t('proposals.error.comment', { min: COMMENT_MIN, max: COMMENT_MAX }),
    });
  const stance = values.stance || 'neutral';
  if (!STANCES.includes(stance as CommentDto['stance']))
    errors.push({ field: 'stance', message: i18n.t('proposals.error.stance') });
  if (errors.length) return { values, errors, dto: null };
  return { values, errors, dto: { body: values.body, stance: stance as CommentDto['stance'] } };
}

export interface ReportDto {
  reason: (typeof REPORT_REASONS)[number];
  details?: string;
}

export function readReport(i18n: I18n, body: Record<string, unknown>): FormRead<ReportDto> {
  const values = { reason: formText(body, 'reason'), details: formText(body, 'details') };
  const errors: FieldError[] = [];
  if (!REPORT_REASONS.includes(values.reason as ReportDto['reason']))
    errors.push({ field: 'reason', message: i18n.t('proposals.error.reason') });
  if (charCount(values.details) > REPORT_DETAILS_MAX)
    errors.push({
      field: 'details',
      message: i18n.t('proposals.error.tooLong', { max: REPORT_DETAILS_MAX }),
    });
  if (errors.length) return { values, errors, dto: null };
  return {
    values,
    errors,
    dto: {
      reason: values.reason as ReportDto['reason'],
      ...(values.details ? { details: values.details } : {}),
    },
  };
}
