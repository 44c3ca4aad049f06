import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify as verifySignature,
  type KeyObject,
} from 'node:crypto';
import { BoundedCache } from '@palabre/cache';

/** Header carrying the internal identity token from the gateway to services. */
export const IDENTITY_HEADER = 'x-palabre-identity';
/**
 * The caller's address as the gateway sees it (the visitor's, for web's calls
 * back), set by the gateway on every request it passes on, replacing any the
 * caller sent. Services use it only as a key of abuse limits, never to trust anyone.
 */
export const CLIENT_ADDRESS_HEADER = 'x-palabre-client-address';
const ISSUER = 'palabre-gateway';
const AUDIENCE = 'palabre-services';
const ALG = 'EdDSA';

export type Role =
  'platform-operator' | 'org-admin' | 'space-admin' | 'moderator' | 'evaluator' | 'participant';

export interface Grant {
  role: Role;
  /** Optional narrowing to one participatory space. */
  spaceId?: string;
}

/** Who is calling, as the gateway established it for one request. */
export interface InternalIdentity {
  organizationId: string;
  /** A signed-in account (local, or a FranceConnect-identified author). */
  userId?: string;
  /** An anonymous FranceConnect signer: HMAC of the FranceConnect `sub`, never the `sub`. */
  signerKey?: string;
  sessionId?: string;
  /** Public name of the account (e.g. a petition author's), when it has one. */
  displayName?: string;
  /** The account's identity was proven by FranceConnect (an identified author). */
  identified?: boolean;
  /**
   * A FranceConnect signer's age in whole years at sign-in, capped at 18 (18:
   * an adult). Absent when unknown (local accounts): a minimum age cannot be met.
   */
  age?: number;
  grants: Grant[];
}

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const HEADER = b64({ alg: ALG, typ: 'JWT' });
const CLOCK_TOLERANCE_S = 5;
/** A token is handed out again while this much of its life remains: enough for a request to be served. */
const REISSUE_BEFORE_EXPIRY_S = 15;
/** How long one signature is reused: until near expiry, and at least half of a short life. */
const reuseSeconds = (ttlSeconds: number) =>
  Math.max(ttlSeconds - REISSUE_BEFORE_EXPIRY_S, ttlSeconds / 2);

/**
 * Short-lived (60 s) Ed25519-signed token: only the gateway holds the private
 * key, every service verifies with the public key, so no service can mint
 * identities and a leaked token expires almost at once. A standard compact
 * JWS (any JOSE library verifies it), made with node:crypto's one-shot
 * Ed25519 directly: it runs on every request, and WebCrypto's asynchronous
 * path cost several times more CPU.
 */
export class IdentityTokenIssuer {
  /**
   * Tokens by identity: one signature serves a session's requests until the
   * token is near expiry (by the wall clock, like the token's iat and exp).
   */
  private readonly issued: BoundedCache<string>;

  constructor(
    private readonly privateKey: KeyObject,
    private readonly ttlSeconds = 60,
    maxCached = 20_000,
  ) {
    this.issued = new BoundedCache({
      max: maxCached,
      ttlMs: () => reuseSeconds(ttlSeconds) * 1000,
      clock: Date,
    });
  }

  static fromPem(pem: string): IdentityTokenIssuer {
    return new IdentityTokenIssuer(createPrivateKey(pem));
  }

  /**
   * The token for `identity`. The same identity (same account, session,
   * grants, age...) gets the same token while at least 15 s of its life
   * remain, so services verify each token once and remember it (ADR 0016): any change
   * of what the token says (a grant revoked, another session) is another key,
   * hence a new token at once. The request id travels in `x-request-id`, not
   * in the token.
   */
  async issue(identity: InternalIdentity): Promise<string> {
    const claims = {
      org: identity.organizationId,
      grants: identity.grants,
      sid: identity.sessionId,
      sgn: identity.signerKey,
      name: identity.displayName,
      fc: identity.identified || undefined,
      age: identity.age,
      sub: identity.userId,
    };
    const key = JSON.stringify(claims);
    const hit = this.issued.peek(key);
    if (hit) return hit;
    const now = Math.floor(Date.now() / 1000);
    const payload = b64({
      ...claims,
      iss: ISSUER,
      aud: AUDIENCE,
      iat: now,
      exp: now + this.ttlSeconds,
    });
    const input = `${HEADER}.${payload}`;
    const token = `${input}.${sign(null, Buffer.from(input), this.privateKey).toString('base64url')}`;
    this.issued.set(key, token);
    return token;
  }
}

