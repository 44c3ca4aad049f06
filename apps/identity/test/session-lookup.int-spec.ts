import request from 'supertest';
import { randomBytes } from 'node:crypto';
import type { InternalIdentity } from '@palabre/auth';
import { bootService, testDatabaseTargets, type BootedService } from '@palabre/testing';
import { IdentityConfig } from '../src/config/identity.config';
import { identityService } from '../src/identity.definition';

/**
 * The gateway's batched session lookup: sessions of the organization asked
 * about only, and no write per lookup (an account session's last_seen_at
 * moves when it is more than 5 minutes old; a signer session's never does).
 */
describe.each(testDatabaseTargets())('session lookup on $name', (target) => {
  let booted: BootedService;
  let server: Parameters<typeof request>[0];
  const orgs: string[] = [];
  const operator: InternalIdentity = {
    organizationId: '00000000-0000-4000-8000-000000000001',
    grants: [{ role: 'platform-operator' }],
  };

  beforeAll(async () => {
    booted = await bootService(identityService, { database: target.open });
    server = booted.service.app.getHttpServer();
    for (const slug of ['lookup-a', 'lookup-b'])
      orgs.push(
        (
          await request(server)
            .post('/organizations')
            .set(...(await booted.as(operator)))
            .send({ slug, name: slug, hosts: [`${slug}.example.org`], defaultLocale: 'fr' })
            .expect(201)
        ).body.id,
      );
  });
  afterAll(() => booted?.close());

  /** A session of `org` last seen `minutesAgo` minutes ago; its cookie token. */
  async function session(org: string, kind: 'account' | 'signer', minutesAgo: number) {
    const token = randomBytes(24).toString('base64url');
    const hash = booted.service.app.get(IdentityConfig).keyed('session', token);
    if (kind === 'account') {
      const [u] = await booted.db.query<{ id: string }>(
        `INSERT INTO identity.users (organization_id, email, display_name, email_confirmed_at)
         VALUES ($1, $2, 'Lectrice', now()) RETURNING id`,
        [org, `l-${randomBytes(4).toString('hex')}@example.org`],
      );
      await booted.db.query(
        `INSERT INTO identity.sessions (token_hash, organization_id, user_id, kind, created_at, last_seen_at, expires_at)
         VALUES ($1, $2, $3, 'account', now() - make_interval(mins => $4), now() - make_interval(mins => $4), now() + interval '1 day')`,
        [hash, org, u.id, minutesAgo],
      );
    } else {
      await booted.db.query(
        `INSERT INTO identity.sessions (token_hash, organization_id, signer_key, kind, created_at, last_seen_at, expires_at)
         SELECT $1, $2, $3, 'signer', t.at, t.at, t.at + interval '1 day'
           FROM (SELECT date_trunc('minute', now() - make_interval(mins => $4)) AS at) t`,
        [hash, org, randomBytes(16).toString('hex'), minutesAgo],
      );
    }
    return { token, hash };
  }

  const lastSeen = async (hash: string) =>
    new Date(
      (
        await booted.db.query<{ last_seen_at: Date }>(
          `SELECT last_seen_at FROM identity.sessions WHERE token_hash = $1`,
          [hash],
        )
      )[0].last_seen_at,
    ).getTime();

  const lookup = (body: object) => request(server).post('/internal/sessions/lookup').send(body);

  it('answers for the organization asked about only, in the order asked', async () => {
    const a = await session(orgs[0], 'account', 0);
    const b = await session(orgs[1], 'signer', 0);
    const all = (await lookup({ tokens: [a.token, b.token, 'unknown-token-xxxxxxxx'] }).expect(200))
      .body.sessions;
    expect(all.map((s: { organizationId?: string } | null) => s?.organizationId ?? null)).toEqual([
      orgs[0],
      orgs[1],
      null,
    ]);
    const inA = (await lookup({ tokens: [a.token, b.token], organizationId: orgs[0] }).expect(200))
      .body.sessions;
    expect(inA[0]).toMatchObject({ organizationId: orgs[0] });
    expect(inA[1]).toBeNull();
  });

  it('refuses an organization that is not an id', async () => {
    await lookup({ tokens: ['x'.repeat(24)], organizationId: 'lookup-a' }).expect(400);
  });

  it('moves last_seen_at only for account sessions last seen more than 5 minutes ago', async () => {
    const stale = await session(orgs[0], 'account', 10);
    const fresh = await session(orgs[0], 'account', 1);
    const signer = await session(orgs[0], 'signer', 10);
    const before = {
      stale: await lastSeen(stale.hash),
      fresh: await lastSeen(fresh.hash),
      signer: await lastSeen(signer.hash),
    };
    await lookup({ tokens: [stale.token, fresh.token, signer.token] }).expect(200);
    // The touch follows the answer, in one statement for the three.
    for (let i = 0; (await lastSeen(stale.hash)) === before.stale; i++) {
      if (i > 200) throw new Error('last_seen_at of the stale session never moved');
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(await lastSeen(stale.hash)).toBeGreaterThan(Date.now() - 60_000);
    expect(await lastSeen(fresh.hash)).toBe(before.fresh);
    expect(await lastSeen(signer.hash)).toBe(before.signer);
  });

  it('lists revoked signer sessions not yet expired, from a minute on, for the gateway (ADR 0027)', async () => {
    const signer = await session(orgs[1], 'signer', 3);
    const account = await session(orgs[1], 'account', 3);
    const [{ id }] = await booted.db.query<{ id: string }>(
      `UPDATE identity.sessions SET revoked_at = date_trunc('minute', now()) WHERE token_hash = $1 RETURNING id`,
      [signer.hash],
    );
    await booted.db.query(`UPDATE identity.sessions SET revoked_at = now() WHERE token_hash = $1`, [
      account.hash,
    ]);
    const revoked = (query = '') =>
      request(server).get(`/internal/sessions/revoked-signers${query}`).expect(200);
    const all = (await revoked()).body;
    expect(all.sessions).toContainEqual({
      id,
      organizationId: orgs[1],
      expiresAt: expect.any(String),
    });
    // Only signer sessions: an account's revocation is looked up as it always was.
    expect(all.sessions).toHaveLength(
      (
        await booted.db.query(
          `SELECT 1 FROM identity.sessions WHERE kind = 'signer' AND revoked_at IS NOT NULL AND expires_at > now()`,
        )
      ).length,
    );
    // Asked again from the minute it named: this revocation is still in the answer.
    const next = (await revoked(`?since=${encodeURIComponent(all.nextSince)}`)).body;
    expect(next.sessions.map((s: { id: string }) => s.id)).toContain(id);
    const later = new Date(Date.now() + 120_000).toISOString();
    expect((await revoked(`?since=${encodeURIComponent(later)}`)).body.sessions).toEqual([]);
    await request(server).get('/internal/sessions/revoked-signers?since=yesterday').expect(400);
  });
});
