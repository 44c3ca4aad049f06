import { createParamDecorator, Injectable, type ExecutionContext } from '@nestjs/common';
import { hasRole, IDENTITY_HEADER, type InternalIdentity } from '@palabre/auth';
import { BoundedCache } from '@palabre/cache';
import { BudgetingError, budgetingException, signInPath, UUID } from '../budgeting.exception';
import { COMPONENT_TYPE } from './component-type';
import { ComponentsRepository, type Component } from './components.repository';
import { SpacesClient, type AuthorizeAnswer, type AuthorizeResult } from './spaces.client';

/** Who calls, and the gateway's token to forward to spaces on their behalf. */
export interface Caller {
  identity: InternalIdentity;
  token: string;
}

export const CurrentCaller = createParamDecorator((_: unknown, ctx: ExecutionContext): Caller => {
  const req = ctx
    .switchToHttp()
    .getRequest<{ identity: InternalIdentity; headers: Record<string, string> }>();
  return { identity: req.identity, token: req.headers[IDENTITY_HEADER] };
});

/**
 * The key of one voter: identity's FranceConnect signer HMAC when the person
 * came through FranceConnect, else their account. Stored in `orders` only.
 */
export function voterKey(identity: InternalIdentity): string | null {
  if (identity.signerKey) return `fc:${identity.signerKey}`;
  if (identity.userId) return `account:${identity.userId}`;
  return null;
}

const LOCAL_TTL_MS = 1_000;
const MAX_ENTRIES = 50_000;

const componentNotFound = () =>
  budgetingException(BudgetingError.ComponentNotFound, 'No such budgets component');

/** Refusals that signing in (again) with FranceConnect, as a signer, would lift. */
const FRANCECONNECT_HELPS = new Set(['SIGN_IN_REQUIRED', 'NOT_VERIFIED', 'AGE_UNVERIFIABLE']);

/**
 * Spaces' refusal as this service's error: 401, 409 (voting closed, with the
 * phase in force when there is one) or 403; `signIn` links to FranceConnect
 * when signing in would help, back to the component's (or budget's) page.
 */
function refusal(
  a: Pick<AuthorizeAnswer, 'reason' | 'message' | 'phase'>,
  where: { c: Component; budgetId?: string },
) {
  const extra = {
    reason: a.reason,
    ...(a.phase ? { phase: a.phase } : {}),
    ...(FRANCECONNECT_HELPS.has(a.reason) ? { signIn: signInPath(where.c, where.budgetId) } : {}),
  };
  switch (a.reason) {
    case 'SIGN_IN_REQUIRED':
      return budgetingException(BudgetingError.SignIn, a.message || 'Sign in to vote', extra);
    case 'PHASE_CLOSED':
    case 'ACTION_BLOCKED':
    case 'SPACE_NOT_PUBLISHED':
    case 'COMPONENT_TYPE_UNAVAILABLE':
      return budgetingException(
        BudgetingError.VotingClosed,
        a.message ? `Voting is closed: ${a.message}` : 'Voting is closed',
        extra,
      );
    default:
      return budgetingException(BudgetingError.NotAllowed, a.message || 'Not allowed', extra);
  }
}

/** 401 with the FranceConnect link: nobody to vote as. */
export function signInRefusal(c: Component, budgetId?: string) {
  return refusal({ reason: 'SIGN_IN_REQUIRED', message: 'Sign in to vote' }, { c, budgetId });
}

/**
 * Which budgets component a request is about, whether the caller may see it
 * and vote in it. Settings come from the local copy (no call per request);
 * who may vote comes from spaces' authorize API, cached for as long as
 * spaces says (a couple of seconds) per person and component.
 */
@Injectable()
export class ComponentAccess {
  private readonly local = new BoundedCache<Component | null>({
    max: MAX_ENTRIES,
    ttlMs: LOCAL_TTL_MS,
  });
  private readonly answers = new BoundedCache<AuthorizeResult>({
    max: MAX_ENTRIES,
    ttlMs: (r) => (r.found ? r.maxAgeMs : 2_000),
  });

  constructor(
    private readonly components: ComponentsRepository,
    private readonly spaces: SpacesClient,
  ) {}

  /**
   * Forget the cached copy of a component and spaces' answers about it (its
   * settings just changed: a phase switch must not be answered from before it).
   */
  invalidate(componentId?: string): void {
    this.spaces.invalidate(componentId);
    if (!componentId) {
      this.local.clear();
      return this.answers.clear();
    }
    const about = (k: string) => k.endsWith(componentId);
    this.local.deleteWhere(about);
    this.answers.deleteWhere(about);
  }

