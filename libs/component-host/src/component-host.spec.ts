import type { HttpException } from '@nestjs/common';
import type { InternalIdentity } from '@palabre/auth';
import type { ServiceRuntime } from '@palabre/service-kit';
import { ComponentHost } from './component-host';
import {
  booleanSetting,
  readSettings,
  registrationOf,
  type ComponentTypeSpec,
} from './component-type';
import { listedSpaces, type HostedComponent } from './components-store';

const org = '11111111-1111-4111-8111-111111111111';
const id = '22222222-2222-4222-8222-222222222222';
const space = '33333333-3333-4333-8333-333333333333';

interface Settings {
  open: boolean;
}

const spec: ComponentTypeSpec<Settings> = {
  type: 'things',
  service: 'things',
  version: 1,
  name: { fr: 'Choses', en: 'Things' },
  globalSettings: [
    {
      name: 'size',
      type: 'SETTING_TYPE_INTEGER',
      defaultValue: 5,
      minimum: 1,
      maximum: 10,
      label: { fr: 'Taille', en: 'Size' },
    },
    {
      name: 'mode',
      type: 'SETTING_TYPE_ENUM',
      choices: ['a', 'b'],
      defaultValue: 'a',
      label: { fr: 'Mode', en: 'Mode' },
    },
  ],
  phaseSettings: [
    booleanSetting('doing_enabled', false, 'Faire', 'Doing'),
    booleanSetting('talking_blocked', false, 'Parler bloqué', 'Talking blocked'),
  ],
  actions: [
    { name: 'do', label: { fr: 'Faire', en: 'Do' }, enabledBy: 'doing_enabled' },
    { name: 'talk', label: { fr: 'Parler', en: 'Talk' }, blockedBy: 'talking_blocked' },
    { name: 'look', label: { fr: 'Voir', en: 'Look' } },
  ],
  settings: (raw) => ({ open: raw.doing_enabled === true }),
  visibilityAction: 'look',
  permissionUnknown: { verification: 'franceconnect', minimumAge: null },
  closedCode: 'THINGS_CLOSED',
  noun: 'things component',
  refusalExtra: (a, where, context) =>
    a.reason === 'SIGN_IN_REQUIRED' ? { back: `${where.componentId}/${context ?? ''}` } : {},
};

/** A host without spaces in the deployment: its local copy decides. */
function host(c: HostedComponent<Settings> | null) {
  const runtime = {
    internal: { has: () => false },
    dataSource: {},
  } as unknown as ServiceRuntime;
  const h = new ComponentHost(runtime, spec);
  (h.store as unknown as { find: () => Promise<unknown> }).find = async () => c;
  return h;
}

const component = (
  stored: Record<string, unknown>,
  permissions: HostedComponent<Settings>['permissions'] = {},
): HostedComponent<Settings> => {
  const raw = readSettings(spec, stored);
  return {
    id,
    organizationId: org,
    spaceId: space,
    activePhase: { id: '44444444-4444-4444-8444-444444444444', title: { fr: 'Vote', en: 'Vote' } },
    settings: spec.settings(raw),
    raw,
    permissions,
    source: 'event',
  };
};

const caller = (who: Partial<InternalIdentity> = {}) => ({
  identity: { organizationId: org, grants: [], ...who } as InternalIdentity,
  token: 'token',
});

async function refusal(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    const h = e as HttpException;
    return { status: h.getStatus(), body: h.getResponse() as Record<string, unknown> };
  }
  return null;
}

describe('readSettings', () => {
  it('keeps values that fit their definition and defaults the others', () => {
    expect(readSettings(spec, { size: 7, mode: 'b', doing_enabled: true })).toEqual({
      size: 7,
      mode: 'b',
      doing_enabled: true,
      talking_blocked: false,
    });
    expect(readSettings(spec, { size: 11, mode: 'c', doing_enabled: 'yes', extra: 1 })).toEqual({
      size: 5,
      mode: 'a',
      doing_enabled: false,
      talking_blocked: false,
    });
    expect(readSettings(spec, { size: 2.5 }).size).toBe(5);
  });
});

