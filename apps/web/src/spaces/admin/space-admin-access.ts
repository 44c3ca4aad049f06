import type { FastifyReply } from 'fastify';
import type { PageRequest } from '../../shared/layout/http';
import { isOrgAdmin } from '../../shared/layout/roles';
import type { Me } from '../../shared/layout/page-context';
import { PageContext } from '../../shared/layout/page-context';
import { refuseStaff } from '../../shared/layout/admin-access';

interface Grant {
  role?: unknown;
  spaceId?: unknown;
}

/** The spaces this visitor administers by a space-scoped grant (organization admins administer all). */
export function administeredSpaces(me: Me | null): string[] {
  if (me?.kind !== 'account') return [];
  return me.grants
    .map((g) => (g ?? {}) as Grant)
    .filter((g) => g.role === 'space-admin' && typeof g.spaceId === 'string')
    .map((g) => g.spaceId as string);
}

/**
 * May this visitor use the spaces back-office (for `spaceId`, when given)?
 * Organization admins for every space, space admins for theirs: the same rule
 * as the spaces service's `hasRole(identity, 'space-admin', spaceId)`, which
 * checks again on every call.
 */
export function maySpaceAdmin(me: Me | null, spaceId?: string): boolean {
  if (isOrgAdmin(me)) return true;
  const mine = administeredSpaces(me);
  return spaceId ? mine.includes(spaceId) : mine.length > 0;
}

/**
 * The page context of a spaces back-office page, or null when the answer is
 * already sent: sign-in (and back) for a visitor without an account, a 403
 * that says why for an account without the role.
 */
export async function spaceAdminContext(
  req: PageRequest,
  res: FastifyReply,
  gatewayUrl: string | undefined,
  opts: { back?: string; spaceId?: string; orgOnly?: boolean } = {},
): Promise<PageContext | null> {
  const ctx = await PageContext.load(req, res, gatewayUrl);
  if (opts.orgOnly ? isOrgAdmin(ctx.me) : maySpaceAdmin(ctx.me, opts.spaceId)) return ctx;
  const returnTo = opts.back ?? (req.method === 'GET' ? req.url : '/admin/spaces');
  refuseStaff(ctx, res, returnTo, {
    reason: (name) => ctx.t('spacesAdmin.forbidden', { name }),
    elsewhere: { href: '/spaces', label: ctx.t('spacesAdmin.forbiddenPublic') },
  });
  return null;
}
