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
import type { HostedComponent } from './components-store';

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
