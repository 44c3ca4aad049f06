import { Controller, Get, Inject, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '@palabre/auth';
import { type PageRequest, seeOther } from '../../shared/layout/http';
import { WEB_CONFIG, type WebConfig } from '../../shared/config/web.config';
import type { Problem } from '../../shared/gateway/gateway-client';
import type { FieldError } from '../../shared/html/components';
import { html, type Html } from '../../shared/html/html';
import type { PageContext } from '../../shared/layout/page-context';
import { PageErrorFilter, send } from '../../shared/layout/render';
import { isSameSite } from '../../shared/forms/same-site';
import { isUuid } from '../../shared/layout/http';
import { titleWithErrors } from '../../shared/forms/form-notices';
import { maySpaceAdmin, spaceAdminContext } from '../../spaces/admin/space-admin-access';
import { loadSpace, notFound, refusal } from '../../spaces/admin/space-admin.api';
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
  adminBudgetPath,
  adminComponentPath,
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
} from './budget-forms';

const body = (req: PageRequest) => (req.body ?? {}) as Record<string, unknown>;
const strings = (v: unknown): string[] =>
  Array.isArray(v)
    ? v.filter((x): x is string => typeof x === 'string')
    : typeof v === 'string'
      ? [v]
      : [];

type Call = { status: number; body: Problem | null };

/**
 * The budgeting back-office, for organization admins and the admins of the
 * component's space (the API checks the role again on every call). Each form
 * is a plain POST: 303 to the page with a notice when it worked, the form
 * again with its errors per field (400/409/422) when not.
 */
@ApiExcludeController()
@Public()
@UseFilters(PageErrorFilter)
@Controller(ADMIN_BUDGETS.slice(1))
export class AdminBudgetsController {
  constructor(@Inject(WEB_CONFIG) private readonly config: WebConfig) {}

  private access(req: PageRequest, res: FastifyReply, back?: string) {
    return spaceAdminContext(req, res, this.config.gatewayUrl, { back });
  }

  private forbidden(ctx: PageContext, res: FastifyReply) {
    const main = html`<h1>${ctx.t('admin.forbidden.title')}</h1>
      <p>${ctx.t('spacesAdmin.error.notAllowed')}</p>`;
    send(res, ctx, { title: ctx.t('admin.forbidden.title'), section: 'admin', main }, 403);
  }

  /** The component, its space and budgets, for one of its admins; undefined: the answer is sent. */
  private async place(
    ctx: PageContext,
    res: FastifyReply,
    componentId: string,
  ): Promise<AdminPlace | undefined> {
    if (!isUuid(componentId)) return void notFound(ctx, res);
    const l = await ctx.api.get<BudgetList>(`${BUDGETING_API}/components/${componentId}/budgets`, {
      fresh: true,
    });
    if (l.status === 404 || l.status === 400) return void notFound(ctx, res);
    if (l.status !== 200) throw new Error(`Budgets answered ${l.status}`);
    if (!maySpaceAdmin(ctx.me, l.body.component.spaceId)) return void this.forbidden(ctx, res);
    const space = await loadSpace(ctx, l.body.component.spaceId);
    if (!space) return void notFound(ctx, res);
    return { space, componentId, list: l.body };
  }

  private budgetOf(p: AdminPlace, budgetId: string): BudgetView | undefined {
    return p.list.items.find((b) => b.id === budgetId);
  }

  private async projects(ctx: PageContext, budgetId: string): Promise<ProjectView[]> {
    const r = await ctx.api.get<ProjectList>(`${BUDGETING_API}/budgets/${budgetId}/projects`, {
      fresh: true,
    });
    if (r.status !== 200) throw new Error(`Projects answered ${r.status}`);
    return r.body.items;
  }

  private page(
    ctx: PageContext,
    res: FastifyReply,
    title: string,
    main: Html,
    errors: FieldError[] = [],
    status = 200,
  ) {
    send(res, ctx, { title: titleWithErrors(ctx, title, errors), section: 'admin', main }, status);
  }