describe('registrationOf', () => {
  it('declares the type, its settings and its actions with their switches', () => {
    const r = registrationOf(spec);
    expect(r).toMatchObject({ type: 'things', service: 'things', version: 1 });
    expect(r.actions).toEqual([
      { name: 'do', label: { fr: 'Faire', en: 'Do' }, enabledBy: 'doing_enabled' },
      { name: 'talk', label: { fr: 'Parler', en: 'Talk' }, blockedBy: 'talking_blocked' },
      { name: 'look', label: { fr: 'Voir', en: 'Look' } },
    ]);
  });
});

describe('ComponentHost without spaces', () => {
  it('refuses an action whose phase switch is off, naming the phase, with the type’s code', async () => {
    const c = component({ doing_enabled: false });
    const r = await refusal(host(c).authorize(caller({ userId: 'u' }), c, 'do'));
    expect(r).toMatchObject({
      status: 409,
      body: { code: 'THINGS_CLOSED', reason: 'PHASE_CLOSED', phase: { title: { en: 'Vote' } } },
    });
    expect(r?.body.message).toContain('"Vote"');
    const open = component({ doing_enabled: true });
    expect(await refusal(host(open).authorize(caller({ userId: 'u' }), open, 'do'))).toBeNull();
  });

  it('closes what a blocking switch blocks', async () => {
    const c = component({ talking_blocked: true });
    expect(
      (await refusal(host(c).authorize(caller({ userId: 'u' }), c, 'talk')))?.body.reason,
    ).toBe('ACTION_BLOCKED');
  });

  it('asks who the person is: signed in, verified, old enough, as the permission says', async () => {
    const c = component(
      {},
      { look: { verification: 'franceconnect', minimumAge: 16, membersOnly: false } },
    );
    const h = host(c);
    const signIn = await refusal(h.authorize(caller(), c, 'look', 'here'));
    expect(signIn).toMatchObject({
      status: 401,
      body: { code: 'SIGN_IN_REQUIRED', back: `${id}/here` },
    });
    expect((await refusal(h.authorize(caller({ userId: 'u' }), c, 'look')))?.body.reason).toBe(
      'NOT_VERIFIED',
    );
    expect((await refusal(h.authorize(caller({ signerKey: 's' }), c, 'look')))?.body.reason).toBe(
      'AGE_UNVERIFIABLE',
    );
    expect(
      (await refusal(h.authorize(caller({ signerKey: 's', age: 15 }), c, 'look')))?.status,
    ).toBe(403);
    expect(await refusal(h.authorize(caller({ signerKey: 's', age: 18 }), c, 'look'))).toBeNull();
  });

  it('applies the strictest rule the type names while permissions are unknown', async () => {
    const c = { ...component({}), permissions: null };
    expect(
      (await refusal(host(c).authorize(caller({ userId: 'u' }), c, 'look')))?.body.reason,
    ).toBe('NOT_VERIFIED');
    const known = component({});
    expect(await refusal(host(known).authorize(caller({ userId: 'u' }), known, 'look'))).toBeNull();
  });

  it('does not know components it has no copy of', async () => {
    expect((await refusal(host(null).visible(caller({ userId: 'u' }), id)))?.status).toBe(404);
    expect((await refusal(host(null).visible(caller({ userId: 'u' }), 'nope')))?.body).toEqual({
      code: 'COMPONENT_NOT_FOUND',
      message: 'No such things component',
    });
  });

  it('lets only the space’s administrators administer', async () => {
    const c = component({});
    const h = host(c);
    expect((await refusal(h.administered(caller({ userId: 'u' }), id)))?.status).toBe(403);
    const admin = caller({ userId: 'a', grants: [{ role: 'space-admin', spaceId: space }] });
    expect(await h.administered(admin, id)).toBe(c);
  });
});

