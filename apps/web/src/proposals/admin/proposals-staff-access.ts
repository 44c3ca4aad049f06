import type { FastifyReply } from 'fastify';
import type { PageRequest } from '../../shared/layout/http';
import { isOrgAdmin } from '../../shared/layout/roles';
import { PageContext, type Me } from '../../shared/layout/page-context';
import { refuseStaff } from '../../shared/layout/admin-access';

interface Grant {
  role?: unknown;
  spaceId?: unknown;
}

/** What this visitor may do with a space's proposals: the roles the proposals service checks. */
export interface StaffRoles {
  /** Organization admin, platform operator or admin of the space: evaluation, official entries, evaluators. */
  admin: boolean;
  /** Moderates the space (its admins do too): the queue, hiding and restoring. */
  moderator: boolean;
  /** The organization's moderators (and admins) may also block an author. */
  orgModerator: boolean;
  /** Answers the proposals assigned to them. */
  evaluator: boolean;
}

const grantsOf = (me: Me | null): Grant[] =>
  me?.kind === 'account' ? me.grants.map((g) => (g ?? {}) as Grant) : [];

/**
 * The same rule as the services' `hasRole(identity, role, spaceId)`: a grant
 * of the role for this space or for the whole organization; organization
 * admins and platform operators hold every role. The services check again.
 */
export function staffRoles(me: Me | null, spaceId: string | null): StaffRoles {
  const grants = grantsOf(me);
  const has = (role: string, orgWide = false) =>
    isOrgAdmin(me) ||
    grants.some(
      (g) =>
        g.role === role && (!g.spaceId || (!orgWide && spaceId !== null && g.spaceId === spaceId)),
    );
  const admin = has('space-admin');
  return {
    admin,
    moderator: admin || has('moderator'),
    orgModerator: has('moderator', true),
    evaluator: has('evaluator'),
  };
}

export const isStaff = (r: StaffRoles) => r.admin || r.moderator || r.evaluator;

/** The spaces where this visitor holds a proposals role by a space-scoped grant; null: every space. */
export function staffSpaces(me: Me | null): string[] | null {
  const grants = grantsOf(me);
  if (
    isOrgAdmin(me) ||
    grants.some(
      (g) => ['space-admin', 'moderator', 'evaluator'].includes(String(g.role)) && !g.spaceId,
    )
  )
    return null;
  return [
    ...new Set(
      grants
        .filter(
          (g) =>
            ['space-admin', 'moderator', 'evaluator'].includes(String(g.role)) &&
            typeof g.spaceId === 'string',
        )
        .map((g) => g.spaceId as string),
    ),
  ];
}

/**
 * The page context of a proposals back-office page and the visitor's roles,
 * or null when the answer is already sent: sign-in (and back) without an
 * account, a 403 that says why for an account without a role in the space.
 */
export async function proposalsStaffContext(
  req: PageRequest,
  res: FastifyReply,
  gatewayUrl: string | undefined,
  spaceId: string | null,
  need: (r: StaffRoles, me: Me | null) => boolean = isStaff,
): Promise<{ ctx: PageContext; roles: StaffRoles } | null> {
  const ctx = await PageContext.load(req, res, gatewayUrl);
  const roles = staffRoles(ctx.me, spaceId);
  if (ctx.me?.kind === 'account' && need(roles, ctx.me)) return { ctx, roles };
  const returnTo = req.method === 'GET' ? req.url : '/admin/proposals';
  refuseStaff(ctx, res, returnTo, {
    reason: (name) => ctx.t('proposalsAdmin.forbidden', { name }),
    elsewhere: { href: '/spaces', label: ctx.t('spacesAdmin.forbiddenPublic') },
  });
  return null;
}
