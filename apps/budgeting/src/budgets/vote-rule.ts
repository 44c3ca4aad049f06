/**
 * The vote rules of a budget, as in Decidim: one per budget.
 * - `minimum`: spend at least `minimumPercent` % of the envelope, never more than it;
 * - `minimum_projects`: select at least `minimumProjects` projects within the envelope;
 * - `projects_range`: between `minimumProjects` and `maximumProjects` projects, amounts ignored.
 * Pure functions: the cart view, adding to a cart and the checkout all ask them.
 */
import { BUDGET_RULES, type BudgetRuleKind, type BudgetRuleProblemView } from '@palabre/contracts';

export type RuleKind = BudgetRuleKind;
export const RULES: readonly RuleKind[] = BUDGET_RULES;

export interface VoteRule {
  rule: RuleKind;
  envelopeCents: number;
  minimumPercent: number | null;
  minimumProjects: number | null;
  maximumProjects: number | null;
}

export type RuleProblem = BudgetRuleProblemView;

export interface RuleStatus {
  totalCents: number;
  projects: number;
  envelopeCents: number;
  /** What is left of the envelope (negative: over it); null for projects_range (amounts ignored). */
  remainingCents: number | null;
  /** For `minimum`: the least a checkout may total. */
  minimumCents: number | null;
  minimumProjects: number | null;
  maximumProjects: number | null;
  /** Whether a checkout of this selection would be accepted. */
  ok: boolean;
  problems: RuleProblem[];
}

/** €12,345 or €12,345.67 */
export function euros(cents: number): string {
  const whole = Math.trunc(cents / 100);
  const rest = Math.abs(cents % 100);
  return `€${whole.toLocaleString('en-US')}${rest ? `.${String(rest).padStart(2, '0')}` : ''}`;
}

const projectsWord = (n: number) => `${n} project${n === 1 ? '' : 's'}`;

export function minimumCents(r: VoteRule): number | null {
  return r.rule === 'minimum' ? Math.ceil((r.envelopeCents * (r.minimumPercent ?? 0)) / 100) : null;
}

/** Where a selection stands against the rule: totals, what is still needed, what is wrong. */
export function ruleStatus(r: VoteRule, amounts: number[]): RuleStatus {
  const total = amounts.reduce((a, b) => a + b, 0);
  const n = amounts.length;
  const min = minimumCents(r);
  const problems: RuleProblem[] = [];
  const amountsCount = r.rule !== 'projects_range';
  if (n === 0) problems.push({ code: 'EMPTY', message: 'Select at least one project' });
  if (amountsCount && total > r.envelopeCents)
    problems.push({
      code: 'OVER_ENVELOPE',
      message: `Your selection totals ${euros(total)}, which is ${euros(total - r.envelopeCents)} over the ${euros(r.envelopeCents)} envelope`,
    });
  if (r.rule === 'minimum' && min !== null && total < min && n > 0)
    problems.push({
      code: 'UNDER_MINIMUM',
      message: `Your selection totals ${euros(total)}; spend at least ${euros(min)} (${r.minimumPercent}% of the ${euros(r.envelopeCents)} envelope): ${euros(min - total)} more`,
    });
  if (
    (r.rule === 'minimum_projects' || r.rule === 'projects_range') &&
    n < (r.minimumProjects ?? 0) &&
    n > 0
  )
    problems.push({
      code: 'TOO_FEW_PROJECTS',
      message: `You selected ${projectsWord(n)}; select at least ${projectsWord(r.minimumProjects ?? 0)}${r.rule === 'minimum_projects' ? ` within the ${euros(r.envelopeCents)} envelope` : ''}: ${(r.minimumProjects ?? 0) - n} more`,
    });
  if (r.rule === 'projects_range' && n > (r.maximumProjects ?? Infinity))
    problems.push({
      code: 'TOO_MANY_PROJECTS',
      message: `You selected ${projectsWord(n)}; select at most ${projectsWord(r.maximumProjects ?? 0)}: remove ${n - (r.maximumProjects ?? 0)}`,
    });
  return {
    totalCents: total,
    projects: n,
    envelopeCents: r.envelopeCents,
    remainingCents: amountsCount ? r.envelopeCents - total : null,
    minimumCents: min,
    minimumProjects: r.rule === 'minimum' ? null : r.minimumProjects,
    maximumProjects: r.rule === 'projects_range' ? r.maximumProjects : null,
    ok: problems.length === 0,
    problems,
  };
}

/** Whether one more project may go in a cart: never over the envelope, never over the maximum. */
export function canAdd(r: VoteRule, amounts: number[], amount: number): RuleProblem | null {
  const s = ruleStatus(r, [...amounts, amount]);
  return (
    s.problems.find((p) => p.code === 'OVER_ENVELOPE' || p.code === 'TOO_MANY_PROJECTS') ?? null
  );
}

/** How the rule reads for voters. */
export function describeRule(r: VoteRule): string {
  switch (r.rule) {
    case 'minimum':
      return `Spend at least ${r.minimumPercent}% (${euros(minimumCents(r) ?? 0)}) of the ${euros(r.envelopeCents)} envelope, never more than it`;
    case 'minimum_projects':
      return `Select at least ${projectsWord(r.minimumProjects ?? 0)} within the ${euros(r.envelopeCents)} envelope`;
    case 'projects_range':
      return `Select between ${r.minimumProjects} and ${projectsWord(r.maximumProjects ?? 0)}, whatever their amounts`;
  }
}
