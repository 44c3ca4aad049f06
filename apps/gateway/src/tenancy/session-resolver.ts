import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Grant } from '@palabre/auth';
import { BoundedCache } from '@palabre/cache';
import type { ServiceRoute } from '../routing/service-route';

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

/**
 * Session cookie → who is calling, asked of identity and cached 2 s: a
 * revoked or blocked session stops working within seconds. Lookups of
 * concurrent requests go to identity together (one POST for up to 200
 * tokens): a surge of distinct signers, each with a cookie the cache has never
 * seen, costs identity one request per batch rather than one per signer.
 */
export class SessionResolver {
  /** By the token's hash; concurrent requests of one browser share one lookup when it expires. */
  private readonly cache: BoundedCache<ResolvedSession | null>;
  private queue: {
    token: string;
    resolve: (v: ResolvedSession | null) => void;
    reject: (e: unknown) => void;
  }[] = [];
  private scheduled = false;

  constructor(
    private readonly identity: ServiceRoute | undefined,
    ttlMs = 2_000,
    private readonly maxBatch = 200,
  ) {
    this.cache = new BoundedCache({ max: 50_000, ttlMs });
  }

  resolve(token: string): Promise<ResolvedSession | null> {
    const key = createHash('sha256').update(token).digest('base64url');
    return this.cache.fetch(key, () => this.enqueue(token));
  }

  private enqueue(token: string): Promise<ResolvedSession | null> {
    if (!this.identity) return Promise.resolve(null);
    return new Promise((resolve, reject) => {
      this.queue.push({ token, resolve, reject });
      if (this.queue.length >= this.maxBatch) this.flush();
      else if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      void this.lookup(batch);
    }
  }

  private async lookup(batch: SessionResolver['queue']): Promise<void> {
    try {
      const r = await (this.identity as ServiceRoute).call(
        'POST',
        '/internal/sessions/lookup',
        {},
        { tokens: batch.map((b) => b.token) },
      );
      const sessions = (r.body as { sessions?: (ResolvedSession | null)[] } | null)?.sessions;
      if (r.status !== 200 || !Array.isArray(sessions) || sessions.length !== batch.length)
        throw new Error(`identity answered ${r.status} for a session lookup`);
      batch.forEach((b, i) => b.resolve(sessions[i]));
    } catch (error) {
      for (const b of batch) b.reject(error);
    }
  }
}
