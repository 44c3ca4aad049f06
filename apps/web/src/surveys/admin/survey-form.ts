/**
 * The administrators' survey forms, read and checked: what was typed (to
 * show back), the errors per field (keyed by the control's id), and the API
 * body when valid (ADR 0033 for texts per language). A survey's dates are
 * typed as wall-clock times (`datetime-local`) in the organization's zone.
 * A question's choices, rows and grades are typed one per line, a text area
 * per language with as many lines in each: no JavaScript, no rows to add.
 * Choice ids are kept across edits (matched by label, else by line) so that
 * conditions on them hold; new ones are made from their label.
 */
import { IANAZone } from 'luxon';
import {
  QUESTION_TYPES,
  TEXT_LANGUAGES,
  pickText,
  type LocalizedText,
  type QuestionChoiceView,
  type QuestionType,
  type QuestionView,
  type SurveyView,
  type TextLanguage,
} from '@palabre/contracts';
import {
  charCount,
  readTexts,
  textBody,
  textId,
  textValues,
  type FormBody,
  type FormRead,
  type TextValues,
} from '../../shared/forms/form-read';
import { instantOf, parseWallClock, wallClockIn } from '../../shared/forms/wall-clock';
import type { FieldError } from '../../shared/html/components';
import { formText, parseInteger } from '../../shared/html/form-controls';
import type { I18n, MessageKey } from '../../shared/i18n/i18n';

export type Values = Record<string, string>;

/** The service's limits (survey.dto.ts, questions.ts). */
export const LIMITS = {
  title: 200,
  description: 20_000,
  questionTitle: 500,
  questionDescription: 5_000,
  choice: 300,
  grade: 100,
  choices: 50,
  rows: 30,
  scale: 10,
  questions: 100,
} as const;

export const DEFAULT_ZONE = 'Europe/Paris';

/** The zone the organization gives its dates in (its setting), else Paris's. */
export const zoneOf = (zone: string | undefined): string =>
  zone && IANAZone.isValidZone(zone) ? zone : DEFAULT_ZONE;

export { QUESTION_TYPES };
export const isQuestionType = (v: unknown): v is QuestionType =>
  QUESTION_TYPES.includes(v as QuestionType);

/** Types whose question has choices, rows, a scale, a maximum, an "Other" choice. */
export const HAS_OPTIONS: readonly QuestionType[] = [
  'single',
  'multiple',
  'ranking',
  'matrix_single',
  'matrix_multiple',
  'grades',
];
export const HAS_ROWS: readonly QuestionType[] = ['matrix_single', 'matrix_multiple'];
export const HAS_MAX: readonly QuestionType[] = ['multiple', 'matrix_multiple'];
export const HAS_OTHER: readonly QuestionType[] = ['single', 'multiple'];
/** Questions a condition can read. */
export const isSource = (q: QuestionView) => q.type === 'single' || q.type === 'multiple';

/** The fewest choices a question of each type makes sense with. */
const MIN_CHOICES: Partial<Record<QuestionType, number>> = {
  single: 2,
  multiple: 1,
  ranking: 2,
  matrix_single: 2,
  matrix_multiple: 1,
  grades: 1,
};

/** The majority-judgment scale a grades question starts with. */
export const DEFAULT_SCALE: Record<TextLanguage, string[]> = {
  fr: ['Excellent', 'Très bien', 'Bien', 'Assez bien', 'Passable', 'À rejeter'],
  en: ['Excellent', 'Very good', 'Good', 'Fair', 'Poor', 'To reject'],
};

/** Collects errors with the page's words (the first per field). */
class Errors {
  readonly list: FieldError[] = [];
  constructor(private readonly i18n: I18n) {}
  add(field: string, key: MessageKey, params: Record<string, string | number> = {}) {
    if (!this.list.some((e) => e.field === field))
      this.list.push({ field, message: this.i18n.t(key, params) });
  }
}

