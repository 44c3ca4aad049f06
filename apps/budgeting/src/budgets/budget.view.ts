import type { BudgetComponentView, BudgetView, LocalizedText } from '@palabre/contracts';
import { votePermissionOf, type Component } from '../components/component-access';
import { describeRule, minimumCents, type RuleKind, type VoteRule } from './vote-rule';

export interface BudgetRow {
  id: string;
  organization_id: string;
  component_id: string;
  title: LocalizedText;
  description: LocalizedText;
  envelope_cents: string;
  area: string | null;
  rule: RuleKind;
  minimum_percent: number | null;
  minimum_projects: number | null;
  maximum_projects: number | null;
  position: number;
  results_confirmed_at: Date | null;
  results_confirmed_by: string | null;
  created_at: Date;
  updated_at: Date;
}

export function ruleOf(b: BudgetRow): VoteRule {
  return {
    rule: b.rule,
    envelopeCents: Number(b.envelope_cents),
    minimumPercent: b.minimum_percent,
    minimumProjects: b.minimum_projects,
    maximumProjects: b.maximum_projects,
  };
}

/** Whether vote counts of this budget may be shown to everyone now. */
export function votesPublic(c: Component, b: Pick<BudgetRow, 'results_confirmed_at'>): boolean {
  return (
    c.settings.showResults ||
    b.results_confirmed_at !== null ||
    (c.settings.showVotes && c.settings.votesEnabled)
  );
}

/**
 * A budget as the API shows it. `votesCast` (whether a vote was checked out
 * or a paper ballot entered: the envelope and the rule are then frozen) is
 * given where the caller asked for it.
 */
export function budgetView(b: BudgetRow, c: Component, votesCast?: boolean): BudgetView {
  const r = ruleOf(b);
  return {
    id: b.id,
    componentId: b.component_id,
    spaceId: c.spaceId,
    title: b.title,
    description: b.description,
    envelopeCents: Number(b.envelope_cents),
    area: b.area,
    rule: {
      kind: b.rule,
      minimumPercent: b.minimum_percent,
      minimumCents: minimumCents(r),
      minimumProjects: b.minimum_projects,
      maximumProjects: b.maximum_projects,
      description: describeRule(r),
    },
    position: b.position,
    resultsConfirmedAt: b.results_confirmed_at
      ? new Date(b.results_confirmed_at).toISOString()
      : null,
    ...(votesCast === undefined ? {} : { votesCast }),
  };
}

export function componentView(c: Component): BudgetComponentView {
  return {
    id: c.id,
    spaceId: c.spaceId,
    workflow: c.settings.workflow,
    allowCancel: c.settings.allowCancel,
    showVotes: c.settings.showVotes,
    votingOpen: c.settings.votesEnabled,
    resultsShown: c.settings.showResults,
    /** Who may vote (spaces' permission for `vote`); null while budgeting has not been told. */
    whoMayVote: votePermissionOf(c),
  };
}
