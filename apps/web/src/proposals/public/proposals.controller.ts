import { randomInt } from 'node:crypto';
import { Controller, Get, Inject, Param, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '@palabre/auth';
import { keepCookie, type PageRequest, seeOther } from '../../shared/layout/http';
import { WEB_CONFIG, type WebConfig } from '../../shared/config/web.config';
import type { FieldError } from '../../shared/html/components';
import type { Html } from '../../shared/html/html';
import { authorName } from '../../shared/i18n/author-name';
import { PageContext, readCookie } from '../../shared/layout/page-context';
import { PageErrorFilter, notFoundPage, send } from '../../shared/layout/render';
import { isUuid } from '../../shared/layout/http';
import { titleWithErrors } from '../../shared/forms/form-notices';
import { spaceSlug } from '../../spaces/spaces.api';
import {
  SEARCH_MAX,
  SEED_SPAN,
  SORTS,
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
  proposalsPath,
  replyPage,
  reportPage,
  whereTitle,
  withdrawPage,
  type ActionNotice,
  type FormState,
  type ListQuery,
  type ReportTarget,
} from './proposals.pages';

/** The visitor's random order, kept for a day so that paging and coming back show the same order. */
const SEED_COOKIE = 'palabre_proposals_seed';
const CURSOR = /^[A-Za-z0-9_-]{1,500}$/;
const STATE = /^[a-z][a-z0-9_-]{0,39}$/;
const str = (v: unknown) => (typeof v === 'string' ? v : '');

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
 * forms (proposals.forms.ts) are plain posts that work without JavaScript:
 * 303 back to the page on success, the page again with the refusal next to
 * the action otherwise.
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

  // ---------------------------------------------------------------- list

  @Get()
  async list(
    @Param('slug') slug: string,
    @Param('componentId') componentId: string,
    @Req() req: PageRequest,
    @Res() res: FastifyReply,
  ) {
    const ctx = await this.ctx(req, res);
    const w = await findWhere(ctx, res, slug, componentId);
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
      statesOf(ctx, componentId),
      myVotes(ctx, componentId),
    ]);
    const base = proposalsPath(w.space.slug, componentId);
    // A stale cursor, or a sort the phase does not allow (counts hidden): the first page in the visitor's order.
    if (r.status === 400 && (list.cursor || list.sort !== 'random'))
      return void seeOther(
        res,
        `${base}?${listQueryString(list, { cursor: '', sort: list.q ? 'relevance' : 'random' })}`,
      );
    if (r.status === 404) return notFound(ctx, res);
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

  // ---------------------------------------------------------------- pages with a form

  @Get('new')
  async newProposal(
    @Param('slug') slug: string,
    @Param('componentId') componentId: string,
    @Req() req: PageRequest,
    @Res() res: FastifyReply,
  ) {
    const ctx = await this.ctx(req, res);
    const w = await findWhere(ctx, res, slug, componentId, true);
    if (!w) return;
    await renderNew(ctx, res, w, EMPTY_FORM);
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
    const loaded = await loadProposal(ctx, res, slug, componentId, proposalId, fresh);
    if (!loaded) return;
    const done = doneKey ? ctx.t(`proposals.done.${doneKey}`) : null;
    await renderProposal(ctx, res, loaded.w, loaded.p, { done, fresh });
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
    const loaded = await loadProposal(ctx, res, slug, componentId, proposalId, true);
    if (!loaded) return;
    const { w, p } = loaded;
    renderEdit(ctx, res, w, p, {
      values: { title: p.title, body: p.body, address: p.address ?? '', area: p.area ?? '' },
      errors: [],
    });
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
    const loaded = await loadProposal(ctx, res, slug, componentId, proposalId, true);
    if (!loaded) return;
    const { w, p } = loaded;
    if (!p.mine) return notFound(ctx, res);
    renderWithdraw(ctx, res, w, p, null);
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
    const loaded = await loadProposal(ctx, res, slug, componentId, proposalId);
    if (!loaded) return;
    if (ctx.me?.kind !== 'account')
      return void seeOther(res, `/sign-in?returnTo=${encodeURIComponent(req.url)}`);
    renderReport(ctx, res, loaded.w, loaded.p, { kind: 'proposal' }, EMPTY_FORM);
  }

  // ---------------------------------------------------------------- comments

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
    const l = await loadComment(ctx, res, slug, componentId, proposalId, commentId);
    if (!l) return;
    if (ctx.me?.kind !== 'account')
      return void seeOther(res, `/sign-in?returnTo=${encodeURIComponent(req.url)}`);
    if (l.comment.parentId) return notFound(ctx, res);
    renderReply(ctx, res, l.w, l.p, l.comment, EMPTY_FORM);
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
    const l = await loadComment(ctx, res, slug, componentId, proposalId, commentId);
    if (!l) return;
    if (!l.comment.mine) return notFound(ctx, res);
    renderEditComment(ctx, res, l.w, l.p, l.comment, {
      values: { body: l.comment.body ?? '', stance: l.comment.stance ?? 'neutral' },
      errors: [],
    });
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
    const l = await loadComment(ctx, res, slug, componentId, proposalId, commentId);
    if (!l) return;
    if (!l.comment.mine) return notFound(ctx, res);
    renderDeleteComment(ctx, res, l.w, l.p, l.comment, null);
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
    const l = await loadComment(ctx, res, slug, componentId, proposalId, commentId);
    if (!l) return;
    const r = await ctx.api.get<{ items: CommentVersion[] }>(
      `/api/proposals/comments/${l.comment.id}/versions`,
      { fresh: true },
    );
    if (r.status === 404) return notFound(ctx, res);
    if (r.status !== 200) throw new Error(`Comment versions answered ${r.status}`);
    sendPage(
      ctx,
      res,
      l.w,
      ctx.t('proposals.comments.historyTitle'),
      historyPage(ctx, l.w, l.p, l.comment, r.body.items),
    );
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
    const l = await loadComment(ctx, res, slug, componentId, proposalId, commentId);
    if (!l) return;
    if (ctx.me?.kind !== 'account')
      return void seeOther(res, `/sign-in?returnTo=${encodeURIComponent(req.url)}`);
    renderReport(ctx, res, l.w, l.p, { kind: 'comment', comment: l.comment }, EMPTY_FORM);
  }
}

