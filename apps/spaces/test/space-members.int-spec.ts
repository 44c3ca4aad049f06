/**
 * POST /internal/space-members (ADR 0038): the newsletter service, calling
 * as itself, learns who the members of private spaces are, to write to them.
 */
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { InternalIdentity } from '@palabre/auth';
import { InternalServices, loopbackUrl, participantsOf } from '@palabre/service-kit';
import { bootService, testDatabaseTargets, type BootedService } from '@palabre/testing';
import { spacesService } from '../src/spaces.definition';

describe.each(testDatabaseTargets())(
  'space members for the newsletter service on $name',
  (target) => {
    let booted: BootedService;
    let server: Parameters<typeof request>[0];
    const org = randomUUID();
    const otherOrg = randomUUID();
    const adminOf = (organizationId: string): InternalIdentity => ({
      organizationId,
      userId: randomUUID(),
      grants: [{ role: 'org-admin' }],
    });
    const admin = adminOf(org);
    const otherAdmin = adminOf(otherOrg);

    beforeAll(async () => {
      booted = await bootService(spacesService, { database: target.open });
      server = booted.service.app.getHttpServer();
    });
    afterAll(() => booted.close());

    /** A private space with these members, as its administrators make it. */
    const privateSpace = async (by: InternalIdentity, members: string[]) => {
      const r = await request(server)
        .post('/')
        .set(...(await booted.as(by)))
        .send({
          kind: 'assembly',
          slug: `conseil-${randomUUID().slice(0, 8)}`,
          title: { fr: 'Conseil de quartier' },
          private: true,
        });
      expect(r.status).toBe(201);
      for (const userId of members)
        await request(server)
          .put(`/${r.body.id}/members/${userId}`)
          .set(...(await booted.as(by)))
          .expect(201);
      return r.body.id as string;
    };

    const ask = (header: [string, string], body: unknown) =>
      request(server)
        .post('/internal/space-members')
        .set(...header)
        .send(body as object);

    it("gives the members of the asked spaces of the token's organization, once each, sorted", async () => {
      const [a, b, c, d] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
      const first = await privateSpace(admin, [a, b]);
      const second = await privateSpace(admin, [b, c]);
      await privateSpace(admin, [d]);
      const elsewhere = await privateSpace(otherAdmin, [d]);

      const r = await ask(booted.asService('newsletter', org), {
        spaceIds: [first, second.toUpperCase(), elsewhere, randomUUID()],
      });
      expect(r.status).toBe(200);
      expect(r.headers['cache-control']).toBe('no-store');
      expect(r.body).toEqual({ userIds: [a, b, c].sort() });

      // The other organization's token sees its own space only.
      const other = await ask(booted.asService('newsletter', otherOrg), {
        spaceIds: [first, second, elsewhere],
      });
      expect(other.body).toEqual({ userIds: [d] });

      // A member removed is no longer written to.
      await request(server)
        .delete(`/${first}/members/${a}`)
        .set(...(await booted.as(admin)))
        .expect(204);
      const after = await ask(booted.asService('newsletter', org), { spaceIds: [first] });
      expect(after.body).toEqual({ userIds: [b] });
    });

    it("answers the newsletter service's client (participantsOf) over HTTP", async () => {
      const [a, b] = [randomUUID(), randomUUID()].sort();
      const space = await privateSpace(admin, [b, a]);
      const internal = new InternalServices({});
      internal.registerLocal('spaces', () => loopbackUrl(booted.service));
      const tokens = booted.serviceTokens('newsletter');
      expect(await participantsOf(internal, tokens, org, 'spaces', [space])).toEqual([a, b]);
      expect(await participantsOf(internal, tokens, otherOrg, 'spaces', [space])).toEqual([]);
    });

    it("refuses a person's identity token, none, and a service token meant for another service (401)", async () => {
      const spaceIds = [randomUUID()];
      expect((await ask(await booted.as(admin), { spaceIds })).status).toBe(401);
      expect(
        (await request(server).post('/internal/space-members').send({ spaceIds })).status,
      ).toBe(401);
      expect(
        (await ask(booted.asService('newsletter', org, 'meetings'), { spaceIds })).status,
      ).toBe(401);
    });

    it.each([
      ['no list', {}],
      ['an empty list', { spaceIds: [] }],
      ['an id that is not a UUID', { spaceIds: [randomUUID(), 'nope'] }],
      ['more than 100 spaces', { spaceIds: Array.from({ length: 101 }, () => randomUUID()) }],
    ])('refuses %s with a 400 naming spaceIds', async (_, body) => {
      const r = await ask(booted.asService('newsletter', org), body);
      expect(r.status).toBe(400);
      expect(r.body.errors.map((e: { field: string }) => e.field)).toContain('spaceIds');
    });

    it('refuses a field it does not know, naming it (the organization is the token’s)', async () => {
      const r = await ask(booted.asService('newsletter', org), {
        spaceIds: [randomUUID()],
        organizationId: otherOrg,
      });
      expect(r.status).toBe(400);
      expect(r.body.errors.map((e: { field: string }) => e.field)).toContain('organizationId');
    });
  },
);
