/**
 * The back-office forms of budgeting, read and checked: what was typed (to
 * show back), the errors per field (keyed by the control's id), and the API
 * body when valid. Amounts are typed in euros ("300 000", "12,50") and sent
 * in cents.
 */
import type { FieldError } from '../../shared/html/components';
import { formText, parseInteger } from '../../shared/html/form-controls';
import type { I18n } from '../../shared/i18n/i18n';
import { isUuid } from '../../shared/layout/http';
import { RESULT_STATUSES, RULES, type RuleKind } from '../budgets.api';
import { TEXT_LANGUAGES, type LocalizedText } from '@palabre/contracts';
import {
  charCount,
  readTexts,
  textBody,
  textId,
  textValues,
  type FormRead,
  type TextValues,
} from '../../shared/forms/form-read';

export type Values = Record<string, string>;

const AREA = /^[\p{L}\p{N}][\p{L}\p{N} '’.-]{0,59}$/u;
const MAX_CENTS = 100_000_000_000;

/** "300 000", "300000 €", "12,50" → cents; null when not an amount. */
export function parseEuros(text: string): number | null {
  const t = text.replace(/[\s\u00a0\u202f€]/g, '').replace(',', '.');
  if (!/^\d{1,10}(\.\d{1,2})?$/.test(t)) return null;
  return Math.round(Number(t) * 100);
}

/** Cents as typed back into a form: "300000" or "12.5" → "12,50" in French. */
export function centsToText(cents: number, locale: string): string {
  const whole = cents % 100 === 0;
  const s = whole ? String(cents / 100) : (cents / 100).toFixed(2);
  return locale === 'fr' ? s.replace('.', ',') : s;
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** The service's limits per language (CreateBudgetDto, CreateProjectDto). */
export const TITLE_MAX = 200;
export const DESCRIPTION_MAX = 20_000;

/** A text per language (ADR 0033) as the form's values hold it: `title-fr`, `title-en`. */
export const textsOf = (v: Values, name: string): TextValues => ({
  fr: v[textId(name, 'fr')] ?? '',
  en: v[textId(name, 'en')] ?? '',
});

/** A stored text as the form's values. */
export const textEntries = (name: string, t: LocalizedText | null | undefined): Values => {
  const values = textValues(t);
  return Object.fromEntries(TEXT_LANGUAGES.map((lang) => [textId(name, lang), values[lang]]));
};

/**
 * The title and the description as typed, per language: a title in one
 * language at least (else said next to its French control), each language
 * within its limit (said next to that language's control).
 */
function readTitleAndDescription(
  i18n: I18n,
  body: Record<string, unknown>,
  v: Values,
  errors: FieldError[],
  missing: Parameters<I18n['t']>[0],
): { title: LocalizedText; description: LocalizedText } {
  for (const name of ['title', 'description'])
    Object.assign(v, textEntries(name, readTexts(body, name)));
  const title = textsOf(v, 'title');
  const description = textsOf(v, 'description');
  if (!title.fr && !title.en)
    errors.push({ field: textId('title', 'fr'), message: i18n.t(missing) });
  for (const [name, text, max] of [
    ['title', title, TITLE_MAX],
    ['description', description, DESCRIPTION_MAX],
  ] as const)
    for (const lang of TEXT_LANGUAGES)
      if (charCount(text[lang]) > max)
        errors.push({
          field: textId(name, lang),
          message: i18n.t('budgetsAdmin.error.tooLong', { max }),
        });
  return { title: textBody(title), description: textBody(description) };
}

/** A text's API fields → its controls: `title.en` → `title-en`; `title` (none written) → the French one. */
const textFields = (name: string): Record<string, string> =>
  Object.fromEntries([
    ...TEXT_LANGUAGES.map((lang) => [`${name}.${lang}`, textId(name, lang)]),
    [name, textId(name, 'fr')],
  ]);

export interface BudgetDto {
  title: LocalizedText;
  description: LocalizedText;
  envelopeCents: number;
  area?: string | null;
  rule: RuleKind;
  minimumPercent?: number;
  minimumProjects?: number;
  maximumProjects?: number;
  position?: number;
}

export const BUDGET_FIELDS: Record<string, string> = {
  ...textFields('title'),
  ...textFields('description'),
  envelopeCents: 'envelope',
  area: 'area',
  rule: 'rule',
  minimumPercent: 'minimumPercent',
  minimumProjects: 'minimumProjects',
  maximumProjects: 'maximumProjects',
  position: 'position',
};

export function readBudget(
  i18n: I18n,
  body: Record<string, unknown>,
  editing: boolean,
): FormRead<BudgetDto> {
  const v: Values = {};
  for (const k of [
    'envelope',
    'area',
    'rule',
    'minimumPercent',
    'minimumProjects',
    'maximumProjects',
    'position',
  ])
    v[k] = formText(body, k);
  const errors: FieldError[] = [];
  const err = (
    field: string,
    key: Parameters<I18n['t']>[0],
    params: Record<string, string | number> = {},
  ) => errors.push({ field, message: i18n.t(key, params) });
  const texts = readTitleAndDescription(i18n, body, v, errors, 'budgetsAdmin.error.title');
  const envelope = parseEuros(v.envelope);
  if (envelope === null || envelope < 1 || envelope > MAX_CENTS)
    err('envelope', 'budgetsAdmin.error.amount');
  if (v.area && !AREA.test(v.area)) err('area', 'budgetsAdmin.error.area');
  const rule = RULES.find((r) => r === v.rule);
  if (!rule) err('rule', 'budgetsAdmin.error.rule');
  const int = (field: string, min: number, max: number, needed: boolean) => {
    if (!v[field]) {
      if (needed) err(field, 'budgetsAdmin.error.required');
      return undefined;
    }
    const n = parseInteger(v[field]);
    if (n === null || n < min || n > max) {
      err(field, 'budgetsAdmin.error.between', { min, max });
      return undefined;
    }
    return n;
  };
  const minimumPercent = int('minimumPercent', 0, 100, rule === 'minimum');
  const minimumProjects = int(
    'minimumProjects',
    1,
    1000,
    rule === 'minimum_projects' || rule === 'projects_range',
  );
  const maximumProjects = int('maximumProjects', 1, 1000, rule === 'projects_range');
  const position = int('position', 0, 1000, false);
  if (
    rule === 'projects_range' &&
    minimumProjects !== undefined &&
    maximumProjects !== undefined &&
    maximumProjects < minimumProjects
  )
    err('maximumProjects', 'budgetsAdmin.error.maxBelowMin');
  if (errors.length || !rule || envelope === null) return { values: v, errors, dto: null };
  return {
    values: v,
    errors,
    dto: {
      ...texts,
      envelopeCents: envelope,
      ...(v.area ? { area: v.area } : editing ? { area: null } : {}),
      rule,
      ...(rule === 'minimum' ? { minimumPercent } : {}),
      ...(rule !== 'minimum' ? { minimumProjects } : {}),
      ...(rule === 'projects_range' ? { maximumProjects } : {}),
      ...(position !== undefined ? { position } : {}),
    },
  };
}

export interface ProjectDto {
  title: LocalizedText;
  description: LocalizedText;
  amountCents: number;
  area?: string | null;
  imageUrls: string[];
  address: string;
  proposalIds: string[];
}

export const PROJECT_FIELDS: Record<string, string> = {
  ...textFields('title'),
  ...textFields('description'),
  amountCents: 'amount',
  area: 'area',
  imageUrls: 'imageUrls',
  address: 'address',
  proposalIds: 'proposalIds',
};

export function readProject(
  i18n: I18n,
  body: Record<string, unknown>,
  editing: boolean,
): FormRead<ProjectDto> {
  const v: Values = {};
  for (const k of ['amount', 'area', 'imageUrls', 'address', 'proposalIds'])
    v[k] = formText(body, k);
  const errors: FieldError[] = [];
  const err = (
    field: string,
    key: Parameters<I18n['t']>[0],
    params: Record<string, string | number> = {},
  ) => errors.push({ field, message: i18n.t(key, params) });
  const texts = readTitleAndDescription(i18n, body, v, errors, 'budgetsAdmin.error.projectTitle');
  const amount = parseEuros(v.amount);
  if (amount === null || amount < 1 || amount > MAX_CENTS)
    err('amount', 'budgetsAdmin.error.amount');
  if (v.area && !AREA.test(v.area)) err('area', 'budgetsAdmin.error.area');
  const images = lines(v.imageUrls);
  if (
    images.length > 10 ||
    images.some((u) => !/^https:\/\/[^\s/]+\.[^\s]+$/.test(u) || u.length > 2000)
  )
    err('imageUrls', 'budgetsAdmin.error.imageUrls');
  if (v.address.length > 300) err('address', 'budgetsAdmin.error.tooLong', { max: 300 });
  const proposals = lines(v.proposalIds);
  if (proposals.length > 50 || !proposals.every(isUuid))
    err('proposalIds', 'budgetsAdmin.error.proposalIds');
  if (errors.length || amount === null) return { values: v, errors, dto: null };
  return {
    values: v,
    errors,
    dto: {
      ...texts,
      amountCents: amount,
      ...(v.area ? { area: v.area } : editing ? { area: null } : {}),
      imageUrls: images,
      address: v.address,
      proposalIds: proposals,
    },
  };
}

export function readWithdraw(
  i18n: I18n,
  body: Record<string, unknown>,
): FormRead<{ reason: string }> {
  const reason = formText(body, 'reason');
  const errors =
    reason.length < 5 || reason.length > 2000
      ? [{ field: 'reason', message: i18n.t('budgetsAdmin.error.reason') }]
      : [];
  return { values: { reason }, errors, dto: errors.length ? null : { reason } };
}

/** Which paper entry to void (one of `ids`), and why. */
export function readVoid(
  i18n: I18n,
  body: Record<string, unknown>,
  ids: string[],
): FormRead<{ entry: string; reason: string }> {
  const entry = formText(body, 'entry');
  const reason = formText(body, 'reason');
  const errors: FieldError[] = [];
  if (!ids.includes(entry))
    errors.push({ field: 'entry', message: i18n.t('budgetsAdmin.error.voidEntry') });
  if (reason.length < 5 || reason.length > 2000)
    errors.push({ field: 'reason', message: i18n.t('budgetsAdmin.error.voidReason') });
  const read = { entry, reason };
  return { values: read, errors, dto: errors.length ? null : read };
}

export interface PaperDto {
  station: string;
  ballots: number;
  votes: { projectId: string; votes: number }[];
  note: string;
}

export const voteField = (projectId: string) => `votes-${projectId}`;

export function readPaper(
  i18n: I18n,
  body: Record<string, unknown>,
  projectIds: string[],
): FormRead<PaperDto> {
  const v: Values = {
    station: formText(body, 'station'),
    ballots: formText(body, 'ballots'),
    note: formText(body, 'note'),
  };
  for (const id of projectIds) v[voteField(id)] = formText(body, voteField(id));
  const errors: FieldError[] = [];
  if (v.station.length < 2 || v.station.length > 200)
    errors.push({ field: 'station', message: i18n.t('budgetsAdmin.error.station') });
  const ballots = parseInteger(v.ballots);
  if (ballots === null || ballots < 1 || ballots > 10_000_000)
    errors.push({ field: 'ballots', message: i18n.t('budgetsAdmin.error.ballots') });
  const votes: PaperDto['votes'] = [];
  for (const id of projectIds) {
    const text = v[voteField(id)];
    if (!text) continue;
    const n = parseInteger(text);
    if (n === null || n < 0)
      errors.push({ field: voteField(id), message: i18n.t('budgetsAdmin.error.votes') });
    else if (ballots !== null && n > ballots)
      errors.push({
        field: voteField(id),
        message: i18n.t('budgetsAdmin.error.votesOverBallots', { ballots }),
      });
    else votes.push({ projectId: id, votes: n });
  }
  if (votes.length === 0 && !errors.some((e) => e.field.startsWith('votes-')) && projectIds.length)
    errors.push({ field: voteField(projectIds[0]), message: i18n.t('budgetsAdmin.error.noVotes') });
  if (v.note.length > 2000)
    errors.push({ field: 'note', message: i18n.t('budgetsAdmin.error.tooLong', { max: 2000 }) });
  if (errors.length || ballots === null) return { values: v, errors, dto: null };
  return { values: v, errors, dto: { station: v.station, ballots, votes, note: v.note } };
}

export interface ProgressDto {
  status?: string;
  progress?: number;
}

export function readProgress(
  i18n: I18n,
  body: Record<string, unknown>,
  prefix: string,
): FormRead<ProgressDto> {
  const v: Values = { status: formText(body, 'status'), progress: formText(body, 'progress') };
  const errors: FieldError[] = [];
  const status = RESULT_STATUSES.find((s) => s === v.status);
  if (v.status && !status)
    errors.push({ field: `${prefix}status`, message: i18n.t('budgetsAdmin.error.status') });
  let progress: number | undefined;
  if (v.progress) {
    const n = parseInteger(v.progress.replace('%', '').trim());
    if (n === null || n < 0 || n > 100)
      errors.push({
        field: `${prefix}progress`,
        message: i18n.t('budgetsAdmin.error.between', { min: 0, max: 100 }),
      });
    else progress = n;
  }
  return {
    values: v,
    errors,
    dto: errors.length
      ? null
      : { ...(status ? { status } : {}), ...(progress !== undefined ? { progress } : {}) },
  };
}

export interface UpdateDto extends ProgressDto {
  date: string;
  text: string;
  photoUrls: string[];
}

export function readUpdate(i18n: I18n, body: Record<string, unknown>): FormRead<UpdateDto> {
  const base = readProgress(i18n, body, 'update-');
  const v: Values = {
    ...base.values,
    date: formText(body, 'date'),
    text: formText(body, 'text'),
    photoUrls: formText(body, 'photoUrls'),
  };
  const errors = [...base.errors];
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v.date) || Number.isNaN(Date.parse(`${v.date}T12:00:00Z`)))
    errors.push({ field: 'update-date', message: i18n.t('budgetsAdmin.error.date') });
  if (!v.text || v.text.length > 5000)
    errors.push({ field: 'update-text', message: i18n.t('budgetsAdmin.error.updateText') });
  const photos = lines(v.photoUrls);
  if (
    photos.length > 10 ||
    photos.some((u) => !/^https:\/\/[^\s/]+\.[^\s]+$/.test(u) || u.length > 2000)
  )
    errors.push({ field: 'update-photoUrls', message: i18n.t('budgetsAdmin.error.imageUrls') });
  if (errors.length || !base.dto) return { values: v, errors, dto: null };
  return { values: v, errors, dto: { ...base.dto, date: v.date, text: v.text, photoUrls: photos } };
}

export const STATUSES = RESULT_STATUSES;
