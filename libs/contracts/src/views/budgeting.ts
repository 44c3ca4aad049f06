/**
 * What apps/budgeting answers on /api/budgeting (JSON bodies): its views
 * return these types and the site reads them, so a change that breaks one
 * side fails to compile. Amounts are in cents; dates are ISO 8601 strings.
 * Titles and descriptions an administrator writes are per language (ADR 0033).
 */
import type { LocalizedText } from './text';

/** A budget's vote rule, one per budget (as in Decidim). */
export const BUDGET_RULES = ['minimum', 'minimum_projects', 'projects_range'] as const;
export type BudgetRuleKind = (typeof BUDGET_RULES)[number];
/** In how many budgets of a component one may vote. */
export const BUDGET_WORKFLOWS = ['all', 'one', 'district_plus_one'] as const;
export type BudgetWorkflow = (typeof BUDGET_WORKFLOWS)[number];
/** Where a funded project's implementation stands. */
export const BUDGET_RESULT_STATUSES = ['planned', 'in_progress', 'completed', 'cancelled'] as const;
export type BudgetResultStatus = (typeof BUDGET_RESULT_STATUSES)[number];

export interface BudgetRuleView {
  kind: BudgetRuleKind;
  minimumPercent: number | null;
  /** For `minimum`: the least a vote may total. */
  minimumCents: number | null;
  minimumProjects: number | null;
  maximumProjects: number | null;
  /** The rule in words, in English. */
  description: string;
}

export interface BudgetView {
  id: string;
  componentId: string;
  spaceId: string;
  title: LocalizedText;
  description: LocalizedText;
  envelopeCents: number;
  area: string | null;
  rule: BudgetRuleView;
  position: number;
  resultsConfirmedAt: string | null;
  /** Whether votes (online or paper) were cast: envelope and rule are frozen. Given by the list and GET /budgets/:id. */
  votesCast?: boolean;
}

/** Who may vote in a component (spaces' permission for `vote`). */
export interface BudgetWhoMayVoteView {
  /** `franceconnect`: an identity proven by FranceConnect; `any`: any signed-in participant. */
  identity: 'franceconnect' | 'any';
  minimumAge: number | null;
  membersOnly: boolean;
}

export interface BudgetComponentView {
  id: string;
  spaceId: string;
  workflow: BudgetWorkflow;
  allowCancel: boolean;
  showVotes: boolean;
  votingOpen: boolean;
  resultsShown: boolean;
  /** Null while budgeting has not been told the permission. */
  whoMayVote: BudgetWhoMayVoteView | null;
}

/** GET /api/budgeting/components/:componentId/budgets */
export interface BudgetListView {
  component: BudgetComponentView;
  items: BudgetView[];
}

export interface BudgetVotesView {
  online: number;
  paper: number;
  total: number;
}

export interface BudgetProjectView {
  id: string;
  componentId: string;
  budgetId: string | null;
  state: 'to_review' | 'published' | 'withdrawn';
  title: LocalizedText;
  description: LocalizedText;
  amountCents: number;
  area: string | null;
  imageUrls: string[];
  address: string | null;
  location: { latitude: number; longitude: number } | null;
  proposalIds: string[];
  fromProposalId: string | null;
  selected: boolean;
  withdrawn: { at: string | null; reason: string | null } | null;
  /** Null while votes are not public. */
  votes: BudgetVotesView | null;
}

/** GET /api/budgeting/budgets/:id/projects */
export interface BudgetProjectListView {
  budget: BudgetView;
  votesShown: boolean;
  items: BudgetProjectView[];
}

/** What a selection breaks of the budget's rule. */
export interface BudgetRuleProblemView {
  code: 'OVER_ENVELOPE' | 'UNDER_MINIMUM' | 'TOO_FEW_PROJECTS' | 'TOO_MANY_PROJECTS' | 'EMPTY';
  message: string;
}

