/**
 * The administrators' draw forms, read and checked with the sortitions
 * service's rules (draw.dto.ts, pool-csv.ts): what was typed (to show back),
 * the errors per field (keyed by the control's id), and the API body when
 * valid. The time the public numbers will be revealed is typed as a
 * wall-clock time (`datetime-local`) in the organization's zone. A panel's
 * quotas are rows of four controls (category, value, minimum, maximum), as
 * many rows as asked for by the "more rows" button (a post that only edits
 * the form: no JavaScript); its pool is CSV pasted in a text area, checked
 * line by line before it is sent so that the page names the line to fix.
 */
import { TEXT_LANGUAGES, type LocalizedText } from '@palabre/contracts';
import {
  charCount,
  readTexts,
  textBody,
  textId,
  type FormBody,
  type FormRead,
  type TextValues,
} from '../../shared/forms/form-read';
import { instantOf, parseWallClock } from '../../shared/forms/wall-clock';
import type { FieldError } from '../../shared/html/components';
import { formText, parseInteger } from '../../shared/html/form-controls';
import type { I18n, MessageKey } from '../../shared/i18n/i18n';

export type Values = Record<string, string>;

/** The service's limits (draw.dto.ts, pool-csv.ts). */
export const LIMITS = {
  title: 200,
  description: 10_000,
  area: 200,
  count: 1000,
  size: 1000,
  quotaText: 100,
  quotas: 500,
  pool: 4_000_000,
  volunteers: 100_000,
  publicNumbers: 500,
  witnesses: 2000,
  reason: 2000,
} as const;

/** Quota rows a new panel form shows, and how many more the "more rows" button adds. */
export const QUOTA_ROWS = 12;
export const MORE_ROWS = 6;
/** The most rows the page draws (the service takes 500 quotas; a panel has a few dozen). */
export const MAX_ROWS = 120;

/** The pool's identifier: a register's number, never a name (pool-csv.ts). */
const ID = /^[A-Za-z0-9._-]{1,64}$/;

/** The controls of the proposals draw's form and of the panel's: ids never shared on one page. */
export const PANEL = 'panel';
export const quotaId = (row: number, part: 'category' | 'value' | 'min' | 'max') =>
  `quota-${row}-${part}`;

/** Collects errors with the page's words (the first per field). */
class Errors {
  readonly list: FieldError[] = [];
  constructor(private readonly i18n: I18n) {}
  add(field: string, key: MessageKey, params: Record<string, string | number> = {}) {
    if (!this.list.some((e) => e.field === field))
      this.list.push({ field, message: this.i18n.t(key, params) });
  }
}

const textEntries = (name: string, t: TextValues): Values =>
  Object.fromEntries(TEXT_LANGUAGES.map((lang) => [textId(name, lang), t[lang]]));

export const textsOf = (v: Values, name: string): TextValues => ({
  fr: v[textId(name, 'fr')] ?? '',
  en: v[textId(name, 'en')] ?? '',
});

/** A text's API fields → its controls: `title.en` → `<id>-en`; `title` → the French one. */
export const textFields = (api: string, id = api): Record<string, string> =>
  Object.fromEntries([
    ...TEXT_LANGUAGES.map((lang) => [`${api}.${lang}`, textId(id, lang)]),
    [api, textId(id, 'fr')],
  ]);

function readText(
  body: FormBody,
  v: Values,
  e: Errors,
  name: string,
  max: number,
  required?: MessageKey,
): LocalizedText {
  Object.assign(v, textEntries(name, readTexts(body, name)));
  const t = textsOf(v, name);
  for (const lang of TEXT_LANGUAGES)
    if (charCount(t[lang]) > max)
      e.add(textId(name, lang), 'sortitionsAdmin.error.tooLong', { max });
  if (required && !t.fr && !t.en) e.add(textId(name, 'fr'), required);
  return textBody(t);
}

/** A whole number from `min` to `max` typed in `field`, or undefined (the error said). */
function readWhole(
  v: Values,
  e: Errors,
  field: string,
  min: number,
  max: number,
): number | undefined {
  const n = parseInteger(v[field] ?? '');
  if (v[field] === '') e.add(field, 'sortitionsAdmin.error.required');
  else if (n === null || n < min || n > max)
    e.add(field, 'sortitionsAdmin.error.whole', { min, max });
  else return n;
  return undefined;
}

/** When the numbers will be revealed: a wall-clock time in `zone`, later than now. */
function readRevealAt(v: Values, e: Errors, field: string, zone: string): string | undefined {
  if (!v[field]) {
    e.add(field, 'sortitionsAdmin.error.revealAtRequired');
    return undefined;
  }
  const wall = parseWallClock(v[field]);
  const instant = wall && instantOf(wall, zone);
  if (!instant) e.add(field, 'sortitionsAdmin.error.date');
  else if (Date.parse(instant) <= Date.now()) e.add(field, 'sortitionsAdmin.error.revealAtPast');
  else return instant;
  return undefined;
}