describe('listedSpaces', () => {
  const other = '55555555-5555-4555-8555-555555555555';
  const listed = (grants: InternalIdentity['grants']) => {
    const params: unknown[] = ['before'];
    const sql = listedSpaces({ organizationId: org, userId: 'u', grants }, params, 'x');
    return { sql, params };
  };

  it('lists published spaces of the organization that are not private to anyone', () => {
    expect(listed([{ role: 'participant' }])).toEqual({
      sql: `(x.organization_id = $2::uuid AND x.state = 'published' AND NOT x.private)`,
      params: ['before', org],
    });
    // Staff of another kind elsewhere, or a participant of this space, sees no private space.
    expect(listed([{ role: 'participant', spaceId: space }]).sql).toContain('AND NOT x.private)');
  });

  it('adds the private spaces the person is staff of', () => {
    expect(
      listed([
        { role: 'moderator', spaceId: space },
        { role: 'evaluator', spaceId: other },
        { role: 'space-admin', spaceId: space },
      ]),
    ).toEqual({
      sql: `(x.organization_id = $2::uuid AND x.state = 'published' AND (NOT x.private OR x.space_id = ANY($3::uuid[])))`,
      params: ['before', org, [space, other]],
    });
  });

  it('lists every published space to organization admins and organization-wide staff', () => {
    for (const role of ['org-admin', 'platform-operator', 'moderator', 'evaluator'] as const)
      expect(listed([{ role }]).sql).toBe(
        `(x.organization_id = $2::uuid AND x.state = 'published')`,
      );
  });

  it('refuses an alias that is not one', () => {
    expect(() => listedSpaces(caller().identity, [], 'x; DROP TABLE y')).toThrow(/alias/);
  });
});

describe('ComponentHost keeping a copy of spaces', () => {
  type Consumer = {
    group: string;
    topics: string[];
    decode: (topic: string, payload: unknown) => unknown;
    handle: (e: { payload: unknown }, m: unknown) => Promise<void>;
  };

  async function started() {
    const consumers: Consumer[] = [];
    const runtime = {
      internal: { has: () => true },
      dataSource: {},
      bus: { consume: async (c: Consumer) => void consumers.push(c) },
    } as unknown as ServiceRuntime;
    const h = new ComponentHost(runtime, spec);
    const applied: unknown[] = [];
    (
      h.store as unknown as { applySpace: (m: unknown, s: unknown) => Promise<boolean> }
    ).applySpace = async (_m, s) => (applied.push(s), true);
    await h.onModuleInit();
    const spaces = consumers.find((c) => c.topics.includes('spaces.space.changed.v1'));
    if (!spaces) throw new Error('no consumer of spaces.space.changed.v1');
    const deliver = (payload: Record<string, unknown>) =>
      spaces.handle({ payload: spaces.decode('spaces.space.changed.v1', payload) }, {});
    return { h, spaces, applied, deliver };
  }

  const event = {
    spaceId: space,
    organizationId: org,
    slug: 'budget',
    title: { fr: 'Budget', en: 'Budget' },
    area: { fr: 'Centre' },
    state: 'published',
    private: true,
    kind: 'process',
    changedAt: '2026-03-01T10:00:00.123Z',
  };

  it('consumes spaces’ announcements in a group of its own and keeps what lists need', async () => {
    const { spaces, applied, deliver } = await started();
    expect(spaces.group).toBe('things.spaces');
    expect(spaces.topics).toEqual(['spaces.space.changed.v1']);
    await deliver(event);
    expect(applied).toEqual([
      {
        id: space,
        organizationId: org,
        slug: 'budget',
        title: { fr: 'Budget', en: 'Budget' },
        area: { fr: 'Centre' },
        state: 'published',
        private: true,
        kind: 'process',
        changedAt: '2026-03-01T10:00:00.123Z',
      },
    ]);
  });

  it('ignores an announcement without ids or time it can trust', async () => {
    const { applied, deliver } = await started();
    await deliver({ ...event, spaceId: 'nope' });
    await deliver({ ...event, organizationId: '' });
    await deliver({ ...event, changedAt: 'yesterday' });
    expect(applied).toEqual([]);
  });

  it('forgets spaces’ cached answers when a space changes', async () => {
    const { h, deliver } = await started();
    const cleared = jest.spyOn(h, 'invalidate');
    await deliver(event);
    expect(cleared).toHaveBeenCalledWith();
  });
});