/** A stored text as the form's values: `name-fr`, `name-en`. */
export function textEntries(name: string, t: LocalizedText | null | undefined): Values {
  const values = textValues(t);
  return Object.fromEntries(TEXT_LANGUAGES.map((lang) => [textId(name, lang), values[lang]]));
}

/** A text per language as typed back from the values. */
export const textsOf = (v: Values, name: string): TextValues => ({
  fr: v[textId(name, 'fr')] ?? '',
  en: v[textId(name, 'en')] ?? '',
});

/** A text's API fields → its controls: `title.en` → `title-en`; `title` → the French one. */
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
    if (charCount(t[lang]) > max) e.add(textId(name, lang), 'surveysAdmin.error.tooLong', { max });
  if (required && !t.fr && !t.en) e.add(textId(name, 'fr'), required);
  return textBody(t);
}

// --- the survey: title, description, dates ----------------------------------------

/** A survey as the API takes it: a new one, or an edit (null dates: none). */
export interface SurveyBody {
  title: LocalizedText;
  description: LocalizedText;
  startsAt: string | null;
  endsAt: string | null;
}

export const SURVEY_FIELDS: Record<string, string> = {
  ...textFields('title'),
  ...textFields('description'),
  startsAt: 'startsAt',
  endsAt: 'endsAt',
};

/** Title, description and dates, every rule the site knows said next to its field. */
export function readSurvey(i18n: I18n, body: FormBody, zone: string): FormRead<SurveyBody> {
  const v: Values = { startsAt: formText(body, 'startsAt'), endsAt: formText(body, 'endsAt') };
  const e = new Errors(i18n);
  const title = readText(body, v, e, 'title', LIMITS.title, 'surveysAdmin.error.title');
  const description = readText(body, v, e, 'description', LIMITS.description);
  const date = (field: 'startsAt' | 'endsAt') => {
    if (!v[field]) return null;
    const wall = parseWallClock(v[field]);
    const instant = wall && instantOf(wall, zone);
    if (!instant) e.add(field, 'surveysAdmin.error.date');
    return instant || undefined;
  };
  const startsAt = date('startsAt');
  const endsAt = date('endsAt');
  if (startsAt && endsAt && Date.parse(endsAt) <= Date.parse(startsAt))
    e.add('endsAt', 'surveysAdmin.error.endBeforeStart');
  if (e.list.length || startsAt === undefined || endsAt === undefined)
    return { values: v, errors: e.list, dto: null };
  return { values: v, errors: [], dto: { title, description, startsAt, endsAt } };
}

/** A survey as its form shows it: dates back in the organization's wall clock. */
export function surveyValues(s: SurveyView, zone: string): Values {
  return {
    ...textEntries('title', s.title),
    ...textEntries('description', s.description),
    startsAt: s.startsAt ? wallClockIn(s.startsAt, zone) : '',
    endsAt: s.endsAt ? wallClockIn(s.endsAt, zone) : '',
  };
}

// --- a question ------------------------------------------------------------------------