  find(organizationId: string, componentId: string): Promise<Component | null> {
    return this.local.fetch(`${organizationId}|${componentId}`, () =>
      this.components.find(organizationId, componentId),
    );
  }

  private ask(caller: Caller, componentId: string): Promise<AuthorizeResult> {
    const i = caller.identity;
    const who = voterKey(i) ?? 'anonymous';
    const staff = i.grants.length ? `|${JSON.stringify(i.grants)}` : '';
    return this.answers.fetch(`${i.organizationId}|${who}${staff}|${componentId}`, () =>
      this.spaces.authorize(caller.identity, caller.token, componentId, 'vote'),
    );
  }

  /**
   * A budgets component the caller may see; 404 otherwise (whatever the
   * reason: unknown, private space, not published and not its admin).
   */
  async visible(caller: Caller, componentId: string): Promise<Component> {
    if (!UUID.test(componentId)) throw componentNotFound();
    const org = caller.identity.organizationId;
    let c = await this.find(org, componentId);
    if (!this.spaces.remote) {
      if (!c) throw componentNotFound();
      return c;
    }
    const r = await this.ask(caller, componentId);
    if (!r.found || r.answer.componentType !== COMPONENT_TYPE) throw componentNotFound();
    if (r.answer.reason === 'SPACE_NOT_PUBLISHED' && !(c && this.isAdmin(caller.identity, c)))
      throw componentNotFound();
    if (!c) {
      await this.components.learn(org, componentId, r.answer.spaceId);
      this.local.delete(`${org}|${componentId}`);
      c = await this.find(org, componentId);
      if (!c) throw componentNotFound();
    }
    return c;
  }

  /** The component for an administrator's write (the caller's role is checked here). */
  async administered(caller: Caller, componentId: string): Promise<Component> {
    if (!UUID.test(componentId)) throw componentNotFound();
    let c = await this.find(caller.identity.organizationId, componentId);
    if (!c && this.spaces.remote) c = await this.visible(caller, componentId);
    if (!c) throw componentNotFound();
    this.requireAdmin(caller.identity, c);
    return c;
  }

  /**
   * Throws unless the caller may vote in `c` now (voting phase open, who they
   * are allowed); `budgetId` is where a FranceConnect sign-in brings them back.
   */
  async authorizeVote(caller: Caller, c: Component, budgetId?: string): Promise<string> {
    const identity = caller.identity;
    const key = voterKey(identity);
    const where = { c, budgetId };
    if (this.spaces.remote) {
      const r = await this.ask(caller, c.id);
      if (!r.found) throw componentNotFound();
      if (!r.answer.allowed) throw refusal(r.answer, where);
    } else {
      // No spaces to ask: the phase switch and the permission of the local copy
      // (FranceConnect, the strictest, while the permission is unknown).
      if (!c.settings.votesEnabled)
        throw refusal(
          {
            reason: 'PHASE_CLOSED',
            message: `"vote" is not open${c.activePhaseId ? ' in the current phase' : ''}`,
            ...(c.activePhaseId ? { phase: { id: c.activePhaseId, title: {} } } : {}),
          },
          where,
        );
      if (!key) throw signInRefusal(c, budgetId);
      const needs = c.votePermission ?? { identity: 'franceconnect', minimumAge: null };
      if (needs.identity === 'franceconnect' && !identity.signerKey && !identity.identified)
        throw refusal(
          {
            reason: 'NOT_VERIFIED',
            message: 'Voting needs an identity verified with FranceConnect',
          },
          where,
        );
      if (needs.minimumAge !== null && (identity.age ?? -1) < needs.minimumAge)
        throw refusal(
          identity.age === undefined
            ? {
                reason: 'AGE_UNVERIFIABLE',
                message: `Voting is for people aged ${needs.minimumAge} or more: sign in with FranceConnect so that your age can be checked`,
              }
            : {
                reason: 'TOO_YOUNG',
                message: `Voting is for people aged ${needs.minimumAge} or more`,
              },
          where,
        );
    }
    if (!key) throw signInRefusal(c, budgetId);
    return key;
  }

  isAdmin(identity: InternalIdentity, c: Component): boolean {
    return hasRole(identity, 'space-admin', c.spaceId);
  }

  requireAdmin(identity: InternalIdentity, c: Component): void {
    if (!this.isAdmin(identity, c))
      throw budgetingException(
        BudgetingError.NotAllowed,
        'Only administrators of this space may do this',
      );
  }
}