export type BudgetOrderState = 'empty' | 'cart' | 'checked_out';

/** GET /api/budgeting/budgets/:id/order: the voter's cart or vote, and where it stands against the rule. */
export interface BudgetOrderView {
  selectedProjects: number;
  budgetId: string;
  componentId: string;
  /** Once checked out only. */
  orderId: string | null;
  state: BudgetOrderState;
  checkedOutAt: string | null;
  projects: { id: string; title: LocalizedText; amountCents: number; withdrawn: boolean }[];
  totalCents: number;
  envelopeCents: number;
  /** What is left of the envelope (negative: over it); null for projects_range (amounts ignored). */
  remainingCents: number | null;
  minimumCents: number | null;
  minimumProjects: number | null;
  maximumProjects: number | null;
  /** Whether a checkout of this selection would be accepted. */
  ok: boolean;
  problems: BudgetRuleProblemView[];
  canCheckout: boolean;
  canCancel: boolean;
  /** Projects the organizers withdrew, taken out of the cart. */
  droppedProjects: { id: string; title: LocalizedText; message: string }[];
}

/** GET /api/budgeting/components/:componentId/orders/mine: the voter's votes across the component's budgets. */
export interface BudgetMyVotesView {
  componentId: string;
  workflow: BudgetWorkflow;
  residence: string | null;
  budgets: {
    budgetId: string;
    title: LocalizedText;
    state: BudgetOrderState;
    checkedOutAt: string | null;
    mayVote: boolean;
  }[];
}

export type BudgetOutcome = 'selected' | 'does_not_fit' | 'withdrawn' | 'no_votes';

/** GET /api/budgeting/budgets/:id/results */
export interface BudgetResultsView {
  budget: BudgetView;
  confirmed: boolean;
  confirmedAt: string | null;
  onlineOrders: number;
  paperBallots: number;
  envelopeCents: number;
  computedSelectionCents: number;
  computedLeftCents: number;
  /** By rank. */
  projects: {
    id: string;
    title: LocalizedText;
    amountCents: number;
    rank: number;
    votes: BudgetVotesView;
    outcome: BudgetOutcome;
    withdrawn: boolean;
    selected: boolean;
    proposalIds: string[];
  }[];
}

/** An item of a budget's paper-ballot trail. */
export interface BudgetPaperEntryView {
  id: string;
  station: string;
  ballots: number;
  votes: { projectId: string; votes: number }[];
  note: string;
  /** Null: an account since deleted ("deleted participant"). */
  recordedBy: string | null;
  recordedAt: string;
  /** Voided entries stay in the trail and no longer count. */
  voided: { at: string; by: string | null; reason: string } | null;
}

/** A funded project's implementation, in lists. */
export interface BudgetResultSummaryView {
  id: string;
  projectId: string;
  budgetId: string;
  budgetTitle: LocalizedText;
  componentId: string;
  title: LocalizedText;
  amountCents: number;
  area: string | null;
  status: BudgetResultStatus;
  /** Percent. */
  progress: number;
  /** The day of the latest update. */
  lastUpdate: string | null;
  proposalIds: string[];
  meetingIds: string[];
}

/** GET /api/budgeting/components/:componentId/progress */
export interface BudgetProgressView {
  componentId: string;
  spaceId: string;
  summary: {
    results: number;
    byStatus: Record<BudgetResultStatus, number>;
    totalCents: number;
    completedCents: number;
    /** Of the whole programme, each project weighted by its cost. */
    progress: number;
  };
  items: BudgetResultSummaryView[];
}

/** GET /api/budgeting/results/:id */
export interface BudgetResultDetailView extends BudgetResultSummaryView {
  description: LocalizedText;
  imageUrls: string[];
  address: string | null;
  location: { latitude: number; longitude: number } | null;
  timeline: {
    id: string;
    date: string;
    text: string;
    status: BudgetResultStatus | null;
    progress: number | null;
    photoUrls: string[];
  }[];
}
