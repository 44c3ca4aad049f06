/**
 * A budget's vote rule and a voter's refusals in the visitor's language,
 * from the numbers the API sends (its own messages are English only):
 * how the rule reads, what a selection still needs, why an action was refused.
 */
import type { I18n } from '../shared/i18n/i18n';
import { textIn } from '../spaces/spaces.api';
import {
  euros,
  type BudgetProblem,
  type BudgetView,
  type OrderView,
  type RuleProblem,
  type Workflow,
} from './budgets.api';

/** "Select at least 3 projects within the 300 000 € envelope." */
export function ruleText(i18n: I18n, b: BudgetView): string {
  const envelope = euros(i18n, b.envelopeCents);
  const r = b.rule;
  switch (r.kind) {
    case 'minimum':
      return i18n.t('budgets.rule.minimum', {
        percent: r.minimumPercent ?? 0,
        minimum: euros(i18n, r.minimumCents ?? 0),
        envelope,
      });
    case 'minimum_projects':
      return i18n.plural('budgets.rule.minimumProjects', r.minimumProjects ?? 0, { envelope });
    case 'projects_range':
      return i18n.t('budgets.rule.range', {
        min: r.minimumProjects ?? 0,
        max: r.maximumProjects ?? 0,
      });
  }
}

export function workflowText(i18n: I18n, w: Workflow): string {
  if (w === 'one') return i18n.t('budgets.workflow.one');
  if (w === 'district_plus_one') return i18n.t('budgets.workflow.districtPlusOne');
  return i18n.t('budgets.workflow.all');
}

/** What the selection still needs, in words: one sentence per thing to do, or that it is ready. */
export function stillNeeded(i18n: I18n, b: BudgetView, o: OrderView): string[] {
  const out: string[] = [];
  const n = o.selectedProjects;
  const r = b.rule;
  if (r.kind === 'minimum') {
    const min = r.minimumCents ?? 0;
    if (o.totalCents < min)
      out.push(
        i18n.t('budgets.need.spend', {
          percent: r.minimumPercent ?? 0,
          minimum: euros(i18n, min),
          missing: euros(i18n, min - o.totalCents),
        }),
      );
  } else if (n < (r.minimumProjects ?? 0)) {
    out.push(
      i18n.plural('budgets.need.projects', r.minimumProjects ?? 0, {
        missing: (r.minimumProjects ?? 0) - n,
      }),
    );
  }
  if (r.kind === 'projects_range' && n > (r.maximumProjects ?? Infinity))
    out.push(
      i18n.t('budgets.need.remove', {
        max: r.maximumProjects ?? 0,
        extra: n - (r.maximumProjects ?? 0),
      }),
    );
  if (r.kind !== 'projects_range' && o.totalCents > o.envelopeCents)
    out.push(
      i18n.t('budgets.need.over', {
        over: euros(i18n, o.totalCents - o.envelopeCents),
        envelope: euros(i18n, o.envelopeCents),
      }),
    );
  if (n === 0 && out.length === 0) out.push(i18n.t('budgets.need.any'));
  return out;
}

/** One problem of a broken rule, in words. */
function problemText(i18n: I18n, p: RuleProblem, x: BudgetProblem): string {
  switch (p.code) {
    case 'OVER_ENVELOPE':
      return i18n.t('budgets.refused.over', {
        total: euros(i18n, x.totalCents ?? 0),
        over: euros(i18n, (x.totalCents ?? 0) - (x.envelopeCents ?? 0)),
        envelope: euros(i18n, x.envelopeCents ?? 0),
      });
    case 'UNDER_MINIMUM':
      return i18n.t('budgets.refused.under', {
        total: euros(i18n, x.totalCents ?? 0),
        minimum: euros(i18n, x.minimumCents ?? 0),
        missing: euros(i18n, (x.minimumCents ?? 0) - (x.totalCents ?? 0)),
      });
    case 'TOO_FEW_PROJECTS':
      return i18n.t('budgets.refused.tooFew', {
        n: x.selectedProjects ?? 0,
        min: x.minimumProjects ?? 0,
      });
    case 'TOO_MANY_PROJECTS':
      return i18n.t('budgets.refused.tooMany', {
        n: x.selectedProjects ?? 0,
        max: x.maximumProjects ?? 0,
      });
    default:
      return i18n.t('budgets.need.any');
  }
}