  /** The API's refusal on this form, with WRONG_STATE said for what it means here. */
  private refused(ctx: PageContext, r: Call, fields: Record<string, string>, wrongState: string) {
    const out = refusal(ctx, r, fields);
    if (r.body?.code === 'WRONG_STATE') out.notice = wrongState;
    return out;
  }

  @Get()
  async index(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const ctx = await this.access(req, res);
    if (!ctx) return;
    const r = await ctx.api.get<SpacePage>('/api/spaces?limit=50', { fresh: true });
    if (r.status !== 200) throw new Error(`Spaces answered ${r.status}`);
    const spaces = (
      await Promise.all(
        r.body.items.filter((s) => maySpaceAdmin(ctx.me, s.id)).map((s) => loadSpace(ctx, s.id)),
      )
    ).filter((s): s is SpaceLanding => s !== null);
    this.page(ctx, res, ctx.t('budgetsAdmin.index.title'), indexPage(ctx, spaces));
  }

  private async showComponent(
    ctx: PageContext,
    res: FastifyReply,
    componentId: string,
    done: string | null,
    review: { projectId: string; form: Form } | null = null,
    status = 200,
  ) {
    const p = await this.place(ctx, res, componentId);
    if (!p) return;
    const r = await ctx.api.get<{ items: ProjectView[] }>(
      `${BUDGETING_API}/components/${componentId}/projects/to-review`,
      { fresh: true },
    );
    this.page(
      ctx,
      res,
      ctx.t('budgetsAdmin.component.title', {
        name: textIn(p.space.components.find((c) => c.id === componentId)?.name, ctx.locale),
      }),
      componentAdminPage(ctx, p, r.status === 200 ? r.body.items : null, done, review),
      review?.form.errors,
      status,
    );
  }

  @Get(':componentId')
  async component(
    @Param('componentId') componentId: string,
    @Req() req: PageRequest,
    @Res() res: FastifyReply,
  ) {
    const ctx = await this.access(req, res);
    if (!ctx) return;
    const DONE: Record<string, string> = {
      created: ctx.t('budgetsAdmin.done.budgetCreated'),
      published: ctx.t('budgetsAdmin.done.projectPublished'),
    };
    await this.showComponent(ctx, res, componentId, DONE[String(req.query.done)] ?? null);
  }

  @Post(':componentId/to-review/:projectId')
  async publish(
    @Param('componentId') componentId: string,
    @Param('projectId') projectId: string,
    @Req() req: PageRequest,
    @Res() res: FastifyReply,
  ) {
    const ctx = await this.access(req, res, adminComponentPath(componentId));
    if (!ctx) return;
    if (!isUuid(projectId)) return notFound(ctx, res);
    const field = `budget-${projectId}`;
    const budgetId = typeof body(req)[field] === 'string' ? String(body(req)[field]) : '';
    const values = { budgetId };
    if (!isUuid(budgetId))
      return this.showComponent(
        ctx,
        res,
        componentId,
        null,
        {
          projectId,
          form: { values, errors: [{ field, message: ctx.t('budgetsAdmin.error.chooseBudget') }] },
        },
        400,
      );
    if (!isSameSite(req))
      return this.showComponent(
        ctx,
        res,
        componentId,
        null,
        { projectId, form: { values, errors: [], notice: ctx.t('lifecycle.crossSite') } },
        403,
      );
    const r = await ctx.api.post<Problem>(`${BUDGETING_API}/projects/${projectId}/publish`, {
      budgetId,
    });
    if (r.status === 200)
      return void seeOther(res, `${adminComponentPath(componentId)}?done=published`);
    const out = this.refused(ctx, r, { budgetId: field }, ctx.t('budgetsAdmin.error.notToReview'));
    return this.showComponent(
      ctx,
      res,
      componentId,
      null,
      { projectId, form: { values, ...out } },
      out.status,
    );
  }

