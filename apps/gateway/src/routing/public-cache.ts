import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

interface Entry {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  expires: number;
  /** Until when a stale copy may still be served while one request refreshes it. */
  staleUntil: number;
  /** When the request refreshing a stale entry went through (0: none). */
  refreshing: number;
  /** The response said `Vary: Cookie`: it is the anonymous visitors' copy, never a signed-in one's. */
  anonymousOnly: boolean;
}

/** Lowercase tokens of a Vary header. */
function varyTokens(value: unknown): string[] {
  if (value === undefined) return [];
  return String(value)
    .toLowerCase()
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
}

/** `stale-while-revalidate` seconds of a Cache-Control header, or 0. */
export function staleSeconds(cacheControl: string | undefined): number {
  const m = /(?:^|,)\s*stale-while-revalidate=(\d+)/i.exec(cacheControl ?? '');
  return m ? Math.min(Number(m[1]), 300) : 0;
}

/** Seconds a shared cache may keep a response, or 0: `public` with `s-maxage` or `max-age`. */
export function sharedMaxAge(cacheControl: string | undefined): number {
  if (!cacheControl) return 0;
  const directives = cacheControl
    .toLowerCase()
    .split(',')
    .map((d) => d.trim());
  if (!directives.includes('public') || directives.some((d) => d === 'no-store' || d === 'private'))
    return 0;
  const pick = (name: string) => {
    const d = directives.find((x) => x.startsWith(`${name}=`));
    const v = d ? Number(d.slice(name.length + 1)) : NaN;
    return Number.isFinite(v) && v > 0 ? v : undefined;
  };
  return pick('s-maxage') ?? pick('max-age') ?? 0;
}

/** The request says `Cache-Control: no-cache` or `max-age=0` (or `Pragma: no-cache`). */
export function wantsFresh(req: IncomingMessage): boolean {
  const cc = String(req.headers['cache-control'] ?? '').toLowerCase();
  return (
    /(?:^|,)\s*(?:no-cache|max-age=0)\s*(?:,|$)/.test(cc) ||
    (!cc && /no-cache/i.test(String(req.headers.pragma ?? '')))
  );
}

/** Per-response headers never replayed from the cache (the rest — security headers included — are). */
const NOT_KEPT = new Set([
  'set-cookie',
  'date',
  'x-request-id',
  'ratelimit-remaining',
  'ratelimit-reset',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-length',
  'age',
  'x-cache',
]);

/**
 * A micro-cache at the gateway for what services mark `Cache-Control:
 * public` (a petition's page, its count, lists of public petitions): the
 * services promise such responses are the same for everyone, so the gateway
 * answers repeated GETs itself for their max-age (1–2 s), including 304s for
 * a matching If-None-Match, without asking for a session or a service. Past
 * max-age, within `stale-while-revalidate`, one request refreshes the entry
 * while the others still get the stale copy (no stampede on the service). It
 * is what a CDN would do, for installations without one.
 *
 * With a `revalidate` hook (the gateway's: a request to itself), a page read
 * often is refreshed in the background (RFC 5861): up to BACKGROUND_GRACE_MS
 * past max-age, the request that finds it stale gets the stale copy too,
 * instead of waiting for a service that may be busy (under a vote, that wait
 * was the list's p99). Past that grace, a page nobody read for a while is
 * refreshed by the request that finds it, which waits: never older than
 * max-age plus a few seconds, whoever reads it.
 */
export const BACKGROUND_GRACE_MS = 5_000;
const REFRESH_RETRY_MS = 5_000;

export interface PublicCacheOptions {
  maxEntries?: number;
  maxBodyBytes?: number;
  /**
   * Starts a background refresh of entry `key`, what `req` asked for (its
   * answer reaches `capture` like any other; `refreshFailed(key)` if none
   * comes); false when it cannot, and the request goes through itself.
   */
  revalidate?: (key: string, req: IncomingMessage) => boolean;
}

export class PublicResponseCache {
  private readonly entries = new Map<string, Entry>();
  private readonly maxEntries: number;
  private readonly maxBodyBytes: number;
  private readonly revalidate?: (key: string, req: IncomingMessage) => boolean;

  constructor(options: PublicCacheOptions = {}) {
    this.maxEntries = options.maxEntries ?? 5_000;
    this.maxBodyBytes = options.maxBodyBytes ?? 256 * 1024;
    this.revalidate = options.revalidate;
  }