// ---------------------------------------------------------------- loading, shared with the forms

export function notFound(ctx: PageContext, res: FastifyReply): void {
  send(res, ctx, notFoundPage(ctx), 404);
}

/** The space and component, or null once a 404 is sent. */
export async function findWhere(
  ctx: PageContext,
  res: FastifyReply,
  slug: string,
  componentId: string,
  fresh = false,
): Promise<Where | null> {
  const w = spaceSlug(slug) ? await loadWhere(ctx, slug, componentId, fresh) : null;
  if (!w) notFound(ctx, res);
  return w;
}

async function statesOf(ctx: PageContext, componentId: string): Promise<EvaluationState[]> {
  const r = await ctx.api.get<{ items: EvaluationState[] }>(
    `/api/proposals/components/${componentId}/states`,
  );
  return r.status === 200 ? r.body.items : [];
}

async function myVotes(ctx: PageContext, componentId: string): Promise<MyVotes | null> {
  if (ctx.me?.kind !== 'account') return null;
  const r = await ctx.api.get<MyVotes>(`/api/proposals/components/${componentId}/votes/mine`);
  return r.status === 200 ? r.body : null;
}

/** A proposal of this component, or null (then a 404 is due). */
async function proposalOf(
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

async function commentsOf(ctx: PageContext, id: string, fresh = false): Promise<CommentThread[]> {
  const r = await ctx.api.get<{ items: CommentThread[] }>(
    `/api/proposals/proposals/${id}/comments`,
    fresher(ctx, fresh),
  );
  if (r.status !== 200) throw new Error(`Comments answered ${r.status}`);
  return r.body.items;
}

/** A comment or reply of a proposal, or null. */
export async function commentOf(
  ctx: PageContext,
  proposalId: string,
  commentId: string,
): Promise<Comment | null> {
  if (!isUuid(commentId)) return null;
  for (const c of await commentsOf(ctx, proposalId, true)) {
    if (c.id === commentId) return c as Comment;
    const reply = c.replies.find((r) => r.id === commentId);
    if (reply) return reply;
  }
  return null;
}

/** The proposal of a page or a post, with its space and component; null when a 404 was sent. */
export async function loadProposal(
  ctx: PageContext,
  res: FastifyReply,
  slug: string,
  componentId: string,
  proposalId: string,
  fresh = false,
): Promise<{ w: Where; p: Proposal } | null> {
  const w = await findWhere(ctx, res, slug, componentId, fresh);
  if (!w) return null;
  const p = await proposalOf(ctx, w, proposalId, fresh);
  if (!p || p.componentId !== componentId) {
    notFound(ctx, res);
    return null;
  }
  return { w, p };
}

/** A comment of a proposal of this component (with both loaded), or null when a 404 was sent. */
export async function loadComment(
  ctx: PageContext,
  res: FastifyReply,
  slug: string,
  componentId: string,
  proposalId: string,
  commentId: string,
): Promise<{ w: Where; p: Proposal; comment: Comment } | null> {
  const loaded = await loadProposal(ctx, res, slug, componentId, proposalId, true);
  if (!loaded) return null;
  const comment = await commentOf(ctx, loaded.p.id, commentId);
  if (!comment || comment.deleted) {
    notFound(ctx, res);
    return null;
  }
  return { ...loaded, comment };
}

// ---------------------------------------------------------------- pages, shared with the forms

/** A page of the component: its title after the page's own, with the error count first. */
function sendPage(
  ctx: PageContext,
  res: FastifyReply,
  w: Where,
  title: string,
  main: Html,
  status = 200,
  errors: FieldError[] = [],
) {
  send(
    res,
    ctx,
    { title: titleWithErrors(ctx, whereTitle(ctx, w, title), errors), section: 'spaces', main },
    status,
  );
}

async function myCount(ctx: PageContext, componentId: string): Promise<number | null> {
  if (ctx.me?.kind !== 'account') return null;
  const r = await ctx.api.get<ProposalList>(
    `/api/proposals/components/${componentId}/proposals?filter=mine&sort=newest&limit=100`,
    { fresh: true },
  );
  return r.status === 200 ? r.body.items.length : null;
}

export async function renderNew(
  ctx: PageContext,
  res: FastifyReply,
  w: Where,
  form: FormState,
  status = 200,
): Promise<void> {
  const mine = await myCount(ctx, w.componentId);
  const main = newProposalPage(ctx, w, form, mine);
  sendPage(ctx, res, w, ctx.t('proposals.form.newTitle'), main, status, form.errors);
}

/** A proposal's page, with a notice beside one of its actions or the comment form as sent. */
export async function renderProposal(
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
): Promise<void> {
  const [states, comments, votes] = await Promise.all([
    statesOf(ctx, p.componentId),
    commentsOf(ctx, p.id, opts.fresh),
    myVotes(ctx, p.componentId),
  ]);
  const comment = opts.comment ?? EMPTY_FORM;
  const main = proposalPage(ctx, {
    w,
    p,
    states,
    comments,
    votes,
    done: opts.done ?? null,
    notice: opts.notice ?? null,
    comment,
  });
  sendPage(ctx, res, w, p.title, main, status, comment.errors);
}

export function renderEdit(
  ctx: PageContext,
  res: FastifyReply,
  w: Where,
  p: Proposal,
  form: FormState,
  status = 200,
): void {
  const main = editProposalPage(ctx, w, p, form);
  sendPage(ctx, res, w, ctx.t('proposals.edit.title'), main, status, form.errors);
}

export function renderWithdraw(
  ctx: PageContext,
  res: FastifyReply,
  w: Where,
  p: Proposal,
  notice: string | null,
  status = 200,
): void {
  sendPage(ctx, res, w, ctx.t('proposals.withdraw.title'), withdrawPage(ctx, w, p, notice), status);
}

export function renderReport(
  ctx: PageContext,
  res: FastifyReply,
  w: Where,
  p: Proposal,
  target: ReportTarget,
  form: FormState,
  status = 200,
): void {
  const title =
    target.kind === 'proposal'
      ? ctx.t('proposals.report.title')
      : ctx.t('proposals.report.commentTitle');
  sendPage(ctx, res, w, title, reportPage(ctx, w, p, target, form), status, form.errors);
}

export function renderReply(
  ctx: PageContext,
  res: FastifyReply,
  w: Where,
  p: Proposal,
  parent: Comment,
  form: FormState,
  status = 200,
): void {
  const title = ctx.t('proposals.comments.replyTo', { name: authorName(ctx, parent.author) });
  sendPage(ctx, res, w, title, replyPage(ctx, w, p, parent, form), status, form.errors);
}

export function renderEditComment(
  ctx: PageContext,
  res: FastifyReply,
  w: Where,
  p: Proposal,
  c: Comment,
  form: FormState,
  status = 200,
): void {
  const main = editCommentPage(ctx, w, p, c, form);
  sendPage(ctx, res, w, ctx.t('proposals.comments.editTitle'), main, status, form.errors);
}

export function renderDeleteComment(
  ctx: PageContext,
  res: FastifyReply,
  w: Where,
  p: Proposal,
  c: Comment,
  notice: string | null,
  status = 200,
): void {
  const main = deleteCommentPage(ctx, w, p, c, notice);
  sendPage(ctx, res, w, ctx.t('proposals.comments.deleteTitle'), main, status);
}
