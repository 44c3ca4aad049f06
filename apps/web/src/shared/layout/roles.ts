import type { Me } from './page-context';

interface Grant {
  role?: unknown;
  spaceId?: unknown;
}

/**
 * May this visitor use the organization's back-office? The same rule as the
 * services' `hasRole(identity, 'org-admin')`: an organization admin, or a
 * platform operator, granted for the whole organization (not one space).
 * The services check again on every call; this only decides what to show.
 */
export function isOrgAdmin(me: Me | null): boolean {
  if (me?.kind !== 'account') return false;
  return me.grants.some((g) => {
    const grant = (g ?? {}) as Grant;
    return (grant.role === 'org-admin' || grant.role === 'platform-operator') && !grant.spaceId;
  });
}

/** Roles that work on a space's proposals (and budgets' projects) in the back-office. */
const STAFF_ROLES = new Set(['space-admin', 'moderator', 'evaluator']);

/**
 * Does this visitor hold a back-office role in some space or in the whole
 * organization (an administrator, or a space admin, moderator or evaluator)?
 * What each page then shows is decided by that page's own rule.
 */
export function isStaffMember(me: Me | null): boolean {
  if (isOrgAdmin(me)) return true;
  if (me?.kind !== 'account') return false;
  return me.grants.some((g) => STAFF_ROLES.has(String(((g ?? {}) as Grant).role)));
}
