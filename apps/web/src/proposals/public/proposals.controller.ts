import { randomInt } from 'node:crypto';
import { Controller, Get, Inject, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '@palabre/auth';
import { keepCookie, type PageRequest, seeOther } from '../../shared/layout/http';
import { WEB_CONFIG, type WebConfig } from '../../shared/config/web.config';
import type { ApiResponse } from '../../shared/gateway/gateway-client';
import { authorName } from '../../shared/i18n/author-name';
import { PageContext, readCookie } from '../../shared/layout/page-context';
import { PageErrorFilter, notFoundPage, send } from '../../shared/layout/render';
import { isSameSite } from '../../shared/forms/same-site';
import { isUuid } from '../../shared/layout/http';
import { apiFieldErrors, titleWithErrors } from '../../shared/forms/form-notices';
import { spaceSlug } from '../../spaces/spaces.api';
import { readComment, readProposal, readReport } from '../proposal.form';
import {
  SEARCH_MAX,
  SEED_SPAN,
  SORTS,
  limitsOf,
  loadWhere,
  type Comment,
  type CommentThread,
  type CommentVersion,
  type EvaluationState,
  type MyVotes,
  type Proposal,
  type ProposalList,
  type ProposalProblem,
  type Sort,
  type Where,
} from '../proposals.api';
import {
  EMPTY_FORM,
  deleteCommentPage,
  editCommentPage,
  editProposalPage,
  historyPage,
  listPage,
  listQueryString,
  newProposalPage,
  proposalPage,
  proposalPath,
  proposalsPath,
  refusalText,
  replyPage,
  reportPage,
  whereTitle,
  withdrawPage,
  type ActionNotice,
  type FormState,
  type ListQuery,
} from './proposals.pages';

/** The visitor's random order, kept for a day so that paging and coming back show the same order. */
const SEED_COOKIE = 'palabre_proposals_seed';
const CURSOR = /^[A-Za-z0-9_-]{1,500}$/;
const STATE = /^[a-z][a-z0-9_-]{0,39}$/;
const body = (req: PageRequest) => (req.body ?? {}) as Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** What comes back from the API on a write: the problem's fields are there when it refused. */
type Answer = ApiResponse<ProposalProblem | null>;

/**
 * After this visitor's own write, reads past the gateway's micro-cache. (A
 * signed-in visitor never gets the anonymous copy: proposals answers with
 * `Vary: Cookie`, which the gateway shares among anonymous visitors only.)
 */
const fresher = (_ctx: PageContext, fresh = false) => ({ fresh });

const DONE = [
  'created',
  'edited',
  'withdrawn',
  'voted',
  'unvoted',
  'commented',
  'commentEdited',
  'commentDeleted',
  'reported',
  'reportedHidden',
] as const;

/**
 * The public pages of a proposals component, under the space's address:
 * /spaces/<slug>/proposals/<componentId>[/<proposalId>[/...]]. Participants'
 * forms are plain posts that work without JavaScript: 303 back to the page
 * on success, the page again with the refusal next to the action otherwise.
 */
@ApiExcludeController()
@Public()
@UseFilters(PageErrorFilter)
@Controller('spaces/:slug/proposals/:componentId')
export class ProposalsPagesController {
  constructor(@Inject(WEB_CONFIG) private readonly config: WebConfig) {}

  private ctx(req: PageRequest, res: FastifyReply) {
    return PageContext.load(req, res, this.config.gatewayUrl);
  }

  private notFound(ctx: PageContext, res: FastifyReply) {
    send(res, ctx, notFoundPage(ctx), 404);
  }

  /** The space and component, or a 404 already sent. */
  private async where(
    ctx: PageContext,
    res: FastifyReply,
    slug: string,
    componentId: string,
    fresh = false,
  ): Promise<Where | null> {
    const w = spaceSlug(slug) ? await loadWhere(ctx, slug, componentId, fresh) : null;
    if (!w) this.notFound(ctx, res);
    return w;
  }

  private async states(ctx: PageContext, componentId: string): Promise<EvaluationState[]> {
    const r = await ctx.api.get<{ items: EvaluationState[] }>(
      `/api/proposals/components/${componentId}/states`,
    );
    return r.status === 200 ? r.body.items : [];
  }

  private async myVotes(ctx: PageContext, componentId: string): Promise<MyVotes | null> {
    if (ctx.me?.kind !== 'account') return null;
    const r = await ctx.api.get<MyVotes>(`/api/proposals/components/${componentId}/votes/mine`);
    return r.status === 200 ? r.body : null;
  }

  /** A proposal of this component, or null (then a 404 is due). */
  private async proposal(
    ctx: PageContext,
    w: Where,
    id: string,
    fresh = false,
  ): Promise<Proposal | null> {
    if (!isUuid(id)) return null;
    const r = await ctx.api.get<Proposal>(`/api/proposals/proposals/${id}`, fresher(ctx, fresh));
    if (r.status === 404 || r.status === 400) return null;
    if (r.status !== 200) throw new Error(`Proposal answered ${r.status}`);
    return r.body.componentId === w.componentId ? r.body : null;
  }

  private async comments(ctx: PageContext, id: string, fresh = false): Promise<CommentThread[]> {
    const r = await ctx.api.get<{ items: CommentThread[] }>(
      `/api/proposals/proposals/${id}/comments`,
      fresher(ctx, fresh),
    );
    if (r.status !== 200) throw new Error(`Comments answered ${r.status}`);
    return r.body.items;
  }

  private async comment(ctx: PageContext, proposalId: string, commentId: string) {
    if (!isUuid(commentId)) return null;
    for (const c of await this.comments(ctx, proposalId, true)) {
      if (c.id === commentId) return c as Comment;
      const reply = c.replies.find((r) => r.id === commentId);
      if (reply) return reply;
    }
    return null;
  }

  // ---------------------------------------------------------------- list

  @Get()
  async list(
    @Param('slug') slug: string,
    @Param('componentId') componentId: string,
    @Req() req: PageRequest,
    @Res() res: FastifyReply,
  ) {
    const ctx = await this.ctx(req, res);
    const w = await this.where(ctx, res, slug, componentId);
    if (!w) return;
    const query = req.query;
    const q = str(query.q).trim().slice(0, SEARCH_MAX);
    const sortAsked = str(query.sort);
    const sort: Sort =
      sortAsked === 'relevance' && q
        ? 'relevance'
        : SORTS.includes(sortAsked as (typeof SORTS)[number])
          ? (sortAsked as Sort)
          : q
            ? 'relevance'
            : 'random';
    const signedIn = ctx.me?.kind === 'account';
    const list: ListQuery = {
      q,
      state: STATE.test(str(query.state)) ? str(query.state) : '',
      area: str(query.area).trim().slice(0, 100),
      mine: signedIn && query.mine === '1',
      voted: signedIn && query.voted === '1',
      sort,
      seed: this.seed(req, res),
      cursor: CURSOR.test(str(query.cursor)) ? str(query.cursor) : '',
    };
    const params = new URLSearchParams({ sort, limit: '20' });
    if (sort === 'random') params.set('seed', String(list.seed));
    if (list.q) params.set('q', list.q);
    if (list.state) params.set('state', list.state);
    if (list.area) params.set('area', list.area);
    const filter = [list.mine && 'mine', list.voted && 'voted'].filter(Boolean).join(',');
    if (filter) params.set('filter', filter);
    if (list.cursor) params.set('cursor', list.cursor);
    const [r, states, votes] = await Promise.all([
      ctx.api.get<ProposalList & ProposalProblem>(
        `/api/proposals/components/${componentId}/proposals?${params}`,
        fresher(ctx),
      ),
      this.states(ctx, componentId),
      this.myVotes(ctx, componentId),
    ]);
    const base = proposalsPath(w.space.slug, componentId);
    // A stale cursor, or a sort the phase does not allow (counts hidden): the first page in the visitor's order.
    if (r.status === 400 && (list.cursor || list.sort !== 'random'))
      return void seeOther(
        res,
        `${base}?${listQueryString(list, { cursor: '', sort: list.q ? 'relevance' : 'random' })}`,
      );
    if (r.status === 404) return this.notFound(ctx, res);
    if (r.status !== 200) throw new Error(`Proposal list answered ${r.status}`);
    const done =
      req.query.done === 'reportedHidden' ? ctx.t('proposals.done.reportedHidden') : null;
    send(res, ctx, {
      title: whereTitle(ctx, w),
      section: 'spaces',
      main: listPage(ctx, w, list, r.body, states, {
        votes,
        countsHidden: r.body.countsHidden,
        done,
      }),
    });
  }

  /** The seed of the random order: the address's, else the visitor's cookie, else a new one kept a day. */
  private seed(req: PageRequest, res: FastifyReply): number {
    const valid = (v: string | undefined) =>
      v !== undefined && /^\d{1,10}$/.test(v) && Number(v) < SEED_SPAN ? Number(v) : null;
    const fromUrl = valid(str(req.query.seed) || undefined);
    if (fromUrl !== null) return fromUrl;
    const fromCookie = valid(readCookie(req.headers.cookie, SEED_COOKIE));
    if (fromCookie !== null) return fromCookie;
    const seed = randomInt(0, SEED_SPAN);
    keepCookie(res, SEED_COOKIE, String(seed), 86_400);
    return seed;
  }

  // ---------------------------------------------------------------- new proposal

  private async myCount(ctx: PageContext, componentId: string): Promise<number | null> {
    if (ctx.me?.kind !== 'account') return null;
    const r = await ctx.api.get<ProposalList>(
      `/api/proposals/components/${componentId}/proposals?filter=mine&sort=newest&limit=100`,
      { fresh: true },
    );
    return r.status === 200 ? r.body.items.length : null;
  }

  private async newForm(
    ctx: PageContext,
    res: FastifyReply,
    w: Where,
    form: FormState,
    status = 200,
  ) {
    const mine = await this.myCount(ctx, w.componentId);
    send(
      res,
      ctx,
      {
        title: titleWithErrors(
          ctx,
          whereTitle(ctx, w, ctx.t('proposals.form.newTitle')),
          form.errors,
        ),
        section: 'spaces',
        main: newProposalPage(ctx, w, form, mine),
      },
      status,
    );
  }

  @Get('new')
  async newProposal(
    @Param('slug') slug: string,
    @Param('componentId') componentId: string,
    @Req() req: PageRequest,
    @Res() res: FastifyReply,
  ) {
    const ctx = await this.ctx(req, res);
    const w = await this.where(ctx, res, slug, componentId, true);
    if (!w) return;
    await this.newForm(ctx, res, w, EMPTY_FORM);
  }

  @Post('new')
  async create(
    @Param('slug') slug: string,
    @Param('componentId') componentId: string,
    @Req() req: PageRequest,
    @Res() res: FastifyReply,
  ) {
    const ctx = await this.ctx(req, res);
    const w = await this.where(ctx, res, slug, componentId, true);
    if (!w) return;
    const { values, errors, dto } = readProposal(ctx.i18n, body(req), {
      maxBody: limitsOf(w.effective).proposalLength,
      behalf: true,
    });
    if (!dto) return this.newForm(ctx, res, w, { values, errors }, 400);
    if (!isSameSite(req))
      return this.newForm(
        ctx,
        res,
        w,
        { values, errors, notice: ctx.t('lifecycle.crossSite') },
        403,
      );
    const r: Answer = await ctx.api.post(`/api/proposals/components/${componentId}/proposals`, dto);
    if (r.status === 201 || r.status === 200) {
      const created = r.body as unknown as Proposal;
      return void seeOther(res, `${proposalPath(w, created.id)}?done=created`);
    }
    if (r.status === 404) return this.notFound(ctx, res);
    const refused = this.refused(ctx, w, r, {
      title: 'title',
      body: 'body',
      address: 'address',
      area: 'area',
      onBehalfOf: 'onBehalfOf',
    });
    return this.newForm(ctx, res, w, { values, ...refused }, refused.status);
  }

  /** The API's refusal on a form: errors on the fields it names, otherwise the reason in words. */
  private refused(
    ctx: PageContext,
    w: Where,
    r: Answer,
    fields: Record<string, string>,
  ): { errors: FormState['errors']; notice?: string; signIn?: boolean; status: number } {
    if (r.status >= 500 && r.body?.code !== 'SPACES_UNAVAILABLE' && r.body?.code !== 'OVERLOADED')
      throw new Error(`Proposals answered ${r.status}`);
    const status = r.status === 401 ? 403 : r.status >= 500 ? 503 : r.status;
    const errors = apiFieldErrors(ctx, r.body, fields);
    if (errors.length) return { status: 400, errors };
    const { message, signIn } = refusalText(ctx, w, r.body);
    return { status, errors: [], notice: message, signIn };
  }

  // ---------------------------------------------------------------- a proposal

  private async render(
    ctx: PageContext,
    res: FastifyReply,
    w: Where,
    p: Proposal,
    opts: {
      done?: string | null;
      notice?: ActionNotice | null;
      comment?: FormState;
      fresh?: boolean;
    },
    status = 200,
  ) {
    const [states, comments, votes] = await Promise.all([
      this.states(ctx, p.componentId),
      this.comments(ctx, p.id, opts.fresh),
      this.myVotes(ctx, p.componentId),
    ]);
    const comment = opts.comment ?? EMPTY_FORM;
    send(
      res,
      ctx,
      {
        title: titleWithErrors(ctx, whereTitle(ctx, w, p.title), comment.errors),
        section: 'spaces',
        main: proposalPage(ctx, {
          w,
          p,
          states,
          comments,
          votes,
          done: opts.done ?? null,
          notice: opts.notice ?? null,
          comment,
        }),
      },
      status,
    );
  }

  /** The proposal of a page or a post, with its space and component; null when a 404 was sent. */
  private async load(
    ctx: PageContext,
    res: FastifyReply,
    slug: string,
    componentId: string,
    proposalId: string,
    fresh = false,
  ): Promise<{ w: Where; p: Proposal } | null> {
    const w = await this.where(ctx, res, slug, componentId, fresh);
    if (!w) return null;
    const p = await this.proposal(ctx, w, proposalId, fresh);
    if (!p || p.componentId !== componentId) {
      this.notFound(ctx, res);
      return null;
    }
    return { w, p };
  }

  @Get(':proposalId')
  async show(
    @Param('slug') slug: string,
    @Param('componentId') componentId: string,
    @Param('proposalId') proposalId: string,
    @Req() req: PageRequest,
    @Res() res: FastifyReply,
  ) {
    const ctx = await this.ctx(req, res);
    const doneKey = DONE.find((d) => d === req.query.done) ?? null;
    const fresh = doneKey !== null;
    const loaded = await this.load(ctx, res, slug, componentId, proposalId, fresh);
    if (!loaded) return;
    const done = doneKey ? ctx.t(`proposals.done.${doneKey}`) : null;
    await this.render(ctx, res, loaded.w, loaded.p, { done, fresh });
  }

  /** A button of the proposal page (support, withdraw the support): back to it, or it again with the refusal. */
  private async act(
    req: PageRequest,
    res: FastifyReply,
    slug: string,
    componentId: string,
    proposalId: string,
    action: ActionNotice['action'],
    call: (ctx: PageContext) => Promise<Answer>,
    done: (typeof DONE)[number],
    anchor: string,
  ) {
    const ctx = await this.ctx(req, res);
    const loaded = await this.load(ctx, res, slug, componentId, proposalId, true);
    if (!loaded) return;
    const { w, p } = loaded;
    if (!isSameSite(req))
      return this.render(
        ctx,
        res,
        w,
        p,
        { notice: { action, message: ctx.t('lifecycle.crossSite') } },
        403,
      );
    const r = await call(ctx);
    if (r.status >= 200 && r.status < 300)
      return void seeOther(res, `${proposalPath(w, p.id)}?done=${done}#${anchor}`);
    if (r.status === 404) return this.notFound(ctx, res);
    const refused = this.refused(ctx, w, r, {});
    return this.render(
      ctx,
      res,
      w,
      p,
      { notice: { action, message: refused.notice ?? '', signIn: refused.signIn }, fresh: true },
      refused.status,
    );
  }

  @Post(':proposalId/vote')
  vote(
    @Param('slug') slug: string,
    @Param('componentId') componentId: string,
    @Param('proposalId') proposalId: string,
    @Req() req: PageRequest,
    @Res() res: FastifyReply,
  ) {
    return this.act(
      req,
      res,
      slug,
      componentId,
      proposalId,
      'vote',
      (ctx) => ctx.api.post(`/api/proposals/proposals/${proposalId}/votes`, {}),
      'voted',
      'support',
    );
  }

  @Post(':proposalId/unvote')
  unvote(
    @Param('slug') slug: string,
    @Param('componentId') componentId: string,
    @Param('proposalId') proposalId: string,
    @Req() req: PageRequest,
    @Res() res: FastifyReply,
  ) {
    return this.act(
      req,
      res,
      slug,
      componentId,
      proposalId,
      'vote',
      (ctx) => ctx.api.delete(`/api/proposals/proposals/${proposalId}/votes`),
      'unvoted',
      'support',
    );
  }

  // ---------------------------------------------------------------- edit, withdraw

  private editForm(
    ctx: PageContext,
    res: FastifyReply,
    w: Where,
    p: Proposal,
    form: FormState,
    status = 200,
  ) {
    send(
      res,
      ctx,
      {
        title: titleWithErrors(ctx, whereTitle(ctx, w, ctx.t('proposals.edit.title')), form.errors),
        section: 'spaces',
        main: editProposalPage(ctx, w, p, form),
      },
      status,
    );
  }

  @Get(':proposalId/edit')
  async edit(
    @Param('slug') slug: string,
    @Param('componentId') componentId: string,
    @Param('proposalId') proposalId: string,
    @Req() req: PageRequest,
    @Res() res: FastifyReply,
  ) {
    const ctx = await this.ctx(req, res);
    const loaded = await this.load(ctx, res, slug, componentId, proposalId, true);
    if (!loaded) return;
    const { w, p } = loaded;
    this.editForm(ctx, res, w, p, {
      values: { title: p.title, body: p.body, address: p.address ?? '', area: p.area ?? '' },
      errors: [],
    });
  }

  @Post(':proposalId/edit')
  async saveEdit(
    @Param('slug') slug: string,
    @Param('componentId') componentId: string,
    @Param('proposalId') proposalId: string,
    @Req() req: PageRequest,
    @Res() res: FastifyReply,
  ) {
    const ctx = await this.ctx(req, res);
    const loaded = await this.load(ctx, res, slug, componentId, proposalId, true);
    if (!loaded) return;
    const { w, p } = loaded;
    const { values, errors, dto } = readProposal(ctx.i18n, body(req), {
      maxBody: limitsOf(w.effective).proposalLength,
      behalf: false,
      edit: true,
    });
    if (!dto) return this.editForm(ctx, res, w, p, { values, errors }, 400);
    if (!isSameSite(req))
      return this.editForm(
        ctx,
        res,
        w,
        p,
        { values, errors, notice: ctx.t('lifecycle.crossSite') },
        403,
      );
    const r: Answer = await ctx.api.patch(`/api/proposals/proposals/${p.id}`, dto);
    if (r.status === 200) return void seeOther(res, `${proposalPath(w, p.id)}?done=edited`);
    if (r.status === 404) return this.notFound(ctx, res);
    const refused = this.refused(ctx, w, r, {
      title: 'title',
      body: 'body',
      address: 'address',
      area: 'area',
    });
    return this.editForm(ctx, res, w, p, { values, ...refused }, refused.status);
  }

  @Get(':proposalId/withdraw')
  async withdrawForm(
    @Param('slug') slug: string,
    @Param('componentId') componentId: string,
    @Param('proposalId') proposalId: string,
    @Req() req: PageRequest,
    @Res() res: FastifyReply,
  ) {
    const ctx = await this.ctx(req, res);
    const loaded = await this.load(ctx, res, slug, componentId, proposalId, true);
    if (!loaded) return;
    const { w, p } = loaded;
    if (!p.mine) return this.notFound(ctx, res);
    send(res, ctx, {
      title: whereTitle(ctx, w, ctx.t('proposals.withdraw.title')),
      section: 'spaces',
      main: withdrawPage(ctx, w, p, null),
    });
  }

  @Post(':proposalId/withdraw')
  async withdraw(
    @Param('slug') slug: string,
    @Param('componentId') componentId: string,
    @Param('proposalId') proposalId: string,
    @Req() req: PageRequest,
    @Res() res: FastifyReply,
  ) {
    const ctx = await this.ctx(req, res);
    const loaded = await this.load(ctx, res, slug, componentId, proposalId, true);
    if (!loaded) return;
    const { w, p } = loaded;
    const again = (notice: string, status: number) =>
      send(
        res,
        ctx,
        {
          title: whereTitle(ctx, w, ctx.t('proposals.withdraw.title')),
          section: 'spaces',
          main: withdrawPage(ctx, w, p, notice),
        },
        status,
      );
    if (!isSameSite(req)) return again(ctx.t('lifecycle.crossSite'), 403);
    const r: Answer = await ctx.api.post(`/api/proposals/proposals/${p.id}/withdraw`, {});
    if (r.status === 200) return void seeOther(res, `${proposalPath(w, p.id)}?done=withdrawn`);
    if (r.status === 404) return this.notFound(ctx, res);
    const refused = this.refused(ctx, w, r, {});
    return again(
      r.body?.code === 'WRONG_STATE'
        ? ctx.t('proposals.withdraw.wrongState')
        : (refused.notice ?? ''),
      refused.status,
    );
  }

  // ---------------------------------------------------------------- reports

  private reportForm(
    ctx: PageContext,
    res: FastifyReply,
    w: Where,
    p: Proposal,
    target: { kind: 'proposal' } | { kind: 'comment'; comment: Comment },
    form: FormState,
    status = 200,
  ) {
    const title =
      target.kind === 'proposal'
        ? ctx.t('proposals.report.title')
        : ctx.t('proposals.report.commentTitle');
    send(
      res,
      ctx,
      {
        title: titleWithErrors(ctx, whereTitle(ctx, w, title), form.errors),
        section: 'spaces',
        main: reportPage(ctx, w, p, target, form),
      },
      status,
    );
  }

  private async report(
    req: PageRequest,
    res: FastifyReply,
    ctx: PageContext,
    w: Where,
    p: Proposal,
    target: { kind: 'proposal' } | { kind: 'comment'; comment: Comment },
  ) {
    const { values, errors, dto } = readReport(ctx.i18n, body(req));
    if (!dto) return this.reportForm(ctx, res, w, p, target, { values, errors }, 400);
    if (!isSameSite(req))
      return this.reportForm(
        ctx,
        res,
        w,
        p,
        target,
        { values, errors, notice: ctx.t('lifecycle.crossSite') },
        403,
      );
    const path =
      target.kind === 'proposal'
        ? `/api/proposals/proposals/${p.id}/reports`
        : `/api/proposals/comments/${target.comment.id}/reports`;
    const r = await ctx.api.post<{ hiddenPendingReview?: boolean } & ProposalProblem>(path, dto);
    if (r.status === 200 || r.status === 201) {
      const hidden = r.body?.hiddenPendingReview === true;
      // Hidden content is gone from the public pages: back to the list, or to the proposal.
      const to =
        hidden && target.kind === 'proposal'
          ? `${proposalsPath(w.space.slug, p.componentId)}?done=reportedHidden`
          : `${proposalPath(w, p.id)}?done=${hidden ? 'reportedHidden' : 'reported'}`;
      return void seeOther(res, to);
    }
    if (r.status === 404) return this.notFound(ctx, res);
    const refused = this.refused(ctx, w, r, { reason: 'reason', details: 'details' });
    return this.reportForm(ctx, res, w, p, target, { values, ...refused }, refused.status);
  }

  @Get(':proposalId/report')
  async reportProposalForm(
    @Param('slug') slug: string,
    @Param('componentId') componentId: string,
    @Param('proposalId') proposalId: string,
    @Req() req: PageRequest,
    @Res() res: FastifyReply,
  ) {
    const ctx = await this.ctx(req, res);
    const loaded = await this.load(ctx, res, slug, componentId, proposalId);
    if (!loaded) return;
    if (ctx.me?.kind !== 'account')
      return void seeOther(res, `/sign-in?returnTo=${encodeURIComponent(req.url)}`);
    this.reportForm(ctx, res, loaded.w, loaded.p, { kind: 'proposal' }, EMPTY_FORM);
  }

  @Post(':proposalId/report')
  async reportProposal(
    @Param('slug') slug: string,
    @Param('componentId') componentId: string,
    @Param('proposalId') proposalId: string,
    @Req() req: PageRequest,
    @Res() res: FastifyReply,
  ) {
    const ctx = await this.ctx(req, res);
    const loaded = await this.load(ctx, res, slug, componentId, proposalId, true);
    if (!loaded) return;
    await this.report(req, res, ctx, loaded.w, loaded.p, { kind: 'proposal' });
  }

  // ---------------------------------------------------------------- comments

  @Post(':proposalId/comments')
  async addComment(
    @Param('slug') slug: string,
    @Param('componentId') componentId: string,
    @Param('proposalId') proposalId: string,
    @Req() req: PageRequest,
    @Res() res: FastifyReply,
  ) {
    const ctx = await this.ctx(req, res);
    const loaded = await this.load(ctx, res, slug, componentId, proposalId, true);
    if (!loaded) return;
    const { w, p } = loaded;
    const parentId = str(body(req).parentId);
    const parent = parentId ? await this.comment(ctx, p.id, parentId) : null;
    if (parentId && !parent) return this.notFound(ctx, res);
    const { values, errors, dto } = readComment(ctx.i18n, body(req));
    const again = (form: FormState, status: number) =>
      parent
        ? this.replyForm(ctx, res, w, p, parent, form, status)
        : this.render(
            ctx,
            res,
            w,
            p,
            {
              comment: form,
              fresh: true,
              notice:
                form.notice && !form.errors.length
                  ? { action: 'comment', message: form.notice, signIn: form.signIn }
                  : null,
            },
            status,
          );
    if (!dto) return again({ values, errors }, 400);
    if (!isSameSite(req))
      return again({ values, errors, notice: ctx.t('lifecycle.crossSite') }, 403);
    const r: Answer = await ctx.api.post(`/api/proposals/proposals/${p.id}/comments`, {
      ...dto,
      ...(parent ? { parentId: parent.id } : {}),
    });
    if (r.status === 201 || r.status === 200) {
      const created = r.body as unknown as Comment;
      return void seeOther(res, `${proposalPath(w, p.id)}?done=commented#comment-${created.id}`);
    }
    if (r.status === 404) return this.notFound(ctx, res);
    const refused = this.refused(ctx, w, r, { body: 'body', stance: 'stance' });
    return again({ values, ...refused }, refused.status);
  }

  private replyForm(
    ctx: PageContext,
    res: FastifyReply,
    w: Where,
    p: Proposal,
    parent: Comment,
    form: FormState,
    status = 200,
  ) {
    send(
      res,
      ctx,
      {
        title: titleWithErrors(
          ctx,
          whereTitle(
            ctx,
            w,
            ctx.t('proposals.comments.replyTo', { name: authorName(ctx, parent.author) }),
          ),
          form.errors,
        ),
        section: 'spaces',
        main: replyPage(ctx, w, p, parent, form),
      },
      status,
    );
  }

  /** A comment of a proposal of this component (with both loaded), or null when a 404 was sent. */
  private async loadComment(
    ctx: PageContext,
    res: FastifyReply,
    slug: string,
    componentId: string,
    proposalId: string,
    commentId: string,
  ) {
    const loaded = await this.load(ctx, res, slug, componentId, proposalId, true);
    if (!loaded) return null;
    const comment = await this.comment(ctx, loaded.p.id, commentId);
    if (!comment || comment.deleted) {
      this.notFound(ctx, res);
      return null;
    }
    return { ...loaded, comment };
  }

  @Get(':proposalId/comments/:commentId/reply')
  async reply(
    @Param('slug') slug: string,
    @Param('componentId') componentId: string,
    @Param('proposalId') proposalId: string,
    @Param('commentId') commentId: string,
    @Req() req: PageRequest,
    @Res() res: FastifyReply,
  ) {
    const ctx = await this.ctx(req, res);
    const l = await this.loadComment(ctx, res, slug, componentId, proposalId, commentId);
    if (!l) return;
    if (ctx.me?.kind !== 'account')
      return void seeOther(res, `/sign-in?returnTo=${encodeURIComponent(req.url)}`);
    if (l.comment.parentId) return this.notFound(ctx, res);
    this.replyForm(ctx, res, l.w, l.p, l.comment, EMPTY_FORM);
  }

  private editCommentForm(
    ctx: PageContext,
    res: FastifyReply,
    w: Where,
    p: Proposal,
    c: Comment,
    form: FormState,
    status = 200,
  ) {
    send(
      res,
      ctx,
      {
        title: titleWithErrors(
          ctx,
          whereTitle(ctx, w, ctx.t('proposals.comments.editTitle')),
          form.errors,
        ),
        section: 'spaces',
        main: editCommentPage(ctx, w, p, c, form),
      },
      status,
    );
  }

  @Get(':proposalId/comments/:commentId/edit')
  async editComment(
    @Param('slug') slug: string,
    @Param('componentId') componentId: string,
    @Param('proposalId') proposalId: string,
    @Param('commentId') commentId: string,
    @Req() req: PageRequest,
    @Res() res: FastifyReply,
  ) {
    const ctx = await this.ctx(req, res);
    const l = await this.loadComment(ctx, res, slug, componentId, proposalId, commentId);
    if (!l) return;
    if (!l.comment.mine) return this.notFound(ctx, res);
    this.editCommentForm(ctx, res, l.w, l.p, l.comment, {
      values: { body: l.comment.body ?? '', stance: l.comment.stance ?? 'neutral' },
      errors: [],
    });
  }

  @Post(':proposalId/comments/:commentId/edit')
  async saveComment(
    @Param('slug') slug: string,
    @Param('componentId') componentId: string,
    @Param('proposalId') proposalId: string,
    @Param('commentId') commentId: string,
    @Req() req: PageRequest,
    @Res() res: FastifyReply,
  ) {
    const ctx = await this.ctx(req, res);
    const l = await this.loadComment(ctx, res, slug, componentId, proposalId, commentId);
    if (!l) return;
    const { values, errors, dto } = readComment(ctx.i18n, body(req));
    if (!dto) return this.editCommentForm(ctx, res, l.w, l.p, l.comment, { values, errors }, 400);
    if (!isSameSite(req))
      return this.editCommentForm(
        ctx,
        res,
        l.w,
        l.p,
        l.comment,
        { values, errors, notice: ctx.t('lifecycle.crossSite') },
        403,
      );
    const r: Answer = await ctx.api.patch(`/api/proposals/comments/${l.comment.id}`, dto);
    if (r.status === 200)
      return void seeOther(
        res,
        `${proposalPath(l.w, l.p.id)}?done=commentEdited#comment-${l.comment.id}`,
      );
    if (r.status === 404) return this.notFound(ctx, res);
    const refused = this.refused(ctx, l.w, r, { body: 'body', stance: 'stance' });
    return this.editCommentForm(
      ctx,
      res,
      l.w,
      l.p,
      l.comment,
      { values, ...refused },
      refused.status,
    );
  }

  @Get(':proposalId/comments/:commentId/delete')
  async deleteCommentForm(
    @Param('slug') slug: string,
    @Param('componentId') componentId: string,
    @Param('proposalId') proposalId: string,
    @Param('commentId') commentId: string,
    @Req() req: PageRequest,
    @Res() res: FastifyReply,
  ) {
    const ctx = await this.ctx(req, res);
    const l = await this.loadComment(ctx, res, slug, componentId, proposalId, commentId);
    if (!l) return;
    if (!l.comment.mine) return this.notFound(ctx, res);
    send(res, ctx, {
      title: whereTitle(ctx, l.w, ctx.t('proposals.comments.deleteTitle')),
      section: 'spaces',
      main: deleteCommentPage(ctx, l.w, l.p, l.comment, null),
    });
  }

  @Post(':proposalId/comments/:commentId/delete')
  async deleteComment(
    @Param('slug') slug: string,
    @Param('componentId') componentId: string,
    @Param('proposalId') proposalId: string,
    @Param('commentId') commentId: string,
    @Req() req: PageRequest,
    @Res() res: FastifyReply,
  ) {
    const ctx = await this.ctx(req, res);
    const l = await this.loadComment(ctx, res, slug, componentId, proposalId, commentId);
    if (!l) return;
    const again = (notice: string, status: number) =>
      send(
        res,
        ctx,
        {
          title: whereTitle(ctx, l.w, ctx.t('proposals.comments.deleteTitle')),
          section: 'spaces',
          main: deleteCommentPage(ctx, l.w, l.p, l.comment, notice),
        },
        status,
      );
    if (!isSameSite(req)) return again(ctx.t('lifecycle.crossSite'), 403);
    const r: Answer = await ctx.api.delete(`/api/proposals/comments/${l.comment.id}`);
    if (r.status === 204 || r.status === 200)
      return void seeOther(res, `${proposalPath(l.w, l.p.id)}?done=commentDeleted#comments`);
    if (r.status === 404) return this.notFound(ctx, res);
    const refused = this.refused(ctx, l.w, r, {});
    return again(refused.notice ?? '', refused.status);
  }

  @Get(':proposalId/comments/:commentId/history')
  async history(
    @Param('slug') slug: string,
    @Param('componentId') componentId: string,
    @Param('proposalId') proposalId: string,
    @Param('commentId') commentId: string,
    @Req() req: PageRequest,
    @Res() res: FastifyReply,
  ) {
    const ctx = await this.ctx(req, res);
    const l = await this.loadComment(ctx, res, slug, componentId, proposalId, commentId);
    if (!l) return;
    const r = await ctx.api.get<{ items: CommentVersion[] }>(
      `/api/proposals/comments/${l.comment.id}/versions`,
      { fresh: true },
    );
    if (r.status === 404) return this.notFound(ctx, res);
    if (r.status !== 200) throw new Error(`Comment versions answered ${r.status}`);
    send(res, ctx, {
      title: whereTitle(ctx, l.w, ctx.t('proposals.comments.historyTitle')),
      section: 'spaces',
      main: historyPage(ctx, l.w, l.p, l.comment, r.body.items),
    });
  }

  @Get(':proposalId/comments/:commentId/report')
  async reportCommentForm(
    @Param('slug') slug: string,
    @Param('componentId') componentId: string,
    @Param('proposalId') proposalId: string,
    @Param('commentId') commentId: string,
    @Req() req: PageRequest,
    @Res() res: FastifyReply,
  ) {
    const ctx = await this.ctx(req, res);
    const l = await this.loadComment(ctx, res, slug, componentId, proposalId, commentId);
    if (!l) return;
    if (ctx.me?.kind !== 'account')
      return void seeOther(res, `/sign-in?returnTo=${encodeURIComponent(req.url)}`);
    this.reportForm(ctx, res, l.w, l.p, { kind: 'comment', comment: l.comment }, EMPTY_FORM);
  }

  @Post(':proposalId/comments/:commentId/report')
  async reportComment(
    @Param('slug') slug: string,
    @Param('componentId') componentId: string,
    @Param('proposalId') proposalId: string,
    @Param('commentId') commentId: string,
    @Req() req: PageRequest,
    @Res() res: FastifyReply,
  ) {
    const ctx = await this.ctx(req, res);
    const l = await this.loadComment(ctx, res, slug, componentId, proposalId, commentId);
    if (!l) return;
    await this.report(req, res, ctx, l.w, l.p, { kind: 'comment', comment: l.comment });
  }
}
