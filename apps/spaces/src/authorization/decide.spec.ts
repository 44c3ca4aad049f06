import type { InternalIdentity } from '@palabre/auth';
import type { ComponentTypeDef } from '../component-types/component-type';
import type { ComponentContext } from '../components/components.repository';
import { answerByPolicy } from '@palabre/component-host';
import { decide, policyOf } from './decide';

const type: ComponentTypeDef = {
  type: 'proposals',
  service: 'proposals',
  version: 1,
  organizationId: null,
  name: {},
  globalSettings: [],
  phaseSettings: [{ name: 'votes_enabled', type: 'boolean', default: false, label: {} }],
  actions: [{ name: 'vote', label: {}, enabledBy: 'votes_enabled' }],
};
const vote = type.actions[0];
const org = '00000000-0000-4000-8000-000000000001';
const spaceId = '00000000-0000-4000-8000-000000000002';

const context = (over: Partial<ComponentContext> = {}): ComponentContext => ({
  component: {
    id: 'c',
    organization_id: org,
    space_id: spaceId,
    type: 'proposals',
    name: {},
    position: 0,
    settings: {},
    default_phase_settings: {},
    created_at: new Date(),
    updated_at: new Date(),
  },
  space: { id: spaceId, state: 'published', private: false, transparent: false, kind: 'process' },
  phase: {
    id: 'p4',
    title: { en: 'Vote' },
    position: 3,
    startsOn: '2026-09-01',
    endsOn: '2026-10-15',
    timing: 'current',
  },
  phaseValues: { votes_enabled: true },
  permissions: {},
  ...over,
});
const person: InternalIdentity = { organizationId: org, userId: 'u', grants: [] };

describe('decide', () => {
  it('checks the phase before the person, so nobody is sent to sign in for nothing', () => {
    const closed = context({ phaseValues: {} });
    expect(decide({ organizationId: org, grants: [] }, closed, type, vote, false)).toMatchObject({
      allowed: false,
      reason: 'PHASE_CLOSED',
      phase: { id: 'p4', title: { en: 'Vote' } },
    });
    expect(decide({ organizationId: org, grants: [] }, context(), type, vote, false).reason).toBe(
      'SIGN_IN_REQUIRED',
    );
  });

  it('never opens an action in an active phase outside its dates, and says when it ended or starts', () => {
    const phase = context().phase as NonNullable<ComponentContext['phase']>;
    const ended = context({ phase: { ...phase, timing: 'ended' } });
    expect(decide(person, ended, type, vote, false)).toMatchObject({
      allowed: false,
      reason: 'PHASE_CLOSED',
      message: '"vote" is not open in the phase "Vote": it ended on 2026-10-15',
    });
    expect(policyOf(ended, type, vote)).toMatchObject({ open: false, reason: 'PHASE_CLOSED' });
    const upcoming = context({ phase: { ...phase, timing: 'upcoming' } });
    expect(decide(person, upcoming, type, vote, false).message).toBe(
      '"vote" is not open in the phase "Vote": it starts on 2026-09-01',
    );
    expect(decide(person, context(), type, vote, false).allowed).toBe(true);
  });

  it('lets members, and only them, act in a private space; the space staff count as members', () => {
    const priv = context({ space: { ...context().space, private: true } });
    expect(decide(person, priv, type, vote, false).reason).toBe('NOT_A_MEMBER');
    expect(decide(person, priv, type, vote, true).allowed).toBe(true);
    const moderator = { ...person, grants: [{ role: 'moderator' as const, spaceId }] };
    expect(decide(moderator, priv, type, vote, false).allowed).toBe(true);
  });

  it('accepts FranceConnect signers and identified accounts where verification is required', () => {
    const fc = context({
      permissions: {
        vote: { verification: 'franceconnect', minimumAge: null, membersOnly: false },
      },
    });
    expect(decide(person, fc, type, vote, false).reason).toBe('NOT_VERIFIED');
    expect(decide({ ...person, identified: true }, fc, type, vote, false).allowed).toBe(true);
    expect(
      decide({ organizationId: org, signerKey: 'k', grants: [] }, fc, type, vote, false).allowed,
    ).toBe(true);
  });
});

describe('policyOf (callers deciding for other people)', () => {
  const rules = [
    { verification: 'none', minimumAge: null, membersOnly: false },
    { verification: 'franceconnect', minimumAge: null, membersOnly: false },
    { verification: 'none', minimumAge: 16, membersOnly: false },
    { verification: 'franceconnect', minimumAge: 18, membersOnly: false },
  ] as const;
  const people: InternalIdentity[] = [
    { organizationId: org, grants: [] },
    person,
    { ...person, identified: true },
    { organizationId: org, signerKey: 'k', age: 15, grants: [] },
    { organizationId: org, signerKey: 'k', age: 16, grants: [] },
    { organizationId: org, signerKey: 'k', age: 18, grants: [] },
    { ...person, grants: [{ role: 'space-admin', spaceId }] },
  ];
  const about = { spaceId, componentType: 'proposals' };

  it('gives, for every person, the answer spaces would give them, phase open or closed', () => {
    let compared = 0;
    for (const phaseValues of [{ votes_enabled: true }, {}])
      for (const rule of rules) {
        const ctx = context({ phaseValues, permissions: { vote: { ...rule } } });
        const policy = policyOf(ctx, type, vote);
        expect(policy).not.toBeNull();
        for (const who of people) {
          const own = decide(who, ctx, type, vote, false);
          expect(answerByPolicy(who, policy!, about)).toEqual({
            allowed: own.allowed,
            reason: own.reason ?? '',
            message: own.message ?? '',
            ...(own.phase ? { phase: own.phase } : {}),
            ...about,
          });
          compared++;
        }
      }
    expect(compared).toBe(2 * rules.length * people.length);
  });

  it('is not given where membership or the space’s state decides: callers then ask for each person', () => {
    const base = context().space;
    expect(policyOf(context({ space: { ...base, private: true } }), type, vote)).toBeNull();
    expect(
      policyOf(context({ space: { ...base, private: true, transparent: true } }), type, vote),
    ).toBeNull();
    expect(policyOf(context({ space: { ...base, state: 'draft' } }), type, vote)).toBeNull();
    const members = context({
      permissions: { vote: { verification: 'none', minimumAge: null, membersOnly: true } },
    });
    expect(policyOf(members, type, vote)).toBeNull();
    expect(policyOf(context(), null, undefined)).toBeNull();
  });
});
