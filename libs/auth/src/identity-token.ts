import {
  createHmac,
  createSecretKey,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
  type KeyObject,
} from 'node:crypto';
import {
  calleesOf,
  deriveCallerKey,
  parseCallerKeys,
  ServiceTokenIssuer,
  ServiceTokenVerifier,
} from './service-token';

/** Header carrying the internal identity token from the gateway to services. */
export const IDENTITY_HEADER = 'x-palabre-identity';
/**
 * The caller's address as the gateway sees it (the visitor's, for web's calls
 * back), set by the gateway on every request it passes on, replacing any the
 * caller sent. Services use it only as a key of abuse limits, never to trust anyone.
 */
export const CLIENT_ADDRESS_HEADER = 'x-palabre-client-address';
const VERSION = 'v2';

/**
 * The services that pass the person's token of a request on to another
 * service (ADR 0030), and to which: a token the gateway mints for one of them
 * also carries a MAC for each of these, so that the second service accepts it.
 * A service that starts passing tokens on declares it here, or its calls are
 * refused with 401.
 */
export const TOKEN_RELAYS: Readonly<Record<string, readonly string[]>> = {
  // Spaces says whether the person may act in a component (ADR 0015).
  budgeting: ['spaces'],
  // …and contributing services may ask the antispam service to score what a person
  // is writing, as that person (ADR 0041, POST /internal/score).
  proposals: ['spaces', 'antispam'],
  petitions: ['antispam'],
  // The personal data archive gathers each service's part as the person (ADR 0018).
  identity: [
    'proposals',
    'budgeting',
    'petitions',
    'meetings',
    'newsletter',
    'antispam',
    'surveys',
  ],
  // Meetings asks spaces who may act (ADR 0015) and identity where to mail the accounts it
  // writes to (ADR 0035).
  meetings: ['spaces', 'identity', 'antispam'],
  // Surveys asks spaces who may answer (ADR 0015).
  surveys: ['spaces'],
  // Sortitions asks spaces who administers, and proposals which proposals a draw is among (ADR 0042).
  sortitions: ['spaces', 'proposals'],
};

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
  /**
   * Accounts: when the account was created, in seconds since the epoch (new
   * accounts contribute at a pace, ADR 0041).
   */
  accountCreatedAt?: number;
  grants: Grant[];
  /**
   * The service the gateway minted the token for, the one the person's request
   * was routed to (claim `aud`, under every MAC): a service that receives the
   * token passed on by another (TOKEN_RELAYS) reads that other service's name
   * here. Set by the verifier; `issue` takes it from its audience argument.
   */
  routedTo?: string;
}

const CLOCK_TOLERANCE_S = 5;
const SERVICE_NAME = /^[a-z][a-z0-9-]*$/;
const HEX_KEY = /^[0-9a-f]{64}$/;

/**
 * One service's token key, derived from the gateway's INTERNAL_TOKEN_SECRET
 * (HKDF-SHA256, the service's name as info): 64 hex characters, what that
 * service receives as INTERNAL_TOKEN_KEY. Knowing one service's key tells
 * nothing of another's, nor of the secret.
 */
export function deriveServiceKey(secret: string, service: string): string {
  if (!SERVICE_NAME.test(service)) throw new Error(`Not a service name: ${service}`);
  return Buffer.from(
    hkdfSync('sha256', secret, Buffer.alloc(0), `palabre identity token v2 ${service}`, 32),
  ).toString('hex');
}

const mac = (key: KeyObject, payload: string) =>
  createHmac('sha256', key).update(`${VERSION}.${payload}`).digest();

/**
 * Short-lived (60 s) identity tokens, MACed per audience (ADR 0030): the
 * gateway holds INTERNAL_TOKEN_SECRET and derives one key per service; each
 * service holds its own key only, so it can check the tokens meant for it
 * and mint none that another service would accept. A token says who is
 * calling (`v2.<claims>.<service>.<HMAC-SHA256>...`) and carries one MAC for
 * the service it is sent to, and one for each service that one passes it on
 * to (`TOKEN_RELAYS`); the claims name the first (`aud`), so that a service
 * can tell a token passed on to it from one minted for it. Minting costs an HMAC per audience (a few µs), so
 * nothing is remembered between requests.
 */
export class IdentityTokenIssuer {
  /** Keys by service, derived once: the audiences are the gateway's routes, a handful. */
  private readonly keys = new Map<string, KeyObject>();

  constructor(
    private readonly secret: string,
    private readonly ttlSeconds = 60,
  ) {
    if (secret.length < 32)
      throw new Error('INTERNAL_TOKEN_SECRET must be at least 32 characters of random');
  }

  private keyFor(service: string): KeyObject {
    let key = this.keys.get(service);
    if (!key) {
      key = createSecretKey(Buffer.from(deriveServiceKey(this.secret, service), 'hex'));
      this.keys.set(service, key);
    }
    return key;
  }

