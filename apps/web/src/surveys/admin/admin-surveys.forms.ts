/**
 * The forms of the administrators' surveys pages, declared for the form
 * executor: each is a plain POST, 303 to the page with a notice when it
 * worked, the page again with its errors per field when not. The questions
 * are one list the API takes whole (PATCH /surveys/:id { questions }): adding,
 * saving, moving or deleting one sends the list with that change, refused
 * with 409 WRONG_STATE once someone answered. Deleting a survey or a question
 * asks first. The surveys API checks the administrator again on every call.
 */
import { pickText, type QuestionView } from '@palabre/contracts';
import type { FastifyReply } from 'fastify';
import type { WebConfig } from '../../shared/config/web.config';
import type { Confirmation } from '../../shared/forms/confirm-page';
import {
  formAction,
  type FormActionSpec,
  type FormAgain,
  type Refusal,
} from '../../shared/forms/form-action';
import { fixedForm, type FormRead } from '../../shared/forms/form-read';
import type { ApiResponse, Problem } from '../../shared/gateway/gateway-client';
import type { MessageKey } from '../../shared/i18n/i18n';
import type { PageRequest } from '../../shared/layout/http';
import type { PageContext } from '../../shared/layout/page-context';
import { answeredNotFound, refusal } from '../../spaces/admin/space-admin.api';
import { SURVEYS_API, type SurveyView } from '../surveys.api';
import {
  atComponent,
  atQuestion,
  atSurvey,
  param,
  renderComponent,
  renderDetails,
  renderQuestion,
  renderSurvey,
  zone,
  type AtQuestion,
  type AtSurvey,
} from './admin-surveys.controller';
import { componentAdminPath, surveyAdminPath, type SurveyForms } from './admin-surveys.pages';
import {
  SURVEY_FIELDS,
  dependentsOf,
  isQuestionType,
  moved,
  nextQuestionId,
  questionControl,
  questionControls,
  readQuestion,
  readSurvey,
  type SurveyBody,
} from './survey-form';

const SURVEY = 'admin/surveys/:surveyId';

/**
 * The API's refusal on an administrator's form (the spaces back-office's
 * reading: 5xx, 429 and 401 are error pages), with the surveys API's codes
 * said for what they mean here: a state that forbids it (`wrongState`).
 */
function refused(
  ctx: PageContext,
  answer: ApiResponse<Problem | null>,
  fields: Record<string, string>,
  wrongState?: MessageKey,
): Refusal {
  const out = refusal(ctx, answer, fields);
  const code = answer.body?.code;
  if (code === 'NOT_ALLOWED') out.notice = ctx.t('surveysAdmin.error.notAllowed');
  if (code === 'WRONG_STATE') out.notice = ctx.t(wrongState ?? 'refused.conflict');
  return out;
}

/** An administrator's form: its refusals read as `refused` says (WRONG_STATE as `wrongState`). */
function adminAction<P extends AtSurvey, D>(
  spec: FormActionSpec<P, D> & { wrongState?: MessageKey },
) {
  const { wrongState, ...rest } = spec;
  return formAction<P, D>({
    refusal: ({ ctx }, answer, fields) => refused(ctx, answer, fields, wrongState),
    ...rest,
  });
}

/** The API's refused fields renamed to the controls they came from (`questions.3.options` → `options-fr`). */
function renamed<T>(
  answer: ApiResponse<T>,
  rename: (field: string) => string | null,
): ApiResponse<T> {
  const body = answer.body as Problem | null;
  if (!body?.errors) return answer;
  return {
    ...answer,
    body: {
      ...body,
      errors: body.errors.map((e) => ({ ...e, field: rename(e.field) ?? e.field })),
    } as T,
  };
}

/** A survey's page, for its forms' loader (sign-in returns there). */
const surveyAt =
  (suffix = '') =>
  (req: PageRequest, res: FastifyReply, config: WebConfig) =>
    atSurvey(req, res, config, `${surveyAdminPath(param(req, 'surveyId'))}${suffix}`);

const titleOf = (ctx: PageContext, s: Pick<SurveyView, 'title'>) =>
  pickText(s.title, ctx.locale).text;

/** The survey's page again, the form's refusal (or its first error) said in its section. */
const surveyAgain =
  (which: keyof SurveyForms) =>
  (at: AtSurvey, res: FastifyReply, form: FormAgain, status: number) =>
    renderSurvey(
      at,
      res,
      { [which]: { values: {}, errors: [], notice: form.notice ?? form.errors[0]?.message } },
      null,
      status,
    );

/** The questions sent whole, refusals of this question's fields next to its controls. */
async function sendQuestions(
  { ctx, s }: AtSurvey,
  questions: QuestionView[],
  index: number | null,
): Promise<ApiResponse<unknown>> {
  const answer = await ctx.api.patch(`${SURVEYS_API}/surveys/${s.id}`, { questions });
  return index === null ? answer : renamed(answer, (f) => questionControl(f, index));
}

