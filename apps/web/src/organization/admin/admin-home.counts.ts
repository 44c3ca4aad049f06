import type { PetitionCountsByStateView, ProposalsStaffSummaryView } from '@palabre/contracts';
import type { I18n, MessageKey } from '../../shared/i18n/i18n';
import type { PageContext } from '../../shared/layout/page-context';
import { isOrgAdmin, isStaffMember } from '../../shared/layout/roles';

/** One count of the back-office home: what waits, and the list where one acts on it. */
export interface AdminCount {
  /** `_one` / `_other` messages with {count}. */
  label: Parameters<I18n['plural']>[0];
  /** What the count is about, for "nothing to do" and "unavailable". */
  what: MessageKey;
  href: string;
  /** Null: the service did not answer; the home says so rather than failing. */
  count: number | null;
}

type Source = Promise<AdminCount[]>;

/** A service's answer, or null when it did not give one (down, refused, timed out). */
async function read<T>(ctx: PageContext, path: string): Promise<T | null> {
  try {
    const r = await ctx.api.get<T>(path, { fresh: true });
    return r.status === 200 ? r.body : null;
  } catch {
    return null;
  }
}

function petitions(ctx: PageContext): Source {
  return read<PetitionCountsByStateView>(ctx, '/api/petitions/counts').then((r) => [
    {
      label: 'admin.todo.petitions',
      what: 'admin.todo.petitions.what',
      href: '/admin/petitions?state=submitted',
      count: r ? r.states.submitted : null,
    },
  ]);
}

/** Where one acts on a proposals count: the one component it is in, or the list of them. */
function proposalsHref(
  r: ProposalsStaffSummaryView,
  key: 'toModerate' | 'toAnswer',
  page: string,
): string {
  const waiting = r.components.filter((c) => (c[key] ?? 0) > 0);
  const only = waiting.length === 1 ? waiting[0] : null;
  return only
    ? `/admin/spaces/${only.spaceId}/proposals/${only.componentId}${page}`
    : '/admin/proposals';
}

async function proposals(ctx: PageContext): Source {
  const r = await read<ProposalsStaffSummaryView>(ctx, '/api/proposals/staff/summary');
  if (!r)
    return [
      {
        label: 'admin.todo.reports',
        what: 'admin.todo.proposals.what',
        href: '/admin/proposals',
        count: null,
      },
    ];
  const counts: AdminCount[] = [];
  if (r.toModerate !== null)
    counts.push({
      label: 'admin.todo.reports',
      what: 'admin.todo.reports.what',
      href: proposalsHref(r, 'toModerate', '/moderation'),
      count: r.toModerate,
    });
  if (r.toAnswer !== null)
    counts.push({
      label: 'admin.todo.answers',
      what: 'admin.todo.answers.what',
      href: proposalsHref(r, 'toAnswer', ''),
      count: r.toAnswer,
    });
  return counts;
}

/**
 * What waits for this person, asked of each service at once and only for
 * what their roles open: petitions to review (organization admins), content
 * to moderate (moderators), proposals to answer (space admins, evaluators).
 * A service that does not answer makes its count unavailable, not the page.
 */
export async function adminCounts(ctx: PageContext): Promise<AdminCount[]> {
  const sources: Source[] = [];
  if (isOrgAdmin(ctx.me)) sources.push(petitions(ctx));
  if (isStaffMember(ctx.me)) sources.push(proposals(ctx));
  return (await Promise.all(sources)).flat();
}
