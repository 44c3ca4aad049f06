/**
 * An anonymous signature has no name, even for someone holding the whole
 * database: one browser signs in with FranceConnect as a petition author,
 * then as an anonymous signer, and signs. No row of any table may hold
 * something of both, and the signer's session must share no value with the
 * author's session (no User-Agent, no fine timestamp) by which a reader could
 * join the two (ADR 0007).
 */
import request from 'supertest';
import {
  completeFranceConnectLogin,
  startLocalFranceConnectServer,
  type LocalFranceConnect,
} from '@palabre/fc-local';
import { testDatabaseTargets } from '@palabre/testing';
import type { EmbeddedPlatform } from '../src/embedded/embedded-platform';
import { franceConnectEnv, startTestPlatform } from './test-platform';

const CLIENT = {
  clientId: 'palabre-unlinkable-test',
  clientSecret: 'palabre-unlinkable-secret-0123456789',
  redirectUris: ['http://localhost/auth/franceconnect/callback'],
};
const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0';

type Row = Record<string, unknown>;

describe.each(testDatabaseTargets())('signers stay unlinkable on $name', (target) => {
  let fc: LocalFranceConnect & { url: string };
  let platform: EmbeddedPlatform;
  let server: ReturnType<EmbeddedPlatform['gateway']['getHttpServer']>;

  beforeAll(async () => {
    fc = await startLocalFranceConnectServer({ clients: [CLIENT] });
    platform = await startTestPlatform(target, {
      only: ['identity', 'petitions'],
      env: franceConnectEnv(fc, CLIENT),
    });
    server = platform.gateway.getHttpServer();
  });
  afterAll(async () => {
    await platform.stop();
    await fc.close();
  });

  /** One browser: the same User-Agent on every request, its cookies kept. */
  const jar = new Map<string, string>();
  const browser = (method: 'get' | 'post', path: string, body?: object) => {
    let r = request(server)
      [method](path)
      .set('Host', 'localhost')
      .set('Origin', 'http://localhost')
      .set('User-Agent', BROWSER);
    if (jar.size) r = r.set('Cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
    if (body) r = r.send(body);
    return r.then((res) => {
      for (const line of (res.headers['set-cookie'] as unknown as string[] | undefined) ?? []) {
        const [pair] = line.split(';');
        const [name, value] = [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)];
        if (value) jar.set(name, value);
        else jar.delete(name);
      }
      return res;
    });
  };
  async function signIn(mode: 'author' | 'signer') {
    const start = await browser(
      'get',
      `/auth/franceconnect/login?mode=${mode}&returnTo=/&login_hint=adult-marie`,
    );
    expect(start.status).toBe(302);
    const callback = new URL(await completeFranceConnectLogin(start.headers.location));
    expect((await browser('get', `${callback.pathname}${callback.search}`)).status).toBe(302);
  }
  const rows = (sql: string, params: unknown[] = []) => platform.db.query<Row>(sql, params);

  it('keeps nothing that joins the anonymous signature to the same browser’s author account', async () => {
    await signIn('author');
    const [author] = await rows(`SELECT * FROM identity.sessions WHERE kind = 'account'`);
    expect(author.user_agent).toBe(BROWSER);
    await signIn('signer');
    const [signer] = await rows(`SELECT * FROM identity.sessions WHERE kind = 'signer'`);

    let published: { id: string } | undefined;
    for (let i = 0; i < 100 && !published; i++) {
      const list = await browser('get', '/api/petitions?state=published&sort=newest');
      published = list.body.items?.[0];
      if (!published) await new Promise((r) => setTimeout(r, 100));
    }
    const signed = await browser('post', `/api/petitions/${published!.id}/signatures`, {});
    expect(signed.status).toBe(201);
    const [signature] = await rows(
      `SELECT * FROM petitions.signatures WHERE method = 'franceconnect' AND signer_key = $1`,
      [signer.signer_key],
    );
    expect(signature).toBeDefined();

    // The signer's session keeps no browser, and its times only to the minute.
    expect(signer.user_agent).toBeNull();
    for (const column of ['created_at', 'last_seen_at', 'expires_at']) {
      const at = new Date(signer[column] as string);
      expect([column, at.getUTCSeconds(), at.getUTCMilliseconds()]).toEqual([column, 0, 0]);
    }
    // No value of the signer's session equals one of the author's session, but the organization.
    // Times compared to the millisecond: String(date) stops at the second, and an author signed
    // in during the first second of the minute the signer's times are rounded to looked equal.
    const shown = (v: unknown) => (v instanceof Date ? v.toISOString() : String(v));
    for (const [column, value] of Object.entries(signer)) {
      if (column === 'organization_id' || value === null || author[column] === null) continue;
      expect([column, shown(author[column])]).not.toEqual([column, shown(value)]);
    }

    // No row of any table holds something of the author and something of the signer.
    const [link] = await rows(`SELECT sub_key FROM identity.franceconnect_links`);
    const authorMarks = [author.id, author.user_id, author.token_hash, link.sub_key, BROWSER].map(
      String,
    );
    const signerMarks = [signer.id, signer.signer_key, signer.token_hash, signature.receipt].map(
      String,
    );
    const tables = await rows(
      `SELECT table_schema, table_name FROM information_schema.tables
        WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`,
    );
    expect(tables.length).toBeGreaterThan(20);
    let scanned = 0;
    for (const t of tables) {
      const all = await rows(
        `SELECT row_to_json(t)::text AS row FROM "${t.table_schema}"."${t.table_name}" t`,
      );
      for (const { row } of all) {
        scanned++;
        const text = String(row);
        const a = authorMarks.filter((m) => text.includes(m));
        const s = signerMarks.filter((m) => text.includes(m));
        if (a.length && s.length)
          throw new Error(`${t.table_schema}.${t.table_name} links: ${text}`);
      }
    }
    expect(scanned).toBeGreaterThan(100);
  });
});