/** A caller may change what it gets; the remembered identity stays as verified. */
const copy = (i: InternalIdentity): InternalIdentity => ({
  ...i,
  grants: i.grants.map((g) => ({ ...g })),
});

export class InvalidIdentityTokenError extends Error {
  constructor(reason: string) {
    super(`Invalid internal identity token: ${reason}`);
    this.name = 'InvalidIdentityTokenError';
  }
}

export class IdentityTokenVerifier {
  /**
   * Tokens already verified, until they expire (their `exp`, by the wall
   * clock): an Ed25519 verification costs ~0.25 ms here. Requests arriving
   * with the same new token while it is being checked (a voter's clicks at
   * once) wait for that one check instead of each starting their own.
   */
  private readonly verified: BoundedCache<{ identity: InternalIdentity; exp: number }>;

  constructor(
    private readonly publicKey: KeyObject,
    maxCached = 20_000,
  ) {
    this.verified = new BoundedCache({
      max: maxCached,
      ttlMs: (checked) => (checked.exp + CLOCK_TOLERANCE_S) * 1000 - Date.now(),
      clock: Date,
    });
  }

  static fromPem(pem: string): IdentityTokenVerifier {
    return new IdentityTokenVerifier(createPublicKey(pem));
  }

  async verify(token: string): Promise<InternalIdentity> {
    const now = Math.floor(Date.now() / 1000);
    const checked = await this.verified.fetch(token, () => this.check(token, now));
    return copy(checked.identity);
  }

  private async check(
    token: string,
    now: number,
  ): Promise<{ identity: InternalIdentity; exp: number }> {
    const fail = (reason: string): never => {
      throw new InvalidIdentityTokenError(reason);
    };
    const parts = token.split('.');
    if (parts.length !== 3) fail('not a compact JWS');
    const [h, p, sig] = parts;
    let header: { alg?: unknown; crit?: unknown };
    let payload: Record<string, unknown>;
    try {
      header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8'));
      payload = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
    } catch {
      return fail('unreadable');
    }
    // The algorithm is pinned: "none" or anything else is refused before any check.
    if (header.alg !== ALG || header.crit !== undefined) fail(`alg must be ${ALG}`);
    // In libuv's thread pool (the callback form): the event loop goes on serving meanwhile.
    const valid = await new Promise<boolean>((resolve) =>
      verifySignature(
        null,
        Buffer.from(`${h}.${p}`),
        this.publicKey,
        Buffer.from(sig, 'base64url'),
        (error, ok) => resolve(!error && ok),
      ),
    );
    if (!valid) fail('signature verification failed');
    if (payload.iss !== ISSUER) fail('unexpected "iss" claim value');
    if (payload.aud !== AUDIENCE) fail('unexpected "aud" claim value');
    if (typeof payload.exp !== 'number' || payload.exp <= now - CLOCK_TOLERANCE_S)
      fail('"exp" claim timestamp check failed');
    if (typeof payload.iat === 'number' && payload.iat > now + CLOCK_TOLERANCE_S)
      fail('"iat" claim is in the future');
    if (typeof payload.org !== 'string') fail('missing organization');
    const identity: InternalIdentity = {
      organizationId: payload.org as string,
      userId: typeof payload.sub === 'string' ? payload.sub : undefined,
      grants: Array.isArray(payload.grants) ? (payload.grants as Grant[]) : [],
      sessionId: typeof payload.sid === 'string' ? payload.sid : undefined,
      signerKey: typeof payload.sgn === 'string' ? payload.sgn : undefined,
      displayName: typeof payload.name === 'string' ? payload.name : undefined,
      identified: payload.fc === true,
      age:
        typeof payload.age === 'number' && Number.isInteger(payload.age) ? payload.age : undefined,
    };
    return { identity, exp: payload.exp as number };
  }
}

/** A key pair for one embedded process or a test; production keys come from secrets. */
export function generateIdentityKeys() {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    issuer: new IdentityTokenIssuer(privateKey),
    verifier: new IdentityTokenVerifier(publicKey),
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/**
 * True if the identity holds `role` in its organization (or in `spaceId`).
 * A platform operator may do anything; an organization admin anything inside
 * the organization, but never what only a platform operator may do.
 */
export function hasRole(identity: InternalIdentity, role: Role, spaceId?: string): boolean {
  return identity.grants.some(
    (g) =>
      (g.role === 'platform-operator' && !g.spaceId) ||
      (g.role === role && (!g.spaceId || g.spaceId === spaceId)) ||
      (g.role === 'org-admin' && !g.spaceId && role !== 'platform-operator'),
  );
}
