import type { InternalIdentity } from '@palabre/auth';
import type { ComponentTypeDef } from '../component-types/component-type';
import type { ComponentContext } from '../components/components.repository';
import { decide } from './decide';

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
  phase: { id: 'p4', title: { en: 'Vote' }, position: 3 },
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
