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
import { franceConnectEnv, startTestPlatform } from './test-platform';

const CLIENT = {
  clientId: 'palabre-test',
  clientSecret: 'palabre-test-secret-0123456789',
  redirectUris: ['http://localhost/auth/franceconnect/callback'],
  postLogoutRedirectUris: ['http://localhost/auth/franceconnect/logout-callback'],
};

/** A string as it would appear base64-encoded at any byte offset (inner part only). */
const encodedForms = (s: string) =>
  [0, 1, 2].flatMap((offset) =>
    (['base64', 'base64url'] as const).map((encoding) =>
      Buffer.concat([Buffer.alloc(offset), Buffer.from(s)])
        .toString(encoding)
        .slice(4, -4),
    ),
  );
const JWT_IN_CLEAR = /eyJ[\w-]{8,}\.eyJ[\w-]{8,}\./;

describe.each(testDatabaseTargets())('FranceConnect through the gateway on $name', (target) => {
  let fc: LocalFranceConnect & { url: string };
  let platform: EmbeddedPlatform;
  let server: ReturnType<EmbeddedPlatform['gateway']['getHttpServer']>;
  const logs: string[] = [];

  beforeAll(async () => {
    fc = await startLocalFranceConnectServer({ clients: [CLIENT] });
    platform = await startTestPlatform(target, {
      only: ['identity'],
      logger: new JsonLogger('test', 'debug', (line) => logs.push(line)),
      env: franceConnectEnv(fc, CLIENT),
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
    // The browser that started the flow comes back with the flow's cookie.
    const flowCookie = cookieOf(start, 'palabre_fc_flow');
    const response = await get(`${callback.pathname}${callback.search}`, flowCookie);
    return { authorize, callback, response, flowCookie };
  }

  const setCookies = (r: request.Response) =>
    (r.headers['set-cookie'] as unknown as string[] | undefined) ?? [];
  const cookieOf = (r: request.Response, name = 'palabre_session') =>
    String(setCookies(r).find((c) => c.startsWith(`${name}=`))).split(';')[0];

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
    expect(me.body).toEqual({ kind: 'signer', adult: true });
    // The same person gets the same signer key next time: one person, one signature.
    const again = cookieOf((await signInWithFranceConnect('signer', 'adult-marie')).response);
    const keys = await platform.db.query<{ signer_key: string }>(
      `SELECT DISTINCT signer_key FROM identity.sessions WHERE kind = 'signer'`,
    );
    expect(keys).toHaveLength(1);
    expect(again).not.toBe(cookie);
    // Of the birthdate, only "adult" stays with the session (an age capped at 18), for minimum ages.
    const ages = await platform.db.query<{ age: number }>(
      `SELECT DISTINCT age FROM identity.sessions WHERE kind = 'signer'`,
    );
    expect(ages).toEqual([{ age: 18 }]);
  });

  it("seals a signer's session in its cookie for the gateway, which refuses it within 2 s of signing out (ADR 0027)", async () => {
    const { response } = await signInWithFranceConnect('signer', 'adult-marie');
    const cookie = cookieOf(response);
    // Opaque to the browser: the claims are encrypted and authenticated.
    expect(cookie).toMatch(/^palabre_session=s1[A-Za-z0-9_-]{130}$/);
    await get('/api/identity/me', cookie).expect(200);
    await request(server)
      .post('/auth/logout')
      .set('Host', 'localhost')
      .set('Origin', 'http://localhost')
      .set('Cookie', cookie)
      .expect((r) => expect([204, 303]).toContain(r.status));
    // A copy of the cookie kept elsewhere: refused once the gateway hears of the revocation.
    const started = Date.now();
    let status = 200;
    while (Date.now() - started < 4_000) {
      status = (await get('/api/identity/me', cookie)).status;
      if (status === 401) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(status).toBe(401);
    expect(Date.now() - started).toBeLessThan(2_500);
  });

  it('signs a 16-year-old in with their age only (each service applies its own minimum age)', async () => {
    const { response } = await signInWithFranceConnect('signer', 'minor-lea');
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe('/petitions/42');
    const me = await get('/api/identity/me', cookieOf(response)).expect(200);
    // Pages learn only "not an adult" (a petition says at once that it is for adults).
    expect(me.body).toEqual({ kind: 'signer', adult: false });
    const ages = await platform.db.query<{ age: number }>(
      `SELECT DISTINCT age FROM identity.sessions WHERE kind = 'signer' ORDER BY age`,
    );
    expect(ages).toEqual([{ age: 16 }, { age: 18 }]);
  });

  it('refuses someone whose birthdate is unknown, kindly, with no session', async () => {
    const before = await platform.db.query(`SELECT 1 FROM identity.sessions`);
    const unknown = (await signInWithFranceConnect('signer', 'no-birthdate')).response;
    // The site's page says it, in its layout and the visitor's language, with the way back.
    expect(unknown.status).toBe(303);
    expect(unknown.headers.location).toBe(
      '/sign-in/refused?reason=no-birthdate&mode=signer&returnTo=%2Fpetitions%2F42',
    );
    expect(setCookies(unknown).join('\n')).not.toMatch(/palabre_session=/);
    expect(await platform.db.query(`SELECT 1 FROM identity.sessions`)).toHaveLength(before.length);
  });

  it.each(['signer', 'author'] as const)(
    'gives no %s session to a browser that did not start the sign-in (login CSRF), and spends the flow',
    async (mode) => {
      // Mallory starts a sign-in in her browser and gets her callback URL (code + state)...
      const start = await get(
        `/auth/franceconnect/login?mode=${mode}&returnTo=/petitions/42&login_hint=adult-jean`,
      ).expect(302);
      const callback = new URL(await completeFranceConnectLogin(start.headers.location));
      const path = `${callback.pathname}${callback.search}`;
      const sessions = (await platform.db.query(`SELECT 1 FROM identity.sessions`)).length;
      logs.length = 0;
      // ...and has Alice open it: Alice's browser has no flow cookie, or one of her own flows.
      const alice = await get(
        '/auth/franceconnect/login?mode=signer&returnTo=/&login_hint=adult-marie',
      ).expect(302);
      for (const cookie of [undefined, cookieOf(alice, 'palabre_fc_flow')]) {
        const r = await get(path, cookie);
        expect(r.status).toBe(400);
        expect(setCookies(r).join('\n')).not.toMatch(/palabre_session=[^;]/);
      }
      expect(await platform.db.query(`SELECT 1 FROM identity.sessions`)).toHaveLength(sessions);
      // The first refusal spent the flow: not even Mallory's own browser can use it now.
      await get(path, cookieOf(start, 'palabre_fc_flow')).expect(400);
      const events = logs.map((l) => JSON.parse(l)).filter((l) => l.security_event);
      expect(events.map((e) => [e.security_event, e.reason])).toEqual([
        ['signin.refused', 'state-not-bound-to-browser'],
        ['signin.refused', 'unknown-or-spent-state'],
        ['signin.refused', 'unknown-or-spent-state'],
      ]);
    },
  );

  it('tells the person in French and English that the sign-in was started elsewhere', async () => {
    const start = await get(
      '/auth/franceconnect/login?mode=signer&returnTo=/&login_hint=adult-jean',
    ).expect(302);
    const callback = new URL(await completeFranceConnectLogin(start.headers.location));
    const r = await get(`${callback.pathname}${callback.search}`).expect(400);
    expect(r.headers['content-type']).toMatch(/text\/html/);
    expect(r.text).toContain('personne n’a été connecté');
    expect(r.text).toContain('nobody was signed in');
  });

  it('completes two sign-ins started in two tabs of one browser', async () => {
    const first = await get(
      '/auth/franceconnect/login?mode=signer&returnTo=/a&login_hint=adult-jean',
    ).expect(302);
    const second = await get(
      '/auth/franceconnect/login?mode=signer&returnTo=/b&login_hint=adult-jean',
      cookieOf(first, 'palabre_fc_flow'),
    ).expect(302);
    const jar = cookieOf(second, 'palabre_fc_flow');
    const back = async (start: request.Response) => {
      const callback = new URL(await completeFranceConnectLogin(start.headers.location));
      return get(`${callback.pathname}${callback.search}`, jar);
    };
    expect((await back(first)).headers.location).toBe('/a');
    expect((await back(second)).headers.location).toBe('/b');
  });

  it('refuses a replayed or forged state and an open redirect, creating no session', async () => {
    const { callback, response, flowCookie } = await signInWithFranceConnect(
      'signer',
      'adult-jean',
    );
    expect(response.status).toBe(302);
    const count = (await platform.db.query(`SELECT 1 FROM identity.sessions`)).length;
    const replay = await get(`${callback.pathname}${callback.search}`, flowCookie).expect(400);
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

  it('signs a FranceConnect session out at FranceConnect too (end_session, id_token_hint, state)', async () => {
    const { response } = await signInWithFranceConnect('signer', 'adult-jean');
    const session = cookieOf(response);
    const sealedLine = setCookies(response).find((c) => c.startsWith('palabre_fc='))!;
    // The ID token rides only in the browser, sealed, sent to /auth/* only.
    expect(sealedLine).toMatch(/; Path=\/auth/);
    expect(sealedLine).toMatch(/; HttpOnly/);
    expect(sealedLine).toMatch(/; SameSite=Lax/);
    const sealed = cookieOf(response, 'palabre_fc');
    const sub = pairwiseSub('adult-jean', CLIENT.clientId);
    expect(sealed).not.toMatch(JWT_IN_CLEAR);
    for (const form of [sub, ...encodedForms(sub)]) expect(sealed).not.toContain(form);

    const revoked = async () =>
      (
        await platform.db.query(
          `SELECT 1 FROM identity.sessions WHERE kind = 'signer' AND revoked_at IS NOT NULL`,
        )
      ).length;
    const revokedBefore = await revoked();
    const logout = await request(server)
      .post('/auth/logout')
      .set('Host', 'localhost')
      .set('Origin', 'http://localhost')
      .set('Cookie', `${session}; ${sealed}`)
      .expect(303);
    const end = new URL(logout.headers.location);
    expect(`${end.origin}${end.pathname}`).toBe(`${fc.issuer}/session/end`);
    // Browsers apply CSP form-action to a form post's redirects: FranceConnect must be allowed.
    const formAction = /form-action ([^;]+)/.exec(
      String(logout.headers['content-security-policy']),
    );
    expect(formAction?.[1].split(' ')).toEqual(["'self'", end.origin]);
    expect(end.searchParams.get('post_logout_redirect_uri')).toBe(
      'http://localhost/auth/franceconnect/logout-callback',
    );
    const state = end.searchParams.get('state')!;
    expect(state.length).toBeGreaterThanOrEqual(32);
    const hint = end.searchParams.get('id_token_hint')!;
    const claims = JSON.parse(Buffer.from(hint.split('.')[1], 'base64url').toString());
    expect(claims).toMatchObject({ sub, aud: CLIENT.clientId, iss: fc.issuer });
    // Signed out here at once: session revoked, both cookies cleared.
    const cleared = setCookies(logout).join('\n');
    expect(cleared).toMatch(/palabre_session=;/);
    expect(cleared).toMatch(/palabre_fc=;[^\n]*Path=\/auth/);
    expect(await revoked()).toBe(revokedBefore + 1);

    // At FranceConnect (the local provider asks to confirm), then back to the site with the state.
    const page = await fetch(end, { redirect: 'manual' });
    expect(page.status).toBe(200);
    const html = await page.text();
    const action = /<form method="post" action="([^"]+)"/.exec(html)![1];
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)![1];
    const confirm = await fetch(action, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        cookie: page.headers
          .getSetCookie()
          .map((c) => c.split(';')[0])
          .join('; '),
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ xsrf, logout: 'yes' }),
    });
    expect(confirm.status).toBe(303);
    const back = new URL(confirm.headers.get('location')!);
    expect(`${back.origin}${back.pathname}`).toBe(CLIENT.postLogoutRedirectUris[0]);
    expect(back.searchParams.get('state')).toBe(state);
    const home = await get(`${back.pathname}${back.search}`).expect(302);
    expect(home.headers.location).toBe('/');
    // The state is spent, and a made-up one is refused.
    await get(`${back.pathname}${back.search}`).expect(400);
    await get(`/auth/franceconnect/logout-callback?state=${'x'.repeat(43)}`).expect(400);
  });

  it('signs out locally only when the sealed token belongs to another session, or for a password session', async () => {
    const first = (await signInWithFranceConnect('signer', 'adult-marie')).response;
    const second = (await signInWithFranceConnect('signer', 'adult-marie')).response;
    const r = await request(server)
      .post('/auth/logout')
      .set('Host', 'localhost')
      .set('Origin', 'http://localhost')
      .set('Cookie', `${cookieOf(second)}; ${cookieOf(first, 'palabre_fc')}`)
      .expect(204);
    expect(r.headers.location).toBeUndefined();
    expect(setCookies(r).join('\n')).toMatch(/palabre_fc=;[^\n]*Path=\/auth/);
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
      for (const { v } of rows) {
        for (const s of secrets)
          expect(`${c.table_name}.${c.column_name}: ${v ?? ''}`).not.toContain(s);
        // Nor hidden in an encoded form: an ID token (it carries the sub) stored as is, say.
        for (const s of subs.flatMap(encodedForms))
          expect(`${c.table_name}.${c.column_name}: ${v ?? ''}`).not.toContain(s);
        expect(`${c.table_name}.${c.column_name}: ${v ?? ''}`).not.toMatch(JWT_IN_CLEAR);
      }
    }
    expect(
      await platform.db.query(`SELECT 1 FROM identity.sessions WHERE kind = 'signer'`),
    ).not.toHaveLength(0);
    for (const line of logs) {
      for (const s of [...secrets, ...subs.flatMap(encodedForms)]) expect(line).not.toContain(s);
      expect(line).not.toMatch(JWT_IN_CLEAR);
    }
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
