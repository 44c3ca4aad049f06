import { z } from 'zod';
import type { AnswerValue, QuestionView } from '@palabre/contracts';
import { badInput, type FieldError } from '@palabre/service-kit';

/**
 * A survey's questions and a person's answers to them, checked (ADR 0042).
 * Questions are a JSON document of the survey (they never change once someone
 * answered); an answer is one JSON object per person, `{ questionId: value }`.
 */
export type Question = QuestionView;

export const MAX_QUESTIONS = 100;
const MAX_CHOICES = 50;
const MAX_ROWS = 30;
const MAX_SCALE = 10;
export const SHORT_MAX = 500;
export const LONG_MAX = 10_000;
const OTHER_MAX = 500;

const ID = /^[a-z0-9][a-z0-9-]{0,39}$/;
const id = z.string().regex(ID, 'must be 1-40 lowercase letters, digits or dashes');

const text = (max: number) =>
  z
    .object({ fr: z.string().max(max).optional(), en: z.string().max(max).optional() })
    .strict()
    .refine((t) => !!(t.fr?.trim() || t.en?.trim()), 'needs a text in French or English');
const optionalText = (max: number) =>
  z.object({ fr: z.string().max(max).optional(), en: z.string().max(max).optional() }).strict();

const choice = z.object({ id, label: text(300) }).strict();
const choices = (max: number) =>
  z
    .array(choice)
    .min(1)
    .max(max)
    .refine((cs) => new Set(cs.map((c) => c.id)).size === cs.length, 'ids must differ');

const question = z
  .object({
    id,
    type: z.enum([
      'short',
      'long',
      'single',
      'multiple',
      'ranking',
      'matrix_single',
      'matrix_multiple',
      'grades',
      'section',
    ]),
    title: text(500),
    description: optionalText(5_000).optional(),
    mandatory: z.boolean().default(false),
    options: choices(MAX_CHOICES).optional(),
    other: z.boolean().optional(),
    maxChoices: z.number().int().min(1).max(MAX_CHOICES).optional(),
    rows: choices(MAX_ROWS).optional(),
    scale: z.array(text(100)).min(2).max(MAX_SCALE).optional(),
    showIf: z
      .object({ question: id, anyOf: z.array(id).min(1).max(MAX_CHOICES) })
      .strict()
      .optional(),
  })
  .strict();

const NEEDS_OPTIONS = new Set([
  'single',
  'multiple',
  'ranking',
  'matrix_single',
  'matrix_multiple',
  'grades',
]);

function issuesOf(error: z.ZodError, prefix: string): FieldError[] {
  return error.issues.map((i) => ({
    field: [prefix, ...i.path.map(String)].filter(Boolean).join('.'),
    message: i.message,
    rule: i.code,
  }));
}

/** The questions as written, checked as a whole (400 naming each wrong field, `questions.3.options`). */
export function parseQuestions(raw: unknown): Question[] {
  const parsed = z.array(question).max(MAX_QUESTIONS).safeParse(raw);
  if (!parsed.success) throw badInput(issuesOf(parsed.error, 'questions'), 'INVALID');
  const qs = parsed.data;
  const errors: FieldError[] = [];
  const err = (i: number, field: string, message: string) =>
    errors.push({ field: `questions.${i}.${field}`, message, rule: 'invalid' });
  const seen = new Map<string, Question>();
  qs.forEach((q, i) => {
    if (seen.has(q.id)) err(i, 'id', `"${q.id}" is used by an earlier question`);
    if (NEEDS_OPTIONS.has(q.type) && !q.options)
      err(i, 'options', `a ${q.type} question needs options`);
    if (!NEEDS_OPTIONS.has(q.type) && q.options)
      err(i, 'options', `a ${q.type} question has no options`);
    if (q.type.startsWith('matrix') !== !!q.rows)
      err(
        i,
        'rows',
        q.rows ? `a ${q.type} question has no rows` : `a ${q.type} question needs rows`,
      );
    if ((q.type === 'grades') !== !!q.scale)
      err(
        i,
        'scale',
        q.scale ? `a ${q.type} question has no scale` : 'a grades question needs a scale',
      );
    if (q.other && q.type !== 'single' && q.type !== 'multiple')
      err(i, 'other', 'only single and multiple choice questions have an "other" choice');
    if (q.other && q.options?.some((o) => o.id === 'other'))
      err(i, 'options', 'the id "other" is kept for the "other" choice');
    if (q.maxChoices !== undefined && q.type !== 'multiple' && q.type !== 'matrix_multiple')
      err(i, 'maxChoices', 'only multiple choice questions have a maximum');
    if (q.type === 'section' && q.mandatory) err(i, 'mandatory', 'a section has nothing to answer');
    if (q.showIf) {
      const source = seen.get(q.showIf.question);
      if (!source) err(i, 'showIf.question', `"${q.showIf.question}" is not an earlier question`);
      else if (source.type !== 'single' && source.type !== 'multiple')
        err(i, 'showIf.question', 'a condition reads a single or multiple choice question');
      else {
        const known = new Set([
          ...(source.options ?? []).map((o) => o.id),
          ...(source.other ? ['other'] : []),
        ]);
        const unknown = q.showIf.anyOf.filter((o) => !known.has(o));
        if (unknown.length)
          err(i, 'showIf.anyOf', `"${unknown[0]}" is not a choice of "${source.id}"`);
      }
    }
    seen.set(q.id, q);
  });
  if (errors.length) throw badInput(errors, 'INVALID');
  return qs.map((q) => {
    const out: Question = { id: q.id, type: q.type, title: q.title, mandatory: q.mandatory };
    if (q.description) out.description = q.description;
    if (q.options) out.options = q.options;
    if (q.other) out.other = true;
    if (q.maxChoices !== undefined) out.maxChoices = q.maxChoices;
    if (q.rows) out.rows = q.rows;
    if (q.scale) out.scale = q.scale;
    if (q.showIf) out.showIf = q.showIf;
    return out;
  });
}

