/**
 * POST /internal/participants (ADR 0038): the newsletter service, calling as
 * itself, learns which accounts voted in the budgets of spaces. Never a
 * FranceConnect voter: their order holds a pseudonym, no account.
 */
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { InternalIdentity } from '@palabre/auth';
import { bootService, testDatabaseTargets, type BootedService } from '@palabre/testing';
import { budgetingService } from '../src/budgeting.definition';

describe.each(testDatabaseTargets())(
  'budget voters for the newsletter service on $name',
  (target) => {
    let booted: BootedService;
    let server: Parameters<typeof request>[0];
    const org = randomUUID();
    const otherOrg = randomUUID();

    beforeAll(async () => {
      booted = await bootService(budgetingService, { database: target.open });
      server = booted.service.app.getHttpServer();
    });
    afterAll(() => booted.close());

    /** A budgets component of `spaceId`, as spaces' events leave it here. */
    const component = async (organizationId: string, spaceId: string) => {
      const componentId = randomUUID();
      await booted.db.query(
        `INSERT INTO budgeting.components (component_id, organization_id, space_id, source)
       VALUES ($1, $2, $3, 'event')`,
        [componentId, organizationId, spaceId],
      );
      return componentId;
    };

    /** An order, as the checkout writer leaves it: checked out, or a cart still. */
    const order = async (
      organizationId: string,
      componentId: string,
      voterKey: string,
      checkedOut = true,
      budgetId = randomUUID(),
    ) =>
      booted.db.query(
        `INSERT INTO budgeting.orders (organization_id, component_id, budget_id, voter_key, project_ids,
                                     total_cents, checked_out_at)
       VALUES ($1, $2, $3, $4, ARRAY[gen_random_uuid()], 150000, CASE WHEN $5 THEN now() END)`,
        [organizationId, componentId, budgetId, voterKey, checkedOut],
      );
    const voter = async (organizationId: string, componentId: string, checkedOut = true) => {
      const userId = randomUUID();
      await order(organizationId, componentId, `account:${userId}`, checkedOut);
      return userId;
    };

    const ask = (header: [string, string], body: unknown) =>
      request(server)
        .post('/internal/participants')
        .set(...header)
        .send(body as object);

    it('gives the accounts with a checked-out vote in the asked spaces, once each, sorted', async () => {
      const [spaceA, spaceB, notAsked, otherSpace] = [
        randomUUID(),
        randomUUID(),
        randomUUID(),
        randomUUID(),
      ];
      const a = await component(org, spaceA);
      const b = await component(org, spaceB);
      const voted = await voter(org, a);
      // The same account's vote in a second budget of the same component, and in the other space.
      await order(org, a, `account:${voted}`);
      await order(org, b, `account:${voted}`);
      await voter(org, a, false);
      // A FranceConnect voter: a per-organization pseudonym, no account.
      await order(org, a, `fc:${'ab'.repeat(32)}`);
      const inB = await voter(org, b);
      await voter(org, await component(org, notAsked));
      const elsewhere = await voter(otherOrg, await component(otherOrg, otherSpace));

      const r = await ask(booted.asService('newsletter', org), {
        spaceIds: [spaceA, spaceB.toUpperCase(), otherSpace, randomUUID()],
      });
      expect(r.status).toBe(200);
      expect(r.headers['cache-control']).toBe('no-store');
      expect(r.body).toEqual({ userIds: [voted, inB].sort() });

      // The other organization's token gets its own voters only.
      const other = await ask(booted.asService('newsletter', otherOrg), {
        spaceIds: [spaceA, spaceB, otherSpace],
      });
      expect(other.body).toEqual({ userIds: [elsewhere] });
    });

    it("refuses a person's identity token, none, and a service token meant for another service (401)", async () => {
      const spaceIds = [randomUUID()];
      const person: InternalIdentity = { organizationId: org, userId: randomUUID(), grants: [] };
      expect((await ask(await booted.as(person), { spaceIds })).status).toBe(401);
      expect((await request(server).post('/internal/participants').send({ spaceIds })).status).toBe(
        401,
      );
      expect((await ask(booted.asService('newsletter', org, 'spaces'), { spaceIds })).status).toBe(
        401,
      );
    });

    it.each([
      ['no list', {}],
      ['an empty list', { spaceIds: [] }],
      ['an id that is not a UUID', { spaceIds: [randomUUID(), 'nope'] }],
      ['more than 100 spaces', { spaceIds: Array.from({ length: 101 }, () => randomUUID()) }],
      ['a field it does not know', { spaceIds: [randomUUID()], organizationId: randomUUID() }],
    ])('refuses %s with a 400', async (_, body) => {
      const r = await ask(booted.asService('newsletter', org), body);
      expect(r.status).toBe(400);
      expect(r.body.errors.length).toBeGreaterThan(0);
    });
  },
);
