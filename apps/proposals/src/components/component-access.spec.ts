import type { HttpException } from '@nestjs/common';
import { readSettings } from '@palabre/component-host';
import type { ServiceRuntime } from '@palabre/service-kit';
import { ComponentAccess, type Component } from './component-access';
import { PROPOSALS } from './component-type';

const org = '11111111-1111-4111-8111-111111111111';

/** What proposals adds to the component host, decided without spaces. */
describe('ComponentAccess (proposals)', () => {
  const access = new ComponentAccess({
    internal: { has: () => false },
    dataSource: {},
  } as unknown as ServiceRuntime);
  const component = (stored: Record<string, unknown>): Component => {
    const raw = readSettings(PROPOSALS, stored);
    return {
      id: '22222222-2222-4222-8222-222222222222',
      organizationId: org,
      spaceId: '33333333-3333-4333-8333-333333333333',
      activePhase: null,
      settings: PROPOSALS.settings(raw),
      raw,
      permissions: {},
      source: 'event',
    };
  };
  const caller = (userId?: string, age?: number, signerKey?: string) => ({
    identity: { organizationId: org, userId, signerKey, grants: [], age },
    token: 'token',
  });
  const refusal = async (p: Promise<unknown>) => {
    try {
      await p;
    } catch (e) {
      const h = e as HttpException;
      return { status: h.getStatus(), body: h.getResponse() as Record<string, unknown> };
    }
    return null;
  };

  it('wants an account, even from a FranceConnect signer', async () => {
    const c = component({});
    expect(await refusal(access.authorize(caller(undefined, 18, 's'), c, 'report'))).toMatchObject({
      status: 401,
      body: { code: 'SIGN_IN_REQUIRED' },
    });
    expect(await refusal(access.authorize(caller('u'), c, 'report'))).toBeNull();
  });

  it('checks the component’s minimum age against the FranceConnect age only', async () => {
    const c = component({ creation_enabled: true, minimum_age: 16 });
    expect((await refusal(access.authorize(caller('u'), c, 'create')))?.body.reason).toBe(
      'AGE_UNVERIFIABLE',
    );
    expect((await refusal(access.authorize(caller('u', 15), c, 'create')))?.body.reason).toBe(
      'TOO_YOUNG',
    );
    expect(await refusal(access.authorize(caller('u', 18), c, 'create'))).toBeNull();
    // Commenting has no minimum age.
    expect(await refusal(access.authorize(caller('u'), c, 'comment'))).toBeNull();
  });

  it('names the phase switch that closes an action', async () => {
    const c = component({ votes_enabled: true, votes_blocked: true });
    expect(await refusal(access.authorize(caller('u'), c, 'vote'))).toMatchObject({
      status: 409,
      body: { code: 'ACTION_NOT_ALLOWED', reason: 'ACTION_BLOCKED' },
    });
  });
});
