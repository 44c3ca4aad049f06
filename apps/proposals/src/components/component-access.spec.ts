import type { HttpException } from '@nestjs/common';
import { ComponentAccess } from './component-access';
import { settingsFrom } from './component-type';
import type { Component, ComponentsRepository } from './components.repository';
import type { SpacesClient } from './spaces.client';

const org = '11111111-1111-4111-8111-111111111111';
const id = '22222222-2222-4222-8222-222222222222';

/** Without spaces in the deployment, the local copy's phase switches decide. */
describe('ComponentAccess without spaces', () => {
  const component = (settings: Record<string, unknown>): Component => ({
    id,
    organizationId: org,
    spaceId: '33333333-3333-4333-8333-333333333333',
    settings: settingsFrom(settings),
    activePhase: { id: '44444444-4444-4444-8444-444444444444', title: { fr: 'Vote', en: 'Vote' } },
    source: 'event',
  });
  const access = (c: Component | null) =>
    new ComponentAccess(
      { find: async () => c } as unknown as ComponentsRepository,
      { available: async () => false } as unknown as SpacesClient,
    );
  const caller = (userId?: string, age?: number) => ({
    identity: { organizationId: org, userId, grants: [], age },
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

  it('refuses an action whose phase switch is off, naming the phase', async () => {
    const c = component({ creation_enabled: false, votes_enabled: true });
    const r = await refusal(access(c).authorize(caller('u'), c, 'create'));
    expect(r).toMatchObject({
      status: 409,
      body: {
        code: 'ACTION_NOT_ALLOWED',
        reason: 'PHASE_CLOSED',
        phase: { title: { en: 'Vote' } },
      },
    });
    expect(r?.body.message).toContain('"Vote"');
    expect(await refusal(access(c).authorize(caller('u'), c, 'vote'))).toBeNull();
  });

  it('closes what a blocking switch blocks, and wants an account', async () => {
    const c = component({ comments_blocked: true });
    expect((await refusal(access(c).authorize(caller('u'), c, 'comment')))?.body.reason).toBe(
      'ACTION_BLOCKED',
    );
    expect((await refusal(access(c).authorize(caller(), c, 'report')))?.status).toBe(401);
  });

  it('checks a minimum age against the FranceConnect age only', async () => {
    const c = component({ creation_enabled: true, minimum_age: 16 });
    expect((await refusal(access(c).authorize(caller('u'), c, 'create')))?.body.reason).toBe(
      'AGE_UNVERIFIABLE',
    );
    expect((await refusal(access(c).authorize(caller('u', 15), c, 'create')))?.body.reason).toBe(
      'TOO_YOUNG',
    );
    expect(await refusal(access(c).authorize(caller('u', 18), c, 'create'))).toBeNull();
  });

  it('does not know components it has no copy of', async () => {
    expect((await refusal(access(null).visible(caller('u'), id)))?.status).toBe(404);
    expect((await refusal(access(null).visible(caller('u'), 'nope')))?.status).toBe(404);
  });
});