  @Get(':componentId/new')
  async newBudget(
    @Param('componentId') componentId: string,
    @Req() req: PageRequest,
    @Res() res: FastifyReply,
  ) {
    const ctx = await this.access(req, res);
    if (!ctx) return;
    const p = await this.place(ctx, res, componentId);
    if (!p) return;
    this.page(
      ctx,
      res,
      ctx.t('budgetsAdmin.budget.new'),
      newBudgetPage(ctx, p, { values: { rule: 'minimum_projects' }, errors: [] }),
    );
  }

  @Post(':componentId/new')
  async createBudget(
    @Param('componentId') componentId: string,
    @Req() req: PageRequest,
    @Res() res: FastifyReply,
  ) {
    const ctx = await this.access(req, res, `${adminComponentPath(componentId)}/new`);
    if (!ctx) return;
    const p = await this.place(ctx, res, componentId);
    if (!p) return;
    const { values, errors, dto } = readBudget(ctx.i18n, body(req), false);
    const again = (form: Form, status: number) =>
      this.page(
        ctx,
        res,
        ctx.t('budgetsAdmin.budget.new'),
        newBudgetPage(ctx, p, form),
        form.errors,
        status,
      );
    if (!dto) return again({ values, errors }, 400);
    if (!isSameSite(req))
      return again({ values, errors, notice: ctx.t('lifecycle.crossSite') }, 403);
    const r = await ctx.api.post<BudgetView & Problem>(
      `${BUDGETING_API}/components/${componentId}/budgets`,
      dto,
    );
    if (r.status === 201 || r.status === 200)
      return void seeOther(res, `${adminBudgetPath(componentId, r.body.id)}?done=created`);
    const out = this.refused(ctx, r, BUDGET_FIELDS, ctx.t('budgetsAdmin.error.frozen'));
    return again({ values, ...out }, out.status);
  }

  @Get(':componentId/progress')
  async tracking(
    @Param('componentId') componentId: string,
    @Req() req: PageRequest,
    @Res() res: FastifyReply,
  ) {
    const ctx = await this.access(req, res);
    if (!ctx) return;
    const DONE: Record<string, string> = {
      status: ctx.t('budgetsAdmin.done.status'),
      update: ctx.t('budgetsAdmin.done.update'),
    };
    await this.showTracking(ctx, res, componentId, null, DONE[String(req.query.done)] ?? null);
  }

  private async showTracking(
    ctx: PageContext,
    res: FastifyReply,
    componentId: string,
    forms: { resultId: string; status: Form; update: Form } | null,
    done: string | null,
    status = 200,
  ) {
    const p = await this.place(ctx, res, componentId);
    if (!p) return;
    const r = await ctx.api.get<ProgressView>(
      `${BUDGETING_API}/components/${componentId}/progress`,
      { fresh: true },
    );
    if (r.status !== 200) throw new Error(`Progress answered ${r.status}`);
    const errors = forms ? [...forms.status.errors, ...forms.update.errors] : [];
    this.page(
      ctx,
      res,
      ctx.t('budgetsAdmin.tracking.title'),
      trackingAdminPage(ctx, p, r.body, forms, done),
      errors,
      status,
    );
  }

  /** Error fields of one result's forms carry its id (several results share the page). */
  private suffixed = (errors: FieldError[], resultId: string) =>
    errors.map((e) => ({ ...e, field: `${e.field}-${resultId}` }));

  @Post(':componentId/progress/:resultId')
  async resultStatus(
    @Param('componentId') componentId: string,
    @Param('resultId') resultId: string,
    @Req() req: PageRequest,
    @Res() res: FastifyReply,
  ) {
    const ctx = await this.access(req, res, `${adminComponentPath(componentId)}/progress`);
    if (!ctx) return;
    if (!isUuid(resultId)) return notFound(ctx, res);
    const read = readProgress(ctx.i18n, body(req), '');
    const form = (f: Form, status: number) =>
      this.showTracking(
        ctx,
        res,
        componentId,
        { resultId, status: f, update: EMPTY },
        null,
        status,
      );
    if (!read.dto)
      return form({ values: read.values, errors: this.suffixed(read.errors, resultId) }, 400);
    if (!isSameSite(req))
      return form({ values: read.values, errors: [], notice: ctx.t('lifecycle.crossSite') }, 403);
    const r = await ctx.api.patch<Problem>(`${BUDGETING_API}/results/${resultId}`, read.dto);
    if (r.status === 200)
      return void seeOther(
        res,
        `${adminComponentPath(componentId)}/progress?done=status#result-${resultId}`,
      );
    if (r.status === 404) return notFound(ctx, res);
    const out = this.refused(
      ctx,
      r,
      { status: `status-${resultId}`, progress: `progress-${resultId}` },
      '',
    );
    return form({ values: read.values, ...out }, out.status);
  }

