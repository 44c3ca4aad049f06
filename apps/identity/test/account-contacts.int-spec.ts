/**
 * POST /internal/accounts/contacts (ADR 0035): a service that mails accounts
 * (meetings) asks identity where to write, at that moment, with the token
 * the gateway minted for the request of the account acting there.
 */
import request from 'supertest';
import { randomBytes, randomUUID } from 'node:crypto';
import type { InternalIdentity } from '@palabre/auth';
import { bootService, testDatabaseTargets, type BootedService } from '@palabre/testing';
import { identityService } from '../src/identity.definition';

describe.each(testDatabaseTargets())('account contacts for services on $name', (target) => {
  let booted: BootedService;
  let server: Parameters<typeof request>[0];
  let org: string;
  let otherOrg: string;

  const operator: InternalIdentity = {
    organizationId: '00000000-0000-4000-8000-000000000001',
    grants: [{ role: 'platform-operator' }],
  };

  const createOrganization = async (slug: string, defaultLocale: string) =>
    (
      await request(server)
        .post('/organizations')
        .set(...(await booted.as(operator)))
        .send({ slug, name: slug, hosts: [`${slug}.example.org`], defaultLocale })
        .expect(201)
    ).body.id as string;

  beforeAll(async () => {
    booted = await bootService(identityService, { database: target.open });
    server = booted.service.app.getHttpServer();
    org = await createOrganization('ville-c', 'en');
    otherOrg = await createOrganization('ville-d', 'fr');
  });
  afterAll(() => booted.close());

  interface Account {
    id: string;
    email: string;
  }

  /** An account as registration, confirmation, blocking or erasure leave it. */
  async function account(
    inOrg: string,
    name: string | null,
    state: 'active' | 'blocked' | 'deleted' | 'unconfirmed' = 'active',
  ): Promise<Account> {
    const email = `${randomBytes(4).toString('hex')}@example.org`;
    const [u] = await booted.db.query<{ id: string }>(
      `INSERT INTO identity.users (organization_id, email, display_name, email_confirmed_at, status)
       VALUES ($1, $2, $3, CASE WHEN $4 = 'unconfirmed' THEN NULL ELSE now() END,
               CASE WHEN $4 = 'unconfirmed' THEN 'active' ELSE $4 END)
       RETURNING id`,
      [inOrg, email, name, state],
    );
    if (state === 'deleted')
      // What erasure leaves of an account (PrivacyUseCase): the row, with nothing that names anyone.
      await booted.db.query(
        `UPDATE identity.users SET email = NULL, display_name = NULL, email_confirmed_at = NULL
          WHERE id = $1`,
        [u.id],
      );
    return { id: u.id, email };
  }

  /** The identity of a signed-in account (no role: a registrant, or a participant organizer). */
  const signedIn = (organizationId: string, userId = randomUUID()): InternalIdentity => ({
    organizationId,
    userId,
    sessionId: randomUUID(),
    grants: [],
  });

  /** Asks as a service would: the token the gateway minted for a request routed to `routedTo`. */
  const ask = async (who: InternalIdentity, body: unknown, routedTo = 'meetings') =>
    request(server)
      .post('/internal/accounts/contacts')
      .set(...(await booted.as(who, routedTo)))
      .send(body as object);

  it("gives the addresses of the organization's live accounts only, in the order asked", async () => {
    const camille = await account(org, 'Camille');
    const nameless = await account(org, null);
    const blocked = await account(org, 'Bloqué', 'blocked');
    const deleted = await account(org, null, 'deleted');
    const unconfirmed = await account(org, 'Pas confirmé', 'unconfirmed');
    const elsewhere = await account(otherOrg, 'Ailleurs');
    const r = await ask(signedIn(org), {
      userIds: [
        nameless.id,
        elsewhere.id,
        blocked.id,
        camille.id.toUpperCase(),
        deleted.id,
        unconfirmed.id,
        randomUUID(),
        camille.id,
      ],
    });
    expect(r.status).toBe(200);
    expect(r.headers['cache-control']).toBe('no-store');
    // The organization's language: identity keeps none per account.
    expect(r.body).toEqual({
      contacts: [
        { userId: nameless.id, email: nameless.email, name: null, locale: 'en' },
        { userId: camille.id, email: camille.email, name: 'Camille', locale: 'en' },
      ],
    });

    // The other organization's services, acting for one of its accounts, get only its own.
    const fromOther = await ask(signedIn(otherOrg), { userIds: [camille.id, elsewhere.id] });
    expect(fromOther.status).toBe(200);
    expect(fromOther.body.contacts).toEqual([
      { userId: elsewhere.id, email: elsewhere.email, name: 'Ailleurs', locale: 'fr' },
    ]);
  });

  it.each([
    ['no list', {}],
    ['an empty list', { userIds: [] }],
    ['not a list', { userIds: 'a' }],
    ['an id that is not a UUID', { userIds: [randomUUID(), 'nope'] }],
    ['more than 500 ids', { userIds: Array.from({ length: 501 }, () => randomUUID()) }],
  ])('refuses %s with a 400 naming userIds', async (_, body) => {
    const r = await ask(signedIn(org), body);
    expect(r.status).toBe(400);
    expect(r.body.errors.map((e: { field: string }) => e.field)).toContain('userIds');
  });

  it('refuses a field it does not know, naming it', async () => {
    const r = await ask(signedIn(org), { userIds: [randomUUID()], organizationId: otherOrg });
    expect(r.status).toBe(400);
    expect(r.body.errors.map((e: { field: string }) => e.field)).toContain('organizationId');
  });

  it("gives no address for an anonymous visitor's or signer's request, even passed on by meetings", async () => {
    const camille = await account(org, 'Camille');
    const body = { userIds: [camille.id] };
    const visitor = await ask({ organizationId: org, grants: [] }, body);
    expect(visitor.status).toBe(403);
    expect(visitor.body.code).toBe('CONTACTS_NEED_AN_ACCOUNT');
    const signer = await ask({ organizationId: org, signerKey: 'k', grants: [] }, body);
    expect(signer.status).toBe(403);
    expect(signer.body.code).toBe('CONTACTS_NEED_AN_ACCOUNT');
    expect(JSON.stringify([visitor.body, signer.body])).not.toContain(camille.email);
  });

  it('gives no address for a token minted for identity itself, even an administrator’s', async () => {
    // A person's token for identity's own routes, as identity passes it on to the services
    // of the personal data archive: none of them, nor identity, reads addresses with it.
    const camille = await account(org, 'Camille');
    const admin = { ...signedIn(org), grants: [{ role: 'org-admin' as const }] };
    const r = await ask(admin, { userIds: [camille.id] }, 'identity');
    expect(r.status).toBe(403);
    expect(r.body.code).toBe('CONTACTS_NOT_FOR_THIS_CALLER');
    expect(JSON.stringify(r.body)).not.toContain(camille.email);
  });

  it("refuses a service that does not pass tokens on to identity, and a call without the gateway's token", async () => {
    const body = { userIds: [randomUUID()] };
    expect((await ask(signedIn(org), body, 'proposals')).status).toBe(401);
    const bare = await request(server).post('/internal/accounts/contacts').send(body);
    expect(bare.status).toBe(401);
  });
});