/** Whether `q` is asked given the answers so far (its condition met, or none). */
export function isShown(q: Question, answers: Record<string, AnswerValue>): boolean {
  const condition = q.showIf;
  if (!condition) return true;
  const given = answers[condition.question];
  if (!given) return false;
  const picked = 'choice' in given ? [given.choice] : 'choices' in given ? given.choices : [];
  return picked.some((p) => condition.anyOf.includes(p));
}

const label = (q: Question) => q.title.en?.trim() || q.title.fr?.trim() || q.id;
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isEmptyText = (v: unknown) => typeof v !== 'string' || v.trim() === '';

/**
 * One person's answers checked against the questions: 400 naming each wrong
 * question (`answers.<id>`, with its title in the message) for a mandatory
 * question left empty, an unknown question or choice, a grade outside the
 * scale, too many choices. Answers to questions whose condition is not met
 * are dropped (a page without JavaScript shows them all); empty answers to
 * optional questions too.
 */
export function readAnswers(questions: Question[], raw: unknown): Record<string, AnswerValue> {
  if (!isObject(raw))
    throw badInput(
      [
        {
          field: 'answers',
          message: 'must be an object of answers by question id',
          rule: 'isObject',
        },
      ],
      'INVALID',
    );
  const errors: FieldError[] = [];
  const byId = new Map(questions.map((q) => [q.id, q]));
  for (const key of Object.keys(raw))
    if (byId.get(key)?.type === undefined || byId.get(key)?.type === 'section')
      errors.push({
        field: `answers.${key}`,
        message: 'is not a question of this survey',
        rule: 'unknown',
      });
  const out: Record<string, AnswerValue> = {};
  for (const q of questions) {
    if (q.type === 'section') continue;
    if (!isShown(q, out)) continue;
    const field = `answers.${q.id}`;
    const fail = (message: string, rule = 'invalid') =>
      errors.push({ field, message: `"${label(q)}": ${message}`, rule });
    const value = raw[q.id];
    const read = readOne(q, value, fail);
    if (read === undefined) {
      if (q.mandatory && !errors.some((e) => e.field === field))
        fail('this question must be answered', 'isNotEmpty');
      continue;
    }
    out[q.id] = read;
  }
  if (errors.length) throw badInput(errors, 'INVALID');
  return out;
}

