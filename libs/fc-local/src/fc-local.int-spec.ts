import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify, type JWTPayload } from 'jose';
import {
  completeFranceConnectLogin,
  createLocalFranceConnect,
  pairwiseSub,
  startLocalFranceConnectServer,
  TEST_CITIZENS,
  type LocalFranceConnect,
} from './index';

const CLIENT_ID = 'palabre-test';
const CLIENT_SECRET = 'a-long-enough-test-secret-for-the-local-provider';
const REDIRECT_URI = 'http://localhost/cb';
const LOGGED_OUT_URI = 'http://localhost/logged-out';

interface Discovery {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  userinfo_endpoint: string;
  jwks_uri: string;
  end_session_endpoint: string;
  subject_types_supported: string[];
  id_token_signing_alg_values_supported: string[];
  userinfo_signing_alg_values_supported: string[];
  code_challenge_methods_supported: string[];
  acr_values_supported: string[];
  token_endpoint_auth_methods_supported: string[];
  response_types_supported: string[];
}

const random = () => randomBytes(32).toString('base64url');

/** A relying party written against the spec with jose and fetch only. */
class RelyingParty {
  private meta?: Discovery;

  constructor(
    readonly issuer: string,
    readonly alg: 'ES256' | 'RS256' = 'ES256',
  ) {}

  async discovery(): Promise<Discovery> {
    if (!this.meta) {
      const r = await fetch(`${this.issuer}/.well-known/openid-configuration`);
      expect(r.status).toBe(200);
      this.meta = (await r.json()) as Discovery;
    }
    return this.meta;
  }

  async authorize(p: { scope: string; loginHint?: string; omit?: 'state' | 'nonce' }) {
    const meta = await this.discovery();
    const state = random();
    const nonce = random();
    const verifier = random();
    const url = new URL(meta.authorization_endpoint);
    const params: Record<string, string> = {
      response_type: 'code',
      client_id: CLIENT_ID,
      redirect_uri: REDIRECT_URI,
      scope: p.scope,
      state,
      nonce,
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
      acr_values: 'eidas1',
      ...(p.loginHint ? { login_hint: p.loginHint } : {}),
    };
    if (p.omit) delete params[p.omit];
    url.search = new URLSearchParams(params).toString();
    return { url: url.toString(), state, nonce, verifier };
  }

  async token(code: string, verifier: string, auth: 'post' | 'basic' = 'post') {
    const meta = await this.discovery();
    const form = new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
      code_verifier: verifier,
    });
    const headers: Record<string, string> = {
      'content-type': 'application/x-www-form-urlencoded',
    };
    if (auth === 'post') {
      form.set('client_id', CLIENT_ID);
      form.set('client_secret', CLIENT_SECRET);
    } else {
      const basic = `${encodeURIComponent(CLIENT_ID)}:${encodeURIComponent(CLIENT_SECRET)}`;
      headers.authorization = `Basic ${Buffer.from(basic).toString('base64')}`;
    }
    const r = await fetch(meta.token_endpoint, { method: 'POST', headers, body: form });
    return {
      status: r.status,
      body: (await r.json()) as {
        id_token?: string;
        access_token?: string;
        token_type?: string;
        error?: string;
      },
    };
  }

  async verify(jwt: string): Promise<JWTPayload> {
    const meta = await this.discovery();
    const { payload } = await jwtVerify(jwt, createRemoteJWKSet(new URL(meta.jwks_uri)), {
      algorithms: [this.alg],
      issuer: this.issuer,
      audience: CLIENT_ID,
    });
    return payload;
  }

  async userinfo(accessToken: string) {
    const meta = await this.discovery();
    const r = await fetch(meta.userinfo_endpoint, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^application\/jwt/);
    const jwt = await r.text();
    return { jwt, claims: await this.verify(jwt) };
  }

  /** The whole flow: authorize, browser, code exchange, ID token and userinfo verification. */
  async login(p: {
    scope: string;
    loginHint?: string;
    citizenId?: string;
    auth?: 'post' | 'basic';
  }) {
    const req = await this.authorize(p);
    const callback = new URL(await completeFranceConnectLogin(req.url, p.citizenId));
    expect(`${callback.origin}${callback.pathname}`).toBe(REDIRECT_URI);
    expect(callback.searchParams.get('error')).toBeNull();
    expect(callback.searchParams.get('state')).toBe(req.state);
    const code = callback.searchParams.get('code');
    expect(code).toBeTruthy();
    const tokens = await this.token(code!, req.verifier, p.auth);
    expect(tokens.status).toBe(200);
    expect(tokens.body.token_type).toBe('Bearer');
    const idToken = await this.verify(tokens.body.id_token!);
    expect(idToken.nonce).toBe(req.nonce);
    expect(idToken.acr).toBe('eidas1');
    const userinfo = await this.userinfo(tokens.body.access_token!);
    expect(userinfo.claims.sub).toBe(idToken.sub);
    return { req, code: code!, idToken, idTokenJwt: tokens.body.id_token!, userinfo };
  }
}

