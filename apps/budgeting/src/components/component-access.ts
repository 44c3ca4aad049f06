import { Inject, Injectable } from '@nestjs/common';
import type { InternalIdentity } from '@palabre/auth';
import { ComponentHost, type Caller, type HostedComponent } from '@palabre/component-host';
import type { BudgetWhoMayVoteView } from '@palabre/contracts';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@palabre/service-kit';
import { BUDGETS, type ComponentSettings } from './component-type';

export { CurrentCaller, type Caller } from '@palabre/component-host';

/** A budgets component as budgeting keeps it (libs/component-host). */
export type Component = HostedComponent<ComponentSettings>;

/**
 * The key of one voter: identity's FranceConnect signer HMAC when the person
 * came through FranceConnect, else their account. Stored in `orders` only.
 */
export function voterKey(identity: InternalIdentity): string | null {
  if (identity.signerKey) return `fc:${identity.signerKey}`;
  if (identity.userId) return `account:${identity.userId}`;
  return null;
}

/** Who may vote (spaces' permission for `vote`); null while budgeting has not been told. */
export function votePermissionOf(c: Component): BudgetWhoMayVoteView | null {
  if (!c.permissions) return null;
  const p = c.permissions.vote;
  return p
    ? { identity: p.verification, minimumAge: p.minimumAge, membersOnly: p.membersOnly }
    : { identity: 'any', minimumAge: null, membersOnly: false };
}

/**
 * Which budgets component a request is about, whether the caller may see it
 * and vote in it: the component host (settings from the local copy, who may
 * vote from spaces' authorize API, cached as spaces says).
 */
@Injectable()
export class ComponentAccess extends ComponentHost<ComponentSettings> {
  constructor(@Inject(SERVICE_RUNTIME) runtime: ServiceRuntime) {
    super(runtime, BUDGETS);
  }

  /** 401 with the FranceConnect link: nobody to vote as. */
  signInRefusal(c: Component, budgetId?: string) {
    return this.refusal({ reason: 'SIGN_IN_REQUIRED', message: 'Sign in to vote' }, c, budgetId);
  }

  /**
   * Throws unless the caller may vote in `c` now (voting phase open, who they
   * are allowed); `budgetId` is where a FranceConnect sign-in brings them
   * back. Returns the voter's key.
   */
  async authorizeVote(caller: Caller, c: Component, budgetId?: string): Promise<string> {
    await this.authorize(caller, c, 'vote', budgetId);
    const key = voterKey(caller.identity);
    if (!key) throw this.signInRefusal(c, budgetId);
    return key;
  }
}