/** One answer checked; undefined when empty; `fail` says what is wrong. */
function readOne(
  q: Question,
  value: unknown,
  fail: (message: string, rule?: string) => void,
): AnswerValue | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) return (fail('must be an object'), undefined);
  const options = new Set((q.options ?? []).map((o) => o.id));
  const allowed = (keys: string[]) => {
    const extra = Object.keys(value).find((k) => !keys.includes(k));
    if (extra) fail(`has no field "${extra}"`);
    return !extra;
  };
  const other = (): string | undefined | false => {
    if (value.other === undefined) return undefined;
    if (typeof value.other !== 'string' || value.other.length > OTHER_MAX)
      return (fail(`"other" must be a text of at most ${OTHER_MAX} characters`), false);
    return value.other.trim();
  };
  switch (q.type) {
    case 'short':
    case 'long': {
      if (!allowed(['text'])) return undefined;
      const max = q.type === 'short' ? SHORT_MAX : LONG_MAX;
      if (typeof value.text !== 'string') return (fail('"text" must be a text'), undefined);
      if (value.text.length > max)
        return (fail(`must be at most ${max} characters`, 'maxLength'), undefined);
      if (isEmptyText(value.text)) return undefined;
      return { text: value.text.trim() };
    }
    case 'single': {
      if (!allowed(['choice', 'other'])) return undefined;
      if (value.choice === undefined || value.choice === '') return undefined;
      if (
        typeof value.choice !== 'string' ||
        !(options.has(value.choice) || (q.other && value.choice === 'other'))
      )
        return (fail(`"${String(value.choice)}" is not one of its choices`), undefined);
      const o = other();
      if (o === false) return undefined;
      if (value.choice === 'other') {
        if (!o) return (fail('"other" needs its text'), undefined);
        return { choice: 'other', other: o };
      }
      return { choice: value.choice };
    }
    case 'multiple': {
      if (!allowed(['choices', 'other'])) return undefined;
      if (!Array.isArray(value.choices)) return (fail('"choices" must be a list'), undefined);
      const picked = value.choices as unknown[];
      const bad = picked.find(
        (c) => typeof c !== 'string' || !(options.has(c) || (q.other && c === 'other')),
      );
      if (bad !== undefined) return (fail(`"${String(bad)}" is not one of its choices`), undefined);
      if (new Set(picked).size !== picked.length)
        return (fail('a choice is given twice'), undefined);
      if (q.maxChoices && picked.length > q.maxChoices)
        return (fail(`at most ${q.maxChoices} choices`, 'arrayMaxSize'), undefined);
      const o = other();
      if (o === false) return undefined;
      if (picked.includes('other') && !o) return (fail('"other" needs its text'), undefined);
      if (!picked.length) return undefined;
      return picked.includes('other')
        ? { choices: picked as string[], other: o as string }
        : { choices: picked as string[] };
    }
    case 'ranking': {
      if (!allowed(['order'])) return undefined;
      if (!Array.isArray(value.order)) return (fail('"order" must be a list'), undefined);
      const order = value.order as unknown[];
      if (!order.length) return undefined;
      if (
        order.length !== options.size ||
        new Set(order).size !== order.length ||
        order.some((o) => typeof o !== 'string' || !options.has(o))
      )
        return (fail('"order" must list every option once'), undefined);
      return { order: order as string[] };
    }
    case 'matrix_single':
    case 'matrix_multiple': {
      if (!allowed(['rows'])) return undefined;
      if (!isObject(value.rows)) return (fail('"rows" must be an object by row id'), undefined);
      const rowIds = new Set((q.rows ?? []).map((r) => r.id));
      const rows: Record<string, string | string[]> = {};
      for (const [row, v] of Object.entries(value.rows)) {
        if (!rowIds.has(row)) return (fail(`"${row}" is not one of its rows`), undefined);
        if (q.type === 'matrix_single') {
          if (v === '' || v === null) continue;
          if (typeof v !== 'string' || !options.has(v))
            return (fail(`row "${row}": "${String(v)}" is not one of its choices`), undefined);
          rows[row] = v;
        } else {
          if (
            !Array.isArray(v) ||
            v.some((c) => typeof c !== 'string' || !options.has(c)) ||
            new Set(v).size !== v.length
          )
            return (fail(`row "${row}" must be a list of its choices, each once`), undefined);
          if (q.maxChoices && v.length > q.maxChoices)
            return (
              fail(`row "${row}": at most ${q.maxChoices} choices`, 'arrayMaxSize'),
              undefined
            );
          if (v.length) rows[row] = v as string[];
        }
      }
      const count = Object.keys(rows).length;
      if (!count) return undefined;
      if (q.mandatory && count < rowIds.size)
        return (fail('every row must be answered', 'isNotEmpty'), undefined);
      return { rows };
    }
    case 'grades': {
      if (!allowed(['grades'])) return undefined;
      if (!isObject(value.grades))
        return (fail('"grades" must be an object by option id'), undefined);
      const scale = q.scale?.length ?? 0;
      const grades: Record<string, number> = {};
      for (const [option, g] of Object.entries(value.grades)) {
        if (!options.has(option)) return (fail(`"${option}" is not one of its options`), undefined);
        if (g === null || g === '') continue;
        if (typeof g !== 'number' || !Number.isInteger(g) || g < 0 || g >= scale)
          return (
            fail(
              `the grade of "${option}" must be a whole number from 0 to ${scale - 1} (the scale has ${scale} grades)`,
              'grade',
            ),
            undefined
          );
        grades[option] = g;
      }
      const count = Object.keys(grades).length;
      if (!count) return undefined;
      if (q.mandatory && count < options.size)
        return (fail('every option must be graded', 'isNotEmpty'), undefined);
      return { grades };
    }
    default:
      return undefined;
  }
}
