import { pickText } from '@palabre/contracts';
/**
 * The forms of the budgeting back-office, declared for the form executor:
 * each is a plain POST, 303 to the page with a notice when it worked, the
 * form again with its errors per field (400/409/422) when not. The API
 * checks the role again on every call.
 */
import type { FastifyReply } from 'fastify';
import type { WebConfig } from '../../shared/config/web.config';
import {
  formAction,
  type FormActionSpec,
  type FormAgain,
  type Refusal,
} from '../../shared/forms/form-action';
import type { Confirmation } from '../../shared/forms/confirm-page';
import type { FormBody, FormRead } from '../../shared/forms/form-read';
import type { ApiResponse, Problem } from '../../shared/gateway/gateway-client';
import type { FieldError } from '../../shared/html/components';
import { formText } from '../../shared/html/form-controls';
import type { MessageKey } from '../../shared/i18n/i18n';
import { isUuid, type PageRequest } from '../../shared/layout/http';
import type { PageContext } from '../../shared/layout/page-context';
import { notFound, refusal } from '../../spaces/admin/space-admin.api';
import {
  BUDGETING_API,
  euros,
  type BudgetView,
  type ProjectView,
  type ResultsView,
} from '../budgets.api';
import {
  andThen,
  atBudget,
  atComponent,
  atResults,
  budgetProjects,
  paperLog,
  param,
  renderBudget,
  renderComponent,
  renderNewBudget,
  renderNewProject,
  renderPaper,
  renderProject,
  renderResults,
  renderTracking,
  type AtBudget,
  type AtComponent,
  type AtResults,
} from './admin-budgets.controller';
import { EMPTY, adminBudgetPath, adminComponentPath } from './admin-budgets.pages';
import {
  BUDGET_FIELDS,
  PROJECT_FIELDS,
  readBudget,
  readPaper,
  readProgress,
  readProject,
  readUpdate,
  readVoid,
  readWithdraw,
  voteField,
  type PaperDto,
} from './budget-forms';

const ROUTE = 'admin/budgets/:componentId';
const BUDGET_ROUTE = `${ROUTE}/:budgetId`;

const adminPaths = (req: PageRequest) => ({
  component: adminComponentPath(param(req, 'componentId')),
  budget: adminBudgetPath(param(req, 'componentId'), param(req, 'budgetId')),
});

/**
 * The API's refusal on a back-office form (the spaces back-office's reading:
 * 5xx, 429 and 401 are error pages), with WRONG_STATE said for what it means
 * on this form.
 */
function refused(
  ctx: PageContext,
  answer: ApiResponse<Problem | null>,
  fields: Record<string, string>,
  wrongState?: MessageKey,
): Refusal {
  const out = refusal(ctx, answer, fields);
  if (wrongState && answer.body?.code === 'WRONG_STATE') out.notice = ctx.t(wrongState);
  return out;
}

/** A back-office form: its refusals read as `refused` says (WRONG_STATE as `wrongState`) unless it says otherwise. */
function adminAction<P extends AtComponent, D>(
  spec: FormActionSpec<P, D> & { wrongState?: MessageKey },
) {
  const { wrongState, ...rest } = spec;
  return formAction<P, D>({
    refusal: ({ ctx }, answer, fields) => refused(ctx, answer, fields, wrongState),
    ...rest,
  });
}

/** What `at` is about, and an id of the path that must be a UUID (404 otherwise). */
const withId =
  <K extends string>(name: K) =>
  <P extends AtComponent>(at: P, req: PageRequest, res: FastifyReply) => {
    const id = param(req, name);
    if (isUuid(id)) return { ...at, [name]: id } as P & Record<K, string>;
    notFound(at.ctx, res);
    return null;
  };
const atResultOf = andThen(atComponent, withId('resultId'));
const atProjectOf = andThen(atBudget, withId('projectId'));
const atToReview = andThen(atComponent, withId('projectId'));

/** Error fields of one result's forms carry its id (several results share the page). */
const suffixed = <D>(read: FormRead<D>, resultId: string): FormRead<D> => ({
  ...read,
  errors: read.errors.map((e) => ({ ...e, field: `${e.field}-${resultId}` })),
});

type AtResult = AtComponent & { resultId: string };
const atResult = (req: PageRequest, res: FastifyReply, config: WebConfig) =>
  atResultOf(req, res, config, `${adminPaths(req).component}/progress`);