interface DrawBase {
  title: LocalizedText;
  description?: LocalizedText;
  revealAt: string;
}

// --- a draw among proposals -------------------------------------------------------------

export interface ProposalsDrawBody extends DrawBase {
  proposalsComponentId: string;
  area?: string;
  count: number;
}

export const PROPOSALS_FIELDS: Record<string, string> = {
  ...textFields('title'),
  ...textFields('description'),
  revealAt: 'revealAt',
  proposalsComponentId: 'source',
  area: 'area',
  count: 'count',
};

/** The proposals draw's form; `sources`: the ids of the space's proposals components. */
export function readProposalsDraw(
  i18n: I18n,
  body: FormBody,
  zone: string,
  sources: string[],
): FormRead<ProposalsDrawBody> {
  const v: Values = {
    source: formText(body, 'source'),
    area: formText(body, 'area'),
    count: formText(body, 'count'),
    revealAt: formText(body, 'revealAt'),
  };
  const e = new Errors(i18n);
  const title = readText(body, v, e, 'title', LIMITS.title, 'sortitionsAdmin.error.title');
  const description = readText(body, v, e, 'description', LIMITS.description);
  if (!sources.includes(v.source)) e.add('source', 'sortitionsAdmin.error.source');
  if (charCount(v.area) > LIMITS.area)
    e.add('area', 'sortitionsAdmin.error.tooLong', { max: LIMITS.area });
  const count = readWhole(v, e, 'count', 1, LIMITS.count);
  const revealAt = readRevealAt(v, e, 'revealAt', zone);
  if (e.list.length || count === undefined || revealAt === undefined)
    return { values: v, errors: e.list, dto: null };
  return {
    values: v,
    errors: [],
    dto: {
      title,
      ...(Object.keys(description).length ? { description } : {}),
      revealAt,
      proposalsComponentId: v.source,
      ...(v.area ? { area: v.area } : {}),
      count,
    },
  };
}

// --- a citizens' panel ---------------------------------------------------------------------

export interface QuotaBody {
  category: string;
  value: string;
  min?: number;
  max?: number;
}

export interface PanelDrawBody extends DrawBase {
  size: number;
  quotas: QuotaBody[];
  pool: string;
}

/** What the panel's form sends, and the form row each quota came from (for the API's refusals). */
export interface PanelDraw {
  body: PanelDrawBody;
  rows: number[];
}

export const PANEL_FIELDS: Record<string, string> = {
  ...textFields('title', `${PANEL}-title`),
  ...textFields('description', `${PANEL}-description`),
  revealAt: `${PANEL}-revealAt`,
  size: 'size',
  pool: 'pool',
  quotas: quotaId(0, 'category'),
};

/** How many quota rows the form shows. */
export const rowsOf = (v: Values): number => {
  const n = parseInteger(v.rows ?? '');
  return n === null ? QUOTA_ROWS : Math.min(MAX_ROWS, Math.max(QUOTA_ROWS, n));
};

/** What a pool's check found wrong: its line (1 is the header) and why, in the page's words. */
export interface PoolFault {
  line: number;
  key: MessageKey;
  params?: Record<string, string | number>;
}

/**
 * The pool checked as the service reads it (pool-csv.ts): a header `id,<category>,…`
 * naming the quotas' categories, then one volunteer per line, commas or semicolons, every
 * identifier a register's number given once, every value one of its category's quotas.
 * A pool with quotation marks is left to the service (a quoted field may hold a comma).
 * Gives the first fault, or the number of volunteers.
 */