  @Post(':componentId/progress/:resultId/updates')
  async resultUpdate(
    @Param('componentId') componentId: string,
    @Param('resultId') resultId: string,
    @Req() req: PageRequest,
    @Res() res: FastifyReply,
  ) {
    const ctx = await this.access(req, res, `${adminComponentPath(componentId)}/progress`);
    if (!ctx) return;
    if (!isUuid(resultId)) return notFound(ctx, res);
    const read = readUpdate(ctx.i18n, body(req));
    const form = (f: Form, status: number) =>
      this.showTracking(
        ctx,
        res,
        componentId,
        { resultId, status: EMPTY, update: f },
        null,
        status,
      );
    if (!read.dto)
      return form({ values: read.values, errors: this.suffixed(read.errors, resultId) }, 400);
    if (!isSameSite(req))
      return form({ values: read.values, errors: [], notice: ctx.t('lifecycle.crossSite') }, 403);
    const r = await ctx.api.post<Problem>(`${BUDGETING_API}/results/${resultId}/updates`, read.dto);
    if (r.status === 201 || r.status === 200)
      return void seeOther(
        res,
        `${adminComponentPath(componentId)}/progress?done=update#result-${resultId}`,
      );
    if (r.status === 404) return notFound(ctx, res);
    const out = this.refused(
      ctx,
      r,
      {
        date: `update-date-${resultId}`,
        text: `update-text-${resultId}`,
        progress: `update-progress-${resultId}`,
        photoUrls: `update-photoUrls-${resultId}`,
      },
      '',
    );
    return form({ values: read.values, ...out }, out.status);
  }

  private async showBudget(
    ctx: PageContext,
    res: FastifyReply,
    componentId: string,
    budgetId: string,
    form: Form | null,
    done: string | null,
    status = 200,
  ) {
    const p = await this.place(ctx, res, componentId);
    if (!p) return;
    const b = this.budgetOf(p, budgetId);
    if (!b) return notFound(ctx, res);
    const projects = await this.projects(ctx, budgetId);
    const f = form ?? { values: budgetValues(ctx, b), errors: [] };
    this.page(ctx, res, b.title, budgetAdminPage(ctx, p, b, projects, f, done), f.errors, status);
  }

  @Get(':componentId/:budgetId')
  async budget(
    @Param('componentId') componentId: string,
    @Param('budgetId') budgetId: string,
    @Req() req: PageRequest,
    @Res() res: FastifyReply,
  ) {
    const ctx = await this.access(req, res);
    if (!ctx) return;
    const DONE: Record<string, string> = {
      created: ctx.t('budgetsAdmin.done.budgetCreated'),
      saved: ctx.t('budgetsAdmin.done.saved'),
      project: ctx.t('budgetsAdmin.done.projectCreated'),
    };
    await this.showBudget(
      ctx,
      res,
      componentId,
      budgetId,
      null,
      DONE[String(req.query.done)] ?? null,
    );
  }

