import { pickText } from '@palabre/contracts';
import { Controller, Get, Inject, Param, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '@palabre/auth';
import type { PageRequest } from '../../shared/layout/http';
import { WEB_CONFIG, type WebConfig } from '../../shared/config/web.config';
import type { FieldError } from '../../shared/html/components';
import { html, type Html } from '../../shared/html/html';
import type { PageContext } from '../../shared/layout/page-context';
import { PageErrorFilter, send } from '../../shared/layout/render';
import { isUuid } from '../../shared/layout/http';
import { staffNames } from '../../shared/layout/staff-names';
import { titleWithErrors } from '../../shared/forms/form-notices';
import type { FormPlace } from '../../shared/forms/form-action';
import type { MessageKey } from '../../shared/i18n/i18n';
import { maySpaceAdmin, spaceAdminContext } from '../../spaces/admin/space-admin-access';
import { loadSpace, notFound, type Loader } from '../../spaces/admin/space-admin.api';
import { textIn, type SpaceLanding, type SpacePage } from '../../spaces/spaces.api';
import {
  BUDGETING_API,
  type BudgetList,
  type BudgetView,
  type PaperEntry,
  type ProgressView,
  type ProjectList,
  type ProjectView,
  type ResultsView,
} from '../budgets.api';
import {
  ADMIN_BUDGETS,
  EMPTY,
  budgetAdminPage,
  budgetValues,
  componentAdminPage,
  indexPage,
  newBudgetPage,
  newProjectPage,
  paperPage,
  projectAdminPage,
  projectValues,
  resultsAdminPage,
  trackingAdminPage,
  type AdminPlace,
  type Form,
} from './admin-budgets.pages';

/** A back-office page or form of one budgets component, for one of its admins. */
export interface AtComponent extends FormPlace {
  p: AdminPlace;
}
/** … and of one of its budgets. */
export interface AtBudget extends AtComponent {
  b: BudgetView;
}
/** … and the budget's results as the API computes them. */
export interface AtResults extends AtBudget {
  results: ResultsView;
}

/** After an answer is sent (404, 403): nothing to act on. */
const sent = (_answer: void): null => null;

export const param = (req: PageRequest, name: string): string =>
  String((req.params as Record<string, unknown>)[name] ?? '');

function forbidden(ctx: PageContext, res: FastifyReply) {
  const main = html`<h1>${ctx.t('admin.forbidden.title')}</h1>
    <p>${ctx.t('spacesAdmin.error.notAllowed')}</p>`;
  send(res, ctx, { title: ctx.t('admin.forbidden.title'), section: 'admin', main }, 403);
}

/**
 * The back-office context and the component a page or form is about (its
 * space and budgets), for one of its admins; null: the answer is sent
 * (sign-in, 403, 404). `back`: where sign-in returns after a post.
 */
export const atComponent: Loader<AtComponent> = async (req, res, config, back) => {
  const ctx = await spaceAdminContext(req, res, config.gatewayUrl, { back });
  if (!ctx) return null;
  const componentId = param(req, 'componentId');
  if (!isUuid(componentId)) return sent(notFound(ctx, res));
  const l = await ctx.api.get<BudgetList>(`${BUDGETING_API}/components/${componentId}/budgets`, {
    fresh: true,
  });
  if (l.status === 404 || l.status === 400) return sent(notFound(ctx, res));
  if (l.status !== 200) throw new Error(`Budgets answered ${l.status}`);
  if (!maySpaceAdmin(ctx.me, l.body.component.spaceId)) return sent(forbidden(ctx, res));
  const space = await loadSpace(ctx, l.body.component.spaceId);
  if (!space) return sent(notFound(ctx, res));
  return { ctx, p: { space, componentId, list: l.body } };
};

/** `load`, then `more` on what it loaded (unless it sent an answer). */
export const andThen =
  <P, Q>(
    load: Loader<P>,
    more: (at: P, req: PageRequest, res: FastifyReply) => Promise<Q | null> | Q | null,
  ): Loader<Q> =>
  async (req, res, config, back) => {
    const at = await load(req, res, config, back);
    return at && more(at, req, res);
  };

/** As `atComponent`, and one of the component's budgets (`:budgetId`). */
export const atBudget = andThen(atComponent, (at, req, res): AtBudget | null => {
  const b = at.p.list.items.find((x) => x.id === param(req, 'budgetId'));
  return b ? { ...at, b } : sent(notFound(at.ctx, res));
});

/** As `atBudget`, with its results (read past the cache: the page may follow a confirmation). */
export const atResults = andThen(atBudget, async (at, _req, res): Promise<AtResults | null> => {
  const r = await at.ctx.api.get<ResultsView>(`${BUDGETING_API}/budgets/${at.b.id}/results`, {
    fresh: true,
  });
  if (r.status === 403 || r.status === 404) return sent(forbidden(at.ctx, res));
  if (r.status !== 200) throw new Error(`Results answered ${r.status}`);
  return { ...at, results: r.body };
});

export async function budgetProjects(ctx: PageContext, budgetId: string): Promise<ProjectView[]> {
  const r = await ctx.api.get<ProjectList>(`${BUDGETING_API}/budgets/${budgetId}/projects`, {
    fresh: true,
  });
  if (r.status !== 200) throw new Error(`Projects answered ${r.status}`);
  return r.body.items;
}

/** The paper ballot entries of a budget, as its admins see them. */
export function paperLog(ctx: PageContext, budgetId: string) {
  return ctx.api.get<{ items: PaperEntry[] }>(
    `${BUDGETING_API}/budgets/${budgetId}/paper-ballots`,
    { fresh: true },
  );
}

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

/** What each page says after a form's 303 (`?done=…`). */
const DONE = {
  component: {
    created: 'budgetsAdmin.done.budgetCreated',
    published: 'budgetsAdmin.done.projectPublished',
  },
  tracking: { status: 'budgetsAdmin.done.status', update: 'budgetsAdmin.done.update' },
  budget: {
    created: 'budgetsAdmin.done.budgetCreated',
    saved: 'budgetsAdmin.done.saved',
    project: 'budgetsAdmin.done.projectCreated',
  },
  project: { saved: 'budgetsAdmin.done.saved', withdrawn: 'budgetsAdmin.done.withdrawn' },
  paper: { added: 'budgetsAdmin.done.paper', voided: 'budgetsAdmin.done.paperVoided' },
  results: { confirmed: 'budgetsAdmin.done.confirmed' },
} satisfies Record<string, Record<string, MessageKey>>;

const doneOf = (req: PageRequest, { ctx }: FormPlace, keys: Record<string, MessageKey>) => {
  const key = keys[String(req.query.done)];
  return key ? ctx.t(key) : null;
};

export async function renderComponent(
  { ctx, p }: AtComponent,
  res: FastifyReply,
  done: string | null,
  review: { projectId: string; form: Form } | null = null,
  status = 200,
) {
  const r = await ctx.api.get<{ items: ProjectView[] }>(
    `${BUDGETING_API}/components/${p.componentId}/projects/to-review`,
    { fresh: true },
  );
  page(
    ctx,
    res,
    ctx.t('budgetsAdmin.component.title', {
      name: textIn(p.space.components.find((c) => c.id === p.componentId)?.name, ctx.locale),
    }),
    componentAdminPage(ctx, p, r.status === 200 ? r.body.items : null, done, review),
    review?.form.errors,
    status,
  );
}

/** A page with one form, as it is first shown or shown again. */
type FormPage<P> = (at: P, res: FastifyReply, form: Form, status?: number) => void;

export const renderNewBudget: FormPage<AtComponent> = ({ ctx, p }, res, form, status) =>
  page(
    ctx,
    res,
    ctx.t('budgetsAdmin.budget.new'),
    newBudgetPage(ctx, p, form),
    form.errors,
    status,
  );

export async function renderTracking(
  { ctx, p }: AtComponent,
  res: FastifyReply,
  forms: { resultId: string; status: Form; update: Form } | null,
  done: string | null,
  status = 200,
) {
  const r = await ctx.api.get<ProgressView>(
    `${BUDGETING_API}/components/${p.componentId}/progress`,
    { fresh: true },
  );
  if (r.status !== 200) throw new Error(`Progress answered ${r.status}`);
  const errors = forms ? [...forms.status.errors, ...forms.update.errors] : [];
  page(
    ctx,
    res,
    ctx.t('budgetsAdmin.tracking.title'),
    trackingAdminPage(ctx, p, r.body, forms, done),
    errors,
    status,
  );
}

export async function renderBudget(
  { ctx, p, b }: AtBudget,
  res: FastifyReply,
  form: Form | null,
  done: string | null,
  status = 200,
) {
  const projects = await budgetProjects(ctx, b.id);
  const f = form ?? { values: budgetValues(ctx, b), errors: [] };
  page(
    ctx,
    res,
    pickText(b.title, ctx.locale).text,
    budgetAdminPage(ctx, p, b, projects, f, done),
    f.errors,
    status,
  );
}

export const renderNewProject: FormPage<AtBudget> = ({ ctx, p, b }, res, form, status) => {
  const main = newProjectPage(ctx, p, b, form);
  page(ctx, res, ctx.t('budgetsAdmin.project.new'), main, form.errors, status);
};

export async function renderProject(
  { ctx, p, b }: AtBudget,
  res: FastifyReply,
  projectId: string,
  forms: { edit?: Form; withdraw?: Form },
  done: string | null,
  status = 200,
) {
  if (!isUuid(projectId)) return notFound(ctx, res);
  const r = await ctx.api.get<ProjectView>(`${BUDGETING_API}/projects/${projectId}`, {
    fresh: true,
  });
  if (r.status !== 200 || r.body.budgetId !== b.id) return notFound(ctx, res);
  const edit = forms.edit ?? { values: projectValues(ctx, r.body), errors: [] };
  const withdraw = forms.withdraw ?? { values: {}, errors: [] };
  page(
    ctx,
    res,
    pickText(r.body.title, ctx.locale).text,
    projectAdminPage(ctx, p, b, r.body, { edit, withdraw }, done),
    [...edit.errors, ...withdraw.errors],
    status,
  );
}

export async function renderPaper(
  { ctx, p, b }: AtBudget,
  res: FastifyReply,
  forms: { add?: Form; void?: Form },
  done: string | null,
  status = 200,
) {
  const [projects, log, staff] = await Promise.all([
    budgetProjects(ctx, b.id),
    paperLog(ctx, b.id),
    staffNames(ctx),
  ]);
  if (log.status === 403) return forbidden(ctx, res);
  if (log.status !== 200) throw new Error(`Paper ballots answered ${log.status}`);
  page(
    ctx,
    res,
    ctx.t('budgetsAdmin.paper.heading', { budget: pickText(b.title, ctx.locale).text }),
    paperPage(
      ctx,
      p,
      b,
      projects,
      log.body.items,
      staff,
      { add: forms.add ?? EMPTY, void: forms.void ?? EMPTY },
      done,
    ),
    [...(forms.add?.errors ?? []), ...(forms.void?.errors ?? [])],
    status,
  );
}

export function renderResults(
  { ctx, p, b, results }: AtResults,
  res: FastifyReply,
  form: Form,
  done: string | null,
  status = 200,
) {
  page(
    ctx,
    res,
    ctx.t('budgetsAdmin.results.heading', { budget: pickText(b.title, ctx.locale).text }),
    resultsAdminPage(ctx, p, results, form, done),
    form.errors,
    status,
  );
}

/**
 * The budgeting back-office's pages, for organization admins and the admins
 * of the component's space (the API checks the role again on every call).
 * Its forms are declared in `admin-budgets.forms.ts`.
 */
@ApiExcludeController()
@Public()
@UseFilters(PageErrorFilter)
@Controller(ADMIN_BUDGETS.slice(1))
export class AdminBudgetsController {
  constructor(@Inject(WEB_CONFIG) private readonly config: WebConfig) {}

  @Get()
  async index(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const ctx = await spaceAdminContext(req, res, this.config.gatewayUrl);
    if (!ctx) return;
    const r = await ctx.api.get<SpacePage>('/api/spaces?limit=50', { fresh: true });
    if (r.status !== 200) throw new Error(`Spaces answered ${r.status}`);
    const spaces = (
      await Promise.all(
        r.body.items.filter((s) => maySpaceAdmin(ctx.me, s.id)).map((s) => loadSpace(ctx, s.id)),
      )
    ).filter((s): s is SpaceLanding => s !== null);
    page(ctx, res, ctx.t('budgetsAdmin.index.title'), indexPage(ctx, spaces));
  }

  @Get(':componentId')
  async component(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const at = await atComponent(req, res, this.config);
    if (at) await renderComponent(at, res, doneOf(req, at, DONE.component));
  }

  @Get(':componentId/new')
  async newBudget(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const at = await atComponent(req, res, this.config);
    if (at) renderNewBudget(at, res, { values: { rule: 'minimum_projects' }, errors: [] });
  }

  @Get(':componentId/progress')
  async tracking(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const at = await atComponent(req, res, this.config);
    if (at) await renderTracking(at, res, null, doneOf(req, at, DONE.tracking));
  }

  @Get(':componentId/:budgetId')
  async budget(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const at = await atBudget(req, res, this.config);
    if (at) await renderBudget(at, res, null, doneOf(req, at, DONE.budget));
  }

  @Get(':componentId/:budgetId/projects/new')
  async newProject(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const at = await atBudget(req, res, this.config);
    if (at) renderNewProject(at, res, { values: { area: at.b.area ?? '' }, errors: [] });
  }

  @Get(':componentId/:budgetId/projects/:projectId')
  async project(
    @Param('projectId') projectId: string,
    @Req() req: PageRequest,
    @Res() res: FastifyReply,
  ) {
    const at = await atBudget(req, res, this.config);
    if (at) await renderProject(at, res, projectId, {}, doneOf(req, at, DONE.project));
  }

  @Get(':componentId/:budgetId/paper')
  async paper(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const at = await atBudget(req, res, this.config);
    if (at) await renderPaper(at, res, {}, doneOf(req, at, DONE.paper));
  }

  @Get(':componentId/:budgetId/results')
  async results(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const at = await atResults(req, res, this.config);
    if (at) renderResults(at, res, EMPTY, doneOf(req, at, DONE.results));
  }
}
