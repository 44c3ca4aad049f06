import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Grant, SignerSessionSeal } from '@palabre/auth';
import { BoundedCache } from '@palabre/cache';
import type { ServiceRoute } from '../routing/service-route';
import type { SignerRevocations } from './signer-revocations';

export const SESSION_COOKIE = 'palabre_session';

export interface ResolvedSession {
  sessionId: string;
  organizationId: string;
  userId?: string;
  signerKey?: string;
  displayName?: string;
  identified?: boolean;
  /** FranceConnect signers: age in years at sign-in, capped at 18. */
  age?: number;
  /** Accounts: when the account was created (RFC 3339); new accounts contribute at a pace (ADR 0041). */
  accountCreatedAt?: string;
  grants: Grant[];
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) {
      const value = part.slice(i + 1).trim();
      return /^[A-Za-z0-9_-]{20,200}$/.test(value) ? value : undefined;
    }
  }
  return undefined;
}

/**
 * CSRF defence for cookie-authenticated writes: the browser says where the
 * request comes from (Origin, or Sec-Fetch-Site, or Referer); it must be this host.
 */
export function isSameOrigin(req: IncomingMessage): boolean {
  const host = req.headers.host?.toLowerCase();
  const origin = req.headers.origin;
  if (origin && origin !== 'null') {
    try {
      return new URL(origin).host.toLowerCase() === host;
    } catch {
      return false;
    }
  }
  const site = req.headers['sec-fetch-site'];
  if (typeof site === 'string') return site === 'same-origin' || site === 'none';
  const referer = req.headers.referer;
  if (referer) {
    try {
      return new URL(referer).host.toLowerCase() === host;
    } catch {
      return false;
    }
  }
  return false;
}

interface Waiting {
  token: string;
  resolve: (v: ResolvedSession | null) => void;
  reject: (e: unknown) => void;
}

/** Lookups gathered for one organization (or for any, when the caller names none). */
interface Gathering {
  waiting: Waiting[];
  timer: NodeJS.Timeout;
}

/**
 * Session cookie → who is calling, asked of identity and cached 2 s (an
 * unknown or revoked token too): a revoked or blocked session stops working
 * within seconds. Lookups are gathered for `windowMs` (2 ms) per organization
 * and go to identity as one POST of up to `maxBatch` tokens (ADR 0022): a surge
 * of distinct signers, each with a cookie the cache has never seen, costs
 * identity one request and two queries per window rather than one round trip
 * per signer. With the organization named, identity answers only sessions of
 * that organization, and the cache keeps the answer under that organization.
 */
export class SessionResolver {
  /** By organization and the token's hash; concurrent requests of one browser share one lookup. */
  private readonly cache: BoundedCache<ResolvedSession | null>;
  private readonly gathering = new Map<string, Gathering>();
  private sealed?: { seal: SignerSessionSeal; revocations: SignerRevocations };

  constructor(
    private readonly identity: ServiceRoute | undefined,
    ttlMs = 2_000,
    private readonly maxBatch = 200,
    private readonly windowMs = 2,
  ) {
    this.cache = new BoundedCache({ max: 50_000, ttlMs });
  }

  /**
   * Signer sessions' sealed cookies are read here, without asking identity,
   * while `revocations` is fresh (ADR 0027); any other token is looked up.
   */
  readSealedSigners(seal: SignerSessionSeal, revocations: SignerRevocations): this {
    this.sealed = { seal, revocations };
    return this;
  }

  /**
   * Who holds `token`, or null (no such live session, or one of another
   * organization than `organizationId` when given).
   */
  resolve(token: string, organizationId?: string): Promise<ResolvedSession | null> {
    const sealed = this.sealed && this.readSealed(token, organizationId);
    if (sealed !== undefined) return Promise.resolve(sealed);
    const key = `${organizationId ?? '*'} ${createHash('sha256').update(token).digest('base64url')}`;
    return this.cache.fetch(key, () => this.enqueue(token, organizationId ?? ''));
  }

  /** A sealed signer cookie's session, null when refused, undefined when identity must say. */
  private readSealed(token: string, organizationId?: string): ResolvedSession | null | undefined {
    const { seal, revocations } = this.sealed as NonNullable<typeof this.sealed>;
    if (!revocations.fresh()) return undefined;
    const claims = seal.open(token);
    // Not sealed with our key (another deployment's, or an opaque token): identity knows.
    if (!claims) return undefined;
    if (organizationId && claims.organizationId !== organizationId) return null;
    if (revocations.isRevoked(claims.sessionId)) return null;
    return {
      sessionId: claims.sessionId,
      organizationId: claims.organizationId,
      signerKey: claims.signerKey,
      age: claims.age,
      grants: [],
    };
  }

  private enqueue(token: string, organizationId: string): Promise<ResolvedSession | null> {
    if (!this.identity) return Promise.resolve(null);
    return new Promise((resolve, reject) => {
      let g = this.gathering.get(organizationId);
      if (!g) {
        g = { waiting: [], timer: setTimeout(() => this.flush(organizationId), this.windowMs) };
        this.gathering.set(organizationId, g);
      }
      g.waiting.push({ token, resolve, reject });
      if (g.waiting.length >= this.maxBatch) this.flush(organizationId);
    });
  }

  private flush(organizationId: string): void {
    const g = this.gathering.get(organizationId);
    if (!g) return;
    clearTimeout(g.timer);
    this.gathering.delete(organizationId);
    void this.lookup(organizationId, g.waiting);
  }

  private async lookup(organizationId: string, batch: Waiting[]): Promise<void> {
    try {
      const r = await (this.identity as ServiceRoute).call(
        'POST',
        '/internal/sessions/lookup',
        {},
        {
          tokens: batch.map((b) => b.token),
          ...(organizationId ? { organizationId } : {}),
        },
      );
      const sessions = (r.body as { sessions?: (ResolvedSession | null)[] } | null)?.sessions;
      if (r.status !== 200 || !Array.isArray(sessions) || sessions.length !== batch.length)
        throw new Error(`identity answered ${r.status} for a session lookup`);
      batch.forEach((b, i) => {
        const s = sessions[i];
        // Identity filters by organization; a session of another one is never handed on.
        b.resolve(s && (!organizationId || s.organizationId === organizationId) ? s : null);
      });
    } catch (error) {
      for (const b of batch) b.reject(error);
    }
  }
}