const LOCKED: MessageKey = 'surveysAdmin.questions.lockedNotice';

/** A new question of the type in the address (`?type=single`). */
interface AtNewQuestion extends AtSurvey {
  type: QuestionView['type'];
}

export const ADMIN_SURVEY_FORMS = [
  formAction({
    path: 'admin/surveys/components/:componentId/new',
    load: (req, res, config) =>
      atComponent(req, res, config, `${componentAdminPath(param(req, 'componentId'))}#new-survey`),
    read: ({ ctx }, body) => readSurvey(ctx.i18n, body, zone(ctx)),
    send: ({ ctx, p }, dto: SurveyBody) =>
      ctx.api.post(`${SURVEYS_API}/components/${p.componentId}/surveys`, dto),
    done: (_at, answer) =>
      `${surveyAdminPath((answer.body as SurveyView).id)}?done=created#questions`,
    fields: SURVEY_FIELDS,
    refusal: ({ ctx }, answer, fields) => refused(ctx, answer, fields),
    again: (at, res, form, status) => renderComponent(at, res, form, null, status),
  }),
  adminAction<AtSurvey, SurveyBody>({
    path: `${SURVEY}/edit`,
    load: surveyAt('/edit'),
    read: ({ ctx }, body) => readSurvey(ctx.i18n, body, zone(ctx)),
    send: ({ ctx, s }, dto) => ctx.api.patch(`${SURVEYS_API}/surveys/${s.id}`, dto),
    done: ({ s }) => `${surveyAdminPath(s.id)}?done=saved`,
    fields: SURVEY_FIELDS,
    again: renderDetails,
  }),
  adminAction<AtSurvey, object>({
    path: `${SURVEY}/publish`,
    load: surveyAt('#publication'),
    read: () => fixedForm({}),
    send: ({ ctx, s }) => ctx.api.post(`${SURVEYS_API}/surveys/${s.id}/publish`),
    done: ({ s }) => `${surveyAdminPath(s.id)}?done=published#publication`,
    // Without a question to answer, a survey cannot be published: said as such.
    refusal: ({ ctx, s }, answer, fields) =>
      refused(
        ctx,
        answer,
        fields,
        s.questions.some((q) => q.type !== 'section')
          ? 'surveysAdmin.publish.refused'
          : 'surveysAdmin.publish.needsQuestion',
      ),
    again: surveyAgain('publish'),
  }),
  adminAction<AtSurvey, object>({
    path: `${SURVEY}/unpublish`,
    load: surveyAt('#publication'),
    read: () => fixedForm({}),
    send: ({ ctx, s }) => ctx.api.post(`${SURVEYS_API}/surveys/${s.id}/unpublish`),
    done: ({ s }) => `${surveyAdminPath(s.id)}?done=unpublished#publication`,
    wrongState: 'surveysAdmin.unpublish.answered',
    again: surveyAgain('publish'),
  }),
  adminAction<AtSurvey, object>({
    path: `${SURVEY}/results/publish`,
    load: surveyAt('#results'),
    read: () => fixedForm({}),
    send: ({ ctx, s }) => ctx.api.post(`${SURVEYS_API}/surveys/${s.id}/results/publish`),
    done: ({ s }) => `${surveyAdminPath(s.id)}?done=resultsPublished#results`,
    wrongState: 'surveysAdmin.results.draft',
    again: surveyAgain('results'),
  }),
  adminAction<AtSurvey, object>({
    path: `${SURVEY}/results/unpublish`,
    load: surveyAt('#results'),
    read: () => fixedForm({}),
    send: ({ ctx, s }) => ctx.api.post(`${SURVEYS_API}/surveys/${s.id}/results/unpublish`),
    done: ({ s }) => `${surveyAdminPath(s.id)}?done=resultsWithdrawn#results`,
    again: surveyAgain('results'),
  }),
  adminAction<AtSurvey, object>({
    path: `${SURVEY}/delete`,
    load: surveyAt('#delete'),
    read: () => fixedForm({}),
    confirm: ({ ctx, s }): Confirmation => ({
      title: ctx.t('surveysAdmin.delete.ask', { title: titleOf(ctx, s) }),
      what: ctx.t('surveysAdmin.delete.askWhat'),
      final: ctx.t('surveysAdmin.delete.askFinal'),
      button: ctx.t('surveysAdmin.delete.button'),
      back: surveyAdminPath(s.id),
    }),
    send: ({ ctx, s }) => ctx.api.delete(`${SURVEYS_API}/surveys/${s.id}`),
    done: ({ p }) => `${componentAdminPath(p.componentId)}?done=deleted`,
    wrongState: 'surveysAdmin.delete.notDraft',
    again: surveyAgain('remove'),
  }),
  adminAction<AtNewQuestion, QuestionView>({
    path: `${SURVEY}/new-question`,
    load: async (req, res, config) => {
      const type = req.query.type;
      const at = await atSurvey(
        req,
        res,
        config,
        `${surveyAdminPath(param(req, 'surveyId'))}/new-question?type=${isQuestionType(type) ? type : ''}`,
      );
      if (!at) return null;
      return isQuestionType(type) ? { ...at, type } : answeredNotFound(at.ctx, res);
    },
    read: ({ ctx, s, type }, body) =>
      readQuestion(ctx.i18n, body, {
        id: nextQuestionId(s.questions),
        type,
        before: s.questions,
        after: [],
        existing: null,
      }),
    send: (at, q) => sendQuestions(at, [...at.s.questions, q], at.s.questions.length),
    done: ({ s }) => `${surveyAdminPath(s.id)}?done=questionAdded#q-${nextQuestionId(s.questions)}`,
    refusal: ({ ctx, s }, answer) => refused(ctx, answer, questionControls(s.questions), LOCKED),
    again: (at, res, form, status) => renderQuestion(at, res, { type: at.type }, form, status),
  }),
  adminAction<AtQuestion, QuestionView>({
    path: `${SURVEY}/questions/:questionId`,
    load: (req, res, config) =>
      atQuestion(
        req,
        res,
        config,
        `${surveyAdminPath(param(req, 'surveyId'))}/questions/${param(req, 'questionId')}`,
      ),
    read: ({ ctx, s, q, index }, body) =>
      readQuestion(ctx.i18n, body, {
        id: q.id,
        type: q.type,
        before: s.questions.slice(0, index),
        after: s.questions.slice(index + 1),
        existing: q,
      }),
    send: (at, q) =>
      sendQuestions(
        at,
        at.s.questions.map((x, i) => (i === at.index ? q : x)),
        at.index,
      ),
    done: ({ s, q }) => `${surveyAdminPath(s.id)}?done=questionSaved#q-${q.id}`,
    refusal: ({ ctx, s, index }, answer) =>
      refused(ctx, answer, questionControls(s.questions.slice(0, index)), LOCKED),
    again: (at, res, form, status) => renderQuestion(at, res, at, form, status),
  }),
  adminAction<AtQuestion, QuestionView[]>({
    path: `${SURVEY}/questions/:questionId/move`,
    load: (req, res, config) =>
      atQuestion(req, res, config, `${surveyAdminPath(param(req, 'surveyId'))}#questions`),
    read: ({ ctx, s, q }, body): FormRead<QuestionView[]> => {
      const direction =
        body.direction === 'up' || body.direction === 'down' ? body.direction : null;
      const r = direction ? moved(s.questions, q.id, direction) : null;
      if (r && 'questions' in r) return fixedForm(r.questions);
      const message = r
        ? ctx.t('surveysAdmin.error.moveCondition', {
            question: titleOf(ctx, r.blocker),
            source: titleOf(ctx, r.source),
          })
        : ctx.t('surveysAdmin.error.move');
      return { values: {}, errors: [{ field: 'questions', message }], dto: null };
    },
    send: (at, questions) => sendQuestions(at, questions, null),
    done: ({ s, q }) => `${surveyAdminPath(s.id)}?done=questionMoved#q-${q.id}`,
    wrongState: LOCKED,
    again: surveyAgain('questions'),
  }),
  adminAction<AtQuestion, QuestionView[]>({
    path: `${SURVEY}/questions/:questionId/delete`,
    load: (req, res, config) =>
      atQuestion(req, res, config, `${surveyAdminPath(param(req, 'surveyId'))}#questions`),
    read: ({ ctx, s, q }): FormRead<QuestionView[]> => {
      const dependents = dependentsOf(s.questions, q.id);
      if (!dependents.length) return fixedForm(s.questions.filter((x) => x.id !== q.id));
      const message = ctx.t('surveysAdmin.error.deleteCondition', {
        question: titleOf(ctx, dependents[0]),
      });
      return { values: {}, errors: [{ field: 'questions', message }], dto: null };
    },
    confirm: ({ ctx, s, q }): Confirmation => ({
      title: ctx.t('surveysAdmin.question.deleteAsk', { title: titleOf(ctx, q) || q.id }),
      what: ctx.t('surveysAdmin.question.deleteWhat', { survey: titleOf(ctx, s) }),
      final: ctx.t('surveysAdmin.question.deleteFinal'),
      button: ctx.t('surveysAdmin.question.deleteButton'),
      back: `${surveyAdminPath(s.id)}#q-${q.id}`,
    }),
    send: (at, questions) => sendQuestions(at, questions, null),
    done: ({ s }) => `${surveyAdminPath(s.id)}?done=questionDeleted#questions`,
    wrongState: LOCKED,
    again: surveyAgain('questions'),
  }),
];