/** The non-empty lines of a text area, trimmed. */
export const linesOf = (text: string | undefined): string[] =>
  (text ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** Choices (or rows, or grades) as lines per language: `options-fr`, `options-en`. */
function linesEntries(name: string, items: LocalizedText[]): Values {
  const out: Values = {};
  for (const lang of TEXT_LANGUAGES) {
    const some = items.some((i) => i[lang]?.trim());
    // A language only some items have: the others shown in the language they have, so that lines pair up.
    out[textId(name, lang)] = some
      ? items.map((i) => i[lang]?.trim() || pickText(i, lang).text).join('\n')
      : '';
  }
  return out;
}

/** An id made of a label: lowercase letters, digits and dashes, unique, never "other". */
export function idOf(label: string, taken: Set<string>, fallback: string): string {
  const base =
    label
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+/, '')
      .slice(0, 30)
      .replace(/-+$/, '') || fallback;
  let id = base;
  for (let n = 2; taken.has(id) || id === 'other'; n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}

const sameLabel = (a: LocalizedText, b: LocalizedText) =>
  (a.fr ?? '').trim() === (b.fr ?? '').trim() && (a.en ?? '').trim() === (b.en ?? '').trim();
const sameInOneLanguage = (a: LocalizedText, b: LocalizedText) =>
  TEXT_LANGUAGES.some((l) => !!a[l]?.trim() && a[l]?.trim() === b[l]?.trim());

/**
 * Ids for the labels typed: a label as it was keeps its id, then one changed
 * in one language, then the one on its line; any other is new (from its label).
 */
export function withIds(labels: LocalizedText[], before: QuestionChoiceView[] = []) {
  const ids: (string | null)[] = labels.map(() => null);
  const used = new Set<string>();
  const match = (same: (a: LocalizedText, b: LocalizedText) => boolean) =>
    labels.forEach((label, i) => {
      if (ids[i]) return;
      const found = before.find((c) => !used.has(c.id) && same(c.label, label));
      if (found) {
        ids[i] = found.id;
        used.add(found.id);
      }
    });
  match(sameLabel);
  match(sameInOneLanguage);
  labels.forEach((_, i) => {
    const old = before[i];
    if (!ids[i] && old && !used.has(old.id)) {
      ids[i] = old.id;
      used.add(old.id);
    }
  });
  const taken = new Set([...used, ...before.map((c) => c.id)]);
  return labels.map((label, i) => ({
    id: ids[i] ?? idOf(label.fr || label.en || '', taken, `c${i + 1}`),
    label,
  }));
}

/** Where a question is written: its type, what it was, the questions before and after it. */
export interface QuestionPlace {
  id: string;
  type: QuestionType;
  before: QuestionView[];
  after: QuestionView[];
  existing: QuestionView | null;
}

/** The control of each condition group: the earlier question's choices, ticked. */
export const conditionId = (sourceId: string) => `showIf-${sourceId}`;

/** A list of lines per language, paired, each within `max`; `count` bounds their number. */
function readLines(
  v: Values,
  e: Errors,
  name: string,
  max: number,
  count: { min: number; most: number },
  keys: { few: MessageKey; many: MessageKey },
): LocalizedText[] {
  const fr = linesOf(v[textId(name, 'fr')]);
  const en = linesOf(v[textId(name, 'en')]);
  const n = Math.max(fr.length, en.length);
  if (fr.length && en.length && fr.length !== en.length)
    e.add(textId(name, 'en'), 'surveysAdmin.error.sameCount', { fr: fr.length, en: en.length });
  if (n < count.min) e.add(textId(name, 'fr'), keys.few, { min: count.min });
  if (n > count.most) e.add(textId(name, 'fr'), keys.many, { max: count.most });
  for (const [lang, lines] of [
    ['fr', fr],
    ['en', en],
  ] as const)
    lines.forEach((line, i) => {
      if (charCount(line) > max)
        e.add(textId(name, lang), 'surveysAdmin.error.lineTooLong', { line: i + 1, max });
    });
  const labels = Array.from({ length: n }, (_, i) =>
    textBody({ fr: fr[i] ?? '', en: en[i] ?? '' }),
  );
  labels.forEach((label, i) => {
    if (labels.slice(0, i).some((x) => sameLabel(x, label)))
      e.add(textId(name, 'fr'), 'surveysAdmin.error.repeated', { line: i + 1 });
  });
  return labels;
}

const ticked = (body: FormBody, name: string) => body[name] === 'true';
const listOf = (v: unknown): string[] =>
  (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter(
    (x): x is string => typeof x === 'string' && x !== '',
  );

const titleOf = (q: QuestionView, locale: string) => pickText(q.title, locale).text || q.id;

/** The question form: every rule the service has, said next to its control. */
export function readQuestion(
  i18n: I18n,
  body: FormBody,
  place: QuestionPlace,
): FormRead<QuestionView> {
  const { type } = place;
  const v: Values = {};
  const e = new Errors(i18n);
  const title = readText(
    body,
    v,
    e,
    'title',
    LIMITS.questionTitle,
    'surveysAdmin.error.questionTitle',
  );
  const description = readText(body, v, e, 'description', LIMITS.questionDescription);
  const q: QuestionView = { id: place.id, type, title, mandatory: false };
  if (description.fr || description.en) q.description = description;
  if (type !== 'section') {
    v.mandatory = ticked(body, 'mandatory') ? 'true' : '';
    q.mandatory = v.mandatory === 'true';
  }

  if (HAS_OPTIONS.includes(type)) {
    for (const lang of TEXT_LANGUAGES)
      v[textId('options', lang)] = formText(body, textId('options', lang));
    const labels = readLines(
      v,
      e,
      'options',
      LIMITS.choice,
      { min: MIN_CHOICES[type] ?? 1, most: LIMITS.choices },
      { few: 'surveysAdmin.error.fewOptions', many: 'surveysAdmin.error.manyOptions' },
    );
    q.options = withIds(labels, place.existing?.options);
  }
  if (HAS_OTHER.includes(type)) {
    v.other = ticked(body, 'other') ? 'true' : '';
    if (v.other) q.other = true;
  }
  if (HAS_MAX.includes(type)) {
    v.maxChoices = formText(body, 'maxChoices');
    if (v.maxChoices) {
      const most = Math.max(1, Math.min(LIMITS.choices, q.options?.length ?? 1));
      const n = parseInteger(v.maxChoices);
      if (n === null || n < 1 || n > most)
        e.add('maxChoices', 'surveysAdmin.error.maxChoices', { max: most });
      else q.maxChoices = n;
    }
  }
  if (HAS_ROWS.includes(type)) {
    for (const lang of TEXT_LANGUAGES)
      v[textId('rows', lang)] = formText(body, textId('rows', lang));
    const labels = readLines(
      v,
      e,
      'rows',
      LIMITS.choice,
      { min: 1, most: LIMITS.rows },
      { few: 'surveysAdmin.error.fewRows', many: 'surveysAdmin.error.manyRows' },
    );
    q.rows = withIds(labels, place.existing?.rows);
  }
  if (type === 'grades') {
    for (const lang of TEXT_LANGUAGES)
      v[textId('scale', lang)] = formText(body, textId('scale', lang));
    q.scale = readLines(
      v,
      e,
      'scale',
      LIMITS.grade,
      { min: 2, most: LIMITS.scale },
      { few: 'surveysAdmin.error.fewGrades', many: 'surveysAdmin.error.manyGrades' },
    );
  }

  // The condition: choices of one earlier single or multiple choice question.
  const picked: { source: QuestionView; choices: string[] }[] = [];
  for (const source of place.before.filter(isSource)) {
    const known = [...(source.options ?? []).map((o) => o.id), ...(source.other ? ['other'] : [])];
    const choices = listOf(body[conditionId(source.id)]).filter((c) => known.includes(c));
    v[conditionId(source.id)] = choices.join(',');
    if (choices.length) picked.push({ source, choices });
  }
  if (picked.length > 1) e.add(conditionId(picked[0].source.id), 'surveysAdmin.error.oneSource');
  else if (picked.length === 1)
    q.showIf = { question: picked[0].source.id, anyOf: picked[0].choices };

  // Later questions shown on a choice of this one: that choice must remain.
  const kept = new Set([...(q.options ?? []).map((o) => o.id), ...(q.other ? ['other'] : [])]);
  for (const later of place.after) {
    if (later.showIf?.question !== place.id) continue;
    const lost = later.showIf.anyOf.find((c) => !kept.has(c));
    if (lost === undefined) continue;
    const label =
      lost === 'other'
        ? i18n.t('surveysAdmin.question.other')
        : pickText(place.existing?.options?.find((o) => o.id === lost)?.label, i18n.locale).text ||
          lost;
    e.add(lost === 'other' ? 'other' : textId('options', 'fr'), 'surveysAdmin.error.choiceUsed', {
      question: titleOf(later, i18n.locale),
      choice: label,
    });
  }

  return e.list.length
    ? { values: v, errors: e.list, dto: null }
    : { values: v, errors: [], dto: q };
}

/** A question as its form shows it. */
export function questionValues(q: QuestionView): Values {
  const v: Values = {
    ...textEntries('title', q.title),
    ...textEntries('description', q.description),
    mandatory: q.mandatory ? 'true' : '',
    other: q.other ? 'true' : '',
    maxChoices: q.maxChoices === undefined ? '' : String(q.maxChoices),
    ...linesEntries(
      'options',
      (q.options ?? []).map((o) => o.label),
    ),
    ...linesEntries(
      'rows',
      (q.rows ?? []).map((r) => r.label),
    ),
    ...linesEntries('scale', q.scale ?? []),
  };
  if (q.showIf) v[conditionId(q.showIf.question)] = q.showIf.anyOf.join(',');
  return v;
}

/** A new question's form as first shown: a grades question starts with the usual scale. */
export function newQuestionValues(type: QuestionType): Values {
  return type === 'grades'
    ? { 'scale-fr': DEFAULT_SCALE.fr.join('\n'), 'scale-en': DEFAULT_SCALE.en.join('\n') }
    : {};
}

/** The next free id: q1, q2… (past the highest qN). */
export function nextQuestionId(questions: QuestionView[]): string {
  const ids = new Set(questions.map((q) => q.id));
  let n = Math.max(0, ...questions.map((q) => Number(/^q(\d+)$/.exec(q.id)?.[1] ?? 0))) + 1;
  while (ids.has(`q${n}`)) n++;
  return `q${n}`;
}

/**
 * The API's refused field of the question at `index` (`questions.3.options.1.label.en`)
 * → its control; null for another question's field or one the form has no control for.
 */
export function questionControl(field: string, index: number): string | null {
  const m = /^questions\.(\d+)\.([a-zA-Z]+)(?:\.(.*))?$/.exec(field);
  if (!m || Number(m[1]) !== index) return null;
  const [, , part, rest = ''] = m;
  const lang: TextLanguage = /(^|\.)en$/.test(rest) ? 'en' : 'fr';
  switch (part) {
    case 'title':
    case 'description':
    case 'options':
    case 'rows':
    case 'scale':
      return textId(part, lang);
    case 'maxChoices':
    case 'other':
    case 'mandatory':
      return part;
    default:
      return null;
  }
}

/** The controls of a question form a refusal may name (condition groups included). */
export function questionControls(before: QuestionView[]): Record<string, string> {
  const ids = [
    ...['title', 'description', 'options', 'rows', 'scale'].flatMap((n) =>
      TEXT_LANGUAGES.map((l) => textId(n, l)),
    ),
    'maxChoices',
    'other',
    'mandatory',
    ...before.filter(isSource).map((q) => conditionId(q.id)),
  ];
  return Object.fromEntries(ids.map((id) => [id, id]));
}

// --- moving and deleting ----------------------------------------------------------------

/**
 * The questions with `id` moved one place up or down, or why not: a
 * question shown on another's answer must stay after it.
 */
export function moved(
  questions: QuestionView[],
  id: string,
  direction: 'up' | 'down',
): { questions: QuestionView[] } | { blocker: QuestionView; source: QuestionView } | null {
  const i = questions.findIndex((q) => q.id === id);
  const j = direction === 'up' ? i - 1 : i + 1;
  if (i < 0 || j < 0 || j >= questions.length) return null;
  const [first, second] = i < j ? [questions[i], questions[j]] : [questions[j], questions[i]];
  // `second` comes before `first` afterwards: it may not be shown on `first`'s answer.
  if (second.showIf?.question === first.id) return { blocker: second, source: first };
  const out = [...questions];
  [out[i], out[j]] = [out[j], out[i]];
  return { questions: out };
}

/** The questions shown on an answer to `id` (it cannot go while they do). */
export const dependentsOf = (questions: QuestionView[], id: string) =>
  questions.filter((q) => q.showIf?.question === id);
