/**
 * The shapes of the budgeting API that the pages read (the public contract of
 * apps/budgeting, reached as /api/budgeting/..., not its code), and the
 * small helpers every budgeting page shares: euros, image addresses.
 */
import { createHash } from 'node:crypto';
import type { I18n } from '../shared/i18n/i18n';

export const BUDGETING_API = '/api/budgeting';
export const RULES = ['minimum', 'minimum_projects', 'projects_range'] as const;
export type RuleKind = (typeof RULES)[number];
export const WORKFLOWS = ['all', 'one', 'district_plus_one'] as const;
export type Workflow = (typeof WORKFLOWS)[number];
export const RESULT_STATUSES = ['planned', 'in_progress', 'completed', 'cancelled'] as const;
export type ResultStatus = (typeof RESULT_STATUSES)[number];

export interface RuleView {
  kind: RuleKind;
  minimumPercent: number | null;
  minimumCents: number | null;
  minimumProjects: number | null;
  maximumProjects: number | null;
  description: string;
}

export interface BudgetView {
  id: string;
  componentId: string;
  spaceId: string;
  title: string;
  description: string;
  envelopeCents: number;
  area: string | null;
  rule: RuleView;
  position: number;
  resultsConfirmedAt: string | null;
  /** Whether votes (online or paper) were cast: envelope and rule are frozen. Given by the list and GET /budgets/:id. */
  votesCast?: boolean;
}

/** Who may vote in a component (spaces' permission for `vote`). */
export interface WhoMayVote {
  identity: 'franceconnect' | 'any';
  minimumAge: number | null;
  membersOnly: boolean;
}

export interface ComponentView {
  id: string;
  spaceId: string;
  workflow: Workflow;
  allowCancel: boolean;
  showVotes: boolean;
  votingOpen: boolean;
  resultsShown: boolean;
  /** Null while budgeting has not been told the permission. */
  whoMayVote: WhoMayVote | null;
}

export interface BudgetList {
  component: ComponentView;
  items: BudgetView[];
}

export interface Votes {
  online: number;
  paper: number;
  total: number;
}

export interface ProjectView {
  id: string;
  componentId: string;
  budgetId: string | null;
  state: 'to_review' | 'published' | 'withdrawn';
  title: string;
  description: string;
  amountCents: number;
  area: string | null;
  imageUrls: string[];
  address: string | null;
  location: { latitude: number; longitude: number } | null;
  proposalIds: string[];
  fromProposalId: string | null;
  selected: boolean;
  withdrawn: { at: string | null; reason: string | null } | null;
  votes: Votes | null;
}

export interface ProjectList {
  budget: BudgetView;
  votesShown: boolean;
  items: ProjectView[];
}

export interface RuleProblem {
  code: 'OVER_ENVELOPE' | 'UNDER_MINIMUM' | 'TOO_FEW_PROJECTS' | 'TOO_MANY_PROJECTS' | 'EMPTY';
  message: string;
}

/** GET /budgets/:id/order: the voter's cart or vote, and where it stands against the rule. */
export interface OrderView {
  selectedProjects: number;
  budgetId: string;
  componentId: string;
  orderId: string | null;
  state: 'empty' | 'cart' | 'checked_out';
  checkedOutAt: string | null;
  projects: { id: string; title: string; amountCents: number; withdrawn: boolean }[];
  totalCents: number;
  envelopeCents: number;
  remainingCents: number | null;
  minimumCents: number | null;
  minimumProjects: number | null;
  maximumProjects: number | null;
  ok: boolean;
  problems: RuleProblem[];
  canCheckout: boolean;
  canCancel: boolean;
  droppedProjects: { id: string; title: string; message: string }[];
}

export interface MyVotes {
  componentId: string;
  workflow: Workflow;
  residence: string | null;
  budgets: {
    budgetId: string;
    title: string;
    state: 'empty' | 'cart' | 'checked_out';
    checkedOutAt: string | null;
    mayVote: boolean;
  }[];
}

export type Outcome = 'selected' | 'does_not_fit' | 'withdrawn' | 'no_votes';

export interface ResultsView {
  budget: BudgetView;
  confirmed: boolean;
  confirmedAt: string | null;
  onlineOrders: number;
  paperBallots: number;
  envelopeCents: number;
  computedSelectionCents: number;
  computedLeftCents: number;
  projects: {
    id: string;
    title: string;
    amountCents: number;
    rank: number;
    votes: Votes;
    outcome: Outcome;
    withdrawn: boolean;
    selected: boolean;
    proposalIds: string[];
  }[];
}

export interface PaperEntry {
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

export interface ResultSummary {
  id: string;
  projectId: string;
  budgetId: string;
  budgetTitle: string;
  componentId: string;
  title: string;
  amountCents: number;
  area: string | null;
  status: ResultStatus;
  progress: number;
  lastUpdate: string | null;
  proposalIds: string[];
  meetingIds: string[];
}

export interface ProgressView {
  componentId: string;
  spaceId: string;
  summary: {
    results: number;
    byStatus: Record<ResultStatus, number>;
    totalCents: number;
    completedCents: number;
    progress: number;
  };
  items: ResultSummary[];
}

export interface ResultDetail extends ResultSummary {
  description: string;
  imageUrls: string[];
  address: string | null;
  timeline: {
    id: string;
    date: string;
    text: string;
    status: ResultStatus | null;
    progress: number | null;
    photoUrls: string[];
  }[];
}

/** The refusal the API sends, with the numbers of a broken rule when it is one. */
export interface BudgetProblem {
  code?: string;
  detail?: string;
  message?: string;
  reason?: string;
  /** The phase in force when voting is closed by it. */
  phase?: { id?: string; title?: { fr?: string; en?: string } };
  /** Given when signing in with FranceConnect (as a signer) would lift the refusal. */
  signIn?: string;
  totalCents?: number;
  envelopeCents?: number;
  remainingCents?: number | null;
  minimumCents?: number | null;
  selectedProjects?: number;
  minimumProjects?: number | null;
  maximumProjects?: number | null;
  problems?: RuleProblem[];
  errors?: { field: string; message: string }[];
  projectId?: string;
  projectIds?: string[];
}

/** "12 500 €" / "€12,500", with cents only when there are some. */
export function euros(i18n: I18n, cents: number): string {
  const whole = cents % 100 === 0;
  return new Intl.NumberFormat(i18n.intl, {
    style: 'currency',
    currency: 'EUR',
    minimumFractionDigits: whole ? 0 : 2,
    maximumFractionDigits: whole ? 0 : 2,
  }).format(cents / 100);
}

/** An image's file name on this site: a hash of its address (the site serves it from its own origin). */
export const imageFile = (url: string): string =>
  `image-${createHash('sha256').update(url).digest('hex').slice(0, 12)}`;
export const IMAGE_FILE = /^image-[0-9a-f]{12}$/;
