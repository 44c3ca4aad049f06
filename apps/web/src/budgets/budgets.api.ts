/**
 * The shapes of the budgeting API that the pages read (apps/budgeting,
 * reached as /api/budgeting/...), declared once in @palabre/contracts; and
 * the small helpers every budgeting page shares: euros, image addresses.
 */
import type { BudgetRuleProblemView } from '@palabre/contracts';
import type { I18n } from '../shared/i18n/i18n';

export {
  BUDGET_RULES as RULES,
  BUDGET_WORKFLOWS as WORKFLOWS,
  BUDGET_RESULT_STATUSES as RESULT_STATUSES,
} from '@palabre/contracts';
export type {
  BudgetRuleKind as RuleKind,
  BudgetWorkflow as Workflow,
  BudgetResultStatus as ResultStatus,
  BudgetRuleView as RuleView,
  BudgetView,
  BudgetWhoMayVoteView as WhoMayVote,
  BudgetComponentView as ComponentView,
  BudgetListView as BudgetList,
  BudgetVotesView as Votes,
  BudgetProjectView as ProjectView,
  BudgetProjectListView as ProjectList,
  BudgetRuleProblemView as RuleProblem,
  BudgetOrderView as OrderView,
  BudgetMyVotesView as MyVotes,
  BudgetOutcome as Outcome,
  BudgetResultsView as ResultsView,
  BudgetPaperEntryView as PaperEntry,
  BudgetResultSummaryView as ResultSummary,
  BudgetProgressView as ProgressView,
  BudgetResultDetailView as ResultDetail,
} from '@palabre/contracts';

export const BUDGETING_API = '/api/budgeting';

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
  problems?: BudgetRuleProblemView[];
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

/** An image's file name on this site (the site serves it from its own origin). */
export { IMAGE_FILE, imageFile } from '../shared/branding/remote-images';
