/**
 * FranceConnect sign-in end to end: the gateway and identity against a real
 * OpenID provider (the local FranceConnect), over HTTP, as a browser does it.
 * Proves the privacy promise: the database and the logs hold no `sub`, no
 * birthdate and no name of a signer.
 */
import request from 'supertest';
import {
  completeFranceConnectLogin,
  pairwiseSub,
  startLocalFranceConnectServer,
  type LocalFranceConnect,
} from '@palabre/fc-local';
import { JsonLogger } from '@palabre/observability';
import { testDatabaseTargets } from '@palabre/testing';
import type { EmbeddedPlatform } from '../src/embedded/embedded-platform';
import { startTestPlatform } from './test-platform';

const CLIENT = {
  clientId: 'palabre-test',
  clientSecret: 'palabre-test-secret-0123456789',
  redirectUris: ['http://localhost/auth/franceconnect/callback'],
};

describe.each(testDatabaseTargets())('FranceConnect through the gateway on $name', (target) => {
  let fc: LocalFranceConnect & { url: string };
  let platform: EmbeddedPlatform;
  let server: ReturnType<EmbeddedPlatform['gateway']['getHttpServer']>;
  const logs: string[] = [];

  beforeAll(async () => {
    fc = await startLocalFranceConnectServer({ clients: [CLIENT] });
    platform = await startTestPlatform(target, {
      logger: new JsonLogger('test', 'debug', (line) => logs.push(line)),
      env: {
        ...process.env,
        FC_ISSUER: fc.issuer,
        FC_CLIENT_ID: CLIENT.clientId,
        FC_CLIENT_SECRET: CLIENT.clientSecret,
      },
    });
    server = platform.gateway.getHttpServer();
  });
  afterAll(async () => {
    await platform.stop();
    await fc.close();
  });

  const get = (path: string, cookie?: string) => {
    const r = request(server).get(path).set('Host', 'localhost');
    return cookie ? r.set('Cookie', cookie) : r;
  };

  /** Login → provider → callback, like a browser; returns the callback response. */
  async function signInWithFranceConnect(
    mode: 'signer' | 'author',
    citizen: string,
    returnTo = '/petitions/42',
  ) {
    const start = await get(
      `/auth/franceconnect/login?mode=${mode}&returnTo=${encodeURIComponent(returnTo)}&login_hint=${citizen}`,
    ).expect(302);
    const authorize = new URL(start.headers.location);
    const callback = new URL(await completeFranceConnectLogin(authorize.toString()));
    const response = await get(`${callback.pathname}${callback.search}`);
    return { authorize, callback, response };
  }

  const cookieOf = (r: request.Response) =>
    String((r.headers['set-cookie'] as unknown as string[])[0]).split(';')[0];

  it('sends signers to FranceConnect with code flow, PKCE, state, nonce, eidas1 and only "openid birthdate"', async () => {
    const r = await get('/auth/franceconnect/login?mode=signer&returnTo=/petitions/42').expect(302);
    const url = new URL(r.headers.location);
    expect(`${url.origin}${url.pathname}`).toBe(`${fc.issuer}/authorize`);
    const p = url.searchParams;
    expect(p.get('response_type')).toBe('code');
    expect(p.get('scope')).toBe('openid birthdate');
    expect(p.get('acr_values')).toBe('eidas1');
    expect(p.get('code_challenge_method')).toBe('S256');
    expect(p.get('state')!.length).toBeGreaterThanOrEqual(32);
    expect(p.get('nonce')!.length).toBeGreaterThanOrEqual(32);
    expect(p.get('redirect_uri')).toBe('http://localhost/auth/franceconnect/callback');
  });

  it('signs an adult in as an anonymous signer and brings them back to the page', async () => {
    const { response } = await signInWithFranceConnect('signer', 'adult-marie');
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe('/petitions/42');
    const cookie = cookieOf(response);
    const me = await get('/api/identity/me', cookie).expect(200);
    expect(me.body).toEqual({ kind: 'signer' });
    // The same person gets the same signer key next time: one person, one signature.
    const again = cookieOf((await signInWithFranceConnect('signer', 'adult-marie')).response);
    const keys = await platform.db.query<{ signer_key: string }>(
      `SELECT DISTINCT signer_key FROM identity.sessions WHERE kind = 'signer'`,
    );
    expect(keys).toHaveLength(1);
    expect(again).not.toBe(cookie);
  });

  it('refuses a minor kindly, and someone whose birthdate is unknown, with no session', async () => {
    const before = await platform.db.query(`SELECT 1 FROM identity.sessions`);
    const minor = (await signInWithFranceConnect('signer', 'minor-lea')).response;
    expect(minor.status).toBe(403);
    expect(minor.text).toContain('il faut avoir 18 ans');
    expect(minor.headers['set-cookie']).toBeUndefined();
    const unknown = (await signInWithFranceConnect('signer', 'no-birthdate')).response;
    expect(unknown.status).toBe(403);
    expect(unknown.text).toContain('date de naissance');
    expect(await platform.db.query(`SELECT 1 FROM identity.sessions`)).toHaveLength(before.length);
  });

  it('refuses a replayed or forged state and an open redirect, creating no session', async () => {
    const { callback, response } = await signInWithFranceConnect('signer', 'adult-jean');
    expect(response.status).toBe(302);
    const count = (await platform.db.query(`SELECT 1 FROM identity.sessions`)).length;
    const replay = await get(`${callback.pathname}${callback.search}`).expect(400);
    expect(replay.text).toContain('expiré');
    const forged = new URL(callback);
    forged.searchParams.set('state', 'x'.repeat(43));
    await get(`${forged.pathname}${forged.search}`).expect(400);
    expect(await platform.db.query(`SELECT 1 FROM identity.sessions`)).toHaveLength(count);
    for (const bad of ['//evil.example', 'https://evil.example/', '/\\evil.example']) {
      await get(`/auth/franceconnect/login?mode=signer&returnTo=${encodeURIComponent(bad)}`).expect(
        400,
      );
    }
    await get('/auth/franceconnect/login?mode=admin').expect(400);
  });

  it('stores no sub, birthdate or name of a signer, and logs none either', async () => {
    const subs = ['adult-marie', 'adult-jean'].map((c) => pairwiseSub(c, CLIENT.clientId));
    const secrets = [...subs, '1980-05-12', '1992-11-03', 'Marie', 'Dupont'];
    const columns = await platform.db.query<{
      table_schema: string;
      table_name: string;
      column_name: string;
    }>(
      `SELECT table_schema, table_name, column_name FROM information_schema.columns
       WHERE table_schema IN ('identity', 'palabre_bus') AND data_type IN ('text', 'jsonb', 'character varying', 'ARRAY')`,
    );
    expect(columns.length).toBeGreaterThan(10);
    for (const c of columns) {
      const rows = await platform.db.query<{ v: string }>(
        `SELECT "${c.column_name}"::text AS v FROM "${c.table_schema}"."${c.table_name}"`,
      );
      for (const { v } of rows)
        for (const s of secrets)
          expect(`${c.table_name}.${c.column_name}: ${v ?? ''}`).not.toContain(s);
    }
    for (const line of logs) for (const s of secrets) expect(line).not.toContain(s);
  });

  it('signs a petition author in with their identity, kept apart from their signer key', async () => {
    const { response } = await signInWithFranceConnect('author', 'adult-marie', '/petitions/new');
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe('/petitions/new');
    const me = await get('/api/identity/me', cookieOf(response)).expect(200);
    expect(me.body).toMatchObject({
      kind: 'account',
      displayName: 'Marie Dupont',
      emailConfirmed: true,
    });
    const [link] = await platform.db.query<{ sub_key: string }>(
      `SELECT sub_key FROM identity.franceconnect_links`,
    );
    const signerKeys = await platform.db.query<{ signer_key: string }>(
      `SELECT signer_key FROM identity.sessions WHERE kind = 'signer'`,
    );
    expect(signerKeys.map((k) => k.signer_key)).not.toContain(link.sub_key);
    // A second sign-in finds the same author.
    await signInWithFranceConnect('author', 'adult-marie');
    expect(await platform.db.query(`SELECT 1 FROM identity.franceconnect_links`)).toHaveLength(1);
  });
});