const progressDone = ({ p, resultId }: AtResult, done: string) =>
  `${adminComponentPath(p.componentId)}/progress?done=${done}#result-${resultId}`;
const trackingAgain =
  (which: 'status' | 'update') =>
  (at: AtResult, res: FastifyReply, form: FormAgain, status: number) =>
    renderTracking(
      at,
      res,
      { resultId: at.resultId, status: EMPTY, update: EMPTY, [which]: form },
      null,
      status,
    );

type AtProject = AtBudget & { projectId: string };
const atProject = (req: PageRequest, res: FastifyReply, config: WebConfig) =>
  atProjectOf(req, res, config, `${adminPaths(req).budget}/projects/${param(req, 'projectId')}`);
const projectPath = ({ p, b, projectId }: AtProject) =>
  `${adminBudgetPath(p.componentId, b.id)}/projects/${projectId}`;

const paperPath = ({ p, b }: AtBudget) => `${adminBudgetPath(p.componentId, b.id)}/paper`;
const atPaper = (req: PageRequest, res: FastifyReply, config: WebConfig) =>
  atBudget(req, res, config, `${adminPaths(req).budget}/paper`);

type AtPaper = AtBudget & { projects: ProjectView[] };
/** The API names a vote by its index in what was sent (`votes.2.votes`); the form by its project's field. */
function paperVotes(answer: ApiResponse<Problem | null>, dto: PaperDto) {
  const errors = answer.body?.errors?.map((e) => {
    const index = /^votes\.(\d+)(\.|$)/.exec(e.field)?.[1];
    const sent = index === undefined ? undefined : dto.votes[Number(index)];
    return sent ? { ...e, field: voteField(sent.projectId) } : e;
  });
  return errors ? { ...answer, body: { ...answer.body, errors } } : answer;
}

/**
 * The results form: the projects ticked, within the envelope (the API checks
 * it again; said here, it is not asked for confirmation first). The
 * confirmation page posts them again as they were posted.
 */
function readResults(
  { ctx, results }: AtResults,
  body: FormBody,
): FormRead<{ projectIds: string[] }> {
  const raw = body.projectIds ?? [];
  const projectIds = (Array.isArray(raw) ? raw : [raw]).filter(
    (x): x is string => typeof x === 'string',
  );
  const values = { chosen: projectIds.join(',') };
  const refused = (key: MessageKey) => ({
    values,
    errors: [{ field: 'projects', message: ctx.t(key) }],
    dto: null,
  });
  if (!projectIds.every(isUuid)) return refused('budgetsAdmin.error.projects');
  if (chosenCents(results, projectIds) > results.envelopeCents)
    return refused('budgetsAdmin.error.overEnvelope');
  return { values, errors: [], dto: { projectIds } };
}

const chosenCents = ({ projects }: ResultsView, ids: string[]) =>
  projects.filter((x) => ids.includes(x.id)).reduce((a, x) => a + x.amountCents, 0);

/** What confirming the results does, said before it is done. */
function confirmResults(
  { ctx, p, b, results }: AtResults,
  { projectIds }: { projectIds: string[] },
): Confirmation {
  const { t, i18n } = ctx;
  const funded = results.projects
    .filter((x) => projectIds.includes(x.id))
    .map((x) => pickText(x.title, ctx.locale).text);
  return {
    title: t('budgetsAdmin.results.ask', { budget: pickText(b.title, ctx.locale).text }),
    what: t('budgetsAdmin.results.askWhat', {
      projects: funded.join(', ') || t('budgetsAdmin.results.askNone'),
      amount: euros(i18n, chosenCents(results, projectIds)),
      envelope: euros(i18n, results.envelopeCents),
    }),
    final: t('budgetsAdmin.results.askFinal'),
    button: t('budgetsAdmin.results.confirm'),
    back: `${adminBudgetPath(p.componentId, b.id)}/results`,
  };
}

const created = (answer: ApiResponse<unknown>) => (answer.body as BudgetView).id;

