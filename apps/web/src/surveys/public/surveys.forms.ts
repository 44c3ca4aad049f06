/**
 * Answering a survey, declared for the form executor: the form read with the
 * survey's rules (required questions, a grade for every option, each rank
 * once, the maximum of choices, the "Other" text), questions whose condition
 * is not met left out, then posted to the surveys API; its refusals worded
 * next to the question they name.
 */
import { randomBytes } from 'node:crypto';
import { pickText } from '@palabre/contracts';
import type { FastifyReply } from 'fastify';
import type { WebConfig } from '../../shared/config/web.config';
import {
  formAction,
  isUnexpected,
  type FormPlace,
  type Refusal,
} from '../../shared/forms/form-action';
import { ruleText } from '../../shared/forms/form-notices';
import { charCount, type FormBody, type FormRead } from '../../shared/forms/form-read';
import type { ApiResponse, Problem } from '../../shared/gateway/gateway-client';
import type { FieldError } from '../../shared/html/components';
import { keepCookie, type PageRequest } from '../../shared/layout/http';
import { PageContext } from '../../shared/layout/page-context';
import {
  SURVEYS_API,
  VISITOR_COOKIE,
  type AnswerValue,
  type QuestionView,
  type SurveyView,
} from '../surveys.api';
import { loadSurvey, renderSurvey } from './surveys.controller';
import { fieldOf, surveyPath, type SurveyValues, type SurveysPlace } from './surveys.pages';

const SHORT_MAX = 500;
const LONG_MAX = 10_000;

interface AtSurvey extends FormPlace {
  place: SurveysPlace;
  s: SurveyView;
}

type Answers = { answers: Record<string, AnswerValue> };

