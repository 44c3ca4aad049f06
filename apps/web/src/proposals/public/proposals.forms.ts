/**
 * The participants' forms of a proposals component (propose, support, edit,
 * withdraw, comment, report), declared for the form executor. Every refusal
 * is read the proposals way: the reason in words (a closed phase, a limit
 * reached, sign in first), 401 as 403, and 503 when the service is busy.
 */
import type { FastifyReply } from 'fastify';
import type { ApiResponse, Problem } from '../../shared/gateway/gateway-client';
import { apiFieldErrors } from '../../shared/forms/form-notices';
import {
  formAction,
  type FormActionSpec,
  type FormPlace,
  type Refusal,
} from '../../shared/forms/form-action';
import { type FormBody, fixedForm } from '../../shared/forms/form-read';
import type { WebConfig } from '../../shared/config/web.config';
import type { PageRequest } from '../../shared/layout/http';
import { PageContext } from '../../shared/layout/page-context';
import { readComment, readProposal, readReport } from '../proposal.form';
import { type Comment, type Proposal, type ProposalProblem, type Where } from '../proposals.api';
import { proposalPath, proposalsPath, refusalText, type ReportTarget } from './proposals.pages';
import {
  commentOf,
  findWhere,
  loadComment,
  loadProposal,
  notFound,
  renderDeleteComment,
  renderEdit,
  renderEditComment,
  renderNew,
  renderProposal,
  renderReply,
  renderReport,
  renderWithdraw,
} from './proposals.controller';

interface InComponent extends FormPlace {
  w: Where;
}
interface OnProposal extends InComponent {
  p: Proposal;
}
interface OnComment extends OnProposal {
  comment: Comment;
}

type Load<P> = (req: PageRequest, res: FastifyReply, config: WebConfig) => Promise<P | null>;
type Params = Record<'slug' | 'componentId' | 'proposalId' | 'commentId', string>;

const paramsOf = (req: PageRequest) => req.params as Params;
const pageContext = (req: PageRequest, res: FastifyReply, config: WebConfig) =>
  PageContext.load(req, res, config.gatewayUrl);

const inComponent: Load<InComponent> = async (req, res, config) => {
  const { slug, componentId } = paramsOf(req);
  const ctx = await pageContext(req, res, config);
  const w = await findWhere(ctx, res, slug, componentId, true);
  return w ? { ctx, w } : null;
};

const onProposal: Load<OnProposal> = async (req, res, config) => {
  const { slug, componentId, proposalId } = paramsOf(req);
  const ctx = await pageContext(req, res, config);
  const loaded = await loadProposal(ctx, res, slug, componentId, proposalId, true);
  return loaded ? { ctx, ...loaded } : null;
};

const onComment: Load<OnComment> = async (req, res, config) => {
  const { slug, componentId, proposalId, commentId } = paramsOf(req);
  const ctx = await pageContext(req, res, config);
  const loaded = await loadComment(ctx, res, slug, componentId, proposalId, commentId);
  return loaded ? { ctx, ...loaded } : null;
};

/** The API's refusal on a form: errors on the fields it names, otherwise the reason in words. */
function proposalRefusal(
  { ctx, w }: InComponent,
  answer: ApiResponse<Problem | null>,
  fields: Record<string, string>,
): Refusal {
  const body = answer.body as ProposalProblem | null;
  if (answer.status >= 500 && body?.code !== 'SPACES_UNAVAILABLE' && body?.code !== 'OVERLOADED')
    throw new Error(`Proposals answered ${answer.status}`);
  const status = answer.status === 401 ? 403 : answer.status >= 500 ? 503 : answer.status;
  const errors = apiFieldErrors(ctx, body, fields);
  if (errors.length) return { status: 400, errors };
  const { message, signIn } = refusalText(ctx, w, body);
  return { status, errors: [], notice: message, signIn };
}

/** A form of the component's pages: its path under the component's, its refusal read the proposals way. */
function proposalForm<P extends InComponent, D>(spec: FormActionSpec<P, D>) {
  return formAction<P, D>({
    refusal: proposalRefusal,
    ...spec,
    path: `spaces/:slug/proposals/:componentId/${spec.path}`,
  });
}

/** A button with no fields: the same body each time. */

const PROPOSAL_FIELDS = { title: 'title', body: 'body', address: 'address', area: 'area' };
const COMMENT_FIELDS = { body: 'body', stance: 'stance' };

/** Support a proposal, or take the support back: a button of its page, where a refusal shows beside it. */
function supportAction(
  path: 'vote' | 'unvote',
  done: 'voted' | 'unvoted',
  call: (ctx: PageContext, path: string) => Promise<ApiResponse<unknown>>,
) {
  return proposalForm<OnProposal, object>({
    path: `:proposalId/${path}`,
    load: onProposal,
    read: () => fixedForm({}),
    send: ({ ctx, p }) => call(ctx, `/api/proposals/proposals/${p.id}/votes`),
    done: ({ w, p }) => `${proposalPath(w, p.id)}?done=${done}#support`,
    again: ({ ctx, w, p }, res, form, status) =>
      renderProposal(
        ctx,
        res,
        w,
        p,
        {
          notice: { action: 'vote', message: form.notice ?? '', signIn: form.signIn },
          fresh: true,
        },
        status,
      ),
  });
}

