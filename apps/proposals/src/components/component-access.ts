import { Inject, Injectable } from '@nestjs/common';
import type { InternalIdentity } from '@palabre/auth';
import { ComponentHost, type Caller, type HostedComponent } from '@palabre/component-host';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@palabre/service-kit';
import { ProposalError, proposalException } from '../proposals.exception';
import { PROPOSALS, type Action, type ComponentSettings } from './component-type';

export { CurrentCaller, UUID, type Caller } from '@palabre/component-host';

/** A proposals component as this service keeps it (libs/component-host). */
export type Component = HostedComponent<ComponentSettings>;

/**
 * Which proposals component a request is about, and whether the caller may
 * see it and act in it: the component host, plus what proposals adds (an
 * account to act, the component's minimum age, moderators and evaluators).
 */
@Injectable()
export class ComponentAccess extends ComponentHost<ComponentSettings> {
  constructor(@Inject(SERVICE_RUNTIME) runtime: ServiceRuntime) {
    super(runtime, PROPOSALS);
  }

  /** Throws unless the caller (an account) may do `action` in `c` now. */
  override async authorize(caller: Caller, c: Component, action: Action): Promise<void> {
    const identity = caller.identity;
    if (!identity.userId)
      throw proposalException(ProposalError.SignIn, 'Sign in with an account to take part', {
        reason: 'SIGN_IN_REQUIRED',
      });
    await super.authorize(caller, c, action);
    const minimumAge = c.settings.minimumAge;
    if ((action === 'create' || action === 'vote') && minimumAge > 0) {
      // Only a FranceConnect sign-in tells an age (capped at 18); without one, refuse rather than guess.
      if (identity.age === undefined)
        throw proposalException(
          ProposalError.NotAllowed,
          `This is for people aged ${minimumAge} or more: sign in with FranceConnect so that your age can be checked`,
          { reason: 'AGE_UNVERIFIABLE' },
        );
      if (identity.age < minimumAge)
        throw proposalException(
          ProposalError.NotAllowed,
          `This is for people aged ${minimumAge} or more`,
          { reason: 'TOO_YOUNG' },
        );
    }
  }

  isModerator(identity: InternalIdentity, c: Component): boolean {
    return this.hasRole(identity, c, 'moderator') || this.isAdmin(identity, c);
  }

  isEvaluator(identity: InternalIdentity, c: Component): boolean {
    return this.hasRole(identity, c, 'evaluator');
  }

  requireModerator(identity: InternalIdentity, c: Component): void {
    if (!this.isModerator(identity, c))
      throw proposalException(
        ProposalError.NotAllowed,
        'Only moderators of this space may do this',
      );
  }
}