/** Whether signing in (again) with FranceConnect would help: the API says so with a `signIn` link. */
export const needsFranceConnect = (x: BudgetProblem | null): boolean => Boolean(x?.signIn);

/**
 * A refusal of the vote API, as a sentence next to the action: the rule with
 * its numbers, the envelope, voting closed (the reason and the phase), not
 * eligible (what to do), already voted, the workflow across budgets.
 */
export function refusalText(
  i18n: I18n,
  status: number,
  x: BudgetProblem | null,
  opts: { workflow: Workflow; projectTitle?: string },
): string {
  const code = x?.code;
  if (status === 401 || code === 'SIGN_IN_REQUIRED') return i18n.t('budgets.refused.signIn');
  if (code === 'OVER_ENVELOPE' || code === 'VOTE_RULE_BROKEN') {
    const problems = x?.problems?.length
      ? x.problems
      : [
          {
            code: code === 'OVER_ENVELOPE' ? 'OVER_ENVELOPE' : 'EMPTY',
            message: '',
          } as RuleProblem,
        ];
    const first = problems.find((p) => p.code === 'OVER_ENVELOPE') ?? problems[0];
    const texts = (code === 'OVER_ENVELOPE' ? [first] : problems).map((p) =>
      problemText(i18n, p, x ?? {}),
    );
    if (code === 'OVER_ENVELOPE' && opts.projectTitle)
      return `${i18n.t('budgets.refused.cannotAdd', { title: opts.projectTitle })} ${texts.join(' ')}`;
    return texts.join(' ');
  }
  if (code === 'VOTING_CLOSED') {
    if (x?.reason === 'RESULTS_CONFIRMED') return i18n.t('budgets.refused.confirmed');
    if (x?.reason === 'SPACE_NOT_PUBLISHED') return i18n.t('budgets.refused.notPublished');
    const phase = textIn(x?.phase?.title, i18n.locale);
    return phase
      ? i18n.t('budgets.refused.closedPhase', { phase })
      : i18n.t('budgets.refused.closed');
  }
  if (code === 'ALREADY_VOTED') return i18n.t('budgets.refused.already');
  if (code === 'PROJECT_UNAVAILABLE')
    return opts.projectTitle
      ? i18n.t('budgets.refused.withdrawnOne', { title: opts.projectTitle })
      : i18n.t('budgets.refused.withdrawn');
  if (code === 'WORKFLOW_LIMIT') {
    const raw = x as BudgetProblem & { residence?: string; votedBudgetIds?: string[] };
    if (opts.workflow === 'one') return i18n.t('budgets.refused.workflowOne');
    if (raw.residence) return i18n.t('budgets.refused.residenceFixed', { area: raw.residence });
    if ((raw.votedBudgetIds?.length ?? 0) >= 2) return i18n.t('budgets.refused.twoDone');
    return i18n.t('budgets.refused.secondInDistrict');
  }
  if (code === 'CANCEL_NOT_ALLOWED') return i18n.t('budgets.refused.cancelNotAllowed');
  if (status === 403) {
    if (x?.reason === 'NOT_VERIFIED') return i18n.t('budgets.refused.notVerified');
    if (x?.reason === 'TOO_YOUNG') return i18n.t('budgets.refused.tooYoung');
    if (x?.reason === 'AGE_UNVERIFIABLE') return i18n.t('budgets.refused.ageUnverifiable');
    if (x?.reason === 'NOT_A_MEMBER') return i18n.t('budgets.refused.members');
    return i18n.t('budgets.refused.notAllowed');
  }
  return i18n.t('budgets.refused.other');
}
