import type { AuthorizePolicyJson, AuthorizeResponseJson } from '@palabre/contracts';
import { IDENTITY_HEADER, type InternalIdentity } from '@palabre/auth';
import { BoundedCache } from '@palabre/cache';
import { ServiceUnreachableError, type InternalServices } from '@palabre/service-kit';

/** Spaces' answer to "may this person do this action in this component now?". */
export interface AuthorizeAnswer {
  allowed: boolean;
  /** Empty when allowed; otherwise e.g. PHASE_CLOSED, NOT_VERIFIED, TOO_YOUNG (internal.proto). */
  reason: string;
  message: string;
  phase?: { id: string; title: Record<string, string> };
  spaceId: string;
  componentType: string;
}

/** Who may do an action, as far as who they are goes (membership aside). */
export interface PersonRule {
  verification: 'any' | 'franceconnect';
  /** null: no minimum age. */
  minimumAge: number | null;
}

/**
 * How spaces decides for anyone when membership plays no part (a published
 * space open to all): the phase's answer, then the person's rule.
 */
export interface AuthorizePolicy {
  open: boolean;
  /** When not open: PHASE_CLOSED or ACTION_BLOCKED, its message and phase. */
  reason: string;
  message: string;
  phase?: { id: string; title: Record<string, string> };
  rule: PersonRule;
}

/** `found: false`: spaces does not show this component to this person (its 404). */
export type AuthorizeResult =
  | { found: false }
  | { found: true; answer: AuthorizeAnswer; maxAgeMs: number; policy?: AuthorizePolicy };

type Person = Pick<InternalIdentity, 'userId' | 'signerKey' | 'identified' | 'age'>;

/**
 * Why this person may not act under `rule`, in spaces' order (signed in,
 * verified with FranceConnect, old enough), or null when they may. Spaces'
 * own decision and callers deciding from a policy both use this.
 */
export function personRefusal(
  identity: Person,
  rule: PersonRule,
): { reason: string; message: string } | null {
  if (!identity.userId && !identity.signerKey)
    return { reason: 'SIGN_IN_REQUIRED', message: 'Sign in to take part' };
  if (rule.verification === 'franceconnect' && !identity.identified && !identity.signerKey)
    return {
      reason: 'NOT_VERIFIED',
      message: 'This needs an identity verified with FranceConnect',
    };
  if (rule.minimumAge !== null) {
    // Only a FranceConnect sign-in tells an age (years at sign-in, capped at 18; never a birthdate).
    if (identity.age === undefined)
      return {
        reason: 'AGE_UNVERIFIABLE',
        message: `This is for people aged ${rule.minimumAge} or more: sign in with FranceConnect so that your age can be checked`,
      };
    if (identity.age < rule.minimumAge)
      return {
        reason: 'TOO_YOUNG',
        message: `This is for people aged ${rule.minimumAge} or more`,
      };
  }
  return null;
}

/** Spaces' answer for this person, decided from a policy it gave for someone else. */
export function answerByPolicy(
  identity: Person,
  policy: AuthorizePolicy,
  about: Pick<AuthorizeAnswer, 'spaceId' | 'componentType'>,
): AuthorizeAnswer {
  if (!policy.open)
    return {
      allowed: false,
      reason: policy.reason,
      message: policy.message,
      ...(policy.phase ? { phase: policy.phase } : {}),
      ...about,
    };
  const no = personRefusal(identity, policy.rule);
  return no
    ? { allowed: false, ...no, ...about }
    : { allowed: true, reason: '', message: '', ...about };
}

const policyOf = (p: AuthorizePolicyJson | undefined): AuthorizePolicy | undefined =>
  p && {
    open: p.open === true,
    reason: p.reason ?? '',
    message: p.message ?? '',
    ...(p.phase?.id ? { phase: { id: p.phase.id, title: p.phase.title ?? {} } } : {}),
    rule: {
      verification: p.verification === 'franceconnect' ? 'franceconnect' : 'any',
      minimumAge: p.minimumAge ? p.minimumAge : null,
    },
  };

