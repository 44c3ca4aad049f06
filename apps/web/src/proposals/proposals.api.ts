/**
 * The shapes of the proposals API (`/api/proposals/...`) and of spaces'
 * effective component settings that the proposals pages read: the public
 * contract of apps/proposals and apps/spaces, not their code.
 */
import type { Problem } from '../shared/gateway/gateway-client';
import type { PageContext } from '../shared/layout/page-context';
import { isUuid } from '../shared/layout/http';
import type { SpaceLanding, Text } from '../spaces/spaces.api';

export const ORIGINS = ['participant', 'official', 'paper', 'workshop'] as const;
export type Origin = (typeof ORIGINS)[number];
export const STANCES = ['for', 'against', 'neutral'] as const;
export type Stance = (typeof STANCES)[number];
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

export interface Answer {
  state: string;
  text: string | null;
  costCents: number | null;
  answeredAt: string | null;
}

export interface Proposal {
  id: string;
  componentId: string;
  spaceId: string;
  title: string;
  body: string;
  address: string | null;
  area: string | null;
  origin: Origin;
  official: boolean;
  /** `deleted`: the author deleted their account ("deleted participant"). */
  author: { name: string; onBehalfOf: string | null; deleted?: boolean };
  mine: boolean;
  /** An evaluation state, "withdrawn", or null before any answer. */
  state: string | null;
  answer: Answer | null;
  /** Null while counts are hidden. */
  votes: number | null;
  supports?: number;
  countsHidden: boolean;
  threshold: { value: number; reached: boolean } | null;
  comments: number;
  votedByMe?: boolean;
  sentToBudgetAt: string | null;
  publishedAt: string;
  updatedAt: string;
  editableUntil?: string;
  hidden?: { at: string; reason: string | null };
}

export interface ProposalList {
  items: Proposal[];
  sort: Sort;
  seed?: number;
  countsHidden: boolean;
  nextCursor: string | null;
}

export interface MyVotes {
  proposalIds: string[];
  used: number;
  limit: number | null;
  remaining: number | null;
  minimum: number | null;
  counted: boolean;
}

export interface Comment {
  id: string;
  proposalId: string;
  parentId: string | null;
  author: { name: string; deleted?: boolean } | null;
  mine: boolean;
  stance: Stance | null;
  body: string | null;
  deleted: boolean;
  edited: boolean;
  editedAt: string | null;
  createdAt: string;
}

export interface CommentThread extends Comment {
  replies: Comment[];
}

export interface CommentVersion {
  body: string;
  stance: Stance;
  writtenAt: string;
}

export interface EvaluationState {
  key: string;
  label: Text;
  builtIn: boolean;
}

export interface ModerationItem {
  type: 'proposal' | 'comment';
  id: string;
  proposalId?: string;
  title?: string;
  body?: string;
  authorName: string;
  /** The author's account (null for official entries): blocking is by account. */
  authorId?: string | null;
  reportCount: number;
  hidden: boolean;
  hiddenReason: string | null;
  reports: { reason: string; details: string | null }[];
}

export interface ModerationLogEntry {
  componentId: string | null;
  targetType: 'proposal' | 'comment' | 'user';
  targetId: string;
  action: string;
  actorId: string | null;
  reason: string | null;
  at: string;
}

/** What spaces says is in force in a component now (GET /api/spaces/:id/components/:cid/effective). */
export interface Effective {
  componentId: string;
  spaceId: string;
  type: string;
  typeAvailable: boolean;
  name: Text;
  activePhase: { id: string; title: Text } | null;
  settings: Record<string, unknown>;
  actions: {
    name: string;
    label: Text;
    open: boolean;
    reason?: string;
    permission: { verification: string; minimumAge: number | null; membersOnly: boolean };
  }[];
}

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

export function limitsOf(e: Effective | null): Limits {
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
  e: Effective | null,
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
  effective: Effective | null;
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
  const e = await ctx.api.get<Effective>(
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
};

export const euros = (ctx: PageContext, cents: number) =>
  new Intl.NumberFormat(ctx.i18n.intl, {
    style: 'currency',
    currency: 'EUR',
    maximumFractionDigits: cents % 100 === 0 ? 0 : 2,
  }).format(cents / 100);
