import { pickText } from '@palabre/contracts';
/**
 * The voter's forms on a budget page, declared for the form executor: add a
 * project to the selection or take it out (back to that project, 303), cancel
 * a vote. A refusal is shown where the visitor acted, in words, with a
 * FranceConnect link when signing in would lift it. Confirming the vote keeps
 * its hand-written handler (budgets.controller.ts).
 */
import type { FastifyReply } from 'fastify';
import type { WebConfig } from '../../shared/config/web.config';
import {
  formAction,
  type FormActionSpec,
  type FormAgain,
  type FormPlace,
  type Refusal,
} from '../../shared/forms/form-action';
import type { ApiResponse, Problem } from '../../shared/gateway/gateway-client';
import { isUuid, type PageRequest } from '../../shared/layout/http';
import { PageContext } from '../../shared/layout/page-context';
import { needsFranceConnect, refusalText } from '../budget-rule';
import {
  BUDGETING_API,
  type BudgetProblem,
  type BudgetView,
  type ProjectList,
} from '../budgets.api';
import { budgetsPlace, notFound, renderBudget } from './budgets.controller';
import { budgetPath, type Place, type VotePanel } from './budgets.pages';

/** A budget of the component, where the visitor votes. */
interface AtVote extends FormPlace {
  slug: string;
  place: Place;
  b: BudgetView;
}
/** … and one of its projects. */
interface AtProject extends AtVote {
  projectId: string;
  /** Its title, for a refusal that names it. */
  title?: string;
}

const ROUTE = 'spaces/:slug/budgets/:componentId/:budgetId';

const param = (req: PageRequest, name: string): string =>
  String((req.params as Record<string, unknown>)[name] ?? '');
const here = ({ slug, place, b }: AtVote) => budgetPath(slug, place.componentId, b.id);

/** The page context, the component and the budget of the path; null: the answer is sent. */
async function atVote(req: PageRequest, res: FastifyReply, config: WebConfig) {
  const ctx = await PageContext.load(req, res, config.gatewayUrl);
  const slug = param(req, 'slug');
  const place = await budgetsPlace(ctx, res, slug, param(req, 'componentId'));
  if (!place) return null;
  const b = place.list.items.find((x) => x.id === param(req, 'budgetId'));
  if (!b) return notFound(ctx, res);
  return { ctx, slug, place, b };
}

async function atProject(
  req: PageRequest,
  res: FastifyReply,
  config: WebConfig,
): Promise<AtProject | null> {
  const projectId = param(req, 'projectId');
  const at = await atVote(req, res, config);
  if (!at) return null;
  if (!isUuid(projectId)) return notFound(at.ctx, res);
  const projects = await at.ctx.api.get<ProjectList>(
    `${BUDGETING_API}/budgets/${at.b.id}/projects`,
  );
  const project = projects.body?.items?.find((p) => p.id === projectId);
  return { ...at, projectId, title: project && pickText(project.title, at.ctx.locale).text };
}

/** 404s that the budget page explains (a project gone from the budget, no vote to cancel) rather than the not-found page. */
const EXPLAINED_404 = ['PROJECT_NOT_FOUND', 'NOT_VOTED'];

/** A refusal of the vote API in words (a 401 asks to sign in, as a 403); 5xx and 429 are error pages. */
function voteRefusal(
  { ctx, place }: AtVote,
  answer: ApiResponse<Problem | null>,
  projectTitle?: string,
): Refusal {
  const { status } = answer;
  if (status >= 500 || status === 429) throw new Error(`The vote API answered ${status}`);
  const x = answer.body as BudgetProblem | null;
  const code = x?.code ?? '';
  const notice =
    code === 'NOT_VOTED'
      ? ctx.t('budgets.refused.notVoted')
      : refusalText(ctx.i18n, status, x, { workflow: place.list.component.workflow, projectTitle });
  return {
    errors: [],
    notice,
    signIn: needsFranceConnect(x),
    status: EXPLAINED_404.includes(code) ? 404 : status === 401 ? 403 : status,
  };
}

/** The budget page again, with the refusal where the visitor acted (a project, or the vote). */
const budgetAgain = (
  at: AtVote,
  res: FastifyReply,
  status: number,
  panel: Partial<Omit<VotePanel, 'order' | 'orderStatus'>>,
) =>
  renderBudget(
    at.ctx,
    res,
    at.slug,
    at.place.componentId,
    at.b.id,
    { done: null, error: null, project: null, ...panel },
    status,
  );
const said = (form: FormAgain) => ({
  text: form.notice ?? '',
  franceConnect: Boolean(form.signIn),
});

const noFields = { read: () => ({ values: {}, errors: [], dto: {} }) };

/** Adds a project to the selection, or takes it out. */
function cartAction(action: 'added' | 'removed'): FormActionSpec<AtProject, object> {
  return {
    path: `${ROUTE}/cart/:projectId/${action === 'added' ? 'add' : 'remove'}`,
    load: atProject,
    ...noFields,
    send: async ({ ctx, b, projectId }) => {
      const path = `${BUDGETING_API}/budgets/${b.id}/order/projects/${projectId}`;
      return action === 'added'
        ? ctx.api.put<BudgetProblem>(path)
        : ctx.api.delete<BudgetProblem>(path);
    },
    explains404: EXPLAINED_404,
    done: (at) => `${here(at)}?done=${action}&project=${at.projectId}#project-${at.projectId}`,
    refusal: (at, answer) => voteRefusal(at, answer, at.title),
    again: (at, res, form, status) =>
      budgetAgain(at, res, status, { project: { id: at.projectId, ok: false, ...said(form) } }),
  };
}

export const BUDGET_FORMS = [
  formAction(cartAction('added')),
  formAction(cartAction('removed')),
  formAction<AtVote, object>({
    path: `${ROUTE}/cancel`,
    load: atVote,
    ...noFields,
    send: ({ ctx, b }) => ctx.api.delete<BudgetProblem>(`${BUDGETING_API}/budgets/${b.id}/order`),
    explains404: EXPLAINED_404,
    // Final (issue 18, journey 2): a page of its own asks first, and says whether one may vote again.
    confirm: (at) => ({
      title: at.ctx.t('budgets.cancelAsk.title', {
        budget: pickText(at.b.title, at.ctx.locale).text,
      }),
      what: at.ctx.t('budgets.cancelAsk.what'),
      final: at.ctx.t('budgets.cancelAsk.final'),
      button: at.ctx.t('budgets.cancel'),
      back: `${here(at)}#vote`,
      section: 'spaces',
    }),
    done: (at) => `${here(at)}?done=cancelled#vote`,
    refusal: (at, answer) => voteRefusal(at, answer),
    again: (at, res, form, status) => budgetAgain(at, res, status, { error: said(form) }),
  }),
];