function yearsAgoUtc(years: number): string {
  const t = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${t.getUTCFullYear() - years}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

describe('local FranceConnect (standalone server, ES256)', () => {
  let fc: LocalFranceConnect & { url: string };
  let rp: RelyingParty;

  beforeAll(async () => {
    fc = await startLocalFranceConnectServer({
      clients: [
        {
          clientId: CLIENT_ID,
          clientSecret: CLIENT_SECRET,
          redirectUris: [REDIRECT_URI],
          postLogoutRedirectUris: [LOGGED_OUT_URI],
        },
      ],
    });
    rp = new RelyingParty(fc.issuer);
  });
  afterAll(() => fc.close());

  it('publishes FranceConnect v2 style discovery under the issuer path', async () => {
    expect(fc.issuer).toBe(`${fc.url}/api/v2`);
    const meta = await rp.discovery();
    expect(meta.issuer).toBe(fc.issuer);
    expect(meta.authorization_endpoint).toBe(`${fc.issuer}/authorize`);
    expect(meta.token_endpoint).toBe(`${fc.issuer}/token`);
    expect(meta.userinfo_endpoint).toBe(`${fc.issuer}/userinfo`);
    expect(meta.jwks_uri).toBe(`${fc.issuer}/jwks`);
    expect(meta.end_session_endpoint).toBe(`${fc.issuer}/session/end`);
    expect(meta.response_types_supported).toEqual(['code']);
    expect(meta.code_challenge_methods_supported).toEqual(['S256']);
    expect(meta.acr_values_supported).toEqual(['eidas1']);
    expect(meta.subject_types_supported).toEqual(['pairwise']);
    expect(meta.id_token_signing_alg_values_supported).toEqual(['ES256']);
    expect(meta.userinfo_signing_alg_values_supported).toEqual(['ES256']);
    expect(meta.token_endpoint_auth_methods_supported.sort()).toEqual([
      'client_secret_basic',
      'client_secret_post',
    ]);
    const jwks = (await (await fetch(meta.jwks_uri)).json()) as { keys: Record<string, unknown>[] };
    expect(jwks).toEqual(fc.jwks());
    expect(jwks.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    expect(jwks.keys[0].d).toBeUndefined();
  });

  it('logs adult-marie in with login_hint: signed ID token and signed userinfo with only birthdate', async () => {
    const { idToken, idTokenJwt, userinfo } = await rp.login({
      scope: 'openid birthdate',
      loginHint: 'adult-marie',
    });
    expect(decodeProtectedHeader(idTokenJwt).alg).toBe('ES256');
    expect(decodeProtectedHeader(userinfo.jwt).alg).toBe('ES256');
    expect(idToken.sub).toBe(pairwiseSub('adult-marie', CLIENT_ID));
    expect(idToken.sub).toMatch(/^[0-9a-f]{64}v1$/);
    expect(idToken.sub).not.toContain('marie');
    expect(idToken.birthdate).toBeUndefined();
    expect(userinfo.claims.birthdate).toBe('1980-05-12');
    expect(userinfo.claims.given_name).toBeUndefined();
    expect(userinfo.claims.family_name).toBeUndefined();
    expect(userinfo.claims.email).toBeUndefined();
  });

  it('keeps the same sub for the same citizen, another for another citizen', async () => {
    const a = await rp.login({ scope: 'openid', loginHint: 'adult-marie' });
    const b = await rp.login({ scope: 'openid', loginHint: 'adult-marie' });
    const c = await rp.login({ scope: 'openid', loginHint: 'adult-jean' });
    expect(a.idToken.sub).toBe(b.idToken.sub);
    expect(c.idToken.sub).not.toBe(a.idToken.sub);
  });

  it('gives the minor a birthdate exactly 16 years ago', async () => {
    const { userinfo } = await rp.login({ scope: 'openid birthdate', loginHint: 'minor-lea' });
    expect(userinfo.claims.birthdate).toBe(yearsAgoUtc(16));
    expect(TEST_CITIZENS.find((c) => c.id === 'minor-lea')?.birthdate).toBe(yearsAgoUtc(16));
  });

  it('omits birthdate for the citizen without one', async () => {
    const { userinfo } = await rp.login({ scope: 'openid birthdate', loginHint: 'no-birthdate' });
    expect('birthdate' in userinfo.claims).toBe(false);
    expect(userinfo.claims.sub).toBe(pairwiseSub('no-birthdate', CLIENT_ID));
  });

  it('returns the identity claims when asked, with client_secret_basic', async () => {
    const { userinfo } = await rp.login({
      scope: 'openid given_name family_name email',
      loginHint: 'adult-marie',
      auth: 'basic',
    });
    expect(userinfo.claims).toMatchObject({
      given_name: 'Marie',
      family_name: 'Dupont',
      email: 'marie.dupont@example.fr',
    });
    expect(userinfo.claims.birthdate).toBeUndefined();
  });

  it('refuses a wrong code_verifier and a replayed code', async () => {
    const req = await rp.authorize({ scope: 'openid birthdate', loginHint: 'adult-jean' });
    const code = new URL(await completeFranceConnectLogin(req.url)).searchParams.get('code')!;
    const wrong = await rp.token(code, random());
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toBe('invalid_grant');

    const req2 = await rp.authorize({ scope: 'openid birthdate', loginHint: 'adult-jean' });
    const code2 = new URL(await completeFranceConnectLogin(req2.url)).searchParams.get('code')!;
    const first = await rp.token(code2, req2.verifier);
    expect(first.status).toBe(200);
    const replay = await rp.token(code2, req2.verifier);
    expect(replay.status).toBe(400);
    expect(replay.body.error).toBe('invalid_grant');
  });

  it('refuses an authorization request without state, nonce or PKCE', async () => {
    for (const omit of ['state', 'nonce'] as const) {
      const req = await rp.authorize({ scope: 'openid', loginHint: 'adult-marie', omit });
      const cb = new URL(await completeFranceConnectLogin(req.url));
      expect(cb.searchParams.get('error')).toBe('invalid_request');
      expect(cb.searchParams.get('error_description')).toContain(omit);
    }
    const req = new URL((await rp.authorize({ scope: 'openid', loginHint: 'adult-marie' })).url);
    req.searchParams.delete('code_challenge');
    req.searchParams.delete('code_challenge_method');
    const cb = new URL(await completeFranceConnectLogin(req.toString()));
    expect(cb.searchParams.get('error')).toBe('invalid_request');
  });

  it('shows an accessible French form without login_hint; posting a choice completes the login', async () => {
    const req = await rp.authorize({ scope: 'openid birthdate' });
    const first = await fetch(req.url, { redirect: 'manual' });
    expect(first.status).toBe(303);
    const interactionUrl = new URL(first.headers.get('location')!, req.url);
    expect(interactionUrl.pathname).toMatch(/^\/api\/v2\/interaction\//);
    const cookie = first.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const page = await fetch(interactionUrl, { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain(`<form method="post" action="${interactionUrl.pathname}">`);
    expect(html).not.toContain('<script');
    expect(html).toContain('Marie Dupont, ');
    expect(html).toContain('Jean Martin, ');
    expect(html).toContain('Léa Bernard, 16 ans');
    expect(html).toContain('Karim Benali, date de naissance inconnue');
    for (const c of TEST_CITIZENS) expect(html).toContain(`name="citizen" value="${c.id}"`);

    const { userinfo } = await rp.login({ scope: 'openid birthdate', citizenId: 'adult-jean' });
    expect(userinfo.claims.birthdate).toBe('1992-11-03');
    expect(userinfo.claims.sub).toBe(pairwiseSub('adult-jean', CLIENT_ID));
  });

  it('shows the form for an unknown login_hint', async () => {
    const req = await rp.authorize({ scope: 'openid birthdate', loginHint: 'nobody' });
    await expect(completeFranceConnectLogin(req.url)).rejects.toThrow(/pass a citizenId/);
    const { userinfo } = await rp.login({
      scope: 'openid birthdate',
      loginHint: 'nobody',
      citizenId: 'adult-marie',
    });
    expect(userinfo.claims.birthdate).toBe('1980-05-12');
  });

  it('sends the user back with access_denied when they cancel', async () => {
    const req = await rp.authorize({ scope: 'openid birthdate' });
    const first = await fetch(req.url, { redirect: 'manual' });
    const interactionUrl = new URL(first.headers.get('location')!, req.url);
    const cookies = first.headers.getSetCookie().map((c) => c.split(';')[0]);
    const cancel = await fetch(interactionUrl, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: cookies.join('; '), 'content-type': 'application/x-www-form-urlencoded' },
      body: 'cancel=1',
    });
    expect(cancel.status).toBe(303);
    const resume = await fetch(new URL(cancel.headers.get('location')!, interactionUrl), {
      redirect: 'manual',
      headers: {
        cookie: [...cookies, ...cancel.headers.getSetCookie().map((c) => c.split(';')[0])].join(
          '; ',
        ),
      },
    });
    const cb = new URL(resume.headers.get('location')!);
    expect(`${cb.origin}${cb.pathname}`).toBe(REDIRECT_URI);
    expect(cb.searchParams.get('error')).toBe('access_denied');
    expect(cb.searchParams.get('state')).toBe(req.state);
  });

  it('ends the session at /session/end and returns to post_logout_redirect_uri with state', async () => {
    const { idTokenJwt } = await rp.login({ scope: 'openid', loginHint: 'adult-marie' });
    const meta = await rp.discovery();
    const end = new URL(meta.end_session_endpoint);
    end.search = new URLSearchParams({
      id_token_hint: idTokenJwt,
      post_logout_redirect_uri: LOGGED_OUT_URI,
      state: 'bye',
    }).toString();
    // This request carries no provider session cookie, so oidc-provider answers with its
    // self-submitting form (a browser with the session gets a French confirmation page).
    const page = await fetch(end, { redirect: 'manual' });
    expect(page.status).toBe(200);
    const html = await page.text();
    const action = /<form method="post" action="([^"]+)"/.exec(html)![1];
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)![1];
    expect(action).toBe(`${fc.issuer}/session/end/confirm`);
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
    expect(confirm.headers.get('location')).toBe(`${LOGGED_OUT_URI}?state=bye`);
  });
});