export function checkPool(
  text: string,
  quotas: Map<string, Set<string>>,
): { fault: PoolFault } | { volunteers: number } {
  const replaced = text.indexOf('\ufffd');
  if (replaced >= 0)
    return {
      fault: {
        line: text.slice(0, replaced).split('\n').length,
        key: 'sortitionsAdmin.pool.encoding',
      },
    };
  const lines = text.replace(/^\ufeff/, '').split(/\r?\n/);
  const rows = lines
    .map((l, i) => ({ line: i + 1, cells: l.split(/[,;]/).map((c) => c.trim()) }))
    .filter((r) => r.cells.some((c) => c !== ''));
  if (!rows.length) return { fault: { line: 1, key: 'sortitionsAdmin.pool.empty' } };
  if (text.includes('"')) return { volunteers: rows.length - 1 };
  const [head, ...people] = rows;
  const categories = head.cells.slice(1);
  const f = (line: number, key: MessageKey, params?: Record<string, string | number>) => ({
    fault: { line, key, params },
  });
  if (!categories.length) return f(head.line, 'sortitionsAdmin.pool.noCategory');
  const seen = new Set<string>();
  for (const c of categories) {
    if (!c) return f(head.line, 'sortitionsAdmin.pool.unnamedCategory');
    if (seen.has(c)) return f(head.line, 'sortitionsAdmin.pool.categoryTwice', { category: c });
    if (!quotas.has(c))
      return f(head.line, 'sortitionsAdmin.pool.categoryNoQuota', { category: c });
    seen.add(c);
  }
  for (const c of quotas.keys())
    if (!seen.has(c)) return f(head.line, 'sortitionsAdmin.pool.quotaNoColumn', { category: c });
  if (people.length > LIMITS.volunteers)
    return f(LIMITS.volunteers + 2, 'sortitionsAdmin.pool.tooMany', { max: LIMITS.volunteers });
  const ids = new Map<string, number>();
  for (const { line, cells } of people) {
    if (cells.length !== head.cells.length)
      return f(line, 'sortitionsAdmin.pool.columns', {
        count: cells.length,
        expected: head.cells.length,
      });
    const [id, ...values] = cells;
    if (!ID.test(id)) return f(line, 'sortitionsAdmin.pool.identifier', { id: id.slice(0, 70) });
    const earlier = ids.get(id);
    if (earlier !== undefined) return f(line, 'sortitionsAdmin.pool.duplicate', { id, earlier });
    ids.set(id, line);
    for (let i = 0; i < values.length; i++) {
      const category = categories[i];
      if (!values[i]) return f(line, 'sortitionsAdmin.pool.noValue', { category });
      if (values[i].length > LIMITS.quotaText)
        return f(line, 'sortitionsAdmin.pool.valueTooLong', { category, max: LIMITS.quotaText });
      if (!quotas.get(category)?.has(values[i]))
        return f(line, 'sortitionsAdmin.pool.unknownValue', { value: values[i], category });
    }
  }
  if (!people.length) return f(2, 'sortitionsAdmin.pool.noVolunteer');
  return { volunteers: people.length };
}

/** A pool's fault as its field's message: "Line 4 of the pool: …". */
export const poolMessage = (i18n: I18n, fault: PoolFault): string =>
  i18n.t('sortitionsAdmin.pool.line', { line: fault.line, why: i18n.t(fault.key, fault.params) });

