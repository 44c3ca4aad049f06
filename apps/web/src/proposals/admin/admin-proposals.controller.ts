import { Controller, Get, Inject, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '@palabre/auth';
import { isOrgAdmin } from '../../shared/layout/roles';
import { type PageRequest, seeOther } from '../../shared/layout/http';
import { WEB_CONFIG, type WebConfig } from '../../shared/config/web.config';
import type { ApiResponse } from '../../shared/gateway/gateway-client';
import type { FieldError } from '../../shared/html/components';
import { formText } from '../../shared/html/form-controls';
import { html } from '../../shared/html/html';
import type { Me, PageContext } from '../../shared/layout/page-context';
import { PageErrorFilter, notFoundPage, send } from '../../shared/layout/render';
import { isSameSite } from '../../shared/forms/same-site';
import type { Grant } from '../../organization/organization.api';
import { isUuid } from '../../shared/layout/http';
import { apiFieldErrors, titleWithErrors } from '../../shared/forms/form-notices';
import { readProposal } from '../proposal.form';
import {
  ANSWER_MAX,
  REASON_MAX,
  REASON_MIN,
  limitsOf,
  loadWhere,
  type EvaluationState,
  type ModerationItem,
  type ModerationLogEntry,
  type Proposal,
  type ProposalList,
  type ProposalProblem,
  type Where,
} from '../proposals.api';
import { refusalText, type FormState } from '../public/proposals.pages';
import { textIn, type ComponentSummary, type SpacePage } from '../../spaces/spaces.api';
import { local } from '../../spaces/public/spaces.pages';
import {
  NO_FORMS,
  OFFICIAL_ORIGINS,
  adminProposalsPath,
  evaluationPage,
  indexPage,
  moderationPage,
  officialPage,
  overviewPage,
  parseEuros,
  type EvaluationForms,
  type ModerationForm,
} from './admin-proposals.pages';
import { proposalsStaffContext, staffSpaces, type StaffRoles } from './proposals-staff-access';

type Answer = ApiResponse<ProposalProblem | null>;
const body = (req: PageRequest) => (req.body ?? {}) as Record<string, unknown>;
const CURSOR = /^[A-Za-z0-9_-]{1,500}$/;
const STATE = /^[a-z][a-z0-9_-]{0,39}$/;

const DONE_KEYS = [
  'answered',
  'assigned',
  'unassigned',
  'sent',
  'created',
  'hidden',
  'restored',
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

  private notFound(ctx: PageContext, res: FastifyReply) {
    send(res, ctx, notFoundPage(ctx), 404);
  }

  private done(ctx: PageContext, req: PageRequest): string | null {
    const key = DONE_KEYS.find((k) => k === req.query.done);
    return key ? ctx.t(`proposalsAdmin.done.${key}`) : null;
  }

  private async where(ctx: PageContext, res: FastifyReply, spaceId: string, componentId: string) {
    const w = isUuid(spaceId) ? await loadWhere(ctx, spaceId, componentId, true) : null;
    if (!w || w.space.id !== spaceId) {
      this.notFound(ctx, res);
      return null;
    }
    return w;
  }

  private async states(ctx: PageContext, componentId: string): Promise<EvaluationState[]> {
    const r = await ctx.api.get<{ items: EvaluationState[] }>(
      `/api/proposals/components/${componentId}/states`,
      { fresh: true },
    );
    if (r.status !== 200) throw new Error(`States answered ${r.status}`);
    return r.body.items;
  }

  /** The API's refusal of a back-office form: errors on the fields it names, otherwise in words. */
  private refused(ctx: PageContext, w: Where, r: Answer, fields: Record<string, string>) {
    if (r.status >= 500 || r.status === 429) throw new Error(`Proposals answered ${r.status}`);
    const errors: FieldError[] = apiFieldErrors(ctx, r.body, fields);
    if (errors.length) return { status: 400, errors };
    const notice =
      r.status === 403 && r.body?.code === 'NOT_ALLOWED'
        ? ctx.t('proposalsAdmin.error.notAllowed')
        : r.body?.code === 'WRONG_STATE' || r.body?.code === 'OFFICIAL_PROPOSALS_DISABLED'
          ? ctx.t('proposals.refused.other', { detail: r.body?.detail ?? '' })
          : refusalText(ctx, w, r.body).message;
    return { status: r.status === 401 ? 403 : r.status, errors, notice };
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
    const w = await this.where(ctx, res, spaceId, componentId);
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
      this.states(ctx, componentId),
      roles.evaluator && !roles.admin
        ? ctx.api.get<{ items: { id: string }[] }>(
            `/api/proposals/components/${componentId}/evaluations/mine`,
            { fresh: true },
          )
        : null,
    ]);
    if (list.status === 400 && cursor)
      return void seeOther(res, adminProposalsPath(spaceId, componentId));
    if (list.status === 404) return this.notFound(ctx, res);
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

  private official(
    ctx: PageContext,
    res: FastifyReply,
    w: Where,
    roles: StaffRoles,
    form: FormState,
    status = 200,
  ) {
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

  @Get('spaces/:spaceId/proposals/:componentId/new')
  async newOfficial(
    @Param('spaceId') spaceId: string,
    @Param('componentId') componentId: string,
    @Req() req: PageRequest,
    @Res() res: FastifyReply,
  ) {
    const a = await this.access(req, res, spaceId, (r) => r.admin);
    if (!a) return;
    const w = await this.where(a.ctx, res, spaceId, componentId);
    if (!w) return;
    this.official(a.ctx, res, w, a.roles, { values: { origin: 'official' }, errors: [] });
  }

  @Post('spaces/:spaceId/proposals/:componentId/new')
  async createOfficial(
    @Param('spaceId') spaceId: string,
    @Param('componentId') componentId: string,
    @Req() req: PageRequest,
    @Res() res: FastifyReply,
  ) {
    const a = await this.access(req, res, spaceId, (r) => r.admin);
    if (!a) return;
    const { ctx, roles } = a;
    const w = await this.where(ctx, res, spaceId, componentId);
    if (!w) return;
    const read = readProposal(ctx.i18n, body(req), {
      maxBody: limitsOf(w.effective).proposalLength,
      behalf: true,
    });
    const origin = formText(body(req), 'origin');
    const values = { ...read.values, origin };
    const errors = [...read.errors];
    if (!OFFICIAL_ORIGINS.includes(origin as (typeof OFFICIAL_ORIGINS)[number]))
      errors.unshift({ field: 'origin', message: ctx.t('proposalsAdmin.error.origin') });
    if (!read.dto || errors.length)
      return this.official(ctx, res, w, roles, { values, errors }, 400);
    if (!isSameSite(req))
      return this.official(
        ctx,
        res,
        w,
        roles,
        { values, errors, notice: ctx.t('lifecycle.crossSite') },
        403,
      );
    const r: Answer = await ctx.api.post(`/api/proposals/components/${componentId}/proposals`, {
      ...read.dto,
      origin,
    });
    if (r.status === 201 || r.status === 200)
      return void seeOther(
        res,
        `${adminProposalsPath(spaceId, componentId)}/${(r.body as unknown as Proposal).id}?done=created`,
      );
    if (r.status === 404) return this.notFound(ctx, res);
    const refused = this.refused(ctx, w, r, {
      title: 'title',
      body: 'body',
      address: 'address',
      area: 'area',
      onBehalfOf: 'onBehalfOf',
      origin: 'origin',
    });
    return this.official(ctx, res, w, roles, { values, ...refused }, refused.status);
  }

  // ---------------------------------------------------------------- moderation

  private async moderation(
    ctx: PageContext,
    res: FastifyReply,
    w: Where,
    roles: StaffRoles,
    form: ModerationForm | null,
    done: string | null,
    status = 200,
  ) {
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

  @Get('spaces/:spaceId/proposals/:componentId/moderation')
  async moderationQueue(
    @Param('spaceId') spaceId: string,
    @Param('componentId') componentId: string,
    @Req() req: PageRequest,
    @Res() res: FastifyReply,
  ) {
    const a = await this.access(req, res, spaceId, (r) => r.moderator);
    if (!a) return;
    const w = await this.where(a.ctx, res, spaceId, componentId);
    if (!w) return;
    await this.moderation(a.ctx, res, w, a.roles, null, this.done(a.ctx, req));
  }

  /** The reason a moderator gives, for the log; an error keyed to the form's own field otherwise. */
  private reason(ctx: PageContext, req: PageRequest, target: string) {
    const reason = formText(body(req), `reason-${target}`);
    const values = { reason };
    const errors: FieldError[] =
      [...reason].length < REASON_MIN || [...reason].length > REASON_MAX
        ? [
            {
              field: `reason-${target}`,
              message: ctx.t('proposalsAdmin.error.reason', { min: REASON_MIN, max: REASON_MAX }),
            },
          ]
        : [];
    return { reason, values, errors };
  }

  @Post('spaces/:spaceId/proposals/:componentId/moderation/users/:userId/block')
  async block(
    @Param('spaceId') spaceId: string,
    @Param('componentId') componentId: string,
    @Param('userId') userId: string,
    @Req() req: PageRequest,
    @Res() res: FastifyReply,
  ) {
    const a = await this.access(req, res, spaceId, (r) => r.orgModerator);
    if (!a) return;
    const { ctx, roles } = a;
    if (!isUuid(userId)) return this.notFound(ctx, res);
    const w = await this.where(ctx, res, spaceId, componentId);
    if (!w) return;
    const item = formText(body(req), 'item');
    const target = `${userId}-${isUuid(item) ? item : ''}`;
    const { reason, values, errors } = this.reason(ctx, req, target);
    const form: ModerationForm = { target, values, errors };
    if (errors.length) return this.moderation(ctx, res, w, roles, form, null, 400);
    if (!isSameSite(req))
      return this.moderation(
        ctx,
        res,
        w,
        roles,
        { ...form, notice: ctx.t('lifecycle.crossSite') },
        null,
        403,
      );
    const r: Answer = await ctx.api.post(`/api/proposals/moderation/users/${userId}/block`, {
      reason,
    });
    if (r.status === 200)
      return void seeOther(
        res,
        `${adminProposalsPath(spaceId, componentId)}/moderation?done=blocked`,
      );
    const refused = this.refused(ctx, w, r, { reason: `reason-${target}` });
    return this.moderation(ctx, res, w, roles, { ...form, ...refused }, null, refused.status);
  }

  @Post('spaces/:spaceId/proposals/:componentId/moderation/:type/:itemId/:act')
  async moderate(
    @Param('spaceId') spaceId: string,
    @Param('componentId') componentId: string,
    @Param('type') type: string,
    @Param('itemId') itemId: string,
    @Param('act') act: string,
    @Req() req: PageRequest,
    @Res() res: FastifyReply,
  ) {
    const a = await this.access(req, res, spaceId, (r) => r.moderator);
    if (!a) return;
    const { ctx, roles } = a;
    if (
      (type !== 'proposal' && type !== 'comment') ||
      (act !== 'hide' && act !== 'restore') ||
      !isUuid(itemId)
    )
      return this.notFound(ctx, res);
    const w = await this.where(ctx, res, spaceId, componentId);
    if (!w) return;
    const { reason, values, errors } = this.reason(ctx, req, itemId);
    const form: ModerationForm = { target: itemId, values, errors };
    if (errors.length) return this.moderation(ctx, res, w, roles, form, null, 400);
    if (!isSameSite(req))
      return this.moderation(
        ctx,
        res,
        w,
        roles,
        { ...form, notice: ctx.t('lifecycle.crossSite') },
        null,
        403,
      );
    const r: Answer = await ctx.api.post(`/api/proposals/moderation/${type}s/${itemId}/${act}`, {
      reason,
    });
    if (r.status === 200)
      return void seeOther(
        res,
        `${adminProposalsPath(spaceId, componentId)}/moderation?done=${act === 'hide' ? 'hidden' : 'restored'}`,
      );
    if (r.status === 404) return this.notFound(ctx, res);
    const refused = this.refused(ctx, w, r, { reason: `reason-${itemId}` });
    return this.moderation(ctx, res, w, roles, { ...form, ...refused }, null, refused.status);
  }

  // ---------------------------------------------------------------- evaluation

  private async evaluation(
    ctx: PageContext,
    res: FastifyReply,
    w: Where,
    roles: StaffRoles,
    proposalId: string,
    forms: EvaluationForms,
    done: string | null,
    status = 200,
  ) {
    if (!isUuid(proposalId)) return this.notFound(ctx, res);
    const [p, states, evaluators, grants] = await Promise.all([
      ctx.api.get<Proposal>(`/api/proposals/proposals/${proposalId}`, { fresh: true }),
      this.states(ctx, w.componentId),
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
      return this.notFound(ctx, res);
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
    const w = await this.where(a.ctx, res, spaceId, componentId);
    if (!w) return;
    await this.evaluation(a.ctx, res, w, a.roles, proposalId, NO_FORMS, this.done(a.ctx, req));
  }

  /** One form of the evaluation page: checked, sent, then back to the page (303) or the page with its errors. */
  private async evaluationForm(
    req: PageRequest,
    res: FastifyReply,
    spaceId: string,
    componentId: string,
    proposalId: string,
    key: 'answer' | 'evaluator' | 'budget',
    need: (r: StaffRoles) => boolean,
    read: (ctx: PageContext) => {
      values: Record<string, string>;
      errors: FieldError[];
      call: (() => Promise<Answer>) | null;
      fields: Record<string, string>;
      done: (typeof DONE_KEYS)[number];
      anchor: string;
    },
  ) {
    const a = await this.access(req, res, spaceId, need);
    if (!a) return;
    const { ctx, roles } = a;
    if (!isUuid(proposalId)) return this.notFound(ctx, res);
    const w = await this.where(ctx, res, spaceId, componentId);
    if (!w) return;
    const spec = read(ctx);
    const forms = (form: FormState): EvaluationForms => ({ ...NO_FORMS, [key]: form, key });
    const form: FormState = { values: spec.values, errors: spec.errors };
    if (!spec.call) return this.evaluation(ctx, res, w, roles, proposalId, forms(form), null, 400);
    if (!isSameSite(req))
      return this.evaluation(
        ctx,
        res,
        w,
        roles,
        proposalId,
        forms({ ...form, notice: ctx.t('lifecycle.crossSite') }),
        null,
        403,
      );
    const r = await spec.call();
    if (r.status >= 200 && r.status < 300)
      return void seeOther(
        res,
        `${adminProposalsPath(spaceId, componentId)}/${proposalId}?done=${spec.done}#${spec.anchor}`,
      );
    if (r.status === 404) return this.notFound(ctx, res);
    const refused = this.refused(ctx, w, r, spec.fields);
    return this.evaluation(
      ctx,
      res,
      w,
      roles,
      proposalId,
      forms({ ...form, ...refused }),
      null,
      refused.status,
    );
  }

  @Post('spaces/:spaceId/proposals/:componentId/:proposalId/answer')
  answer(
    @Param('spaceId') spaceId: string,
    @Param('componentId') componentId: string,
    @Param('proposalId') proposalId: string,
    @Req() req: PageRequest,
    @Res() res: FastifyReply,
  ) {
    return this.evaluationForm(
      req,
      res,
      spaceId,
      componentId,
      proposalId,
      'answer',
      (r) => r.admin || r.evaluator,
      (ctx) => {
        const values = {
          state: formText(body(req), 'state'),
          answer: formText(body(req), 'answer'),
          cost: formText(body(req), 'cost'),
        };
        const errors: FieldError[] = [];
        if (!STATE.test(values.state))
          errors.push({ field: 'state', message: ctx.t('proposalsAdmin.error.state') });
        if (values.answer.length > ANSWER_MAX)
          errors.push({
            field: 'answer',
            message: ctx.t('proposals.error.tooLong', { max: ANSWER_MAX }),
          });
        const cents = values.cost ? parseEuros(values.cost) : null;
        if (values.cost && cents === null)
          errors.push({ field: 'cost', message: ctx.t('proposalsAdmin.error.cost') });
        return {
          values,
          errors,
          call: errors.length
            ? null
            : () =>
                ctx.api.post(`/api/proposals/proposals/${proposalId}/answer`, {
                  state: values.state,
                  ...(values.answer ? { answer: values.answer } : {}),
                  ...(cents !== null ? { costCents: cents } : {}),
                }),
          fields: { state: 'state', answer: 'answer', costCents: 'cost' },
          done: 'answered',
          anchor: 'answer-section',
        };
      },
    );
  }

  @Post('spaces/:spaceId/proposals/:componentId/:proposalId/evaluators')
  assign(
    @Param('spaceId') spaceId: string,
    @Param('componentId') componentId: string,
    @Param('proposalId') proposalId: string,
    @Req() req: PageRequest,
    @Res() res: FastifyReply,
  ) {
    return this.evaluationForm(
      req,
      res,
      spaceId,
      componentId,
      proposalId,
      'evaluator',
      (r) => r.admin,
      (ctx) => {
        const userId = formText(body(req), 'userId');
        const errors: FieldError[] = isUuid(userId)
          ? []
          : [{ field: 'userId', message: ctx.t('proposalsAdmin.error.evaluator') }];
        return {
          values: { userId },
          errors,
          call: errors.length
            ? null
            : () => ctx.api.put(`/api/proposals/proposals/${proposalId}/evaluators/${userId}`, {}),
          fields: { userId: 'userId' },
          done: 'assigned',
          anchor: 'evaluators',
        };
      },
    );
  }

  @Post('spaces/:spaceId/proposals/:componentId/:proposalId/evaluators/:userId/remove')
  unassign(
    @Param('spaceId') spaceId: string,
    @Param('componentId') componentId: string,
    @Param('proposalId') proposalId: string,
    @Param('userId') userId: string,
    @Req() req: PageRequest,
    @Res() res: FastifyReply,
  ) {
    return this.evaluationForm(
      req,
      res,
      spaceId,
      componentId,
      proposalId,
      'evaluator',
      (r) => r.admin,
      (ctx) => ({
        values: {},
        errors: [],
        call: isUuid(userId)
          ? () => ctx.api.delete(`/api/proposals/proposals/${proposalId}/evaluators/${userId}`)
          : null,
        fields: {},
        done: 'unassigned',
        anchor: 'evaluators',
      }),
    );
  }

  @Post('spaces/:spaceId/proposals/:componentId/:proposalId/send-to-budget')
  sendToBudget(
    @Param('spaceId') spaceId: string,
    @Param('componentId') componentId: string,
    @Param('proposalId') proposalId: string,
    @Req() req: PageRequest,
    @Res() res: FastifyReply,
  ) {
    return this.evaluationForm(
      req,
      res,
      spaceId,
      componentId,
      proposalId,
      'budget',
      (r) => r.admin,
      (ctx) => {
        const budgetComponentId = formText(body(req), 'budgetComponentId');
        const errors: FieldError[] =
          budgetComponentId && !isUuid(budgetComponentId)
            ? [{ field: 'budgetComponentId', message: ctx.t('proposalsAdmin.error.budget') }]
            : [];
        return {
          values: { budgetComponentId },
          errors,
          call: errors.length
            ? null
            : () =>
                ctx.api.post(`/api/proposals/proposals/${proposalId}/send-to-budget`, {
                  ...(budgetComponentId ? { budgetComponentId } : {}),
                }),
          fields: { budgetComponentId: 'budgetComponentId' },
          done: 'sent',
          anchor: 'budget',
        };
      },
    );
  }
}