  @Post(':componentId/:budgetId')
  async saveBudget(
    @Param('componentId') componentId: string,
    @Param('budgetId') budgetId: string,
    @Req() req: PageRequest,
    @Res() res: FastifyReply,
  ) {
    const ctx = await this.access(req, res, adminBudgetPath(componentId, budgetId));
    if (!ctx) return;
    if (!isUuid(budgetId)) return notFound(ctx, res);
    const { values, errors, dto } = readBudget(ctx.i18n, body(req), true);
    if (!dto)
      return this.showBudget(ctx, res, componentId, budgetId, { values, errors }, null, 400);
    if (!isSameSite(req))
      return this.showBudget(
        ctx,
        res,
        componentId,
        budgetId,
        { values, errors, notice: ctx.t('lifecycle.crossSite') },
        null,
        403,
      );
    const r = await ctx.api.patch<Problem>(`${BUDGETING_API}/budgets/${budgetId}`, dto);
    if (r.status === 200)
      return void seeOther(res, `${adminBudgetPath(componentId, budgetId)}?done=saved`);
    if (r.status === 404) return notFound(ctx, res);
    const out = this.refused(ctx, r, BUDGET_FIELDS, ctx.t('budgetsAdmin.error.frozen'));
    return this.showBudget(ctx, res, componentId, budgetId, { values, ...out }, null, out.status);
  }

  @Get(':componentId/:budgetId/projects/new')
  async newProject(
    @Param('componentId') componentId: string,
    @Param('budgetId') budgetId: string,
    @Req() req: PageRequest,
    @Res() res: FastifyReply,
  ) {
    const ctx = await this.access(req, res);
    if (!ctx) return;
    const p = await this.place(ctx, res, componentId);
    if (!p) return;
    const b = this.budgetOf(p, budgetId);
    if (!b) return notFound(ctx, res);
    this.page(
      ctx,
      res,
      ctx.t('budgetsAdmin.project.new'),
      newProjectPage(ctx, p, b, { values: { area: b.area ?? '' }, errors: [] }),
    );
  }

  @Post(':componentId/:budgetId/projects/new')
  async createProject(
    @Param('componentId') componentId: string,
    @Param('budgetId') budgetId: string,
    @Req() req: PageRequest,
    @Res() res: FastifyReply,
  ) {
    const ctx = await this.access(
      req,
      res,
      `${adminBudgetPath(componentId, budgetId)}/projects/new`,
    );
    if (!ctx) return;
    const p = await this.place(ctx, res, componentId);
    if (!p) return;
    const b = this.budgetOf(p, budgetId);
    if (!b) return notFound(ctx, res);
    const { values, errors, dto } = readProject(ctx.i18n, body(req), false);
    const again = (form: Form, status: number) =>
      this.page(
        ctx,
        res,
        ctx.t('budgetsAdmin.project.new'),
        newProjectPage(ctx, p, b, form),
        form.errors,
        status,
      );
    if (!dto) return again({ values, errors }, 400);
    if (!isSameSite(req))
      return again({ values, errors, notice: ctx.t('lifecycle.crossSite') }, 403);
    const r = await ctx.api.post<Problem>(`${BUDGETING_API}/budgets/${budgetId}/projects`, dto);
    if (r.status === 201 || r.status === 200)
      return void seeOther(
        res,
        `${adminBudgetPath(componentId, budgetId)}?done=project#projects-title`,
      );
    const out = this.refused(ctx, r, PROJECT_FIELDS, ctx.t('budgetsAdmin.error.frozen'));
    return again({ values, ...out }, out.status);
  }

  private async showProject(
    ctx: PageContext,
    res: FastifyReply,
    componentId: string,
    budgetId: string,
    projectId: string,
    forms: { edit?: Form; withdraw?: Form },
    done: string | null,
    status = 200,
  ) {
    const p = await this.place(ctx, res, componentId);
    if (!p) return;
    const b = this.budgetOf(p, budgetId);
    if (!b || !isUuid(projectId)) return notFound(ctx, res);
    const r = await ctx.api.get<ProjectView>(`${BUDGETING_API}/projects/${projectId}`, {
      fresh: true,
    });
    if (r.status !== 200 || r.body.budgetId !== budgetId) return notFound(ctx, res);
    const edit = forms.edit ?? { values: projectValues(ctx, r.body), errors: [] };
    const withdraw = forms.withdraw ?? { values: {}, errors: [] };
    this.page(
      ctx,
      res,
      r.body.title,
      projectAdminPage(ctx, p, b, r.body, { edit, withdraw }, done),
      [...edit.errors, ...withdraw.errors],
      status,
    );
  }

