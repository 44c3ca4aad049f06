import { createHash, randomBytes } from 'node:crypto';
import {
  createRemoteJWKSet,
  customFetch,
  jwtVerify,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
import { fetch, request } from 'undici';
import { httpClient } from '@palabre/service-kit';
import type { FranceConnectSettings } from './franceconnect.config';

interface Discovery {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  userinfo_endpoint: string;
  jwks_uri: string;
  end_session_endpoint?: string;
}

/** Nest injection token of the FranceConnect client (null when FranceConnect is not configured). */
export const FRANCECONNECT_CLIENT = Symbol('FRANCECONNECT_CLIENT');

export class FranceConnectError extends Error {
  constructor(
    readonly reason: 'provider' | 'token' | 'userinfo',
    message: string,
  ) {
    super(message);
    this.name = 'FranceConnectError';
  }
}

/** A call to the provider on the platform's HTTP client, given up after `timeoutMs`. */
const call = (
  url: string,
  timeoutMs: number,
  options: { method?: 'GET' | 'POST'; headers?: Record<string, string>; body?: string } = {},
) =>
  request(url, {
    dispatcher: httpClient,
    ...options,
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
  });

export const randomToken = () => randomBytes(32).toString('base64url');
export const pkceChallenge = (verifier: string) =>
  createHash('sha256').update(verifier).digest('base64url');

/**
 * The relying-party side of FranceConnect (OpenID Connect, code flow + PKCE):
 * discovery, the authorize URL, the code exchange, and verification of the
 * signed ID token and signed userinfo with the provider's JWKS, one pinned
 * algorithm, issuer, audience, expiry and nonce.
 */
export class FranceConnectClient {
  private discovery?: Promise<Discovery>;
  private keys?: JWTVerifyGetKey;

  constructor(
    readonly settings: FranceConnectSettings,
    /** Tests inject a local key set; production fetches jwks_uri. */
    keys?: JWTVerifyGetKey,
  ) {
    this.keys = keys;
  }

  private meta(): Promise<Discovery> {
    this.discovery ??= call(`${this.settings.issuer}/.well-known/openid-configuration`, 5_000).then(
      async (r) => {
        if (r.statusCode < 200 || r.statusCode >= 300) {
          await r.body.dump();
          this.discovery = undefined;
          throw new FranceConnectError('provider', `Discovery failed with HTTP ${r.statusCode}`);
        }
        return (await r.body.json()) as Discovery;
      },
      (error: unknown) => {
        this.discovery = undefined;
        throw error;
      },
    );
    return this.discovery;
  }

  private async jwks(): Promise<JWTVerifyGetKey> {
    this.keys ??= createRemoteJWKSet(new URL((await this.meta()).jwks_uri), {
      // The key set comes through the platform's HTTP client too.
      [customFetch]: (url, { headers, ...options }) =>
        fetch(url, {
          ...options,
          headers: Object.fromEntries(headers as unknown as Iterable<[string, string]>),
          dispatcher: httpClient,
        }) as unknown as Promise<Response>,
    });
    return this.keys;
  }

  async authorizeUrl(p: {
    state: string;
    nonce: string;
    codeVerifier: string;
    scope: string;
    redirectUri: string;
    loginHint?: string;
  }): Promise<string> {
    const url = new URL((await this.meta()).authorization_endpoint);
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: this.settings.clientId,
      redirect_uri: p.redirectUri,
      scope: p.scope,
      state: p.state,
      nonce: p.nonce,
      code_challenge: pkceChallenge(p.codeVerifier),
      code_challenge_method: 'S256',
      acr_values: this.settings.acr,
      ...(p.loginHint ? { login_hint: p.loginHint } : {}),
    }).toString();
    return url.toString();
  }

  /**
   * Code → verified ID token and userinfo claims, and the ID token as received
   * (kept only to hint FranceConnect at logout; it holds the `sub`).
   */
  async complete(p: {
    code: string;
    codeVerifier: string;
    redirectUri: string;
    nonce: string;
  }): Promise<{ claims: JWTPayload; idToken: string }> {
    const meta = await this.meta();
    const tokenResponse = await call(meta.token_endpoint, 10_000, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: p.code,
        redirect_uri: p.redirectUri,
        code_verifier: p.codeVerifier,
        client_id: this.settings.clientId,
        client_secret: this.settings.clientSecret,
      }).toString(),
    });
    if (tokenResponse.statusCode < 200 || tokenResponse.statusCode >= 300) {
      await tokenResponse.body.dump();
      throw new FranceConnectError(
        'token',
        `Token endpoint answered HTTP ${tokenResponse.statusCode}`,
      );
    }
    const tokens = (await tokenResponse.body.json()) as {
      id_token?: string;
      access_token?: string;
    };
    if (!tokens.id_token || !tokens.access_token)
      throw new FranceConnectError('token', 'Token response lacks id_token or access_token');
    const idToken = await this.verifyIdToken(tokens.id_token, p.nonce);
    const userinfo = await this.userinfo(meta.userinfo_endpoint, tokens.access_token);
    if (userinfo.sub !== idToken.sub)
      throw new FranceConnectError('userinfo', 'userinfo sub differs from the ID token sub');
    return { claims: { ...userinfo, sub: idToken.sub }, idToken: tokens.id_token };
  }

  /**
   * RP-initiated logout: the provider's end_session_endpoint with id_token_hint,
   * post_logout_redirect_uri and state (FranceConnect requires all three);
   * null when the provider publishes no such endpoint.
   */
  async endSessionUrl(p: {
    idToken: string;
    postLogoutRedirectUri: string;
    state: string;
  }): Promise<string | null> {
    const endpoint = (await this.meta()).end_session_endpoint;
    if (!endpoint) return null;
    const url = new URL(endpoint);
    url.search = new URLSearchParams({
      id_token_hint: p.idToken,
      post_logout_redirect_uri: p.postLogoutRedirectUri,
      state: p.state,
    }).toString();
    return url.toString();
  }

  async verifyIdToken(token: string, nonce: string): Promise<JWTPayload> {
    try {
      const { payload } = await jwtVerify(token, await this.jwks(), {
        algorithms: [this.settings.alg],
        issuer: this.settings.issuer,
        audience: this.settings.clientId,
        requiredClaims: ['sub', 'exp', 'iat', 'nonce'],
        clockTolerance: 30,
      });
      if (payload.nonce !== nonce) throw new Error('nonce mismatch');
      if (payload.acr !== undefined && payload.acr !== this.settings.acr)
        throw new Error(`unexpected acr ${String(payload.acr)}`);
      return payload;
    } catch (error) {
      throw new FranceConnectError(
        'token',
        `ID token refused: ${error instanceof Error ? error.message : 'unreadable'}`,
      );
    }
  }

  /** FranceConnect v2 answers userinfo as a signed JWT; an unsigned answer is refused. */
  private async userinfo(endpoint: string, accessToken: string): Promise<JWTPayload> {
    const r = await call(endpoint, 10_000, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    const text = await r.body.text();
    if (r.statusCode < 200 || r.statusCode >= 300)
      throw new FranceConnectError('userinfo', `Userinfo answered HTTP ${r.statusCode}`);
    if (!String(r.headers['content-type'] ?? '').startsWith('application/jwt')) {
      throw new FranceConnectError('userinfo', 'Userinfo was not a signed JWT');
    }
    try {
      const { payload } = await jwtVerify(text, await this.jwks(), {
        algorithms: [this.settings.alg],
        issuer: this.settings.issuer,
        audience: this.settings.clientId,
        clockTolerance: 30,
      });
      return payload;
    } catch (error) {
      throw new FranceConnectError(
        'userinfo',
        `Userinfo refused: ${error instanceof Error ? error.message : 'unreadable'}`,
      );
    }
  }
}

/** Whole years between a YYYY-MM-DD birthdate and `today`; null when the date is unusable. */
export function ageOn(birthdate: unknown, today = new Date()): number | null {
  if (typeof birthdate !== 'string') return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthdate);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  let age = today.getUTCFullYear() - y;
  const beforeBirthday =
    today.getUTCMonth() + 1 < mo || (today.getUTCMonth() + 1 === mo && today.getUTCDate() < d);
  if (beforeBirthday) age--;
  return age;
}