const DEFAULT_MAX_AGE_MS = 2_000;

/**
 * Asks spaces (proto/palabre/spaces/v1/internal.proto) whether the person
 * behind `token` (the gateway's identity token, forwarded) may do `action` in
 * `componentId`. The answer may be reused for `maxAgeMs`. Throws
 * ServiceUnreachableError when spaces cannot answer (unknown address, network,
 * or anything but 200/404): callers turn it into their own 503.
 */
export async function authorizeInSpaces(
  internal: InternalServices,
  token: string,
  componentId: string,
  action: string,
): Promise<AuthorizeResult> {
  const r = await internal.call<AuthorizeResponseJson>(
    'spaces',
    'POST',
    '/internal/spaces/authorize',
    { headers: { [IDENTITY_HEADER]: token }, body: { componentId, action } },
  );
  if (r.status === 404) return { found: false };
  if (r.status !== 200)
    throw new ServiceUnreachableError('spaces', `authorize answered ${r.status}`);
  const body = r.body;
  const maxAge = /max-age=(\d+)/.exec(String(r.headers['cache-control'] ?? ''));
  const policy = policyOf(body.policy);
  return {
    found: true,
    ...(policy ? { policy } : {}),
    maxAgeMs: maxAge ? Math.min(10_000, Number(maxAge[1]) * 1000) : DEFAULT_MAX_AGE_MS,
    answer: {
      allowed: body.allowed === true,
      reason: body.reason ?? '',
      message: body.message ?? '',
      ...(body.phase?.id ? { phase: { id: body.phase.id, title: body.phase.title ?? {} } } : {}),
      spaceId: body.spaceId ?? '',
      componentType: body.componentType ?? '',
    },
  };
}

const MAX_POLICIES = 10_000;

/**
 * Spaces' authorize API with its policies remembered: when spaces says how it
 * decides for anyone (a published space open to all), the next people are
 * answered here for as long as spaces allows (its Cache-Control, a couple of
 * seconds), without a call each. A voting crowd of distinct people then costs
 * spaces one call per component and action every few seconds, not one per
 * person. `invalidate` forgets a component's (its settings or phase changed).
 */
export class SpacesAuthorizer {
  /**
   * Spaces' last answer per organization, component and action, kept while it
   * holds a policy (an answer for anyone), for as long as spaces allows; an
   * answer without (about this person only) is its asker's alone.
   */
  private readonly policies = new BoundedCache<{ r: AuthorizeResult; until: number }>({
    max: MAX_POLICIES,
    ttlMs: ({ r }) => (r.found && r.policy ? r.maxAgeMs : 0),
  });

  constructor(private readonly internal: InternalServices) {}

  async authorize(
    identity: InternalIdentity,
    token: string,
    componentId: string,
    action: string,
  ): Promise<AuthorizeResult> {
    const key = `${identity.organizationId}|${componentId}|${action}`;
    // One question to spaces at a time per component and action: people arriving
    // meanwhile are answered from its policy when it gives one.
    let asked = false;
    const ask = async () => {
      asked = true;
      const r = await authorizeInSpaces(this.internal, token, componentId, action);
      return { r, until: Date.now() + (r.found ? r.maxAgeMs : 0) };
    };
    let known: { r: AuthorizeResult; until: number };
    try {
      known = await this.policies.fetch(key, ask);
    } catch (error) {
      if (asked) throw error;
      // The question this person waited on failed: they ask their own.
      known = await ask();
      this.policies.set(key, known);
    }
    const { r, until } = known;
    // Another person's answer is always a policy's (only those are shared).
    if (asked || !r.found || !r.policy) return r;
    return {
      found: true,
      maxAgeMs: Math.max(0, until - Date.now()),
      policy: r.policy,
      answer: answerByPolicy(identity, r.policy, {
        spaceId: r.answer.spaceId,
        componentType: r.answer.componentType,
      }),
    };
  }

  invalidate(componentId?: string): void {
    if (!componentId) return this.policies.clear();
    this.policies.deleteWhere((k) => k.includes(`|${componentId}|`));
  }
}