const str = (v: unknown) => (typeof v === 'string' ? v.replace(/\r\n/g, '\n').trim() : '');
const list = (v: unknown): string[] =>
  (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter(
    (x): x is string => typeof x === 'string' && x !== '',
  );

/** Whether `q` is asked, given what was read so far. */
function shown(q: QuestionView, read: Record<string, AnswerValue>): boolean {
  if (!q.showIf) return true;
  const given = read[q.showIf.question];
  if (!given) return false;
  const picked = 'choice' in given ? [given.choice] : 'choices' in given ? given.choices : [];
  return picked.some((p) => q.showIf?.anyOf.includes(p));
}

/** The survey's form read with its rules: values to show again, errors by field, the API body. */
export function readSurveyForm(
  ctx: PageContext,
  s: SurveyView,
  body: FormBody,
): FormRead<Answers, SurveyValues> {
  const { t } = ctx;
  const values: SurveyValues = {};
  for (const [k, v] of Object.entries(body))
    if (k.startsWith('q__')) values[k] = Array.isArray(v) ? list(v) : str(v);
  const errors: FieldError[] = [];
  const answers: Record<string, AnswerValue> = {};
  for (const q of s.questions) {
    if (q.type === 'section' || !shown(q, answers)) continue;
    const name = fieldOf(q.id);
    // The summary at the top lists errors: each names its question.
    const title = pickText(q.title, ctx.locale).text;
    const fail = (message: string, field = name) =>
      errors.push({ field, message: `${title} — ${message}` });
    const required = () => q.mandatory && fail(t('surveys.error.required'));
    const optionIds = (q.options ?? []).map((o) => o.id);
    switch (q.type) {
      case 'short':
      case 'long': {
        const v = str(body[name]);
        const max = q.type === 'short' ? SHORT_MAX : LONG_MAX;
        if (charCount(v) > max) fail(t('surveys.error.tooLong', { max, count: charCount(v) }));
        else if (v) answers[q.id] = { text: v };
        else required();
        break;
      }
      case 'single': {
        const v = str(body[name]);
        const other = str(body[fieldOf(q.id, 'other')]);
        if (!v) required();
        else if (v === 'other' && q.other) {
          if (!other) fail(t('surveys.error.otherText'), fieldOf(q.id, 'other'));
          else answers[q.id] = { choice: 'other', other };
        } else if (optionIds.includes(v)) answers[q.id] = { choice: v };
        else fail(t('surveys.error.required'));
        break;
      }
      case 'multiple': {
        const picked = list(body[name]).filter(
          (c) => optionIds.includes(c) || (q.other && c === 'other'),
        );
        const other = str(body[fieldOf(q.id, 'other')]);
        if (!picked.length) required();
        else if (q.maxChoices && picked.length > q.maxChoices)
          fail(t('surveys.error.tooMany', { max: q.maxChoices }));
        else if (picked.includes('other') && !other)
          fail(t('surveys.error.otherText'), fieldOf(q.id, 'other'));
        else
          answers[q.id] = picked.includes('other')
            ? { choices: picked, other }
            : { choices: picked };
        break;
      }
      case 'ranking': {
        const ranks = optionIds.map((id) => ({
          id,
          rank: Number(str(body[fieldOf(q.id, id)]) || NaN),
        }));
        const given = ranks.filter((r) => Number.isInteger(r.rank));
        if (!given.length) required();
        else if (
          given.length !== ranks.length ||
          new Set(given.map((r) => r.rank)).size !== ranks.length ||
          given.some((r) => r.rank < 1 || r.rank > ranks.length)
        )
          fail(t('surveys.error.ranking'));
        else answers[q.id] = { order: [...given].sort((a, b) => a.rank - b.rank).map((r) => r.id) };
        break;
      }
      case 'matrix_single':
      case 'matrix_multiple': {
        const rows: Record<string, string | string[]> = {};
        for (const row of q.rows ?? []) {
          const field = fieldOf(q.id, row.id);
          if (q.type === 'matrix_single') {
            const v = str(body[field]);
            if (optionIds.includes(v)) rows[row.id] = v;
          } else {
            const v = list(body[field]).filter((c) => optionIds.includes(c));
            if (q.maxChoices && v.length > q.maxChoices)
              fail(t('surveys.error.tooMany', { max: q.maxChoices }));
            if (v.length) rows[row.id] = v;
          }
        }
        const count = Object.keys(rows).length;
        if (!count) required();
        else if (q.mandatory && count < (q.rows ?? []).length) fail(t('surveys.error.allRows'));
        else answers[q.id] = { rows };
        break;
      }
      case 'grades': {
        const scale = q.scale?.length ?? 0;
        const grades: Record<string, number> = {};
        for (const id of optionIds) {
          const v = str(body[fieldOf(q.id, id)]);
          const g = v === '' ? NaN : Number(v);
          if (Number.isInteger(g) && g >= 0 && g < scale) grades[id] = g;
        }
        const count = Object.keys(grades).length;
        if (!count) required();
        else if (q.mandatory && count < optionIds.length) fail(t('surveys.error.allOptions'));
        else answers[q.id] = { grades };
        break;
      }
    }
  }
  if (errors.length) return { values, errors, dto: null };
  return { values, errors, dto: { answers } };
}

/**
 * The API's refusal in words: a question it names (`answers.<id>`) beside
 * that question, already answered, closed, sign in, no cookie to answer
 * without an account.
 */
function answerRefusal(
  ctx: PageContext,
  s: SurveyView,
  answer: ApiResponse<Problem | null>,
): Refusal {
  const body = answer.body as (Problem & { reason?: string }) | null;
  const code = body?.code ?? '';
  if (isUnexpected(answer.status) && code !== 'SIGN_IN_REQUIRED')
    throw new Error(`Surveys answered ${answer.status}`);
  const errors: FieldError[] = [];
  for (const e of body?.errors ?? []) {
    if (e.field === 'x-palabre-visitor')
      return { status: 400, errors: [], notice: ctx.t('surveys.refused.noCookie'), signIn: true };
    const id = /^answers\.([a-z0-9-]+)/.exec(e.field)?.[1];
    if (id && !errors.some((x) => x.field === fieldOf(id)))
      errors.push({
        field: fieldOf(id),
        message: `${pickText(s.questions.find((q) => q.id === id)?.title, ctx.locale).text} — ${ruleText(ctx, e)}`,
      });
  }
  if (errors.length) return { status: 400, errors };
  const status = answer.status === 401 ? 403 : answer.status;
  const reason =
    code === 'ALREADY_ANSWERED'
      ? 'ALREADY_ANSWERED'
      : code === 'SURVEY_NOT_OPEN'
        ? 'CLOSED'
        : code === 'SIGN_IN_REQUIRED'
          ? 'SIGN_IN_REQUIRED'
          : (body?.reason ?? '');
  const key = `surveys.refused.${reason}`;
  const known = [
    'ALREADY_ANSWERED',
    'CLOSED',
    'SIGN_IN_REQUIRED',
    'PHASE_CLOSED',
    'NOT_VERIFIED',
    'TOO_YOUNG',
    'AGE_UNVERIFIABLE',
    'NOT_A_MEMBER',
  ].includes(reason);
  return {
    status,
    errors: [],
    notice: known ? ctx.t(key as 'surveys.refused.CLOSED') : ctx.t('surveys.refused.other'),
    signIn: reason === 'SIGN_IN_REQUIRED',
  };
}

type Params = Record<'slug' | 'componentId' | 'surveyId', string>;

async function atSurvey(
  req: PageRequest,
  res: FastifyReply,
  config: WebConfig,
): Promise<AtSurvey | null> {
  const ctx = await PageContext.load(req, res, config.gatewayUrl);
  const { slug, componentId, surveyId } = req.params as Params;
  const loaded = await loadSurvey(ctx, res, slug, componentId, surveyId, true);
  return loaded ? { ctx, ...loaded } : null;
}

/**
 * The visitor's cookie that keeps answers without an account apart: set on a
 * survey's page when the component takes them and there is none yet (random,
 * this site only, never read by scripts; the service keeps only a token derived from it).
 */
export function ensureVisitorCookie(
  req: PageRequest,
  res: FastifyReply,
  s: SurveyView,
  signedIn: boolean,
) {
  if (signedIn || !s.anonymousAnswers || !s.caller.canAnswer) return;
  if (new RegExp(`(?:^|;\\s*)${VISITOR_COOKIE}=`).test(req.headers.cookie ?? '')) return;
  keepCookie(res, VISITOR_COOKIE, randomBytes(24).toString('base64url'), 365 * 86_400);
}

export const SURVEY_FORMS = [
  formAction<AtSurvey, Answers, SurveyValues>({
    path: 'spaces/:slug/surveys/:componentId/:surveyId/answer',
    load: atSurvey,
    read: ({ ctx, s }, body) => readSurveyForm(ctx, s, body),
    send: ({ ctx, s }, dto) => ctx.api.post(`${SURVEYS_API}/surveys/${s.id}/answers`, dto),
    done: ({ place, s }) => `${surveyPath(place.space.slug, s.componentId, s.id)}?done=answered`,
    refusal: ({ ctx, s }, answer) => answerRefusal(ctx, s, answer),
    again: (at, res, form, status) =>
      renderSurvey(at.ctx, res, at.place, at.s, { done: false, form }, status),
  }),
];