  /** The token telling `audience` (and the services it relays to) who `identity` is. */
  issue(identity: InternalIdentity, audience: string): string {
    const now = Math.floor(Date.now() / 1000);
    const payload = Buffer.from(
      JSON.stringify({
        org: identity.organizationId,
        grants: identity.grants,
        sid: identity.sessionId,
        sgn: identity.signerKey,
        name: identity.displayName,
        fc: identity.identified || undefined,
        age: identity.age,
        acs: identity.accountCreatedAt,
        sub: identity.userId,
        aud: audience,
        iat: now,
        exp: now + this.ttlSeconds,
      }),
    ).toString('base64url');
    let token = `${VERSION}.${payload}`;
    for (const service of [audience, ...(TOKEN_RELAYS[audience] ?? [])])
      token += `.${service}.${mac(this.keyFor(service), payload).toString('base64url')}`;
    return token;
  }
}

export class InvalidIdentityTokenError extends Error {
  constructor(reason: string) {
    super(`Invalid internal identity token: ${reason}`);
    this.name = 'InvalidIdentityTokenError';
  }
}

/**
 * A caller's keys from the deployment's secret, as `npm run internal-token-keys`
 * prints them and embedded mode derives them: `callee=hex,…`.
 */
export function callerKeysFromSecret(secret: string, caller: string): string {
  return calleesOf(caller)
    .map((callee) => `${callee}=${deriveCallerKey(deriveServiceKey(secret, callee), caller)}`)
    .join(',');
}

/** One service's check of the gateway's tokens: its own MAC, expiry, claims. */
export class IdentityTokenVerifier {
  private readonly key: KeyObject;
  /** The same service's check of other services calling it as themselves (ADR 0038). */
  readonly services: ServiceTokenVerifier;

  /** `key`: the service's INTERNAL_TOKEN_KEY (64 hex characters). */
  constructor(
    readonly audience: string,
    key: string,
  ) {
    if (!HEX_KEY.test(key)) throw new Error('INTERNAL_TOKEN_KEY must be 64 hex characters');
    this.key = createSecretKey(Buffer.from(key, 'hex'));
    this.services = new ServiceTokenVerifier(audience, key);
  }

  /** The identity the token says, or InvalidIdentityTokenError. */
  verify(token: string): InternalIdentity {
    const fail = (reason: string): never => {
      throw new InvalidIdentityTokenError(reason);
    };
    const parts = token.split('.');
    if (parts[0] !== VERSION || parts.length < 4 || parts.length % 2 !== 0)
      fail('not a Palabre identity token');
    let given: string | undefined;
    for (let i = 2; i < parts.length; i += 2) if (parts[i] === this.audience) given = parts[i + 1];
    if (given === undefined) return fail(`not meant for ${this.audience}`);
    const expected = mac(this.key, parts[1]);
    const actual = Buffer.from(given, 'base64url');
    if (actual.length !== expected.length || !timingSafeEqual(actual, expected))
      fail('MAC check failed');
    let payload: Record<string, unknown>;
    try {
      payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    } catch {
      return fail('unreadable');
    }
    const now = Math.floor(Date.now() / 1000);
    if (typeof payload.exp !== 'number' || payload.exp <= now - CLOCK_TOLERANCE_S) fail('expired');
    if (typeof payload.iat === 'number' && payload.iat > now + CLOCK_TOLERANCE_S)
      fail('issued in the future');
    if (typeof payload.org !== 'string') fail('missing organization');
    return {
      organizationId: payload.org as string,
      userId: typeof payload.sub === 'string' ? payload.sub : undefined,
      grants: Array.isArray(payload.grants) ? (payload.grants as Grant[]) : [],
      sessionId: typeof payload.sid === 'string' ? payload.sid : undefined,
      signerKey: typeof payload.sgn === 'string' ? payload.sgn : undefined,
      displayName: typeof payload.name === 'string' ? payload.name : undefined,
      identified: payload.fc === true,
      age:
        typeof payload.age === 'number' && Number.isInteger(payload.age) ? payload.age : undefined,
      accountCreatedAt:
        typeof payload.acs === 'number' && Number.isInteger(payload.acs) ? payload.acs : undefined,
      routedTo: typeof payload.aud === 'string' ? payload.aud : undefined,
    };
  }
}

/** A fresh secret for one embedded process or a test; production secrets come from a Secret. */
export function generateIdentityKeys() {
  const secret = randomBytes(32).toString('base64url');
  return {
    secret,
    issuer: new IdentityTokenIssuer(secret),
    /** The verifier `service` would build from its INTERNAL_TOKEN_KEY. */
    verifierFor: (service: string) =>
      new IdentityTokenVerifier(service, deriveServiceKey(secret, service)),
    /** The service tokens `service` mints with its INTERNAL_CALLER_KEYS (ADR 0038). */
    serviceTokensFor: (service: string) =>
      new ServiceTokenIssuer(service, parseCallerKeys(callerKeysFromSecret(secret, service))),
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