  @Get(':componentId/:budgetId/projects/:projectId')
  async project(
    @Param('componentId') componentId: string,
    @Param('budgetId') budgetId: string,
    @Param('projectId') projectId: string,
    @Req() req: PageRequest,
    @Res() res: FastifyReply,
  ) {
    const ctx = await this.access(req, res);
    if (!ctx) return;
    const DONE: Record<string, string> = {
      saved: ctx.t('budgetsAdmin.done.saved'),
      withdrawn: ctx.t('budgetsAdmin.done.withdrawn'),
    };
    await this.showProject(
      ctx,
      res,
      componentId,
      budgetId,
      projectId,
      {},
      DONE[String(req.query.done)] ?? null,
    );
  }

  @Post(':componentId/:budgetId/projects/:projectId')
  async saveProject(
    @Param('componentId') componentId: string,
    @Param('budgetId') budgetId: string,
    @Param('projectId') projectId: string,
    @Req() req: PageRequest,
    @Res() res: FastifyReply,
  ) {
    const here = `${adminBudgetPath(componentId, budgetId)}/projects/${projectId}`;
    const ctx = await this.access(req, res, here);
    if (!ctx) return;
    if (!isUuid(projectId)) return notFound(ctx, res);
    const { values, errors, dto } = readProject(ctx.i18n, body(req), true);
    const again = (edit: Form, status: number) =>
      this.showProject(ctx, res, componentId, budgetId, projectId, { edit }, null, status);
    if (!dto) return again({ values, errors }, 400);
    if (!isSameSite(req))
      return again({ values, errors, notice: ctx.t('lifecycle.crossSite') }, 403);
    const r = await ctx.api.patch<Problem>(`${BUDGETING_API}/projects/${projectId}`, dto);
    if (r.status === 200) return void seeOther(res, `${here}?done=saved`);
    if (r.status === 404) return notFound(ctx, res);
    const out = this.refused(ctx, r, PROJECT_FIELDS, ctx.t('budgetsAdmin.error.amountFrozen'));
    return again({ values, ...out }, out.status);
  }

  @Post(':componentId/:budgetId/projects/:projectId/withdraw')
  async withdraw(
    @Param('componentId') componentId: string,
    @Param('budgetId') budgetId: string,
    @Param('projectId') projectId: string,
    @Req() req: PageRequest,
    @Res() res: FastifyReply,
  ) {
    const here = `${adminBudgetPath(componentId, budgetId)}/projects/${projectId}`;
    const ctx = await this.access(req, res, here);
    if (!ctx) return;
    if (!isUuid(projectId)) return notFound(ctx, res);
    const { values, errors, dto } = readWithdraw(ctx.i18n, body(req));
    const again = (withdraw: Form, status: number) =>
      this.showProject(ctx, res, componentId, budgetId, projectId, { withdraw }, null, status);
    if (!dto) return again({ values, errors }, 400);
    if (!isSameSite(req))
      return again({ values, errors, notice: ctx.t('lifecycle.crossSite') }, 403);
    const r = await ctx.api.post<Problem>(`${BUDGETING_API}/projects/${projectId}/withdraw`, dto);
    if (r.status === 200) return void seeOther(res, `${here}?done=withdrawn`);
    if (r.status === 404) return notFound(ctx, res);
    const out = this.refused(
      ctx,
      r,
      { reason: 'reason' },
      ctx.t('budgetsAdmin.error.cannotWithdraw'),
    );
    return again({ values, ...out }, out.status);
  }

