import type { InternalIdentity } from '@palabre/auth';
import { personRefusal, type AuthorizePolicy, type PersonRule } from '@palabre/component-host';
import type { ActionDef, ComponentTypeDef } from '../component-types/component-type';
import {
  ANYONE,
  type ComponentContext,
  type PermissionRule,
} from '../components/components.repository';
import { effectiveOf } from '../components/effective-settings';
import { isStaff } from '../spaces/space.view';

export type Refusal =
  | 'SPACE_NOT_PUBLISHED'
  | 'COMPONENT_TYPE_UNAVAILABLE'
  | 'PHASE_CLOSED'
  | 'ACTION_BLOCKED'
  | 'SIGN_IN_REQUIRED'
  | 'NOT_VERIFIED'
  | 'AGE_UNVERIFIABLE'
  | 'TOO_YOUNG'
  | 'NOT_A_MEMBER';

export interface Decision {
  allowed: boolean;
  reason?: Refusal;
  message?: string;
  phase?: { id: string; title: Record<string, string> };
}

/** The part of a permission that is about who the person is (membership aside). */
export const personRule = (rule: PermissionRule): PersonRule => ({
  verification: rule.verification === 'franceconnect' ? 'franceconnect' : 'any',
  minimumAge: rule.minimumAge,
});

/**
 * How `decide` answers anyone, when membership plays no part: a published
 * space open to all, a permission without membership. Null otherwise (then
 * each person is asked about).
 */
export function policyOf(
  ctx: ComponentContext,
  type: ComponentTypeDef | null,
  action: ActionDef | undefined,
): AuthorizePolicy | null {
  const rule: PermissionRule = ctx.permissions[action?.name ?? ''] ?? ANYONE;
  // A private space (transparent or not) asks for membership; so may the permission.
  if (ctx.space.state !== 'published' || ctx.space.private || !type || !action || rule.membersOnly)
    return null;
  const gate = phaseGate(ctx, type, action);
  return {
    open: gate.allowed,
    reason: gate.reason ?? '',
    message: gate.message ?? '',
    ...(gate.phase ? { phase: gate.phase } : {}),
    rule: personRule(rule),
  };
}

/** Whether the phase in force lets the action happen at all, whoever asks. */
export function phaseGate(
  ctx: ComponentContext,
  type: ComponentTypeDef,
  action: ActionDef,
): Decision {
  const { phase } = effectiveOf(type, ctx.component, ctx.phase, ctx.phaseValues);
  const where = ctx.phase
    ? { phase: { id: ctx.phase.id, title: ctx.phase.title } }
    : ({} as Record<string, never>);
  const named = ctx.phase
    ? ` in the phase "${ctx.phase.title.en || ctx.phase.title.fr || ctx.phase.position + 1}"`
    : '';
  const dates =
    ctx.phase?.timing === 'ended'
      ? `: it ended on ${ctx.phase.endsOn}`
      : ctx.phase?.timing === 'upcoming'
        ? `: it starts on ${ctx.phase.startsOn}`
        : '';
  if (action.enabledBy && phase[action.enabledBy] !== true)
    return {
      allowed: false,
      reason: 'PHASE_CLOSED',
      message: `"${action.name}" is not open${named}${dates}`,
      ...where,
    };
  if (action.blockedBy && phase[action.blockedBy] === true)
    return {
      allowed: false,
      reason: 'ACTION_BLOCKED',
      message: `"${action.name}" is closed${named}`,
      ...where,
    };
  return { allowed: true };
}

/**
 * May this person do `action` in this component now? In the order a person
 * can act on: the space must be published, the phase must open the action,
 * then who they are must fit the action's permission (signed in, verified
 * with FranceConnect, old enough, a member of a private space). Phase
 * switches and permissions are separate on purpose: opening votes in a
 * phase does not change who may vote.
 */
export function decide(
  identity: InternalIdentity,
  ctx: ComponentContext,
  type: ComponentTypeDef | null,
  action: ActionDef | undefined,
  member: boolean,
): Decision {
  if (ctx.space.state !== 'published')
    return {
      allowed: false,
      reason: 'SPACE_NOT_PUBLISHED',
      message: 'This space is not published yet',
    };
  if (!type || !action)
    return {
      allowed: false,
      reason: 'COMPONENT_TYPE_UNAVAILABLE',
      message: `Components of type ${ctx.component.type} are not available on this platform now`,
    };
  const gate = phaseGate(ctx, type, action);
  if (!gate.allowed) return gate;
  const rule: PermissionRule = ctx.permissions[action.name] ?? ANYONE;
  const no = personRefusal(identity, personRule(rule));
  if (no) return { allowed: false, reason: no.reason as Refusal, message: no.message };
  if ((ctx.space.private || rule.membersOnly) && !member && !isStaff(identity, ctx.space.id))
    return {
      allowed: false,
      reason: 'NOT_A_MEMBER',
      message: 'Only members of this space may do this',
    };
  return { allowed: true };
}
