import type { Me } from '../layout/page-context';

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
