import { Controller, Get, Inject, Param, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '@palabre/auth';
import { isOrgAdmin } from '../../shared/layout/roles';
import { type PageRequest, seeOther } from '../../shared/layout/http';
import { WEB_CONFIG, type WebConfig } from '../../shared/config/web.config';
import { html } from '../../shared/html/html';
import type { Me, PageContext } from '../../shared/layout/page-context';
import { PageErrorFilter, notFoundPage, send } from '../../shared/layout/render';
import type { Grant } from '../../organization/organization.api';
import { isUuid } from '../../shared/layout/http';
import { titleWithErrors } from '../../shared/forms/form-notices';
import {
  loadWhere,
  type EvaluationState,
  type ModerationItem,
  type ModerationLogEntry,
  type Proposal,
  type ProposalList,
  type Where,
} from '../proposals.api';
import type { FormState } from '../public/proposals.pages';
import { textIn, type ComponentSummary, type SpacePage } from '../../spaces/spaces.api';
import { local } from '../../spaces/public/spaces.pages';
import {
  NO_FORMS,
  adminProposalsPath,
  evaluationPage,
  indexPage,
  moderationPage,
  officialPage,
  overviewPage,
  type EvaluationForms,
  type ModerationForm,
} from './admin-proposals.pages';
import { proposalsStaffContext, staffSpaces, type StaffRoles } from './proposals-staff-access';

const CURSOR = /^[A-Za-z0-9_-]{1,500}$/;
/** An evaluation state's key, as the proposals service names them. */
export const STATE = /^[a-z][a-z0-9_-]{0,39}$/;

const DONE_KEYS = [
  'answered',
  'assigned',
  'unassigned',
  'sent',
  'created',
  'hidden',
  'restored',
  'dismissed',
  'blocked',
] as const;

/**
 * The proposals back-office, for the staff of a space: organization and
 * space admins (everything), moderators (the queue), evaluators (the
 * proposals assigned to them). The proposals service checks every call
 * again; these pages only decide what to show.
 */
@ApiExcludeController()
@Public()
@UseFilters(PageErrorFilter)
@Controller('admin')
export class AdminProposalsController {
  constructor(@Inject(WEB_CONFIG) private readonly config: WebConfig) {}

  private access(
    req: PageRequest,
    res: FastifyReply,
    spaceId: string | null,
    need?: (r: StaffRoles, me: Me | null) => boolean,
  ) {
    return proposalsStaffContext(req, res, this.config.gatewayUrl, spaceId, need);
  }

  private done(ctx: PageContext, req: PageRequest): string | null {
    const key = DONE_KEYS.find((k) => k === req.query.done);
    return key ? ctx.t(`proposalsAdmin.done.${key}`) : null;
  }

  // ---------------------------------------------------------------- index

  @Get('proposals')
  async index(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const a = await this.access(req, res, null, (_, me) => staffSpaces(me)?.length !== 0);
    if (!a) return;
    const { ctx } = a;
    const only = staffSpaces(ctx.me);
    // Every space, drafts included, for the organization's administrators; the published
    // ones (where people propose) for moderators and evaluators, to whom spaces shows no draft.
    const r = await ctx.api.get<SpacePage>(
      `/api/spaces?${isOrgAdmin(ctx.me) ? 'state=all&' : ''}limit=100`,
      { fresh: true },
    );
    if (r.status !== 200) throw new Error(`Spaces answered ${r.status}`);
    const spaces = r.body.items.filter((s) => only === null || only.includes(s.id)).slice(0, 40);
    const withComponents = await Promise.all(
      spaces.map(async (s) => {
        const c = await ctx.api.get<{ items: ComponentSummary[] }>(
          `/api/spaces/${s.id}/components`,
          { fresh: true },
        );
        const components =
          c.status === 200 ? c.body.items.filter((x) => x.type === 'proposals') : [];
        return {
          id: s.id,
          title: local(ctx, s.title),
          components: components.map((x) => ({ id: x.id, name: local(ctx, x.name) })),
        };
      }),
    );
    send(res, ctx, {
      title: ctx.t('proposalsAdmin.index.title'),
      section: 'admin',
      main: indexPage(
        ctx,
        withComponents.filter((s) => s.components.length > 0),
      ),
    });
  }

  // ---------------------------------------------------------------- a component

  @Get('spaces/:spaceId/proposals/:componentId')
  async overview(
    @Param('spaceId') spaceId: string,
    @Param('componentId') componentId: string,
    @Req() req: PageRequest,
    @Res() res: FastifyReply,
  ) {
    const a = await this.access(req, res, spaceId);
    if (!a) return;
    const { ctx, roles } = a;
    const w = await findComponent(ctx, res, spaceId, componentId);
    if (!w) return;
    const state =
      typeof req.query.state === 'string' && STATE.test(req.query.state) ? req.query.state : '';
    const cursor =
      typeof req.query.cursor === 'string' && CURSOR.test(req.query.cursor) ? req.query.cursor : '';
    const params = new URLSearchParams({ sort: 'newest', limit: '50' });
    if (state) params.set('state', state);
    if (cursor) params.set('cursor', cursor);
    const [list, states, assigned] = await Promise.all([
      ctx.api.get<ProposalList>(`/api/proposals/components/${componentId}/proposals?${params}`, {
        fresh: true,
      }),
      statesOf(ctx, componentId),
      roles.evaluator && !roles.admin
        ? ctx.api.get<{ items: { id: string }[] }>(
            `/api/proposals/components/${componentId}/evaluations/mine`,
            { fresh: true },
          )
        : null,
    ]);
    if (list.status === 400 && cursor)
      return void seeOther(res, adminProposalsPath(spaceId, componentId));
    if (list.status === 404) return notFound(ctx, res);
    if (list.status !== 200) throw new Error(`Proposal list answered ${list.status}`);
    send(res, ctx, {
      title: ctx.t('proposalsAdmin.title', { name: textIn(w.componentName, ctx.locale) }),
      section: 'admin',
      main: overviewPage(ctx, w, roles, {
        items: list.body.items,
        states,
        state,
        cursor,
        nextCursor: list.body.nextCursor,
        assigned: assigned?.status === 200 ? assigned.body.items : null,
        done: this.done(ctx, req),
      }),
    });
  }

  // ---------------------------------------------------------------- official proposals

  @Get('spaces/:spaceId/proposals/:componentId/new')
  async newOfficial(
    @Param('spaceId') spaceId: string,
    @Param('componentId') componentId: string,
    @Req() req: PageRequest,
    @Res() res: FastifyReply,
  ) {
    const a = await this.access(req, res, spaceId, (r) => r.admin);
    if (!a) return;
    const w = await findComponent(a.ctx, res, spaceId, componentId);
    if (!w) return;
    renderOfficial(a.ctx, res, w, a.roles, { values: { origin: 'official' }, errors: [] });
  }

  // ---------------------------------------------------------------- moderation

  @Get('spaces/:spaceId/proposals/:componentId/moderation')
  async moderationQueue(
    @Param('spaceId') spaceId: string,
    @Param('componentId') componentId: string,
    @Req() req: PageRequest,
    @Res() res: FastifyReply,
  ) {
    const a = await this.access(req, res, spaceId, (r) => r.moderator);
    if (!a) return;
    const w = await findComponent(a.ctx, res, spaceId, componentId);
    if (!w) return;
    await renderModeration(a.ctx, res, w, a.roles, null, this.done(a.ctx, req));
  }

  // ---------------------------------------------------------------- evaluation

  @Get('spaces/:spaceId/proposals/:componentId/:proposalId')
  async evaluate(
    @Param('spaceId') spaceId: string,
    @Param('componentId') componentId: string,
    @Param('proposalId') proposalId: string,
    @Req() req: PageRequest,
    @Res() res: FastifyReply,
  ) {
    const a = await this.access(req, res, spaceId);
    if (!a) return;
    const w = await findComponent(a.ctx, res, spaceId, componentId);
    if (!w) return;
    await renderEvaluation(a.ctx, res, w, a.roles, proposalId, NO_FORMS, this.done(a.ctx, req));
  }
}

// ---------------------------------------------------------------- shared with the forms

function notFound(ctx: PageContext, res: FastifyReply): void {
  send(res, ctx, notFoundPage(ctx), 404);
}

/** The space (by id) and its proposals component, or null once a 404 is sent. */
export async function findComponent(
  ctx: PageContext,
  res: FastifyReply,
  spaceId: string,
  componentId: string,
): Promise<Where | null> {
  const w = isUuid(spaceId) ? await loadWhere(ctx, spaceId, componentId, true) : null;
  if (!w || w.space.id !== spaceId) {
    notFound(ctx, res);
    return null;
  }
  return w;
}

async function statesOf(ctx: PageContext, componentId: string): Promise<EvaluationState[]> {
  const r = await ctx.api.get<{ items: EvaluationState[] }>(
    `/api/proposals/components/${componentId}/states`,
    { fresh: true },
  );
  if (r.status !== 200) throw new Error(`States answered ${r.status}`);
  return r.body.items;
}

/** The page of an official entry (on paper, from a workshop, the institution's own). */
export function renderOfficial(
  ctx: PageContext,
  res: FastifyReply,
  w: Where,
  roles: StaffRoles,
  form: FormState,
  status = 200,
): void {
  send(
    res,
    ctx,
    {
      title: titleWithErrors(ctx, ctx.t('proposalsAdmin.official.title'), form.errors),
      section: 'admin',
      main: officialPage(ctx, w, roles, form),
    },
    status,
  );
}

/** The moderation queue and its log, with one item's form as it was sent (or none). */
export async function renderModeration(
  ctx: PageContext,
  res: FastifyReply,
  w: Where,
  roles: StaffRoles,
  form: ModerationForm | null,
  done: string | null,
  status = 200,
): Promise<void> {
  const [queue, log, grants, orgLog] = await Promise.all([
    ctx.api.get<{ items: ModerationItem[] }>(
      `/api/proposals/components/${w.componentId}/moderation`,
      {
        fresh: true,
      },
    ),
    ctx.api.get<{ items: ModerationLogEntry[] }>(
      `/api/proposals/moderation/log?componentId=${w.componentId}`,
      { fresh: true },
    ),
    // Who did what: names of the staff, when this visitor may read the organization's roles.
    ctx.api.get<Grant[]>('/api/identity/grants', { fresh: true }),
    // Blocking an author is organization-wide: its log entries belong to no component.
    roles.orgModerator
      ? ctx.api.get<{ items: ModerationLogEntry[] }>('/api/proposals/moderation/log', {
          fresh: true,
        })
      : null,
  ]);
  if (queue.status === 403 || log.status === 403) {
    return send(
      res,
      ctx,
      {
        title: ctx.t('admin.forbidden.title'),
        section: 'admin',
        main: html`<h1>${ctx.t('admin.forbidden.title')}</h1>
          <p>${ctx.t('proposalsAdmin.error.notAllowed')}</p>`,
      },
      403,
    );
  }
  if (queue.status !== 200) throw new Error(`Moderation queue answered ${queue.status}`);
  if (log.status !== 200) throw new Error(`Moderation log answered ${log.status}`);
  const names = new Map<string, string>();
  if (grants.status === 200)
    for (const g of grants.body) names.set(g.userId, g.displayName ?? g.email ?? g.userId);
  if (ctx.me?.kind === 'account') names.set(ctx.me.id, ctx.me.displayName ?? ctx.me.email);
  send(
    res,
    ctx,
    {
      title: titleWithErrors(
        ctx,
        ctx.t('proposalsAdmin.moderation.title', { name: textIn(w.componentName, ctx.locale) }),
        form?.errors ?? [],
      ),
      section: 'admin',
      main: moderationPage(ctx, w, roles, {
        items: queue.body.items,
        log: [
          ...log.body.items,
          ...(orgLog?.status === 200
            ? orgLog.body.items.filter((e) => e.targetType === 'user')
            : []),
        ].sort((a, b) => b.at.localeCompare(a.at)),
        names,
        form,
        done,
      }),
    },
    status,
  );
}

/** A proposal's evaluation page, with one of its forms as it was sent (or none). */
export async function renderEvaluation(
  ctx: PageContext,
  res: FastifyReply,
  w: Where,
  roles: StaffRoles,
  proposalId: string,
  forms: EvaluationForms,
  done: string | null,
  status = 200,
): Promise<void> {
  if (!isUuid(proposalId)) return notFound(ctx, res);
  const [p, states, evaluators, grants] = await Promise.all([
    ctx.api.get<Proposal>(`/api/proposals/proposals/${proposalId}`, { fresh: true }),
    statesOf(ctx, w.componentId),
    roles.admin
      ? ctx.api.get<{ items: { userId: string; assignedAt: string }[] }>(
          `/api/proposals/proposals/${proposalId}/evaluators`,
          { fresh: true },
        )
      : null,
    roles.admin ? ctx.api.get<Grant[]>('/api/identity/grants', { fresh: true }) : null,
  ]);
  if (
    p.status === 404 ||
    p.status === 400 ||
    (p.status === 200 && p.body.componentId !== w.componentId)
  )
    return notFound(ctx, res);
  if (p.status !== 200) throw new Error(`Proposal answered ${p.status}`);
  const allErrors = [...forms.answer.errors, ...forms.evaluator.errors, ...forms.budget.errors];
  send(
    res,
    ctx,
    {
      title: titleWithErrors(
        ctx,
        ctx.t('proposalsAdmin.evaluateTitle', { title: p.body.title }),
        allErrors,
      ),
      section: 'admin',
      main: evaluationPage(ctx, w, roles, {
        p: p.body,
        states,
        evaluators: evaluators?.status === 200 ? evaluators.body.items : null,
        candidates: grants?.status === 200 ? grants.body : null,
        forms,
        done,
      }),
    },
    status,
  );
}
