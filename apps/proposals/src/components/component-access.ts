import { createParamDecorator, Injectable, type ExecutionContext } from '@nestjs/common';
import { hasRole, IDENTITY_HEADER, type InternalIdentity } from '@palabre/auth';
import { BoundedCache } from '@palabre/cache';
import { ProposalError, proposalException } from '../proposals.exception';
import { ACTION_SWITCHES, COMPONENT_TYPE, type Action } from './component-type';
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

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LOCAL_TTL_MS = 1_000;
const MAX_ENTRIES = 20_000;

const componentNotFound = () =>
  proposalException(ProposalError.ComponentNotFound, 'No such proposals component');

function phaseName(phase: { title: Record<string, string> } | undefined | null): string {
  return phase ? phase.title.en || phase.title.fr || Object.values(phase.title)[0] || '' : '';
}

/** Spaces' refusal as this service's error: 401, 409 (the phase, named) or 403. */
function refusal(a: Pick<AuthorizeAnswer, 'reason' | 'message' | 'phase'>) {
  const extra = { reason: a.reason, ...(a.phase ? { phase: a.phase } : {}) };
  switch (a.reason) {
    case 'SIGN_IN_REQUIRED':
      return proposalException(ProposalError.SignIn, a.message || 'Sign in to take part', extra);
    case 'PHASE_CLOSED':
    case 'ACTION_BLOCKED':
    case 'SPACE_NOT_PUBLISHED':
    case 'COMPONENT_TYPE_UNAVAILABLE':
      return proposalException(ProposalError.ActionClosed, a.message, extra);
    default:
      return proposalException(ProposalError.NotAllowed, a.message || 'Not allowed', extra);
  }
}

/**
 * Which proposals component a request is about, and whether the caller may
 * see it and act in it. Settings come from the local copy (no call per
 * request); who may act comes from spaces' authorize API, cached for as
 * long as spaces says (a couple of seconds) per person, component and action.
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

  /** Embedded demo content hooks here: a component spaces just vouched for (see DemoContentConsumer). */
  onLearn?: (organizationId: string, spaceId: string, componentId: string) => Promise<void>;

  constructor(
    private readonly components: ComponentsRepository,
    private readonly spaces: SpacesClient,
  ) {}

  /** Forget the cached copy of a component (its settings just changed). */
  invalidate(componentId?: string): void {
    this.spaces.invalidate(componentId);
    if (!componentId) return this.local.clear();
    this.local.deleteWhere((k) => k.endsWith(componentId));
  }

  private find(organizationId: string, componentId: string): Promise<Component | null> {
    return this.local.fetch(`${organizationId}|${componentId}`, () =>
      this.components.find(organizationId, componentId),
    );
  }

  private ask(caller: Caller, componentId: string, action: Action): Promise<AuthorizeResult> {
    const i = caller.identity;
    const who = i.userId ? `u:${i.userId}` : i.signerKey ? `s:${i.signerKey}` : 'anonymous';
    return this.answers.fetch(`${i.organizationId}|${who}|${componentId}|${action}`, () =>
      this.spaces.authorize(caller.identity, caller.token, componentId, action),
    );
  }

  /** A proposals component the caller may see; 404 otherwise (whatever the reason). */
  async visible(caller: Caller, componentId: string): Promise<Component> {
    if (!UUID.test(componentId)) throw componentNotFound();
    const org = caller.identity.organizationId;
    let c = await this.find(org, componentId);
    if (!(await this.spaces.available())) {
      if (!c) throw componentNotFound();
      return c;
    }
    // "report" has no phase switch: the answer is about the person and the space only.
    const r = await this.ask(caller, componentId, 'report');
    if (!r.found || r.answer.componentType !== COMPONENT_TYPE) throw componentNotFound();
    if (!c) {
      await this.components.learn(org, componentId, r.answer.spaceId);
      await this.onLearn?.(org, r.answer.spaceId, componentId);
      this.local.delete(`${org}|${componentId}`);
      c = await this.find(org, componentId);
      if (!c) throw componentNotFound();
    }
    return c;
  }

  /** Throws unless the caller (an account) may do `action` in `c` now. */
  async authorize(caller: Caller, c: Component, action: Action): Promise<void> {
    const identity = caller.identity;
    if (!identity.userId)
      throw proposalException(ProposalError.SignIn, 'Sign in with an account to take part', {
        reason: 'SIGN_IN_REQUIRED',
      });
    if (await this.spaces.available()) {
      const r = await this.ask(caller, c.id, action);
      if (!r.found) throw componentNotFound();
      if (!r.answer.allowed) throw refusal(r.answer);
    } else {
      // No spaces in this deployment (a service run alone without SERVICE_URL_SPACES,
      // the benchmark): the phase switches of the local copy decide.
      const sw = ACTION_SWITCHES[action];
      const phase = c.activePhase ?? undefined;
      const named = phase ? ` in the phase "${phaseName(phase)}"` : '';
      if (sw.enabledBy && c.settings.raw[sw.enabledBy] !== true)
        throw refusal({
          reason: 'PHASE_CLOSED',
          message: `"${action}" is not open${named}`,
          phase,
        });
      if (sw.blockedBy && c.settings.raw[sw.blockedBy] === true)
        throw refusal({
          reason: 'ACTION_BLOCKED',
          message: `"${action}" is closed${named}`,
          phase,
        });
    }
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

  isAdmin(identity: InternalIdentity, c: Component): boolean {
    return hasRole(identity, 'space-admin', c.spaceId);
  }

  isModerator(identity: InternalIdentity, c: Component): boolean {
    return hasRole(identity, 'moderator', c.spaceId) || this.isAdmin(identity, c);
  }

  isEvaluator(identity: InternalIdentity, c: Component): boolean {
    return hasRole(identity, 'evaluator', c.spaceId);
  }

  requireAdmin(identity: InternalIdentity, c: Component): void {
    if (!this.isAdmin(identity, c))
      throw proposalException(
        ProposalError.NotAllowed,
        'Only administrators of this space may do this',
      );
  }

  requireModerator(identity: InternalIdentity, c: Component): void {
    if (!this.isModerator(identity, c))
      throw proposalException(
        ProposalError.NotAllowed,
        'Only moderators of this space may do this',
      );
  }
}