/** Report a proposal or one of its comments; content hidden by reports is gone from the public pages. */
function reportAction(path: string, load: Load<OnProposal & { target: ReportTarget }>) {
  return proposalForm({
    path,
    load,
    read: ({ ctx }, body) => readReport(ctx.i18n, body),
    send: ({ ctx, p, target }, dto) =>
      ctx.api.post(
        target.kind === 'proposal'
          ? `/api/proposals/proposals/${p.id}/reports`
          : `/api/proposals/comments/${target.comment.id}/reports`,
        dto,
      ),
    done: ({ w, p, target }, answer) => {
      const hidden = (answer.body as { hiddenPendingReview?: boolean } | null)?.hiddenPendingReview;
      // Hidden content is gone from the public pages: back to the list, or to the proposal.
      return hidden === true && target.kind === 'proposal'
        ? `${proposalsPath(w.space.slug, p.componentId)}?done=reportedHidden`
        : `${proposalPath(w, p.id)}?done=${hidden === true ? 'reportedHidden' : 'reported'}`;
    },
    fields: { reason: 'reason', details: 'details' },
    again: ({ ctx, w, p, target }, res, form, status) =>
      renderReport(ctx, res, w, p, target, form, status),
  });
}

/** A comment, or a reply when the form names its parent (which must be a comment of this proposal). */
const commenting: Load<OnProposal & { parent: Comment | null }> = async (req, res, config) => {
  const place = await onProposal(req, res, config);
  if (!place) return null;
  const parentId = (req.body as FormBody | undefined)?.parentId;
  const asked = typeof parentId === 'string' ? parentId : '';
  const parent = asked ? await commentOf(place.ctx, place.p.id, asked) : null;
  if (asked && !parent) {
    notFound(place.ctx, res);
    return null;
  }
  return { ...place, parent };
};

export const PROPOSAL_FORMS = [
  proposalForm({
    path: 'new',
    load: inComponent,
    read: ({ ctx, w }, body) => readProposal(ctx.i18n, body, w),
    send: ({ ctx, w }, dto) =>
      ctx.api.post(`/api/proposals/components/${w.componentId}/proposals`, dto),
    done: ({ w }, answer) => `${proposalPath(w, (answer.body as Proposal).id)}?done=created`,
    fields: { ...PROPOSAL_FIELDS, onBehalfOf: 'onBehalfOf' },
    again: ({ ctx, w }, res, form, status) => renderNew(ctx, res, w, form, status),
  }),
  supportAction('vote', 'voted', (ctx, path) => ctx.api.post(path, {})),
  supportAction('unvote', 'unvoted', (ctx, path) => ctx.api.delete(path)),
  proposalForm({
    path: ':proposalId/edit',
    load: onProposal,
    read: ({ ctx, w }, body) => readProposal(ctx.i18n, body, w, true),
    send: ({ ctx, p }, dto) => ctx.api.patch(`/api/proposals/proposals/${p.id}`, dto),
    done: ({ w, p }) => `${proposalPath(w, p.id)}?done=edited`,
    fields: PROPOSAL_FIELDS,
    again: ({ ctx, w, p }, res, form, status) => renderEdit(ctx, res, w, p, form, status),
  }),
  proposalForm({
    path: ':proposalId/withdraw',
    load: onProposal,
    read: () => fixedForm({}),
    send: ({ ctx, p }, dto) => ctx.api.post(`/api/proposals/proposals/${p.id}/withdraw`, dto),
    done: ({ w, p }) => `${proposalPath(w, p.id)}?done=withdrawn`,
    refusal: (place, answer, fields) => {
      const refusal = proposalRefusal(place, answer, fields);
      return answer.body?.code === 'WRONG_STATE'
        ? { ...refusal, notice: place.ctx.t('proposals.withdraw.wrongState') }
        : refusal;
    },
    again: ({ ctx, w, p }, res, form, status) =>
      renderWithdraw(ctx, res, w, p, form.notice ?? '', status),
  }),
  reportAction(':proposalId/report', async (req, res, config) => {
    const place = await onProposal(req, res, config);
    return place && { ...place, target: { kind: 'proposal' } };
  }),
  proposalForm({
    path: ':proposalId/comments',
    load: commenting,
    read: ({ ctx }, body) => readComment(ctx.i18n, body),
    send: ({ ctx, p, parent }, dto) =>
      ctx.api.post(`/api/proposals/proposals/${p.id}/comments`, {
        ...dto,
        ...(parent ? { parentId: parent.id } : {}),
      }),
    done: ({ w, p }, answer) =>
      `${proposalPath(w, p.id)}?done=commented#comment-${(answer.body as Comment).id}`,
    fields: COMMENT_FIELDS,
    again: ({ ctx, w, p, parent }, res, form, status) =>
      parent
        ? renderReply(ctx, res, w, p, parent, form, status)
        : renderProposal(
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
          ),
  }),
  proposalForm({
    path: ':proposalId/comments/:commentId/edit',
    load: onComment,
    read: ({ ctx }, body) => readComment(ctx.i18n, body),
    send: ({ ctx, comment }, dto) => ctx.api.patch(`/api/proposals/comments/${comment.id}`, dto),
    done: ({ w, p, comment }) =>
      `${proposalPath(w, p.id)}?done=commentEdited#comment-${comment.id}`,
    fields: COMMENT_FIELDS,
    again: ({ ctx, w, p, comment }, res, form, status) =>
      renderEditComment(ctx, res, w, p, comment, form, status),
  }),
  proposalForm({
    path: ':proposalId/comments/:commentId/delete',
    load: onComment,
    read: () => fixedForm({}),
    send: ({ ctx, comment }) => ctx.api.delete(`/api/proposals/comments/${comment.id}`),
    done: ({ w, p }) => `${proposalPath(w, p.id)}?done=commentDeleted#comments`,
    again: ({ ctx, w, p, comment }, res, form, status) =>
      renderDeleteComment(ctx, res, w, p, comment, form.notice ?? '', status),
  }),
  reportAction(':proposalId/comments/:commentId/report', async (req, res, config) => {
    const place = await onComment(req, res, config);
    return place && { ...place, target: { kind: 'comment', comment: place.comment } };
  }),
];
