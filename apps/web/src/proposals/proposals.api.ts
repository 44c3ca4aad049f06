/**
 * The shapes of the proposals API (`/api/proposals/...`) and of spaces'
 * effective component settings that the proposals pages read, declared once
 * in @palabre/contracts; and what the proposals pages share.
 */
import type { SpaceEffectiveView } from '@palabre/contracts';
import type { Problem } from '../shared/gateway/gateway-client';
import type { PageContext } from '../shared/layout/page-context';
import { isUuid } from '../shared/layout/http';
import type { SpaceLanding, Text } from '../spaces/spaces.api';

export { PROPOSAL_ORIGINS as ORIGINS, PROPOSAL_STANCES as STANCES } from '@palabre/contracts';
export type {
  ProposalOrigin as Origin,
  ProposalStance as Stance,
  ProposalAnswerView as Answer,
  ProposalDetailView as Proposal,
  ProposalView as ProposalItem,
  ProposalMeetingView as ProposalMeeting,
  ProposalListView as ProposalList,
  ProposalMyVotesView as MyVotes,
  ProposalCommentView as Comment,
  ProposalCommentThreadView as CommentThread,
  ProposalCommentVersionView as CommentVersion,
  ProposalEvaluationStateView as EvaluationState,
  ProposalModerationItemView as ModerationItem,
  ProposalModerationLogEntryView as ModerationLogEntry,
  SpaceEffectiveView as Effective,
} from '@palabre/contracts';
export const REPORT_REASONS = ['spam', 'offensive', 'does_not_belong', 'other'] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];
export const SORTS = ['random', 'most-voted', 'most-commented', 'newest'] as const;
export type Sort = (typeof SORTS)[number] | 'relevance';
/** The API's random order takes a seed from 0 to 2147483646. */
export const SEED_SPAN = 2147483647;

/** The API's bounds (apps/proposals DTOs), checked here first so each field gets its own message. */
export const TITLE_MIN = 10;
export const TITLE_MAX = 150;
export const BODY_MIN = 15;
export const ADDRESS_MAX = 300;
export const AREA_MAX = 100;
export const BEHALF_MAX = 150;
export const COMMENT_MIN = 2;
export const COMMENT_MAX = 2000;
export const REPORT_DETAILS_MAX = 1000;
export const REASON_MIN = 3;
export const REASON_MAX = 500;
export const ANSWER_MAX = 5000;
export const SEARCH_MAX = 200;

/** The settings that the pages show, typed, with the type's defaults when spaces sends none. */
export interface Limits {
  proposalLimit: number;
  proposalLength: number;
  editWindowMinutes: number;
  voteLimit: number;
  minimumVotes: number;
  threshold: number;
  commentsEnabled: boolean;
  officialEnabled: boolean;
}

export function limitsOf(e: SpaceEffectiveView | null): Limits {
  const s = e?.settings ?? {};
  const n = (k: string, d: number) => (typeof s[k] === 'number' ? (s[k] as number) : d);
  const b = (k: string, d: boolean) => (typeof s[k] === 'boolean' ? (s[k] as boolean) : d);
  return {
    proposalLimit: n('proposal_limit', 0),
    proposalLength: n('proposal_length', 1000),
    editWindowMinutes: n('edit_window_minutes', 15),
    voteLimit: n('vote_limit', 0),
    minimumVotes: n('minimum_votes_per_user', 0),
    threshold: n('threshold_per_proposal', 0),
    commentsEnabled: b('comments_enabled', true),
    officialEnabled: b('official_proposals_enabled', true),
  };
}

/** Is `action` open in the phase now? The reason and the phase when it is not. */
export function gate(
  e: SpaceEffectiveView | null,
  action: 'create' | 'vote' | 'comment' | 'report',
): { open: boolean; reason?: string } {
  const a = e?.actions.find((x) => x.name === action);
  if (!e || !e.typeAvailable || !a) return { open: false, reason: 'COMPONENT_TYPE_UNAVAILABLE' };
  return a.open ? { open: true } : { open: false, reason: a.reason ?? 'PHASE_CLOSED' };
}

/** The component of this space, if it is a proposals component: the space and its settings in force. */
export interface Where {
  space: SpaceLanding;
  componentId: string;
  effective: SpaceEffectiveView | null;
  componentName: Text;
}

export async function loadWhere(
  ctx: PageContext,
  spaceRef: string,
  componentId: string,
  fresh = false,
): Promise<Where | null> {
  if (!isUuid(componentId)) return null;
  const s = await ctx.api.get<SpaceLanding>(`/api/spaces/${spaceRef}`, { fresh });
  if (s.status === 404 || s.status === 400) return null;
  if (s.status !== 200) throw new Error(`Space answered ${s.status}`);
  const c = s.body.components.find((x) => x.id === componentId);
  if (!c || c.type !== 'proposals') return null;
  const e = await ctx.api.get<SpaceEffectiveView>(
    `/api/spaces/${s.body.id}/components/${componentId}/effective`,
    { fresh },
  );
  return {
    space: s.body,
    componentId,
    effective: e.status === 200 ? e.body : null,
    componentName: c.name,
  };
}

/** A refusal of the API as a page shows it: its code, its reason (spaces'), the phase it names, the limit. */
export type ProposalProblem = Problem & {
  reason?: string;
  phase?: { id: string; title: Text };
  limit?: number;
  used?: number;
  threshold?: number;
  editWindowMinutes?: number;
  /** NEW_ACCOUNT_LIMIT: when the account may post again. */
  retryAfterSeconds?: number;
};

export const euros = (ctx: PageContext, cents: number) =>
  new Intl.NumberFormat(ctx.i18n.intl, {
    style: 'currency',
    currency: 'EUR',
    maximumFractionDigits: cents % 100 === 0 ? 0 : 2,
  }).format(cents / 100);