  private async showPaper(
    ctx: PageContext,
    res: FastifyReply,
    componentId: string,
    budgetId: string,
    forms: { add?: Form; void?: Form },
    done: string | null,
    status = 200,
  ) {
    const p = await this.place(ctx, res, componentId);
    if (!p) return;
    const b = this.budgetOf(p, budgetId);
    if (!b) return notFound(ctx, res);
    const [projects, log] = await Promise.all([
      this.projects(ctx, budgetId),
      ctx.api.get<{ items: PaperEntry[] }>(`${BUDGETING_API}/budgets/${budgetId}/paper-ballots`, {
        fresh: true,
      }),
    ]);
    if (log.status === 403) return this.forbidden(ctx, res);
    if (log.status !== 200) throw new Error(`Paper ballots answered ${log.status}`);
    this.page(
      ctx,
      res,
      ctx.t('budgetsAdmin.paper.heading', { budget: b.title }),
      paperPage(
        ctx,
        p,
        b,
        projects,
        log.body.items,
        { add: forms.add ?? EMPTY, void: forms.void ?? EMPTY },
        done,
      ),
      [...(forms.add?.errors ?? []), ...(forms.void?.errors ?? [])],
      status,
    );
  }

  /** The entries of the budget that still count (the ones an admin may void). */
  private async counting(ctx: PageContext, budgetId: string): Promise<string[]> {
    const log = await ctx.api.get<{ items: PaperEntry[] }>(
      `${BUDGETING_API}/budgets/${budgetId}/paper-ballots`,
      { fresh: true },
    );
    return log.status === 200 ? log.body.items.filter((e) => !e.voided).map((e) => e.id) : [];
  }

  @Get(':componentId/:budgetId/paper')
  async paper(
    @Param('componentId') componentId: string,
    @Param('budgetId') budgetId: string,
    @Req() req: PageRequest,
    @Res() res: FastifyReply,
  ) {
    const ctx = await this.access(req, res);
    if (!ctx) return;
    const done =
      req.query.done === 'added'
        ? ctx.t('budgetsAdmin.done.paper')
        : req.query.done === 'voided'
          ? ctx.t('budgetsAdmin.done.paperVoided')
          : null;
    await this.showPaper(ctx, res, componentId, budgetId, {}, done);
  }

  @Post(':componentId/:budgetId/paper')
  async addPaper(
    @Param('componentId') componentId: string,
    @Param('budgetId') budgetId: string,
    @Req() req: PageRequest,
    @Res() res: FastifyReply,
  ) {
    const here = `${adminBudgetPath(componentId, budgetId)}/paper`;
    const ctx = await this.access(req, res, here);
    if (!ctx) return;
    if (!isUuid(budgetId)) return notFound(ctx, res);
    const ids = (await this.projects(ctx, budgetId)).map((x) => x.id);
    const { values, errors, dto } = readPaper(ctx.i18n, body(req), ids);
    const again = (form: Form, status: number) =>
      this.showPaper(ctx, res, componentId, budgetId, { add: form }, null, status);
    if (!dto) return again({ values, errors }, 400);
    if (!isSameSite(req))
      return again({ values, errors, notice: ctx.t('lifecycle.crossSite') }, 403);
    const r = await ctx.api.post<Problem>(
      `${BUDGETING_API}/budgets/${budgetId}/paper-ballots`,
      dto,
    );
    if (r.status === 201 || r.status === 200)
      return void seeOther(res, `${here}?done=added#audit-title`);
    if (r.status === 404) return notFound(ctx, res);
    // votes.<i>.votes → the field of the i-th project sent.
    const fields: Record<string, string> = { station: 'station', ballots: 'ballots', note: 'note' };
    dto.votes.forEach((v, i) => (fields[`votes.${i}`] = voteField(v.projectId)));
    const out = this.refused(ctx, r, fields, ctx.t('budgetsAdmin.paper.closed'));
    return again({ values, ...out }, out.status);
  }

