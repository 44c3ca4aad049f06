import { pickText, type SurveyAnswerListView, type QuestionView } from '@palabre/contracts';
import { Controller, Get, Inject, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '@palabre/auth';
import { WEB_CONFIG, type WebConfig } from '../../shared/config/web.config';
import type { FormPlace } from '../../shared/forms/form-action';
import { titleWithErrors } from '../../shared/forms/form-notices';
import type { FieldError } from '../../shared/html/components';
import type { Html } from '../../shared/html/html';
import type { MessageKey } from '../../shared/i18n/i18n';
import { isUuid, seeOther, type PageRequest } from '../../shared/layout/http';
import type { PageContext } from '../../shared/layout/page-context';
import { PageErrorFilter, send } from '../../shared/layout/render';
import { maySpaceAdmin, spaceAdminContext } from '../../spaces/admin/space-admin-access';
import {
  answeredNotFound,
  loadSpace,
  forbiddenPage,
  param,
  spacesAdministered,
  type Loader,
} from '../../spaces/admin/space-admin.api';
import { SURVEYS_API, type SurveyListView, type SurveyView } from '../surveys.api';
import {
  ADMIN_SURVEYS,
  EMPTY,
  answersPage,
  componentPage,
  detailsPage,
  indexPage,
  newQuestionPath,
  questionPage,
  questionPath,
  questionsLocked,
  surveyAdminPath,
  surveyPage,
  typePage,
  type AdminPlace,
  type Form,
  type SurveyForms,
  TYPE_KEYS,
} from './admin-surveys.pages';
import {
  isQuestionType,
  newQuestionValues,
  nextQuestionId,
  questionValues,
  surveyValues,
  zoneOf,
} from './survey-form';

/** A back-office page or form of one surveys component, for one of its space's admins. */
export interface AtComponent extends FormPlace {
  p: AdminPlace;
}
/** … and of one of its surveys, as its administrators read it. */
export interface AtSurvey extends AtComponent {
  s: SurveyView;
}
/** … and one of its questions (its place in the list). */
export interface AtQuestion extends AtSurvey {
  q: QuestionView;
  index: number;
}

export { param };

/** After an answer is sent (403): nothing to act on. */
const sent = (_answer: void): null => null;

const forbidden = (ctx: PageContext, res: FastifyReply) =>
  forbiddenPage(ctx, res, ctx.t('surveysAdmin.error.notAllowed'));

/** The zone the pages give and read dates in: the organization's. */
export const zone = (ctx: PageContext) => zoneOf(ctx.org.timeZone);

/** A component's surveys, drafts included (its administrators see them), newest first. */
async function surveysOf(ctx: PageContext, componentId: string) {
  return ctx.api.get<SurveyListView>(`${SURVEYS_API}/components/${componentId}/surveys`, {
    fresh: true,
  });
}

/**
 * The back-office context and the surveys component a page or form is about
 * (and its space), for one of the space's admins; null: the answer is sent
 * (sign-in, 403, 404). The space is the one its surveys name, else the one
 * among the spaces this person administers that holds the component.
 */
export const atComponent: Loader<AtComponent & { items: SurveyListView['items'] }> = async (
  req,
  res,
  config,
  back,
) => {
  const ctx = await spaceAdminContext(req, res, config.gatewayUrl, { back });
  if (!ctx) return null;
  const componentId = param(req, 'componentId');
  if (!isUuid(componentId)) return answeredNotFound(ctx, res);
  const l = await surveysOf(ctx, componentId);
  if (l.status === 404 || l.status === 400 || l.status === 403) return answeredNotFound(ctx, res);
  if (l.status !== 200) throw new Error(`Surveys answered ${l.status}`);
  const named = l.body.items[0]?.spaceId;
  const space = named
    ? await loadSpace(ctx, named)
    : ((await spacesAdministered(ctx)).find((s) =>
        s.components.some((c) => c.id === componentId),
      ) ?? null);
  if (!space || !space.components.some((c) => c.id === componentId && c.type === 'surveys'))
    return answeredNotFound(ctx, res);
  if (!maySpaceAdmin(ctx.me, space.id)) return sent(forbidden(ctx, res));
  return { ctx, p: { space, componentId }, items: l.body.items };
};

/** As `atComponent`, for one survey (`:surveyId`) its administrators manage. */
export const atSurvey: Loader<AtSurvey> = async (req, res, config, back) => {
  const ctx = await spaceAdminContext(req, res, config.gatewayUrl, { back });
  if (!ctx) return null;
  const id = param(req, 'surveyId');
  if (!isUuid(id)) return answeredNotFound(ctx, res);
  const r = await ctx.api.get<SurveyView>(`${SURVEYS_API}/surveys/${id}`, { fresh: true });
  if (r.status === 404 || r.status === 400) return answeredNotFound(ctx, res);
  if (r.status !== 200) throw new Error(`Survey answered ${r.status}`);
  const s = r.body;
  if (!maySpaceAdmin(ctx.me, s.spaceId) || !s.caller.isAdmin) return sent(forbidden(ctx, res));
  const space = await loadSpace(ctx, s.spaceId);
  if (!space) return answeredNotFound(ctx, res);
  return { ctx, p: { space, componentId: s.componentId }, s };
};

/** As `atSurvey`, for one of its questions (`:questionId`). */
export const atQuestion: Loader<AtQuestion> = async (req, res, config, back) => {
  const at = await atSurvey(req, res, config, back);
  if (!at) return null;
  const index = at.s.questions.findIndex((q) => q.id === param(req, 'questionId'));
  if (index < 0) return answeredNotFound(at.ctx, res);
  return { ...at, q: at.s.questions[index], index };
};

function page(
  ctx: PageContext,
  res: FastifyReply,
  title: string,
  main: Html,
  errors: FieldError[] = [],
  status = 200,
) {
  send(res, ctx, { title: titleWithErrors(ctx, title, errors), section: 'admin', main }, status);
}

const titleOf = (ctx: PageContext, s: Pick<SurveyView, 'title'>) =>
  pickText(s.title, ctx.locale).text;

/** What each page says after a form's 303 (`?done=…`). */
const DONE = {
  component: { deleted: 'surveysAdmin.done.deleted' },
  survey: {
    created: 'surveysAdmin.done.created',
    saved: 'surveysAdmin.done.saved',
    published: 'surveysAdmin.done.published',
    unpublished: 'surveysAdmin.done.unpublished',
    resultsPublished: 'surveysAdmin.done.resultsPublished',
    resultsWithdrawn: 'surveysAdmin.done.resultsWithdrawn',
    questionAdded: 'surveysAdmin.done.questionAdded',
    questionSaved: 'surveysAdmin.done.questionSaved',
    questionMoved: 'surveysAdmin.done.questionMoved',
    questionDeleted: 'surveysAdmin.done.questionDeleted',
  },
} satisfies Record<string, Record<string, MessageKey>>;

const doneOf = (req: PageRequest, ctx: PageContext, keys: Record<string, MessageKey>) => {
  const key = keys[String(req.query.done)];
  return key ? ctx.t(key) : null;
};

export function renderComponent(
  at: AtComponent & { items: SurveyListView['items'] },
  res: FastifyReply,
  form: Form,
  done: string | null,
  status = 200,
) {
  const { ctx, p } = at;
  const c = p.space.components.find((x) => x.id === p.componentId);
  page(
    ctx,
    res,
    ctx.t('surveysAdmin.component.title', { name: pickText(c?.name, ctx.locale).text }),
    componentPage(ctx, p, at.items, form, zone(ctx), done),
    form.errors,
    status,
  );
}

export function renderSurvey(
  { ctx, p, s }: AtSurvey,
  res: FastifyReply,
  forms: Partial<SurveyForms>,
  done: string | null,
  status = 200,
) {
  const all: SurveyForms = {
    publish: forms.publish ?? EMPTY,
    results: forms.results ?? EMPTY,
    remove: forms.remove ?? EMPTY,
    questions: forms.questions ?? EMPTY,
  };
  page(ctx, res, titleOf(ctx, s), surveyPage(ctx, p, s, all, zone(ctx), done), [], status);
}

export function renderDetails(
  { ctx, p, s }: AtSurvey,
  res: FastifyReply,
  form: Form | null,
  status = 200,
) {
  const f = form ?? { values: surveyValues(s, zone(ctx)), errors: [] };
  page(
    ctx,
    res,
    ctx.t('surveysAdmin.details.title', { title: titleOf(ctx, s) }),
    detailsPage(ctx, p, s, f, zone(ctx)),
    f.errors,
    status,
  );
}

/** The form of a question: a new one of `type` (appended), or one of the list. */
export function renderQuestion(
  at: AtSurvey,
  res: FastifyReply,
  target: { q: QuestionView; index: number } | { type: QuestionView['type'] },
  form: Form | null,
  status = 200,
) {
  const { ctx, p, s } = at;
  const isNew = !('q' in target);
  const type = 'q' in target ? target.q.type : target.type;
  const id = 'q' in target ? target.q.id : nextQuestionId(s.questions);
  const before = 'q' in target ? s.questions.slice(0, target.index) : s.questions;
  const f =
    form ??
    ({
      values: 'q' in target ? questionValues(target.q) : newQuestionValues(type),
      errors: [],
    } as Form);
  const action = isNew ? `${newQuestionPath(s.id)}?type=${type}` : questionPath(s.id, id);
  const main = questionPage(ctx, p, s, { type, id, action, isNew, before }, f);
  const title = ctx.t(
    isNew ? 'surveysAdmin.questionForm.newTitle' : 'surveysAdmin.questionForm.editTitle',
    { type: ctx.t(TYPE_KEYS[type]) },
  );
  page(ctx, res, `${title} — ${titleOf(ctx, s)}`, main, f.errors, status);
}

/**
 * The administrators' surveys pages, for organization admins and the admins
 * of the survey's space (the surveys API checks again on every call). Its
 * forms are declared in `admin-surveys.forms.ts`.
 */
@ApiExcludeController()
@Public()
@UseFilters(PageErrorFilter)
@Controller(ADMIN_SURVEYS.slice(1))
export class AdminSurveysController {
  constructor(@Inject(WEB_CONFIG) private readonly config: WebConfig) {}

  @Get()
  async index(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const ctx = await spaceAdminContext(req, res, this.config.gatewayUrl);
    if (!ctx) return;
    page(
      ctx,
      res,
      ctx.t('surveysAdmin.index.title'),
      indexPage(ctx, await spacesAdministered(ctx)),
    );
  }

  @Get('components/:componentId')
  async component(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const at = await atComponent(req, res, this.config);
    if (at) renderComponent(at, res, EMPTY, doneOf(req, at.ctx, DONE.component));
  }

  @Get(':surveyId')
  async survey(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const at = await atSurvey(req, res, this.config);
    if (at) renderSurvey(at, res, {}, doneOf(req, at.ctx, DONE.survey));
  }

  @Get(':surveyId/edit')
  async details(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const at = await atSurvey(req, res, this.config);
    if (at) renderDetails(at, res, null);
  }

  @Get(':surveyId/new-question')
  async newQuestion(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const at = await atSurvey(req, res, this.config);
    if (!at) return;
    // Once someone answered, the questions stay as they were answered.
    if (questionsLocked(at.s)) return seeOther(res, `${surveyAdminPath(at.s.id)}#questions`);
    const type = req.query.type;
    if (!isQuestionType(type)) {
      const { ctx, p, s } = at;
      const error = type !== undefined;
      return page(
        ctx,
        res,
        `${ctx.t('surveysAdmin.add.title')} — ${titleOf(ctx, s)}`,
        typePage(ctx, p, s, error),
        error ? [{ field: 'type', message: ctx.t('surveysAdmin.error.type') }] : [],
        error ? 400 : 200,
      );
    }
    renderQuestion(at, res, { type }, null);
  }

  @Get(':surveyId/questions/:questionId')
  async question(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const at = await atQuestion(req, res, this.config);
    if (!at) return;
    if (questionsLocked(at.s)) return seeOther(res, `${surveyAdminPath(at.s.id)}#q-${at.q.id}`);
    renderQuestion(at, res, at, null);
  }

  @Get(':surveyId/answers')
  async answers(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const at = await atSurvey(req, res, this.config);
    if (!at) return;
    const { ctx, p, s } = at;
    const cursor = typeof req.query.cursor === 'string' ? req.query.cursor.slice(0, 200) : '';
    const r = await ctx.api.get<SurveyAnswerListView>(
      `${SURVEYS_API}/surveys/${s.id}/answers?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      { fresh: true },
    );
    // A cursor that no longer reads (typed by hand): the first page.
    if (r.status === 400 && cursor) return seeOther(res, `${surveyAdminPath(s.id)}/answers`);
    if (r.status === 403) return forbidden(ctx, res);
    if (r.status === 404) return answeredNotFound(ctx, res);
    if (r.status !== 200) throw new Error(`Answers answered ${r.status}`);
    page(
      ctx,
      res,
      ctx.t('surveysAdmin.answers.title', { title: titleOf(ctx, s) }),
      answersPage(ctx, p, s, r.body, cursor, zone(ctx)),
    );
  }
}
