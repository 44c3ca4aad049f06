import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Grant } from '@palabre/auth';
import type { ServiceRoute } from '../routing/service-route';

export const SESSION_COOKIE = 'palabre_session';

export interface ResolvedSession {
  sessionId: string;
  organizationId: string;
  userId?: string;
  signerKey?: string;
  displayName?: string;
  identified?: boolean;
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
 * revoked or blocked session stops working within seconds.
 */
export class SessionResolver {
  private readonly cache = new Map<string, { value: ResolvedSession | null; until: number }>();
  private readonly pending = new Map<string, Promise<ResolvedSession | null>>();

  constructor(
    private readonly identity: ServiceRoute | undefined,
    private readonly ttlMs = 2_000,
  ) {}

  async resolve(token: string): Promise<ResolvedSession | null> {
    const key = createHash('sha256').update(token).digest('base64url');
    const hit = this.cache.get(key);
    if (hit && hit.until > Date.now()) return hit.value;
    // Concurrent requests of one browser share one lookup when the cache expires.
    let lookup = this.pending.get(key);
    if (!lookup) {
      lookup = this.lookup(key, token).finally(() => this.pending.delete(key));
      this.pending.set(key, lookup);
    }
    return lookup;
  }

  private async lookup(key: string, token: string): Promise<ResolvedSession | null> {
    if (!this.identity) return null;
    const r = await this.identity.call('GET', '/internal/sessions/current', {
      'x-palabre-session': token,
    });
    if (r.status !== 200 && r.status !== 404)
      throw new Error(`identity answered ${r.status} for a session lookup`);
    const value = r.status === 200 ? (r.body as ResolvedSession) : null;
    if (this.cache.size > 50_000) this.cache.clear();
    this.cache.set(key, { value, until: Date.now() + this.ttlMs });
    return value;
  }
}