/** The panel's form: read, checked, or only edited (more quota rows). */
export function readPanelDraw(i18n: I18n, body: FormBody, zone: string): FormRead<PanelDraw> {
  const rows = rowsOf({ rows: formText(body, 'rows') });
  const v: Values = {
    size: formText(body, 'size'),
    [`${PANEL}-revealAt`]: formText(body, `${PANEL}-revealAt`),
    pool: typeof body.pool === 'string' ? body.pool.replace(/\r\n/g, '\n') : '',
  };
  for (let row = 0; row < rows; row++)
    for (const part of ['category', 'value', 'min', 'max'] as const)
      v[quotaId(row, part)] = formText(body, quotaId(row, part));
  const e = new Errors(i18n);
  const title = readText(body, v, e, `${PANEL}-title`, LIMITS.title, 'sortitionsAdmin.error.title');
  const description = readText(body, v, e, `${PANEL}-description`, LIMITS.description);
  if (body.moreRows !== undefined) {
    // Only more rows: the form comes back as typed, with six empty rows more.
    v.rows = String(Math.min(MAX_ROWS, rows + MORE_ROWS));
    return { values: v, errors: [], dto: null, edited: true };
  }
  v.rows = String(rows);
  const size = readWhole(v, e, 'size', 1, LIMITS.size);
  const revealAt = readRevealAt(v, e, `${PANEL}-revealAt`, zone);

  const quotas: QuotaBody[] = [];
  const from: number[] = [];
  const known = new Map<string, Set<string>>();
  for (let row = 0; row < rows; row++) {
    const [category, value, min, max] = (['category', 'value', 'min', 'max'] as const).map(
      (part) => v[quotaId(row, part)],
    );
    if (!category && !value && !min && !max) continue;
    let ok = true;
    for (const [part, text] of [
      ['category', category],
      ['value', value],
    ] as const) {
      if (!text) {
        e.add(quotaId(row, part), 'sortitionsAdmin.error.quotaPart', { row: row + 1 });
        ok = false;
      } else if (charCount(text) > LIMITS.quotaText) {
        e.add(quotaId(row, part), 'sortitionsAdmin.error.tooLong', { max: LIMITS.quotaText });
        ok = false;
      }
    }
    const bound = (part: 'min' | 'max', text: string) => {
      if (!text) return undefined;
      const n = parseInteger(text);
      if (n === null || n < 0 || n > LIMITS.size) {
        e.add(quotaId(row, part), 'sortitionsAdmin.error.bound', {
          row: row + 1,
          max: LIMITS.size,
        });
        ok = false;
        return undefined;
      }
      return n;
    };
    const lo = bound('min', min);
    const hi = bound('max', max);
    if (lo !== undefined && hi !== undefined && lo > hi) {
      e.add(quotaId(row, 'min'), 'sortitionsAdmin.error.minAboveMax', { row: row + 1 });
      ok = false;
    }
    if (known.get(category)?.has(value)) {
      e.add(quotaId(row, 'value'), 'sortitionsAdmin.error.quotaTwice', {
        row: row + 1,
        category,
        value,
      });
      ok = false;
    }
    if (!ok) continue;
    known.set(category, (known.get(category) ?? new Set<string>()).add(value));
    quotas.push({
      category,
      value,
      ...(lo !== undefined ? { min: lo } : {}),
      ...(hi !== undefined ? { max: hi } : {}),
    });
    from.push(row);
  }
  if (!quotas.length && !e.list.some((x) => x.field.startsWith('quota-')))
    e.add(quotaId(0, 'category'), 'sortitionsAdmin.error.noQuota');
  if (quotas.length > LIMITS.quotas)
    e.add(quotaId(0, 'category'), 'sortitionsAdmin.error.manyQuotas', { max: LIMITS.quotas });

  if (!v.pool.trim()) e.add('pool', 'sortitionsAdmin.error.poolRequired');
  else if (v.pool.length > LIMITS.pool) e.add('pool', 'sortitionsAdmin.error.poolTooLong');
  else if (quotas.length && !e.list.some((x) => x.field.startsWith('quota-'))) {
    // The pool read against the quotas only once they are right, as the service does.
    const checked = checkPool(v.pool, known);
    if ('fault' in checked)
      e.list.push({ field: 'pool', message: poolMessage(i18n, checked.fault) });
    else if (size !== undefined && checked.volunteers < size)
      e.add('size', 'sortitionsAdmin.error.poolSmall', { count: checked.volunteers });
  }
  if (e.list.length || size === undefined || revealAt === undefined)
    return { values: v, errors: e.list, dto: null };
  return {
    values: v,
    errors: [],
    dto: {
      body: {
        title,
        ...(Object.keys(description).length ? { description } : {}),
        revealAt,
        size,
        quotas,
        pool: v.pool,
      },
      rows: from,
    },
  };
}

// --- drawing, cancelling ---------------------------------------------------------------------

export interface DrawNowBody {
  publicNumbers: string;
  witnesses?: string;
}

export const DRAW_FIELDS = { publicNumbers: 'publicNumbers', witnesses: 'witnesses' };

export function readDrawNow(i18n: I18n, body: FormBody): FormRead<DrawNowBody> {
  const v: Values = {
    publicNumbers: formText(body, 'publicNumbers'),
    witnesses: formText(body, 'witnesses'),
  };
  const e = new Errors(i18n);
  if (!v.publicNumbers) e.add('publicNumbers', 'sortitionsAdmin.error.publicNumbers');
  else if (charCount(v.publicNumbers) > LIMITS.publicNumbers)
    e.add('publicNumbers', 'sortitionsAdmin.error.tooLong', { max: LIMITS.publicNumbers });
  if (charCount(v.witnesses) > LIMITS.witnesses)
    e.add('witnesses', 'sortitionsAdmin.error.tooLong', { max: LIMITS.witnesses });
  if (e.list.length) return { values: v, errors: e.list, dto: null };
  return {
    values: v,
    errors: [],
    dto: { publicNumbers: v.publicNumbers, ...(v.witnesses ? { witnesses: v.witnesses } : {}) },
  };
}

export interface CancelBody {
  reason: string;
}

export const CANCEL_FIELDS = { reason: 'reason' };

export function readCancel(i18n: I18n, body: FormBody): FormRead<CancelBody> {
  const v: Values = { reason: formText(body, 'reason') };
  const e = new Errors(i18n);
  if (!v.reason) e.add('reason', 'sortitionsAdmin.error.reason');
  else if (charCount(v.reason) > LIMITS.reason)
    e.add('reason', 'sortitionsAdmin.error.tooLong', { max: LIMITS.reason });
  if (e.list.length) return { values: v, errors: e.list, dto: null };
  return { values: v, errors: [], dto: { reason: v.reason } };
}