  @Post(':componentId/:budgetId/paper/void')
  async voidPaper(
    @Param('componentId') componentId: string,
    @Param('budgetId') budgetId: string,
    @Req() req: PageRequest,
    @Res() res: FastifyReply,
  ) {
    const here = `${adminBudgetPath(componentId, budgetId)}/paper`;
    const ctx = await this.access(req, res, here);
    if (!ctx) return;
    if (!isUuid(budgetId)) return notFound(ctx, res);
    const { values, errors, dto } = readVoid(
      ctx.i18n,
      body(req),
      await this.counting(ctx, budgetId),
    );
    const again = (form: Form, status: number) =>
      this.showPaper(ctx, res, componentId, budgetId, { void: form }, null, status);
    if (!dto) return again({ values, errors }, 400);
    if (!isSameSite(req))
      return again({ values, errors, notice: ctx.t('lifecycle.crossSite') }, 403);
    const r = await ctx.api.post<Problem>(
      `${BUDGETING_API}/budgets/${budgetId}/paper-ballots/${dto.entry}/void`,
      { reason: dto.reason },
    );
    if (r.status === 200) return void seeOther(res, `${here}?done=voided#audit-title`);
    if (r.status === 404) return notFound(ctx, res);
    const out = this.refused(ctx, r, { reason: 'reason' }, ctx.t('budgetsAdmin.paper.closed'));
    return again({ values, ...out }, out.status);
  }

  private async showResults(
    ctx: PageContext,
    res: FastifyReply,
    componentId: string,
    budgetId: string,
    form: Form,
    done: string | null,
    status = 200,
  ) {
    const p = await this.place(ctx, res, componentId);
    if (!p) return;
    const b = this.budgetOf(p, budgetId);
    if (!b) return notFound(ctx, res);
    const r = await ctx.api.get<ResultsView>(`${BUDGETING_API}/budgets/${budgetId}/results`, {
      fresh: true,
    });
    if (r.status === 403 || r.status === 404) return this.forbidden(ctx, res);
    if (r.status !== 200) throw new Error(`Results answered ${r.status}`);
    this.page(
      ctx,
      res,
      ctx.t('budgetsAdmin.results.heading', { budget: b.title }),
      resultsAdminPage(ctx, p, r.body, form, done),
      form.errors,
      status,
    );
  }

  @Get(':componentId/:budgetId/results')
  async results(
    @Param('componentId') componentId: string,
    @Param('budgetId') budgetId: string,
    @Req() req: PageRequest,
    @Res() res: FastifyReply,
  ) {
    const ctx = await this.access(req, res);
    if (!ctx) return;
    const done = req.query.done === 'confirmed' ? ctx.t('budgetsAdmin.done.confirmed') : null;
    await this.showResults(ctx, res, componentId, budgetId, EMPTY, done);
  }

  @Post(':componentId/:budgetId/results')
  async confirm(
    @Param('componentId') componentId: string,
    @Param('budgetId') budgetId: string,
    @Req() req: PageRequest,
    @Res() res: FastifyReply,
  ) {
    const here = `${adminBudgetPath(componentId, budgetId)}/results`;
    const ctx = await this.access(req, res, here);
    if (!ctx) return;
    if (!isUuid(budgetId)) return notFound(ctx, res);
    const projectIds = strings(body(req).projectIds);
    const values = { chosen: projectIds.join(',') };
    const again = (form: Form, status: number) =>
      this.showResults(ctx, res, componentId, budgetId, form, null, status);
    if (!projectIds.every(isUuid))
      return again(
        { values, errors: [{ field: 'projects', message: ctx.t('budgetsAdmin.error.projects') }] },
        400,
      );
    if (!isSameSite(req))
      return again({ values, errors: [], notice: ctx.t('lifecycle.crossSite') }, 403);
    const r = await ctx.api.post<Problem & { selectedCents?: number; envelopeCents?: number }>(
      `${BUDGETING_API}/budgets/${budgetId}/results/confirm`,
      { projectIds },
    );
    if (r.status === 200) return void seeOther(res, `${here}?done=confirmed`);
    if (r.status === 404) return notFound(ctx, res);
    if (r.body?.code === 'SELECTION_OVER_ENVELOPE')
      return again(
        {
          values,
          errors: [{ field: 'projects', message: ctx.t('budgetsAdmin.error.overEnvelope') }],
        },
        400,
      );
    const out = this.refused(
      ctx,
      r,
      { projectIds: 'projects' },
      ctx.t('budgetsAdmin.error.alreadyConfirmed'),
    );
    return again({ values, ...out }, out.status);
  }
}
