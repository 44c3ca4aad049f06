import request from 'supertest';
import { Topics } from '@palabre/contracts';
import { bootService, testDatabaseTargets, type BootedService } from '@palabre/testing';
import { identityService } from '../src/identity.definition';

describe.each(testDatabaseTargets())('identity organizations on $name', (target) => {
  let booted: BootedService;
  let server: Parameters<typeof request>[0];
  const operator = {
    organizationId: '00000000-0000-4000-8000-000000000001',
    grants: [{ role: 'platform-operator' as const }],
  };

  beforeAll(async () => {
    booted = await bootService(identityService, { database: target.open, seed: true });
    server = booted.service.app.getHttpServer();
  });
  afterAll(() => booted.close());

  const valid = {
    slug: 'ville-b',
    name: 'Ville B',
    hosts: ['participer.ville-b.fr'],
    defaultLocale: 'fr',
  };

  it('lets a platform operator create an organization and announces it once', async () => {
    const r = await request(server)
      .post('/organizations')
      .set(...(await booted.as(operator)))
      .send(valid)
      .expect(201);
    expect(r.body).toMatchObject({
      slug: 'ville-b',
      hosts: ['participer.ville-b.fr'],
      locales: ['fr', 'en'],
    });
    const outboxOrLog = async () =>
      (
        await booted.db.query<{ n: string }>(
          `SELECT count(*)::text AS n FROM palabre_bus.events WHERE topic = $1 AND payload->>'organizationId' = $2`,
          [Topics.IdentityOrganizationCreatedV1, r.body.id],
        )
      )[0].n;
    const until = Date.now() + 10_000;
    while ((await outboxOrLog()) === '0' && Date.now() < until)
      await new Promise((res) => setTimeout(res, 50));
    expect(await outboxOrLog()).toBe('1');
    const byHost = await request(server)
      .get('/internal/organizations/by-host/participer.ville-b.fr')
      .expect(200);
    expect(byHost.body.id).toBe(r.body.id);
  });

  it('describes an organization to services, without a token: name, origin of its links, zone, language, map', async () => {
    const b = (
      await booted.db.query<{ id: string }>(
        `SELECT id FROM identity.organizations WHERE slug = 'ville-b'`,
      )
    )[0];
    const r = await request(server).get(`/internal/organizations/${b.id}`).expect(200);
    expect(r.body).toEqual({
      id: b.id,
      name: 'Ville B',
      origin: 'https://participer.ville-b.fr',
      timeZone: 'Europe/Paris',
      defaultLocale: 'fr',
      mapTileUrl: null,
      mapAttribution: null,
    });
    expect(r.headers['cache-control']).toBe('max-age=60');
    // The same id in capitals is the same organization.
    expect(
      (await request(server).get(`/internal/organizations/${b.id.toUpperCase()}`).expect(200)).body
        .id,
    ).toBe(b.id);
    // The demo city answers on localhost: its links lead to http://localhost (a developer's platform).
    const demo = (
      await booted.db.query<{ id: string }>(
        `SELECT id FROM identity.organizations WHERE slug = 'demo'`,
      )
    )[0];
    const local = await request(server).get(`/internal/organizations/${demo.id}`).expect(200);
    expect(local.body.origin).toMatch(/^http:\/\/localhost(:\d+)?$/);
    for (const id of ['00000000-0000-4000-8000-00000000beef', 'not-an-id', `${b.id}x`]) {
      const missing = await request(server).get(`/internal/organizations/${id}`).expect(404);
      expect(missing.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('refuses a taken host or slug with 409 and writes nothing', async () => {
    const taken = await request(server)
      .post('/organizations')
      .set(...(await booted.as(operator)))
      .send({ ...valid, slug: 'ville-c', hosts: ['new.ville-c.fr', 'participer.ville-b.fr'] })
      .expect(409);
    expect(taken.body.detail).toContain('participer.ville-b.fr');
    await request(server).get('/internal/organizations/by-host/new.ville-c.fr').expect(404);
    await request(server)
      .post('/organizations')
      .set(...(await booted.as(operator)))
      .send({ ...valid, hosts: ['x.ville-b.fr'] })
      .expect(409);
  });

  it('names each invalid or unknown field in a 400', async () => {
    const r = await request(server)
      .post('/organizations')
      .set(...(await booted.as(operator)))
      .send({
        slug: 'Bad Slug',
        name: 'V',
        hosts: ['UPPER.example:80'],
        defaultLocale: 'de',
        admin: true,
      })
      .expect(400);
    const fields = (r.body.errors as { field: string }[]).map((e) => e.field).sort();
    expect(fields).toEqual(
      expect.arrayContaining(['admin', 'defaultLocale', 'hosts', 'name', 'slug']),
    );
    expect(r.headers['content-type']).toContain('application/problem+json');
  });

  it('requires the gateway token and the operator role', async () => {
    await request(server).get('/organizations/current').expect(401);
    await request(server)
      .get('/organizations/current')
      .set('x-palabre-identity', 'not-a-token')
      .expect(401);
    const admin = {
      organizationId: operator.organizationId,
      grants: [{ role: 'org-admin' as const }],
    };
    await request(server)
      .post('/organizations')
      .set(...(await booted.as(admin)))
      .send({ ...valid, slug: 'x-y' })
      .expect(403);
  });

  it('shows each organization only its own data', async () => {
    const demo = (
      await booted.db.query<{ id: string }>(
        `SELECT id FROM identity.organizations WHERE slug = 'demo'`,
      )
    )[0];
    const b = (
      await booted.db.query<{ id: string }>(
        `SELECT id FROM identity.organizations WHERE slug = 'ville-b'`,
      )
    )[0];
    const asDemo = await request(server)
      .get('/organizations/current')
      .set(...(await booted.as({ organizationId: demo.id, grants: [] })))
      .expect(200);
    const asB = await request(server)
      .get('/organizations/current')
      .set(...(await booted.as({ organizationId: b.id, grants: [] })))
      .expect(200);
    expect(asDemo.body.slug).toBe('demo');
    expect(asB.body.slug).toBe('ville-b');
  });
});