  /**
   * Answers from the cache if it can; true when it did. Works on a bare
   * node:http response: the gateway calls it in its first request hook, so a
   * cached page costs no tenancy, session, rate limit nor routing.
   */
  serve(
    key: string,
    req: IncomingMessage,
    res: ServerResponse,
    opts: { anonymous: boolean } = { anonymous: true },
  ): boolean {
    // A client that asks for a fresh answer (the site, reading what it just changed) gets
    // one from the service, which also refreshes the entry for everyone.
    if (wantsFresh(req)) return false;
    const e = this.entries.get(key);
    if (!e) return false;
    // A page that depends on who asks (Vary: Cookie) is shared among anonymous visitors only.
    if (e.anonymousOnly && !opts.anonymous) return false;
    const now = Date.now();
    let stale = false;
    if (e.expires <= now) {
      if (now >= e.staleUntil) {
        this.entries.delete(key);
        return false;
      }
      // Stale: one refresh at a time; the other requests get the stale copy meanwhile.
      if (now - e.refreshing > REFRESH_RETRY_MS) {
        e.refreshing = now;
        // Read often (just expired): refreshed in the background, this request served too.
        const background =
          now < e.expires + BACKGROUND_GRACE_MS && this.revalidate?.(key, req) === true;
        if (!background) return false;
      }
      stale = true;
    }
    const headers = {
      ...e.headers,
      age: '0',
      'x-cache': stale ? 'STALE' : 'HIT',
      'x-request-id': randomUUID(),
    };
    const inm = req.headers['if-none-match'];
    if (e.headers.etag && inm && inm.split(',').some((t) => t.trim() === e.headers.etag)) {
      res.writeHead(304, headers).end();
      return true;
    }
    res.writeHead(e.status, { ...headers, 'content-length': String(e.body.length) });
    res.end(req.method === 'HEAD' ? undefined : e.body);
    return true;
  }

  /** A background refresh got no answer: the next reader may start another at once. */
  refreshFailed(key: string): void {
    const e = this.entries.get(key);
    if (e) e.refreshing = 0;
  }

  /** Watches a forwarded response and keeps it if it is a cacheable 200. */
  capture(
    key: string,
    res: ServerResponse,
    opts: { anonymous: boolean } = { anonymous: true },
  ): void {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooBig = false;
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
    const keep = (chunk: unknown, encoding?: unknown) => {
      if (tooBig || chunk === undefined || chunk === null || typeof chunk === 'function') return;
      const b = Buffer.isBuffer(chunk)
        ? chunk
        : Buffer.from(
            chunk as string,
            (typeof encoding === 'string' ? encoding : 'utf8') as BufferEncoding,
          );
      size += b.length;
      if (size > this.maxBodyBytes) tooBig = true;
      else chunks.push(b);
    };
    res.write = ((...args: unknown[]) => {
      keep(args[0], args[1]);
      return write(...args);
    }) as ServerResponse['write'];
    res.end = ((...args: unknown[]) => {
      keep(args[0], args[1]);
      return end(...args);
    }) as ServerResponse['end'];
    res.once('finish', () => {
      // Gone or hidden now (404, 410, 403…): no stale copy of it is served any more.
      // A 5xx leaves the entry: its stale copy is better than an error until it expires.
      if (res.statusCode >= 400 && res.statusCode < 500 && res.statusCode !== 429)
        this.entries.delete(key);
      if (res.statusCode >= 500) this.refreshFailed(key);
      if (tooBig || res.statusCode !== 200) return;
      // Vary: Cookie is understood (anonymous requests share one copy); any other Vary is not cached.
      const vary = varyTokens(res.getHeader('vary'));
      if (vary.some((t) => t !== 'cookie')) return;
      const anonymousOnly = vary.length > 0;
      if (anonymousOnly && !opts.anonymous) return;
      const seconds = sharedMaxAge(String(res.getHeader('cache-control') ?? ''));
      if (seconds === 0) return;
      const headers: Record<string, string> = {};
      for (const [h, v] of Object.entries(res.getHeaders()))
        if (v !== undefined && !NOT_KEPT.has(h)) headers[h] = String(v);
      if (this.entries.size >= this.maxEntries) this.entries.clear();
      const expires = Date.now() + Math.min(seconds, 60) * 1000;
      this.entries.set(key, {
        status: 200,
        headers,
        body: Buffer.concat(chunks),
        expires,
        staleUntil: expires + staleSeconds(headers['cache-control']) * 1000,
        refreshing: 0,
        anonymousOnly,
      });
    });
  }
}
