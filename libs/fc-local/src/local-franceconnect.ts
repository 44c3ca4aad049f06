import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';
import {
  errors,
  Provider,
  type InteractionDetails,
  type OidcAccount,
  type OidcClient,
  type OidcContext,
} from 'oidc-provider';
import { findCitizen, TEST_CITIZENS } from './citizens';
import { errorPage, loginPage, logoutPage, logoutSuccessPage, PAGE_CSP } from './pages';

export interface LocalFranceConnectOptions {
  /** Issuer identifier, e.g. http://localhost:3000/fc-local/api/v2 — endpoints live under its path. */
  issuer: string;
  clients: {
    clientId: string;
    clientSecret: string;
    redirectUris: string[];
    /** For RP-initiated logout (`/session/end`); none by default. */
    postLogoutRedirectUris?: string[];
  }[];
  /** Signing algorithm of ID tokens and userinfo (pinned, the only one offered). Default ES256. */
  alg?: 'ES256' | 'RS256';
}

export type NodeHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  next?: (err?: unknown) => void,
) => void;

export interface LocalFranceConnect {
  issuer: string;
  /**
   * Node/express handler. It serves the requests whose path starts with the
   * issuer's path (e.g. `/fc-local/api/v2/...`) wherever it is mounted:
   * `app.use(handler)`, `app.use('/fc-local', handler)` or
   * `app.use('/fc-local/api/v2', handler)` behave the same, since it reads
   * `req.originalUrl`. Other paths go to `next()` (404 without `next`).
   */
  handler: NodeHandler;
  /** JWKS public keys, for tests. */
  jwks(): { keys: JWK[] };
  close(): Promise<void>;
}

/** Fixed on purpose: the same citizen keeps the same `sub` for a client across restarts. */
const PAIRWISE_KEY = 'palabre-fc-local-pairwise-v1';

/** FranceConnect v2 style pairwise subject: 64 hex characters + "v1", stable per citizen and client. */
export function pairwiseSub(citizenId: string, clientId: string): string {
  return `${createHmac('sha256', PAIRWISE_KEY).update(`${citizenId}\n${clientId}`).digest('hex')}v1`;
}

const ACR = 'eidas1';
const MAX_FORM_BYTES = 16 * 1024;

/** Scopes → claims, like FranceConnect v2 (one scope per claim, plus its grouped scopes). */
const CLAIMS: Record<string, string[] | null> = {
  openid: ['sub'],
  given_name: ['given_name'],
  family_name: ['family_name'],
  email: ['email'],
  birthdate: ['birthdate'],
  gender: ['gender'],
  birthplace: ['birthplace'],
  birthcountry: ['birthcountry'],
  preferred_username: ['preferred_username'],
  profile: ['given_name', 'family_name', 'birthdate', 'gender', 'preferred_username'],
  birth: ['birthplace', 'birthcountry'],
  identite_pivot: [
    'given_name',
    'family_name',
    'birthdate',
    'gender',
    'birthplace',
    'birthcountry',
  ],
  acr: null,
  auth_time: null,
};

async function signingKey(alg: 'ES256' | 'RS256'): Promise<{ privateJwk: JWK; publicJwk: JWK }> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  const meta = { kid, alg, use: 'sig' };
  return {
    privateJwk: { ...(await exportJWK(privateKey)), ...meta },
    publicJwk: { ...publicJwk, ...meta },
  };
}

function mountPathOf(issuer: string): string {
  return new URL(issuer).pathname.replace(/\/+$/, '');
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const parsed = (req as IncomingMessage & { body?: unknown }).body;
  if (parsed && typeof parsed === 'object' && !req.readable) {
    // An upstream body parser (express.urlencoded) already consumed the stream.
    const form = new URLSearchParams();
    for (const [k, v] of Object.entries(parsed)) if (typeof v === 'string') form.set(k, v);
    return form;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_FORM_BYTES) throw new Error('form too large');
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.statusCode = status;
  res.setHeader('content-type', 'text/html; charset=utf-8');
  res.setHeader('cache-control', 'no-store');
  res.setHeader('content-security-policy', PAGE_CSP);
  res.end(html);
}

/** Drops the provider's session cookie so that every authorization request asks for a citizen. */
function withoutCookies(header: string | undefined, names: string[]): string | undefined {
  if (!header) return header;
  const kept = header
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part && !names.includes(part.slice(0, part.indexOf('=')).trim()));
  return kept.length ? kept.join('; ') : undefined;
}

/**
 * A real OpenID provider (oidc-provider 9) playing FranceConnect v2's
 * integration environment: code flow only, PKCE S256, state and nonce
 * mandatory, acr eidas1, pairwise subjects, ID token and userinfo signed
 * (userinfo as `application/jwt`), no consent screen, test citizens chosen
 * with `login_hint` or a server-rendered form. Keys and cookie keys are
 * generated per instance; storage is oidc-provider's in-memory adapter.
 */
