import {
  createHmac,
  createSecretKey,
  hkdfSync,
  timingSafeEqual,
  type KeyObject,
} from 'node:crypto';

/** Header carrying a service token: a service calling another as itself (ADR 0038). */
export const SERVICE_HEADER = 'x-palabre-service';
const VERSION = 's1';
const HEX_KEY = /^[0-9a-f]{64}$/;
const CLOCK_TOLERANCE_S = 5;

/**
 * The services that call another one as themselves, with nobody's request
 * behind them (a scheduled newsletter, a notification caused by an event,
 * a digest), and whom they call: callee → callers. A service that starts
 * doing so is added here and gets its caller keys (`npm run internal-token-keys`);
 * the callee still decides, per route, which callers it answers
 * (`@ServiceRoute`).
 */
export const SERVICE_CALLERS: Readonly<Record<string, readonly string[]>> = {
  identity: ['newsletter', 'antispam'],
  proposals: ['newsletter'],
  budgeting: ['newsletter'],
  meetings: ['newsletter'],
  spaces: ['newsletter'],
};

/** The services `caller` may call as itself. */
export const calleesOf = (caller: string): string[] =>
  Object.entries(SERVICE_CALLERS)
    .filter(([, callers]) => callers.includes(caller))
    .map(([callee]) => callee);

/**
 * The key with which `caller` proves itself to a callee: HKDF-SHA256 of the
 * callee's own token key, the caller's name as info. The callee computes it
 * from the key it holds (no new setting on its side); the caller receives it
 * (INTERNAL_CALLER_KEYS) and cannot go back to the callee's key, so it can
 * mint no person's token for the callee.
 */
export function deriveCallerKey(calleeKey: string, caller: string): string {
  if (!HEX_KEY.test(calleeKey)) throw new Error('A token key is 64 hex characters');
  return Buffer.from(
    hkdfSync(
      'sha256',
      Buffer.from(calleeKey, 'hex'),
      Buffer.alloc(0),
      `palabre service caller v1 ${caller}`,
      32,
    ),
  ).toString('hex');
}

/** `callee=hex,…` (INTERNAL_CALLER_KEYS) as a map; throws naming what is wrong. */
export function parseCallerKeys(text: string | undefined): Map<string, string> {
  const keys = new Map<string, string>();
  for (const part of (text ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [callee, key, ...rest] = part.split('=');
    if (!callee || !key || rest.length || !HEX_KEY.test(key))
      throw new Error(`INTERNAL_CALLER_KEYS: "${callee}" needs 64 hex characters (callee=key,…)`);
    keys.set(callee, key);
  }
  return keys;
}

const macOf = (key: KeyObject, payload: string) =>
  createHmac('sha256', key).update(`${VERSION}.${payload}`).digest();

/** The service calling, as its token says: which service, for which organization. */
export interface ServiceCaller {
  service: string;
  organizationId: string;
}

/**
 * Mints the 60-second tokens with which one service calls others as itself,
 * for one organization at a time: `s1.<claims, base64url JSON>.<HMAC-SHA256>`,
 * claims `{ svc, aud, org, iat, exp }`, MACed with the caller key of that
 * callee. A token names its callee: another service cannot replay it.
 */
export class ServiceTokenIssuer {
  private readonly keys = new Map<string, KeyObject>();

  constructor(
    readonly service: string,
    keys: Map<string, string>,
    private readonly ttlSeconds = 60,
  ) {
    for (const [callee, key] of keys)
      this.keys.set(callee, createSecretKey(Buffer.from(key, 'hex')));
  }

  /** True when this service holds a key for `callee`. */
  canCall(callee: string): boolean {
    return this.keys.has(callee);
  }

  issue(callee: string, organizationId: string): string {
    const key = this.keys.get(callee);
    if (!key)
      throw new Error(
        `${this.service} holds no caller key for ${callee} (INTERNAL_CALLER_KEYS; SERVICE_CALLERS)`,
      );
    const now = Math.floor(Date.now() / 1000);
    const payload = Buffer.from(
      JSON.stringify({
        svc: this.service,
        aud: callee,
        org: organizationId,
        iat: now,
        exp: now + this.ttlSeconds,
      }),
    ).toString('base64url');
    return `${VERSION}.${payload}.${macOf(key, payload).toString('base64url')}`;
  }
}

export class InvalidServiceTokenError extends Error {
  constructor(reason: string) {
    super(`Invalid service token: ${reason}`);
    this.name = 'InvalidServiceTokenError';
  }
}

/**
 * The callee's check of service tokens, from its own token key: the caller
 * must be one of SERVICE_CALLERS[callee], the token meant for this callee,
 * its MAC right (in constant time) and not expired.
 */
export class ServiceTokenVerifier {
  private readonly keys = new Map<string, KeyObject>();

  constructor(
    readonly callee: string,
    calleeKey: string,
  ) {
    for (const caller of SERVICE_CALLERS[callee] ?? [])
      this.keys.set(
        caller,
        createSecretKey(Buffer.from(deriveCallerKey(calleeKey, caller), 'hex')),
      );
  }

  verify(token: string): ServiceCaller {
    const fail = (reason: string): never => {
      throw new InvalidServiceTokenError(reason);
    };
    const parts = token.split('.');
    if (parts.length !== 3 || parts[0] !== VERSION) fail('not a Palabre service token');
    let claims: Record<string, unknown>;
    try {
      claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    } catch {
      return fail('unreadable');
    }
    const key = typeof claims.svc === 'string' ? this.keys.get(claims.svc) : undefined;
    if (!key) return fail(`not a caller of ${this.callee}`);
    const expected = macOf(key, parts[1]);
    const actual = Buffer.from(parts[2], 'base64url');
    if (actual.length !== expected.length || !timingSafeEqual(actual, expected))
      fail('MAC check failed');
    if (claims.aud !== this.callee) fail(`not meant for ${this.callee}`);
    const now = Math.floor(Date.now() / 1000);
    if (typeof claims.exp !== 'number' || claims.exp <= now - CLOCK_TOLERANCE_S) fail('expired');
    if (typeof claims.iat === 'number' && claims.iat > now + CLOCK_TOLERANCE_S)
      fail('issued in the future');
    if (typeof claims.org !== 'string') fail('missing organization');
    return { service: claims.svc as string, organizationId: claims.org as string };
  }
}