export const ADMIN_BUDGET_FORMS = [
  // Publishing a project from an accepted proposal, into the budget chosen beside it.
  adminAction<AtComponent & { projectId: string }, { budgetId: string }>({
    path: `${ROUTE}/to-review/:projectId`,
    load: (req, res, config) => atToReview(req, res, config, adminPaths(req).component),
    read: ({ ctx, projectId }, body) => {
      const field = `budget-${projectId}`;
      const budgetId = formText(body, field);
      const errors: FieldError[] = isUuid(budgetId)
        ? []
        : [{ field, message: ctx.t('budgetsAdmin.error.chooseBudget') }];
      return { values: { budgetId }, errors, dto: errors.length ? null : { budgetId } };
    },
    send: ({ ctx, projectId }, dto) =>
      ctx.api.post(`${BUDGETING_API}/projects/${projectId}/publish`, dto),
    done: ({ p }) => `${adminComponentPath(p.componentId)}?done=published`,
    refusal: ({ ctx, projectId }, answer) =>
      refused(ctx, answer, { budgetId: `budget-${projectId}` }, 'budgetsAdmin.error.notToReview'),
    again: (at, res, form, status) =>
      renderComponent(at, res, null, { projectId: at.projectId, form }, status),
  }),
  adminAction({
    path: `${ROUTE}/new`,
    load: (req, res, config) => atComponent(req, res, config, `${adminPaths(req).component}/new`),
    read: ({ ctx }, body) => readBudget(ctx.i18n, body, false),
    send: ({ ctx, p }, dto) =>
      ctx.api.post(`${BUDGETING_API}/components/${p.componentId}/budgets`, dto),
    done: ({ p }, answer) => `${adminBudgetPath(p.componentId, created(answer))}?done=created`,
    fields: BUDGET_FIELDS,
    wrongState: 'budgetsAdmin.error.frozen',
    again: renderNewBudget,
  }),
  adminAction({
    path: `${ROUTE}/progress/:resultId`,
    load: atResult,
    read: ({ ctx, resultId }, body) => suffixed(readProgress(ctx.i18n, body, ''), resultId),
    send: ({ ctx, resultId }, dto) => ctx.api.patch(`${BUDGETING_API}/results/${resultId}`, dto),
    done: (at) => progressDone(at, 'status'),
    refusal: ({ ctx, resultId }, answer) =>
      refused(ctx, answer, { status: `status-${resultId}`, progress: `progress-${resultId}` }),
    again: trackingAgain('status'),
  }),
  adminAction({
    path: `${ROUTE}/progress/:resultId/updates`,
    load: atResult,
    read: ({ ctx, resultId }, body) => suffixed(readUpdate(ctx.i18n, body), resultId),
    send: ({ ctx, resultId }, dto) =>
      ctx.api.post(`${BUDGETING_API}/results/${resultId}/updates`, dto),
    done: (at) => progressDone(at, 'update'),
    refusal: ({ ctx, resultId }, answer) =>
      refused(ctx, answer, {
        date: `update-date-${resultId}`,
        text: `update-text-${resultId}`,
        progress: `update-progress-${resultId}`,
        photoUrls: `update-photoUrls-${resultId}`,
      }),
    again: trackingAgain('update'),
  }),
  adminAction({
    path: BUDGET_ROUTE,
    load: (req, res, config) => atBudget(req, res, config, adminPaths(req).budget),
    read: ({ ctx }, body) => readBudget(ctx.i18n, body, true),
    send: ({ ctx, b }, dto) => ctx.api.patch(`${BUDGETING_API}/budgets/${b.id}`, dto),
    done: ({ p, b }) => `${adminBudgetPath(p.componentId, b.id)}?done=saved`,
    fields: BUDGET_FIELDS,
    wrongState: 'budgetsAdmin.error.frozen',
    again: (at, res, form, status) => renderBudget(at, res, form, null, status),
  }),
  adminAction({
    path: `${BUDGET_ROUTE}/projects/new`,
    load: (req, res, config) =>
      atBudget(req, res, config, `${adminPaths(req).budget}/projects/new`),
    read: ({ ctx }, body) => readProject(ctx.i18n, body, false),
    send: ({ ctx, b }, dto) => ctx.api.post(`${BUDGETING_API}/budgets/${b.id}/projects`, dto),
    done: ({ p, b }) => `${adminBudgetPath(p.componentId, b.id)}?done=project#projects-title`,
    fields: PROJECT_FIELDS,
    wrongState: 'budgetsAdmin.error.frozen',
    again: renderNewProject,
  }),
  adminAction({
    path: `${BUDGET_ROUTE}/projects/:projectId`,
    load: atProject,
    read: ({ ctx }, body) => readProject(ctx.i18n, body, true),
    send: ({ ctx, projectId }, dto) => ctx.api.patch(`${BUDGETING_API}/projects/${projectId}`, dto),
    done: (at) => `${projectPath(at)}?done=saved`,
    fields: PROJECT_FIELDS,
    wrongState: 'budgetsAdmin.error.amountFrozen',
    again: (at, res, edit, status) => renderProject(at, res, at.projectId, { edit }, null, status),
  }),
  adminAction({
    path: `${BUDGET_ROUTE}/projects/:projectId/withdraw`,
    load: atProject,
    read: ({ ctx }, body) => readWithdraw(ctx.i18n, body),
    send: ({ ctx, projectId }, dto) =>
      ctx.api.post(`${BUDGETING_API}/projects/${projectId}/withdraw`, dto),
    done: (at) => `${projectPath(at)}?done=withdrawn`,
    fields: { reason: 'reason' },
    wrongState: 'budgetsAdmin.error.cannotWithdraw',
    again: (at, res, withdraw, status) =>
      renderProject(at, res, at.projectId, { withdraw }, null, status),
  }),
  adminAction<AtPaper, PaperDto>({
    path: `${BUDGET_ROUTE}/paper`,
    load: async (req, res, config) => {
      const at = await atPaper(req, res, config);
      return at && { ...at, projects: await budgetProjects(at.ctx, at.b.id) };
    },
    read: ({ ctx, projects }, body) =>
      readPaper(
        ctx.i18n,
        body,
        projects.map((x) => x.id),
      ),
    send: async ({ ctx, b }, dto) =>
      paperVotes(await ctx.api.post(`${BUDGETING_API}/budgets/${b.id}/paper-ballots`, dto), dto),
    done: (at) => `${paperPath(at)}?done=added#audit-title`,
    refusal: ({ ctx, projects }, answer) =>
      refused(
        ctx,
        answer,
        {
          station: 'station',
          ballots: 'ballots',
          note: 'note',
          ...Object.fromEntries(projects.map((x) => [voteField(x.id), voteField(x.id)])),
        },
        'budgetsAdmin.paper.closed',
      ),
    again: (at, res, add, status) => renderPaper(at, res, { add }, null, status),
  }),
  adminAction<AtBudget & { counting: string[] }, { entry: string; reason: string }>({
    path: `${BUDGET_ROUTE}/paper/void`,
    load: async (req, res, config) => {
      const at = await atPaper(req, res, config);
      if (!at) return null;
      // The entries that still count: the ones an admin may void.
      const log = await paperLog(at.ctx, at.b.id);
      const counting = log.status === 200 ? log.body.items.filter((e) => !e.voided) : [];
      return { ...at, counting: counting.map((e) => e.id) };
    },
    read: ({ ctx, counting }, body) => readVoid(ctx.i18n, body, counting),
    send: ({ ctx, b }, dto) =>
      ctx.api.post(`${BUDGETING_API}/budgets/${b.id}/paper-ballots/${dto.entry}/void`, {
        reason: dto.reason,
      }),
    done: (at) => `${paperPath(at)}?done=voided#audit-title`,
    fields: { reason: 'reason' },
    wrongState: 'budgetsAdmin.paper.closed',
    again: (at, res, form, status) => renderPaper(at, res, { void: form }, null, status),
  }),
  adminAction<AtResults, { projectIds: string[] }>({
    path: `${BUDGET_ROUTE}/results`,
    load: (req, res, config) => atResults(req, res, config, `${adminPaths(req).budget}/results`),
    read: readResults,
    // Final (issue 18, journey 2): a page of its own asks first.
    confirm: confirmResults,
    send: ({ ctx, b }, dto) =>
      ctx.api.post(`${BUDGETING_API}/budgets/${b.id}/results/confirm`, dto),
    done: ({ p, b }) => `${adminBudgetPath(p.componentId, b.id)}/results?done=confirmed`,
    refusal: ({ ctx }, answer) =>
      answer.body?.code === 'SELECTION_OVER_ENVELOPE'
        ? {
            errors: [{ field: 'projects', message: ctx.t('budgetsAdmin.error.overEnvelope') }],
            status: 400,
          }
        : refused(ctx, answer, { projectIds: 'projects' }, 'budgetsAdmin.error.alreadyConfirmed'),
    again: (at, res, form, status) => renderResults(at, res, form, null, status),
  }),
];
