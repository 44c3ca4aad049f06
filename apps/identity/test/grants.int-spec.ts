import request from 'supertest';
import { randomBytes } from 'node:crypto';
import type { Grant, InternalIdentity } from '@palabre/auth';
import { bootService, testDatabaseTargets, type BootedService } from '@palabre/testing';
import { IdentityConfig } from '../src/config/identity.config';
import { identityService } from '../src/identity.definition';
import { lookupSession } from './lookup-session';

const SPACE = '5a1b2c3d-0000-4000-8000-00000000000a';

describe.each(testDatabaseTargets())('identity roles API on $name', (target) => {
  let booted: BootedService;
  let server: Parameters<typeof request>[0];
  let config: IdentityConfig;
  let org: string;
  const operator: InternalIdentity = {
    organizationId: '00000000-0000-4000-8000-000000000001',
    grants: [{ role: 'platform-operator' }],
  };

  beforeAll(async () => {
    booted = await bootService(identityService, { database: target.open });
    server = booted.service.app.getHttpServer();
    config = booted.service.app.get(IdentityConfig);
    org = (
      await request(server)
        .post('/organizations')
        .set(...(await booted.as(operator)))
        .send({
          slug: 'ville-g',
          name: 'Ville G',
          hosts: ['participer.ville-g.fr'],
          defaultLocale: 'fr',
        })
        .expect(201)
    ).body.id;
  });
  afterAll(() => booted.close());

  interface Person {
    id: string;
    email: string;
    token: string;
    as: InternalIdentity;
  }

  /** An account of `org` with a live session (cookie token returned) and these grants. */
  async function person(grants: Grant[] = [], status = 'active', inOrg = org): Promise<Person> {
    const email = `p-${randomBytes(4).toString('hex')}@example.org`;
    const [u] = await booted.db.query<{ id: string }>(
      `INSERT INTO identity.users (organization_id, email, display_name, email_confirmed_at, status)
       VALUES ($1, $2, 'Someone', now(), $3) RETURNING id`,
      [inOrg, email, status],
    );
    for (const g of grants)
      await booted.db.query(
        `INSERT INTO identity.grants (organization_id, user_id, role, space_id) VALUES ($1, $2, $3, $4)`,
        [inOrg, u.id, g.role, g.spaceId ?? null],
      );
    const token = randomBytes(32).toString('base64url');
    const [s] = await booted.db.query<{ id: string }>(
      `INSERT INTO identity.sessions (token_hash, organization_id, user_id, kind, expires_at)
       VALUES ($1, $2, $3, 'account', now() + interval '1 hour') RETURNING id`,
      [config.keyed('session', token), inOrg, u.id],
    );
    return {
      id: u.id,
      email,
      token,
      as: { organizationId: inOrg, userId: u.id, sessionId: s.id, grants },
    };
  }

  const api = async (
    method: 'get' | 'post' | 'delete',
    path: string,
    as: InternalIdentity,
    body?: object,
  ) => {
    const r = request(server)
      [method](path)
      .set(...(await booted.as(as)));
    return body ? r.send(body) : r;
  };
  const grantIdsOf = async (userId: string) =>
    (
      await booted.db.query<{ id: string; role: string }>(
        `SELECT id, role FROM identity.grants WHERE user_id = $1 ORDER BY role`,
        [userId],
      )
    ).map((g) => g.role);

  it('grants a role by email; the session picks it up on its next lookup; the list shows it', async () => {
    const admin = await person([{ role: 'org-admin' }]);
    const mod = await person();
    const before = await lookupSession(server, mod.token);
    expect(before.grants).toEqual([]);
    const r = await api('post', '/grants', admin.as, {
      email: mod.email.toUpperCase(),
      role: 'space-admin',
      spaceId: SPACE,
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      userId: mod.id,
      email: mod.email,
      role: 'space-admin',
      spaceId: SPACE,
    });
    const after = await lookupSession(server, mod.token);
    expect(after.grants).toEqual([{ role: 'space-admin', spaceId: SPACE }]);
    const list = await api('get', '/grants', admin.as);
    expect(list.body).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: r.body.id, userId: mod.id })]),
    );
    expect((await api('delete', `/grants/${r.body.id}`, admin.as)).status).toBe(204);
    const revoked = await lookupSession(server, mod.token);
    expect(revoked.grants).toEqual([]);
  });

  it.each([
    [{ role: 'moderator' }, 'userId'],
    [{ userId: SPACE, email: 'x@example.org', role: 'moderator' }, 'userId'],
    [{ email: 'not-an-email', role: 'moderator' }, 'email'],
    [{ userId: 'nope', role: 'moderator' }, 'userId'],
    [{ email: 'x@example.org', role: 'participant' }, 'role'],
    [{ email: 'x@example.org', role: 'space-admin' }, 'spaceId'],
    [{ email: 'x@example.org', role: 'evaluator' }, 'spaceId'],
    [{ email: 'x@example.org', role: 'org-admin', spaceId: SPACE }, 'spaceId'],
    [{ email: 'x@example.org', role: 'moderator', spaceId: 'space-1' }, 'spaceId'],
    [{ email: 'x@example.org', role: 'moderator', organizationId: SPACE }, 'organizationId'],
  ])('refuses %j with a 400 naming %s', async (body, field) => {
    const admin = await person([{ role: 'org-admin' }]);
    const r = await api('post', '/grants', admin.as, body);
    expect(r.status).toBe(400);
    expect(r.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('refuses duplicates, unknown, deleted and blocked accounts, writing nothing', async () => {
    const admin = await person([{ role: 'org-admin' }]);
    const mod = await person([{ role: 'moderator' }]);
    const dup = await api('post', '/grants', admin.as, { userId: mod.id, role: 'moderator' });
    expect([dup.status, dup.body.code]).toEqual([409, 'GRANT_EXISTS']);
    const unknown = await api('post', '/grants', admin.as, {
      email: 'ghost@example.org',
      role: 'moderator',
    });
    expect([unknown.status, unknown.body.code]).toEqual([404, 'USER_NOT_FOUND']);
    const deleted = await person([], 'deleted');
    expect(
      (await api('post', '/grants', admin.as, { userId: deleted.id, role: 'moderator' })).status,
    ).toBe(404);
    const blocked = await person([], 'blocked');
    const b = await api('post', '/grants', admin.as, { userId: blocked.id, role: 'moderator' });
    expect([b.status, b.body.code]).toEqual([409, 'ACCOUNT_NOT_ACTIVE']);
    expect(await grantIdsOf(deleted.id)).toEqual([]);
    expect(await grantIdsOf(blocked.id)).toEqual([]);
  });

  it('lets only a platform operator grant or revoke platform-operator', async () => {
    const admin = await person([{ role: 'org-admin' }]);
    const op = await person([{ role: 'platform-operator' }]);
    const target = await person();
    const byAdmin = await api('post', '/grants', admin.as, {
      userId: target.id,
      role: 'platform-operator',
    });
    expect([byAdmin.status, byAdmin.body.code]).toEqual([403, 'OPERATOR_ONLY']);
    expect(await grantIdsOf(target.id)).toEqual([]);
    const byOp = await api('post', '/grants', op.as, {
      userId: target.id,
      role: 'platform-operator',
    });
    expect(byOp.status).toBe(201);
    expect((await api('delete', `/grants/${byOp.body.id}`, admin.as)).status).toBe(403);
    expect(await grantIdsOf(target.id)).toEqual(['platform-operator']);
    expect((await api('delete', `/grants/${byOp.body.id}`, op.as)).status).toBe(204);
  });

  it('never lets an organization lose its last active administrator', async () => {
    const { body } = await request(server)
      .post('/organizations')
      .set(...(await booted.as(operator)))
      .send({
        slug: 'ville-h',
        name: 'Ville H',
        hosts: ['participer.ville-h.fr'],
        defaultLocale: 'fr',
      })
      .expect(201);
    const h = body.id as string;
    const first = await person([{ role: 'org-admin' }], 'active', h);
    const [own] = await booted.db.query<{ id: string }>(
      `SELECT id FROM identity.grants WHERE user_id = $1`,
      [first.id],
    );
    const alone = await api('delete', `/grants/${own.id}`, first.as);
    expect([alone.status, alone.body.code]).toEqual([409, 'LAST_ADMIN']);
    // A blocked administrator does not count: they cannot act.
    const blocked = await person([{ role: 'org-admin' }], 'blocked', h);
    expect((await api('delete', `/grants/${own.id}`, first.as)).status).toBe(409);
    // An operator cannot empty the organization either.
    const opInH = await person([{ role: 'platform-operator' }], 'active', h);
    expect((await api('delete', `/grants/${own.id}`, opInH.as)).status).toBe(409);
    const second = await api('post', '/grants', first.as, { userId: opInH.id, role: 'org-admin' });
    expect(second.status).toBe(201);
    expect((await api('delete', `/grants/${own.id}`, first.as)).status).toBe(204);
    expect((await api('delete', `/grants/${second.body.id}`, opInH.as)).status).toBe(409);
    expect(await grantIdsOf(opInH.id)).toEqual(['org-admin', 'platform-operator']);
    expect(await grantIdsOf(blocked.id)).toEqual(['org-admin']);
  });

  it('refuses to delete the account of the last active administrator (409), then lets it go once another exists', async () => {
    const { body } = await request(server)
      .post('/organizations')
      .set(...(await booted.as(operator)))
      .send({
        slug: 'ville-m',
        name: 'Ville M',
        hosts: ['participer.ville-m.fr'],
        defaultLocale: 'fr',
      })
      .expect(201);
    const only = await person([{ role: 'org-admin' }], 'active', body.id);
    const refused = await api('delete', '/me', only.as);
    expect([refused.status, refused.body.code]).toEqual([409, 'LAST_ADMIN']);
    expect(await grantIdsOf(only.id)).toEqual(['org-admin']);
    const [still] = await booted.db.query<{ status: string }>(
      `SELECT status FROM identity.users WHERE id = $1`,
      [only.id],
    );
    expect(still.status).toBe('active');
    const next = await person([], 'active', body.id);
    expect(
      (await api('post', '/grants', only.as, { userId: next.id, role: 'org-admin' })).status,
    ).toBe(201);
    expect((await api('delete', '/me', only.as)).status).toBe(204);
    // The one left cannot leave either.
    expect((await api('delete', '/me', next.as)).status).toBe(409);
  });

  it('two administrators revoking each other at once leave one', async () => {
    const { body } = await request(server)
      .post('/organizations')
      .set(...(await booted.as(operator)))
      .send({
        slug: 'ville-k',
        name: 'Ville K',
        hosts: ['participer.ville-k.fr'],
        defaultLocale: 'fr',
      })
      .expect(201);
    const a = await person([{ role: 'org-admin' }], 'active', body.id);
    const b = await person([{ role: 'org-admin' }], 'active', body.id);
    const idOf = async (p: Person) =>
      (
        await booted.db.query<{ id: string }>(`SELECT id FROM identity.grants WHERE user_id = $1`, [
          p.id,
        ])
      )[0].id;
    const [ga, gb] = [await idOf(a), await idOf(b)];
    const statuses = (
      await Promise.all([
        api('delete', `/grants/${gb}`, a.as),
        api('delete', `/grants/${ga}`, b.as),
      ])
    ).map((r) => r.status);
    expect(statuses.sort()).toEqual([204, 409]);
    const left = await booted.db.query(
      `SELECT 1 FROM identity.grants WHERE organization_id = $1 AND role = 'org-admin'`,
      [body.id],
    );
    expect(left).toHaveLength(1);
  });

  it('looks an account up by email for the administrators of the organization or of a space, and only them', async () => {
    const orgAdmin = await person([{ role: 'org-admin' }]);
    const spaceAdmin = await person([{ role: 'space-admin', spaceId: SPACE }]);
    const member = await person();
    const blocked = await person([], 'blocked');
    const other = (
      await request(server)
        .post('/organizations')
        .set(...(await booted.as(operator)))
        .send({
          slug: 'ville-lookup',
          name: 'Ville H',
          hosts: ['participer.ville-lookup.fr'],
          defaultLocale: 'fr',
        })
        .expect(201)
    ).body.id as string;
    const stranger = await person([{ role: 'org-admin' }], 'active', other);
    for (const who of [orgAdmin, spaceAdmin]) {
      const r = await api('post', '/accounts/lookup', who.as, {
        email: member.email.toUpperCase(),
      });
      expect(r.status).toBe(200);
      expect(r.body).toEqual({ userId: member.id, displayName: 'Someone' });
    }
    expect(
      (await api('post', '/accounts/lookup', member.as, { email: orgAdmin.email })).status,
    ).toBe(403);
    const gone = await api('post', '/accounts/lookup', orgAdmin.as, { email: blocked.email });
    expect(gone.status).toBe(404);
    expect(gone.body.code).toBe('USER_NOT_FOUND');
    // Accounts never span organizations: another organization's administrator finds nothing here.
    expect(
      (await api('post', '/accounts/lookup', stranger.as, { email: member.email })).status,
    ).toBe(404);
    const bad = await api('post', '/accounts/lookup', orgAdmin.as, { email: 'not-an-address' });
    expect(bad.status).toBe(400);
  });
});
