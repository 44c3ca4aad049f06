import type { LocalizedText } from './text';

/**
 * What apps/proposals answers on /api/proposals (JSON bodies): its views
 * return these types and the site reads them, so a change that breaks one
 * side fails to compile. Dates are ISO 8601 strings.
 */

/** Where a proposal comes from: a participant, or an official entry (paper, workshop…). */
export const PROPOSAL_ORIGINS = ['participant', 'official', 'paper', 'workshop'] as const;
export type ProposalOrigin = (typeof PROPOSAL_ORIGINS)[number];
/** A comment's stance on its proposal. */
export const PROPOSAL_STANCES = ['for', 'against', 'neutral'] as const;
export type ProposalStance = (typeof PROPOSAL_STANCES)[number];
/** The orders of a list; `relevance` only with a search. */
export type ProposalSort = 'random' | 'most-voted' | 'most-commented' | 'newest' | 'relevance';

export interface ProposalAnswerView {
  /** The evaluation state: a built-in one or one the component's admins added. */
  state: string;
  text: string | null;
  costCents: number | null;
  answeredAt: string | null;
}

/** A proposal as lists and writes return it (no account ids: `mine` says whether the caller wrote it). */
export interface ProposalView {
  id: string;
  componentId: string;
  spaceId: string;
  title: string;
  body: string;
  address: string | null;
  latitude: number | null;
  longitude: number | null;
  area: string | null;
  origin: ProposalOrigin;
  official: boolean;
  /** `deleted`: the author deleted their account ("deleted participant"), `name` is then ''. */
  author: { name: string; onBehalfOf: string | null; deleted: boolean };
  mine: boolean;
  /** An evaluation state, "withdrawn", or null before any answer. */
  state: string | null;
  answer: ProposalAnswerView | null;
  /** Null while counts are hidden (staff always see them). */
  votes: number | null;
  /** To staff only. */
  supports?: number;
  countsHidden: boolean;
  threshold: { value: number; reached: boolean } | null;
  comments: number;
  /** Given to a signed-in caller where the route checks it. */
  votedByMe?: boolean;
  sentToBudgetAt: string | null;
  publishedAt: string;
  updatedAt: string;
  /** To its participant author only. */
  editableUntil?: string;
}

/** A meeting the proposal was born in (created during it) or linked to by its organizer. */
export interface ProposalMeetingView {
  meetingId: string;
  kind: 'born' | 'linked';
  title: LocalizedText;
  /** The meeting's page: /spaces/{spaceId}/meetings/{componentId}/{meetingId}. */
  spaceId: string;
  componentId: string;
  /** Null when meetings gave no valid start. */
  startsAt: string | null;
}

/** GET /api/proposals/proposals/:id */
export interface ProposalDetailView extends ProposalView {
  /** To moderators only, when it is hidden. */
  hidden?: { at: string; reason: string | null };
  /** The meetings it was born in or linked to, the earliest first (empty when none). */
  meetings: ProposalMeetingView[];
}

/** GET /api/proposals/components/:componentId/proposals */
export interface ProposalListView {
  items: ProposalView[];
  sort: ProposalSort;
  /** With the random order: the seed that gives the same order again. */
  seed?: number;
  countsHidden: boolean;
  nextCursor: string | null;
  /** Whether the list depends on the caller (mine, voted). */
  personal: boolean;
}

/** GET /api/proposals/components/:componentId/votes/mine */
export interface ProposalMyVotesView {
  proposalIds: string[];
  used: number;
  limit: number | null;
  remaining: number | null;
  minimum: number | null;
  counted: boolean;
}

export interface ProposalCommentView {
  id: string;
  proposalId: string;
  parentId: string | null;
  /** Null once the comment is deleted; `deleted`: its author deleted their account. */
  author: { name: string; deleted: boolean } | null;
  mine: boolean;
  stance: ProposalStance | null;
  body: string | null;
  deleted: boolean;
  edited: boolean;
  editedAt: string | null;
  createdAt: string;
}

export interface ProposalCommentThreadView extends ProposalCommentView {
  replies: ProposalCommentView[];
}

/** GET /api/proposals/proposals/:id/comments */
export interface ProposalCommentListView {
  items: ProposalCommentThreadView[];
  count: number;
}

/** An item of GET /api/proposals/comments/:id/versions, the oldest first. */
export interface ProposalCommentVersionView {
  body: string;
  stance: ProposalStance;
  writtenAt: string;
}

/** An evaluation state of a component (GET /api/proposals/components/:componentId/states gives `{ items }`). */
export interface ProposalEvaluationStateView {
  key: string;
  /** Words by locale. */
  label: Record<string, string>;
  builtIn: boolean;
}

/** An item of a component's moderation queue: a reported or hidden proposal or comment. */
export interface ProposalModerationItemView {
  type: 'proposal' | 'comment';
  id: string;
  /** Comments only. */
  proposalId?: string;
  /** Proposals only. */
  title?: string;
  /** Comments only. */
  body?: string;
  /** Null: the author deleted their account; '' for an official entry. */
  authorName: string | null;
  /** The author's account (null for official entries): blocking is by account. */
  authorId: string | null;
  reportCount: number;
  hidden: boolean;
  hiddenReason: string | null;
  reports: {
    reason: string;
    details: string | null;
    /** A report of the antispam service (ADR 0041): its score, reasons (codes) and model. */
    antispam?: { score: number; reasons: string[]; model: string };
  }[];
}

/** What waits for one member of staff in a proposals component (GET /api/proposals/staff/summary). */
export interface ProposalsStaffComponentSummaryView {
  componentId: string;
  spaceId: string;
  /** Content reported and still shown, or hidden by its reports pending review; null: the caller does not moderate here. */
  toModerate: number | null;
  /** Proposals not answered yet (an evaluator: the ones assigned to them); null: not the caller's to answer. */
  toAnswer: number | null;
}

/** What waits for the caller in the proposals back-office; a null total: none of the caller's roles does this. */
export interface ProposalsStaffSummaryView {
  toModerate: number | null;
  toAnswer: number | null;
  components: ProposalsStaffComponentSummaryView[];
}

/** An item of the moderation log. */
export interface ProposalModerationLogEntryView {
  componentId: string | null;
  targetType: 'proposal' | 'comment' | 'user';
  targetId: string;
  action: string;
  actorId: string | null;
  reason: string | null;
  at: string;
}

/** The proposals a draw by lot chooses among (GET /components/:id/draw-candidates), ordered by id. */
export interface DrawCandidatesView {
  componentId: string;
  spaceId: string;
  at: string;
  area: string | null;
  candidates: { id: string; title: string }[];
}