describe('local FranceConnect mounted in an express app under /fc-local (RS256)', () => {
  let server: Server;
  let fc: LocalFranceConnect;
  let origin: string;

  beforeAll(async () => {
    const app = express();
    app.use(express.urlencoded({ extended: false }));
    server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    fc = await createLocalFranceConnect({
      issuer: `${origin}/fc-local/api/v2`,
      alg: 'RS256',
      clients: [
        {
          clientId: CLIENT_ID,
          clientSecret: CLIENT_SECRET,
          // Several organizations' hosts: a pairwise client spanning hosts.
          redirectUris: [
            REDIRECT_URI,
            'http://ville-demo.localhost:3000/auth/franceconnect/callback',
          ],
        },
      ],
    });
    app.use('/fc-local', fc.handler);
    app.get('/other', (_req, res) => {
      res.send('other');
    });
  });
  afterAll(async () => {
    await fc.close();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  });

  it('serves every endpoint under the issuer path and completes a login', async () => {
    const rp = new RelyingParty(fc.issuer, 'RS256');
    const meta = await rp.discovery();
    expect(meta.issuer).toBe(`${origin}/fc-local/api/v2`);
    expect(meta.authorization_endpoint).toBe(`${origin}/fc-local/api/v2/authorize`);
    expect(meta.token_endpoint).toBe(`${origin}/fc-local/api/v2/token`);
    expect(meta.jwks_uri).toBe(`${origin}/fc-local/api/v2/jwks`);
    expect(meta.id_token_signing_alg_values_supported).toEqual(['RS256']);

    // Through the citizen form, with express.urlencoded upstream.
    const { idTokenJwt, userinfo } = await rp.login({
      scope: 'openid birthdate',
      citizenId: 'adult-marie',
    });
    expect(decodeProtectedHeader(idTokenJwt).alg).toBe('RS256');
    expect(userinfo.claims.birthdate).toBe('1980-05-12');
    expect(userinfo.claims.sub).toBe(pairwiseSub('adult-marie', CLIENT_ID));
    expect(fc.jwks().keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256' });

    expect(await (await fetch(`${origin}/other`)).text()).toBe('other');
    expect((await fetch(`${origin}/fc-local/elsewhere`)).status).toBe(404);
  });
});
