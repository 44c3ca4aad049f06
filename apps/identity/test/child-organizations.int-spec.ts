import request from 'supertest';
import { randomBytes } from 'node:crypto';
import type { Grant, InternalIdentity } from '@palabre/auth';
import { bootService, testDatabaseTargets, type BootedService } from '@palabre/testing';
import { IdentityConfig } from '../src/config/identity.config';
import { identityService } from '../src/identity.definition';
import { lookupSession } from './lookup-session';

/** A metropolis gives each commune its own administrators (docs/adr/0008). */
describe.each(testDatabaseTargets())('multi-level administration on $name', (target) => {
  let booted: BootedService;
  let server: Parameters<typeof request>[0];
  let config: IdentityConfig;
  let metropolis: string;
  const operator: InternalIdentity = {
    organizationId: '00000000-0000-4000-8000-000000000001',
    grants: [{ role: 'platform-operator' }],
  };

  beforeAll(async () => {
    booted = await bootService(identityService, { database: target.open });
    server = booted.service.app.getHttpServer();
    config = booted.service.app.get(IdentityConfig);
    metropolis = (
      await api('post', '/organizations', operator, {
        slug: 'metropole',
        name: 'Métropole',
        hosts: ['participer.metropole.fr'],
        defaultLocale: 'fr',
      })
    ).body.id;
  });
  afterAll(() => booted.close());

  async function api(
    method: 'get' | 'post' | 'patch' | 'delete',
    path: string,
    as: InternalIdentity,
    body?: object,
  ) {
    const r = request(server)
      [method](path)
      .set(...(await booted.as(as)));
    return body ? r.send(body) : r;
  }

  async function person(org: string, grants: Grant[] = []) {
    const email = `p-${randomBytes(4).toString('hex')}@example.org`;
    const [u] = await booted.db.query<{ id: string }>(
      `INSERT INTO identity.users (organization_id, email, display_name, email_confirmed_at)
       VALUES ($1, $2, 'Someone', now()) RETURNING id`,
      [org, email],
    );
    for (const g of grants)
      await booted.db.query(
        `INSERT INTO identity.grants (organization_id, user_id, role) VALUES ($1, $2, $3)`,
        [org, u.id, g.role],
      );
    const token = randomBytes(32).toString('base64url');
    await booted.db.query(
      `INSERT INTO identity.sessions (token_hash, organization_id, user_id, kind, expires_at)
       VALUES ($1, $2, $3, 'account', now() + interval '1 hour')`,
      [config.keyed('session', token), org, u.id],
    );
    return { id: u.id, email, token, as: { organizationId: org, userId: u.id, grants } };
  }

  const commune = (slug: string, extra: object = {}) => ({
    slug,
    name: `Commune ${slug}`,
    hosts: [`${slug}.participer.metropole.fr`],
    defaultLocale: 'fr',
    ...extra,
  });

  it('creates a commune, names its administrator, who then runs it on their own', async () => {
    const metroAdmin = await person(metropolis, [{ role: 'org-admin' }]);
    const created = await api(
      'post',
      '/organization/children',
      metroAdmin.as,
      commune('villeneuve', { locales: ['fr'] }),
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      parentId: metropolis,
      locales: ['fr'],
      hosts: ['villeneuve.participer.metropole.fr'],
      registrationMode: 'open',
    });
    const id = created.body.id as string;
    const byHost = await request(server)
      .get('/internal/organizations/by-host/villeneuve.participer.metropole.fr')
      .expect(200);
    expect(byHost.body.id).toBe(id);
    const list = await api('get', '/organization/children', metroAdmin.as);
    expect(list.body.map((o: { id: string }) => o.id)).toEqual([id]);

    // The mayor's office has an account in the commune; the metropolis makes it administrator.
    const mayor = await person(id);
    const granted = await api('post', `/organization/children/${id}/grants`, metroAdmin.as, {
      email: mayor.email,
      role: 'org-admin',
    });
    expect(granted.status).toBe(201);
    const session = await lookupSession(server, mayor.token);
    expect(session).toMatchObject({ organizationId: id, grants: [{ role: 'org-admin' }] });

    const mayorAs = { ...mayor.as, grants: session.grants };
    const settings = await api('patch', '/organization', mayorAs, {
      registrationMode: 'invitation',
    });
    expect(settings.status).toBe(200);
    expect(settings.body).toMatchObject({
      id,
      registrationMode: 'invitation',
      parentId: metropolis,
    });
    // The metropolis's own settings are untouched, and out of the mayor's reach.
    expect(
      (
        await booted.db.query(
          `SELECT registration_mode FROM identity.organizations WHERE id = $1`,
          [metropolis],
        )
      )[0],
    ).toEqual({ registration_mode: 'open' });
    expect((await api('get', `/organization/children/${metropolis}/grants`, mayorAs)).status).toBe(
      404,
    );

    // A hamlet under the commune is the commune's business: the metropolis cannot reach it directly.
    const hamlet = await api(
      'post',
      '/organization/children',
      mayorAs,
      commune('hameau', { hosts: ['hameau.villeneuve.participer.metropole.fr'] }),
    );
    expect(hamlet.status).toBe(201);
    expect(hamlet.body.parentId).toBe(id);
    expect(
      (await api('get', `/organization/children/${hamlet.body.id}/grants`, metroAdmin.as)).status,
    ).toBe(404);

    // The commune never loses its last administrator, even by the metropolis's hand.
    const last = await api(
      'delete',
      `/organization/children/${id}/grants/${granted.body.id}`,
      metroAdmin.as,
    );
    expect([last.status, last.body.code]).toEqual([409, 'LAST_ADMIN']);
    const deputy = await person(id);
    const second = await api('post', `/organization/children/${id}/grants`, metroAdmin.as, {
      userId: deputy.id,
      role: 'org-admin',
    });
    expect(second.status).toBe(201);
    expect(
      (await api('delete', `/organization/children/${id}/grants/${granted.body.id}`, metroAdmin.as))
        .status,
    ).toBe(204);
    const admins = await api('get', `/organization/children/${id}/grants`, metroAdmin.as);
    expect(admins.body.map((g: { userId: string }) => g.userId)).toEqual([deputy.id]);
  });

  it('names only administrators, and only from the commune’s own accounts', async () => {
    const metroAdmin = await person(metropolis, [{ role: 'org-admin' }]);
    const { body } = await api('post', '/organization/children', metroAdmin.as, commune('bourg'));
    const resident = await person(body.id, [{ role: 'moderator' }]);
    const [moderatorGrant] = await booted.db.query<{ id: string }>(
      `SELECT id FROM identity.grants WHERE user_id = $1`,
      [resident.id],
    );
    const asModerator = await api(
      'post',
      `/organization/children/${body.id}/grants`,
      metroAdmin.as,
      {
        userId: resident.id,
        role: 'moderator',
      },
    );
    expect(asModerator.status).toBe(400);
    expect(asModerator.body.errors.map((e: { field: string }) => e.field)).toEqual(['role']);
    // The commune's moderators are the commune admins' business.
    expect(
      (
        await api(
          'delete',
          `/organization/children/${body.id}/grants/${moderatorGrant.id}`,
          metroAdmin.as,
        )
      ).status,
    ).toBe(404);
    const own = await api('post', `/organization/children/${body.id}/grants`, metroAdmin.as, {
      userId: metroAdmin.id,
      role: 'org-admin',
    });
    expect([own.status, own.body.code]).toEqual([404, 'USER_NOT_FOUND']);
  });

  it('gives a child only sub-domains of its own hosts; other names are the operator’s to assign', async () => {
    const metroAdmin = await person(metropolis, [{ role: 'org-admin' }]);
    const count = async () =>
      (await booted.db.query(`SELECT id FROM identity.organizations`)).length;
    const before = await count();
    for (const hosts of [
      ['www.service-public.fr'],
      ['participer.metropole.fr'], // the parent's own name
      ['xparticiper.metropole.fr'], // a suffix, not a sub-domain
      ['participer.metropole.fr.evil.example'],
      ['a.participer.metropole.fr', 'www.service-public.fr'], // one bad name spoils the lot
    ]) {
      const r = await api('post', '/organization/children', metroAdmin.as, {
        ...commune(`claim-${randomBytes(3).toString('hex')}`),
        hosts,
      });
      expect([r.status, r.body.code]).toEqual([403, 'HOST_NOT_ALLOWED']);
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(r.body.errors.map((e: { field: string }) => e.field)).toEqual(['hosts']);
    }
    expect(await count()).toBe(before);
    // The name is still free: the platform operator assigns it, here or to any organization.
    const assigned = await api('post', '/organizations', operator, {
      slug: 'service-public',
      name: 'Service public',
      hosts: ['www.service-public.fr'],
      defaultLocale: 'fr',
    });
    expect(assigned.status).toBe(201);
    const asOperator = await api(
      'post',
      '/organization/children',
      { ...operator, organizationId: metropolis },
      commune('rattachee', { hosts: ['participer.rattachee.fr'] }),
    );
    expect([asOperator.status, asOperator.body.parentId]).toEqual([201, metropolis]);

    // A commune's administrators give sub-domains of the commune's hosts, not of the metropolis's.
    const child = await api('post', '/organization/children', metroAdmin.as, commune('vallee'));
    const mayor = await person(child.body.id, [{ role: 'org-admin' }]);
    const sideways = await api(
      'post',
      '/organization/children',
      mayor.as,
      commune('voisin', { hosts: ['voisin.participer.metropole.fr'] }),
    );
    expect([sideways.status, sideways.body.code]).toEqual([403, 'HOST_NOT_ALLOWED']);
    const below = await api(
      'post',
      '/organization/children',
      mayor.as,
      commune('lieu-dit', { hosts: ['lieu-dit.vallee.participer.metropole.fr'] }),
    );
    expect(below.status).toBe(201);
  });

  it.each([
    [{ locales: ['en'] }, 'defaultLocale'],
    [{ locales: ['xx'] }, 'locales'],
    [{ slug: 'Bad Slug' }, 'slug'],
    [{ hosts: ['HTTP://x'] }, 'hosts'],
    [{ parentId: '00000000-0000-4000-8000-000000000002' }, 'parentId'],
  ])('refuses a child %j with a 400 naming %s, creating nothing', async (extra, field) => {
    const metroAdmin = await person(metropolis, [{ role: 'org-admin' }]);
    const before = await booted.db.query(`SELECT id FROM identity.organizations`);
    const r = await api('post', '/organization/children', metroAdmin.as, commune('refusee', extra));
    expect(r.status).toBe(400);
    expect(r.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await booted.db.query(`SELECT id FROM identity.organizations`)).toHaveLength(
      before.length,
    );
  });
});
