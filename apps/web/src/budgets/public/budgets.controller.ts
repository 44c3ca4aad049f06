import { pickText } from '@palabre/contracts';
import { Controller, Get, Inject, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '@palabre/auth';
import { JsonLogger } from '@palabre/observability';
import { type PageRequest, seeOther } from '../../shared/layout/http';
import { RemoteImages, noImage } from '../../shared/branding/remote-images';
import { WEB_CONFIG, type WebConfig } from '../../shared/config/web.config';
import { PageContext } from '../../shared/layout/page-context';
import { PageErrorFilter, notFoundPage, send } from '../../shared/layout/render';
import { isSameSite } from '../../shared/forms/same-site';
import { isUuid } from '../../shared/layout/http';
import { proposalLinks } from '../../spaces/proposal-links';
import { spaceSlug } from '../../spaces/spaces.api';
import { local } from '../../spaces/public/spaces.pages';
import { textIn, type SpaceLanding } from '../../spaces/spaces.api';
import { needsFranceConnect, refusalText } from '../budget-rule';
import {
  BUDGETING_API,
  IMAGE_FILE,
  euros,
  imageFile,
  type BudgetList,
  type BudgetProblem,
  type BudgetView,
  type MyVotes,
  type OrderView,
  type ProgressView,
  type ProjectList,
  type ProjectView,
  type ResultDetail,
  type ResultsView,
} from '../budgets.api';
import {
  budgetPage,
  budgetPath,
  checkoutPage,
  componentPage,
  resultsHiddenPage,
  resultsPage,
  trackingPage,
  type Place,
  type VotePanel,
} from './budgets.pages';

const body = (req: PageRequest) => (req.body ?? {}) as Record<string, unknown>;
const list = (v: unknown): string[] =>
  Array.isArray(v)
    ? v.filter((x): x is string => typeof x === 'string')
    : typeof v === 'string'
      ? [v]
      : [];

/** The not-found page, for a loader that then has nothing to give. */
export function notFound(ctx: PageContext, res: FastifyReply): null {
  send(res, ctx, notFoundPage(ctx), 404);
  return null;
}

/** The space, the component (a budgets component of that space) and its budgets; null: a 404 is sent. */
export async function budgetsPlace(
  ctx: PageContext,
  res: FastifyReply,
  slug: string,
  componentId: string,
  fresh = false,
): Promise<Place | null> {
  if (!spaceSlug(slug) || !isUuid(componentId)) return notFound(ctx, res);
  const [s, l] = await Promise.all([
    ctx.api.get<SpaceLanding>(`/api/spaces/${slug}`),
    ctx.api.get<BudgetList>(`${BUDGETING_API}/components/${componentId}/budgets`, { fresh }),
  ]);
  const c = s.status === 200 ? s.body.components.find((x) => x.id === componentId) : undefined;
  if (!c || c.type !== 'budgets' || l.status === 404 || l.status === 400) return notFound(ctx, res);
  if (l.status !== 200) throw new Error(`Budgets answered ${l.status}`);
  return { space: s.body, componentId, name: local(ctx, c.name), list: l.body };
}

/** A budget's projects, when the budget is the component's; null: a 404 is sent. */
async function budgetProjects(
  ctx: PageContext,
  res: FastifyReply,
  place: Place,
  budgetId: string,
  fresh = false,
): Promise<ProjectList | null> {
  if (!isUuid(budgetId)) return notFound(ctx, res);
  const r = await ctx.api.get<ProjectList>(`${BUDGETING_API}/budgets/${budgetId}/projects`, {
    fresh,
  });
  if (r.status === 404 || r.status === 400 || r.body?.budget?.componentId !== place.componentId)
    return notFound(ctx, res);
  if (r.status !== 200) throw new Error(`Projects answered ${r.status}`);
  return r.body;
}

/** The visitor's selection or vote in a budget (401: nobody to vote as). */
async function orderOf(ctx: PageContext, budgetId: string) {
  if (!ctx.me) return { order: null, status: 401 };
  const r = await ctx.api.get<OrderView>(`${BUDGETING_API}/budgets/${budgetId}/order`, {
    fresh: true,
  });
  return { order: r.status === 200 ? r.body : null, status: r.status };
}

/** The budget page, with what the visitor just did or was refused. */
export async function renderBudget(
  ctx: PageContext,
  res: FastifyReply,
  slug: string,
  componentId: string,
  budgetId: string,
  panel: Omit<VotePanel, 'order' | 'orderStatus'>,
  status = 200,
) {
  const place = await budgetsPlace(ctx, res, slug, componentId, status !== 200);
  if (!place) return;
  const [projects, mine] = await Promise.all([
    budgetProjects(ctx, res, place, budgetId, status !== 200),
    orderOf(ctx, budgetId),
  ]);
  if (!projects) return;
  const proposals = await proposalLinks(
    ctx,
    place.space,
    projects.items.flatMap((p) => p.proposalIds),
  );
  const full: VotePanel = { ...panel, order: mine.order, orderStatus: mine.status };
  const title =
    panel.error || (panel.project && !panel.project.ok)
      ? `${ctx.t('budgets.titleRefused')} ${pickText(projects.budget.title, ctx.locale).text}`
      : pickText(projects.budget.title, ctx.locale).text;
  send(
    res,
    ctx,
    { title, section: 'spaces', main: budgetPage(ctx, place, projects, full, proposals) },
    status,
  );
}

/** The confirmation step; back to the budget page when there is nothing (yet) to confirm. */
async function renderCheckout(
  ctx: PageContext,
  res: FastifyReply,
  slug: string,
  componentId: string,
  budgetId: string,
  form: {
    residence: string;
    error: { text: string; franceConnect: boolean } | null;
    residenceError?: string;
  },
  status = 200,
) {
  const here = budgetPath(slug, componentId, budgetId);
  const place = await budgetsPlace(ctx, res, slug, componentId, status !== 200);
  if (!place) return;
  const b = place.list.items.find((x) => x.id === budgetId);
  if (!b) return send(res, ctx, notFoundPage(ctx), 404);
  const { order } = await orderOf(ctx, budgetId);
  if (!order || order.state !== 'cart' || (!order.canCheckout && !form.error))
    return void seeOther(res, `${here}#vote`);
  let askResidence = false;
  if (place.list.component.workflow === 'district_plus_one') {
    const mine = await ctx.api.get<MyVotes>(
      `${BUDGETING_API}/components/${componentId}/orders/mine`,
    );
    askResidence = !(mine.status === 200 && mine.body.residence);
  }
  const areas = [
    ...new Set(place.list.items.map((x) => x.area).filter((a): a is string => !!a)),
  ].sort((a, z) => a.localeCompare(z, ctx.locale));
  const errors = form.residenceError ? 1 : form.error ? 1 : 0;
  send(
    res,
    ctx,
    {
      title: `${errors ? `${ctx.t('form.errorSummary', { count: 1 })} ` : ''}${ctx.t('budgets.confirm.title', { budget: pickText(b.title, ctx.locale).text })}`,
      section: 'spaces',
      main: checkoutPage(ctx, place, b, order, {
        ...form,
        askResidence: askResidence && areas.length > 0,
        areas,
      }),
    },
    status,
  );
}

/**
 * The public pages of a budgets component, under the space's address:
 * budgets, projects and the voter's selection, results and implementation
 * tracking; the vote's confirmation step. The other forms (add, remove,
 * cancel) are declared in `budgets.forms.ts`. Who may vote is the API's
 * decision; refusals are shown where the visitor acted, in words, with what
 * to do.
 */
@ApiExcludeController()
@Public()
@UseFilters(PageErrorFilter)
@Controller('spaces/:slug/budgets/:componentId')
export class BudgetsPagesController {
  /** Projects' images and results' photos, served from this site's origin. */
  private readonly images: RemoteImages;

  constructor(
    @Inject(WEB_CONFIG) private readonly config: WebConfig,
    logger: JsonLogger,
  ) {
    this.images = new RemoteImages(logger, 'Project image');
  }

  private ctx(req: PageRequest, res: FastifyReply) {
    return PageContext.load(req, res, this.config.gatewayUrl);
  }

  @Get()
  async component(
    @Param('slug') slug: string,
    @Param('componentId') componentId: string,
    @Req() req: PageRequest,
    @Res() res: FastifyReply,
  ) {
    const ctx = await this.ctx(req, res);
    const place = await budgetsPlace(ctx, res, slug, componentId);
    if (!place) return;
    const mine = ctx.me
      ? await ctx.api.get<MyVotes>(`${BUDGETING_API}/components/${componentId}/orders/mine`)
      : null;
    send(res, ctx, {
      title: textIn(place.space.components.find((c) => c.id === componentId)?.name, ctx.locale),
      section: 'spaces',
      main: componentPage(ctx, place, mine?.status === 200 ? mine.body : null),
    });
  }

  @Get('progress')
  async progress(
    @Param('slug') slug: string,
    @Param('componentId') componentId: string,
    @Req() req: PageRequest,
    @Res() res: FastifyReply,
  ) {
    const ctx = await this.ctx(req, res);
    const place = await budgetsPlace(ctx, res, slug, componentId);
    if (!place) return;
    const r = await ctx.api.get<ProgressView>(
      `${BUDGETING_API}/components/${componentId}/progress`,
    );
    if (r.status !== 200) throw new Error(`Progress answered ${r.status}`);
    const [details, proposals] = await Promise.all([
      Promise.all(
        r.body.items
          .slice(0, 100)
          .map((x) => ctx.api.get<ResultDetail>(`${BUDGETING_API}/results/${x.id}`)),
      ),
      proposalLinks(
        ctx,
        place.space,
        r.body.items.flatMap((x) => x.proposalIds),
      ),
    ]);
    const byId = new Map(
      details.filter((d) => d.status === 200).map((d) => [d.body.id, d.body] as const),
    );
    send(res, ctx, {
      title: ctx.t('budgets.tracking.title'),
      section: 'spaces',
      main: trackingPage(ctx, place, r.body, byId, proposals),
    });
  }

  /** A photo of a result's timeline (or its project's image), served from this site's origin. */
  @Get('progress/:resultId/:file')
  async resultPhoto(
    @Param('resultId') resultId: string,
    @Param('file') file: string,
    @Req() req: PageRequest,
    @Res() res: FastifyReply,
  ) {
    const ctx = await this.ctx(req, res);
    if (!isUuid(resultId) || !IMAGE_FILE.test(file)) return noImage(res);
    const r = await ctx.api.get<ResultDetail>(`${BUDGETING_API}/results/${resultId}`);
    if (r.status !== 200) return noImage(res);
    const urls = [...r.body.imageUrls, ...r.body.timeline.flatMap((u) => u.photoUrls)];
    return this.images.send(
      res,
      urls.find((u) => imageFile(u) === file),
    );
  }

  @Get(':budgetId')
  async show(
    @Param('slug') slug: string,
    @Param('componentId') componentId: string,
    @Param('budgetId') budgetId: string,
    @Req() req: PageRequest,
    @Res() res: FastifyReply,
  ) {
    const ctx = await this.ctx(req, res);
    const { t } = ctx;
    const done = typeof req.query.done === 'string' ? req.query.done : '';
    const projectId = typeof req.query.project === 'string' ? req.query.project : '';
    let project: VotePanel['project'] = null;
    if ((done === 'added' || done === 'removed') && isUuid(projectId)) {
      // The message next to the project just added or removed, with the running total.
      const o = await orderOf(ctx, budgetId);
      const chosen = o.order?.projects.find((p) => p.id === projectId);
      const name = chosen && pickText(chosen.title, ctx.locale).text;
      const total = o.order
        ? t('budgets.cart.total', {
            count: o.order.selectedProjects,
            total: euros(ctx.i18n, o.order.totalCents),
            envelope: euros(ctx.i18n, o.order.envelopeCents),
          })
        : '';
      project = {
        id: projectId,
        ok: true,
        franceConnect: false,
        text:
          done === 'added'
            ? `${name ? t('budgets.added', { title: name }) : t('budgets.addedOne')} ${total}`
            : `${t('budgets.removed')} ${total}`,
      };
    }
    const DONE: Record<string, string> = {
      voted: t('budgets.done.voted'),
      cancelled: t('budgets.done.cancelled'),
    };
    await renderBudget(ctx, res, slug, componentId, budgetId, {
      done: DONE[done] ?? null,
      error: null,
      project,
    });
  }

  @Get(':budgetId/checkout')
  async checkoutStep(
    @Param('slug') slug: string,
    @Param('componentId') componentId: string,
    @Param('budgetId') budgetId: string,
    @Req() req: PageRequest,
    @Res() res: FastifyReply,
  ) {
    const ctx = await this.ctx(req, res);
    if (!isUuid(budgetId)) return send(res, ctx, notFoundPage(ctx), 404);
    await renderCheckout(ctx, res, slug, componentId, budgetId, { residence: '', error: null });
  }

  // Hand-written: an empty selection is a 303, and a refusal shows either this step or the budget page (with Retry-After when busy).
  @Post(':budgetId/checkout')
  async checkout(
    @Param('slug') slug: string,
    @Param('componentId') componentId: string,
    @Param('budgetId') budgetId: string,
    @Req() req: PageRequest,
    @Res() res: FastifyReply,
  ) {
    const ctx = await this.ctx(req, res);
    const { t } = ctx;
    if (!spaceSlug(slug) || !isUuid(componentId) || !isUuid(budgetId))
      return send(res, ctx, notFoundPage(ctx), 404);
    const projectIds = list(body(req).projectIds);
    const residence =
      typeof body(req).residence === 'string' ? String(body(req).residence).trim() : '';
    if (!isSameSite(req))
      return renderCheckout(
        ctx,
        res,
        slug,
        componentId,
        budgetId,
        { residence, error: { text: t('lifecycle.crossSite'), franceConnect: false } },
        403,
      );
    if (projectIds.length === 0 || !projectIds.every(isUuid))
      return void seeOther(res, `${budgetPath(slug, componentId, budgetId)}#vote`);
    const r = await ctx.api.post<OrderView & BudgetProblem>(
      `${BUDGETING_API}/budgets/${budgetId}/order/checkout`,
      residence ? { projectIds, residence } : { projectIds },
    );
    const here = budgetPath(slug, componentId, budgetId);
    if (r.status === 201 || r.status === 200) return void seeOther(res, `${here}?done=voted#vote`);
    if (r.status === 404 && !r.body?.code?.startsWith('PROJECT'))
      return send(res, ctx, notFoundPage(ctx), 404);
    if (r.status === 503 && r.body?.code === 'OVERLOADED') {
      // Too many votes at once: the voter confirms again in a moment, selection kept.
      res.header('Retry-After', '2');
      return renderCheckout(
        ctx,
        res,
        slug,
        componentId,
        budgetId,
        { residence, error: { text: t('budgets.refused.busy'), franceConnect: false } },
        503,
      );
    }
    if (r.status >= 500 || r.status === 429) throw new Error(`Checkout answered ${r.status}`);
    if (r.status === 400 && r.body?.errors?.some((e) => e.field === 'residence'))
      return renderCheckout(
        ctx,
        res,
        slug,
        componentId,
        budgetId,
        { residence, error: null, residenceError: t('budgets.residence.required') },
        400,
      );
    const place = await budgetsPlace(ctx, res, slug, componentId, true);
    if (!place) return;
    const error = {
      text: refusalText(ctx.i18n, r.status, r.body, {
        workflow: place.list.component.workflow,
      }),
      franceConnect: needsFranceConnect(r.body),
    };
    const status = r.status === 401 ? 403 : r.status;
    if (r.body?.code === 'ALREADY_VOTED' || r.body?.code === 'VOTING_CLOSED')
      return renderBudget(
        ctx,
        res,
        slug,
        componentId,
        budgetId,
        { done: null, error, project: null },
        status,
      );
    return renderCheckout(ctx, res, slug, componentId, budgetId, { residence, error }, status);
  }

  @Get(':budgetId/results')
  async results(
    @Param('slug') slug: string,
    @Param('componentId') componentId: string,
    @Param('budgetId') budgetId: string,
    @Req() req: PageRequest,
    @Res() res: FastifyReply,
  ) {
    const ctx = await this.ctx(req, res);
    const place = await budgetsPlace(ctx, res, slug, componentId);
    if (!place) return;
    const b: BudgetView | undefined = place.list.items.find((x) => x.id === budgetId);
    if (!b) return send(res, ctx, notFoundPage(ctx), 404);
    const r = await ctx.api.get<ResultsView & BudgetProblem>(
      `${BUDGETING_API}/budgets/${budgetId}/results`,
    );
    if (r.status === 404 && r.body?.code === 'RESULTS_NOT_PUBLIC')
      return send(
        res,
        ctx,
        {
          title: ctx.t('budgets.results.title', { budget: pickText(b.title, ctx.locale).text }),
          section: 'spaces',
          main: resultsHiddenPage(ctx, place, b),
        },
        404,
      );
    if (r.status === 404) return send(res, ctx, notFoundPage(ctx), 404);
    if (r.status !== 200) throw new Error(`Results answered ${r.status}`);
    send(res, ctx, {
      title: ctx.t('budgets.results.title', { budget: pickText(b.title, ctx.locale).text }),
      section: 'spaces',
      main: resultsPage(ctx, place, r.body),
    });
  }

  /** A project's image, fetched by this site and served from its origin (the CSP allows no other). */
  @Get(':budgetId/projects/:projectId/:file')
  async projectImage(
    @Param('projectId') projectId: string,
    @Param('file') file: string,
    @Req() req: PageRequest,
    @Res() res: FastifyReply,
  ) {
    const ctx = await this.ctx(req, res);
    if (!isUuid(projectId) || !IMAGE_FILE.test(file)) return noImage(res);
    const r = await ctx.api.get<ProjectView>(`${BUDGETING_API}/projects/${projectId}`);
    if (r.status !== 200) return noImage(res);
    return this.images.send(
      res,
      r.body.imageUrls.find((u) => imageFile(u) === file),
    );
  }
}
