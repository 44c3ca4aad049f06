import type { IdentityGrantView } from '@palabre/contracts';
import type { PageContext } from './page-context';

/** The organization's staff by account id, and whether that list is the whole of it. */
export interface StaffNames {
  names: Map<string, string>;
  /** False when the visitor may not read the organization's roles: only their own name is known. */
  complete: boolean;
}

/**
 * The names of the organization's staff by account id, as the users page
 * knows them (identity's grants: display name, else email), for audit trails
 * that record who acted by id. The visitor's own name is always there.
 */
export async function staffNames(ctx: PageContext): Promise<StaffNames> {
  const r = await ctx.api.get<IdentityGrantView[]>('/api/identity/grants', { fresh: true });
  const names = new Map<string, string>();
  const complete = r.status === 200;
  if (complete) for (const g of r.body) names.set(g.userId, g.displayName ?? g.email ?? g.userId);
  if (ctx.me?.kind === 'account') names.set(ctx.me.id, ctx.me.displayName ?? ctx.me.email);
  return { names, complete };
}

/**
 * Who acted, for an audit trail: their name; "a former member" when the
 * account is gone (null) or no longer holds a role; "a team member" when the
 * visitor may not read the roles, rather than an id nobody can read.
 */
export function staffName(ctx: PageContext, staff: StaffNames, id: string | null): string {
  const name = id === null ? undefined : staff.names.get(id);
  if (name) return name;
  return ctx.t(id === null || staff.complete ? 'admin.staff.former' : 'admin.staff.member');
}