export async function createLocalFranceConnect(
  options: LocalFranceConnectOptions,
): Promise<LocalFranceConnect> {
  const issuer = options.issuer.replace(/\/+$/, '');
  const alg = options.alg ?? 'ES256';
  const mount = mountPathOf(issuer);
  const { privateJwk, publicJwk } = await signingKey(alg);
  const cookieNames = {
    session: 'fc_local_session',
    interaction: 'fc_local_interaction',
    resume: 'fc_local_resume',
  };
  const cookieOptions = { httpOnly: true, sameSite: 'lax', path: mount || '/' };

  const requireParam = (name: string) => (_ctx: OidcContext, value: unknown) => {
    if (typeof value !== 'string' || value.length === 0) {
      throw new errors.InvalidRequest(`${name} is mandatory`);
    }
  };

  const provider = new Provider(issuer, {
    clients: options.clients.map((c) => {
      const hosts = new Set(c.redirectUris.map((u) => new URL(u).host));
      return {
        client_id: c.clientId,
        client_secret: c.clientSecret,
        redirect_uris: c.redirectUris,
        post_logout_redirect_uris: c.postLogoutRedirectUris ?? [],
        default_acr_values: [ACR],
        // Pairwise clients whose redirect URIs span several hosts need a sector
        // identifier; it is never fetched (sectorIdentifierUriValidate) and
        // pairwiseSub ignores it.
        ...(hosts.size > 1
          ? {
              sector_identifier_uri: `https://fc-local.invalid/sector/${encodeURIComponent(c.clientId)}`,
            }
          : {}),
      };
    }),
    clientDefaults: {
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_post',
      id_token_signed_response_alg: alg,
      userinfo_signed_response_alg: alg,
      subject_type: 'pairwise',
    },
    clientAuthMethods: ['client_secret_post', 'client_secret_basic'],
    responseTypes: ['code'],
    scopes: ['openid'],
    claims: CLAIMS,
    acrValues: [ACR],
    subjectTypes: ['pairwise'],
    pairwiseIdentifier: (_ctx: OidcContext, accountId: string, client: OidcClient) =>
      pairwiseSub(accountId, client.clientId),
    sectorIdentifierUriValidate: () => false,
    pkce: { required: () => true },
    extraParams: { state: requireParam('state'), nonce: requireParam('nonce') },
    enabledJWA: { idTokenSigningAlgValues: [alg], userinfoSigningAlgValues: [alg] },
    jwks: { keys: [privateJwk] },
    cookies: {
      keys: [randomBytes(32).toString('base64url')],
      names: cookieNames,
      long: cookieOptions,
      short: cookieOptions,
    },
    routes: {
      authorization: '/authorize',
      token: '/token',
      userinfo: '/userinfo',
      jwks: '/jwks',
      end_session: '/session/end',
    },
    features: {
      devInteractions: { enabled: false },
      userinfo: { enabled: true },
      jwtUserinfo: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx: OidcContext, form: string) => {
          ctx.set('content-security-policy', PAGE_CSP);
          ctx.type = 'html';
          ctx.body = logoutPage(form, ctx.host);
        },
        postLogoutSuccessSource: (ctx: OidcContext) => {
          ctx.set('content-security-policy', PAGE_CSP);
          ctx.type = 'html';
          ctx.body = logoutSuccessPage();
        },
      },
      pushedAuthorizationRequests: { enabled: false },
      dPoP: { enabled: false },
      resourceIndicators: { enabled: false },
      claimsParameter: { enabled: false },
    },
    interactions: {
      url: (_ctx: OidcContext, interaction: { uid: string }) =>
        `${mount}/interaction/${interaction.uid}`,
    },
    findAccount: (_ctx: OidcContext, id: string): OidcAccount | undefined => {
      const citizen = findCitizen(id);
      if (!citizen) return undefined;
      return {
        accountId: citizen.id,
        async claims() {
          const { id: _id, ...claims } = citizen;
          // A missing birthdate is simply absent, never null or empty.
          return Object.fromEntries(Object.entries(claims).filter(([, v]) => v !== undefined));
        },
      };
    },
    renderError: (ctx: OidcContext, out: Record<string, unknown>) => {
      ctx.set('content-security-policy', PAGE_CSP);
      ctx.type = 'html';
      ctx.body = errorPage(out);
    },
    clientBasedCORS: () => false,
    ttl: {
      AccessToken: 60,
      AuthorizationCode: 60,
      IdToken: 60,
      Interaction: 600,
      Session: 600,
      Grant: 600,
    },
  });
  // Mounted in a bigger express app or behind a proxy: trust X-Forwarded-* (oidc-provider docs).
  provider.proxy = true;

  const callback = provider.callback();
  const staleCookies = [cookieNames.session, `${cookieNames.session}.sig`];

  async function interaction(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let details: InteractionDetails;
    try {
      details = await provider.interactionDetails(req, res);
    } catch (error) {
      sendHtml(
        res,
        400,
        errorPage({ error: 'session_not_found', error_description: String(error) }),
      );
      return;
    }
    const { prompt, params } = details;
    const finishLogin = (citizenId: string) =>
      provider.interactionFinished(
        req,
        res,
        { login: { accountId: citizenId, acr: ACR, remember: false } },
        { mergeWithLastSubmission: false },
      );

    if (prompt.name === 'consent') {
      // FranceConnect asks for consent on its side: grant whatever was requested.
      const accountId = details.session?.accountId;
      if (!accountId) throw new Error('consent without a logged-in citizen');
      const grant =
        (details.grantId ? await provider.Grant.find(details.grantId) : undefined) ??
        new provider.Grant({ accountId, clientId: String(params.client_id) });
      const missingScope = prompt.details.missingOIDCScope;
      const missingClaims = prompt.details.missingOIDCClaims;
      if (Array.isArray(missingScope)) grant.addOIDCScope(missingScope.join(' '));
      if (Array.isArray(missingClaims)) grant.addOIDCClaims(missingClaims as string[]);
      const grantId = await grant.save();
      await provider.interactionFinished(
        req,
        res,
        { consent: details.grantId ? {} : { grantId } },
        { mergeWithLastSubmission: true },
      );
      return;
    }
    if (prompt.name !== 'login') {
      sendHtml(res, 400, errorPage({ error: 'unsupported_prompt', prompt: prompt.name }));
      return;
    }

    if (req.method === 'POST') {
      const form = await readForm(req);
      if (form.has('cancel')) {
        await provider.interactionFinished(
          req,
          res,
          { error: 'access_denied', error_description: 'L’usager a annulé la connexion' },
          { mergeWithLastSubmission: false },
        );
        return;
      }
      const chosen = findCitizen(form.get('citizen'));
      if (chosen) {
        await finishLogin(chosen.id);
        return;
      }
    } else {
      const hinted = findCitizen(params.login_hint);
      if (hinted) {
        await finishLogin(hinted.id);
        return;
      }
    }
    const hint = typeof params.login_hint === 'string' ? params.login_hint : undefined;
    sendHtml(
      res,
      req.method === 'POST' ? 400 : 200,
      loginPage({
        action: `${mount}/interaction/${details.uid}`,
        citizens: TEST_CITIZENS,
        clientId: String(params.client_id),
        scope: typeof params.scope === 'string' ? params.scope : 'openid',
        unknownHint: hint,
      }),
    );
  }

  let closed = false;
  const handler: NodeHandler = (req, res, next) => {
    if (closed) {
      res.statusCode = 503;
      res.end();
      return;
    }
    const original =
      (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? '/';
    const q = original.indexOf('?');
    const path = q < 0 ? original : original.slice(0, q);
    if (mount && path !== mount && !path.startsWith(`${mount}/`)) {
      if (next) return next();
      res.statusCode = 404;
      res.end();
      return;
    }
    const rest = original.slice(mount.length);
    req.url = rest.startsWith('/') ? rest : `/${rest}`;
    // oidc-provider derives its mount path from originalUrl minus url (plain node servers have none).
    (req as IncomingMessage & { originalUrl?: string }).originalUrl = original;
    const local = path.slice(mount.length) || '/';

    if (/^\/interaction\/[^/]+$/.test(local) && (req.method === 'GET' || req.method === 'POST')) {
      res.setHeader('cache-control', 'no-store');
      interaction(req, res).catch((error: unknown) => {
        if (res.headersSent) res.destroy();
        else
          sendHtml(
            res,
            500,
            errorPage({ error: 'server_error', error_description: String(error) }),
          );
      });
      return;
    }
    if (local === '/authorize') {
      // No single sign-on: each authorization request starts a new provider session.
      req.headers.cookie = withoutCookies(req.headers.cookie, staleCookies);
    }
    callback(req, res);
  };

  return {
    issuer,
    handler,
    jwks: () => ({ keys: [publicJwk] }),
    close: async () => {
      // Stored artifacts live in oidc-provider's memory adapter and expire on their own.
      closed = true;
    },
  };
}

/**
 * The provider on its own HTTP server (127.0.0.1, random port by default),
 * issuer `http://127.0.0.1:<port>/api/v2`; `url` is `http://127.0.0.1:<port>`.
 */
export async function startLocalFranceConnectServer(
  options: Omit<LocalFranceConnectOptions, 'issuer'> & { port?: number },
): Promise<LocalFranceConnect & { url: string }> {
  let handler: NodeHandler | undefined;
  const server = createServer((req, res) => {
    if (handler) handler(req, res);
    else {
      res.statusCode = 503;
      res.end();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { port: _port, ...rest } = options;
  try {
    const fc = await createLocalFranceConnect({ ...rest, issuer: `${url}/api/v2` });
    handler = fc.handler;
    return {
      ...fc,
      url,
      close: async () => {
        await fc.close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
      },
    };
  } catch (error) {
    server.close();
    throw error;
  }
}
