import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  BACKGROUND_GRACE_MS,
  PublicResponseCache,
  sharedMaxAge,
  staleSeconds,
  wantsFresh,
} from './public-cache';

/** Just enough of a node:http response for the cache. */
function fakeResponse(headers: Record<string, string> = {}) {
  const res = Object.assign(new EventEmitter(), {
    statusCode: 200,
    status: 0,
    sent: '' as string,
    written: {} as Record<string, string>,
    getHeader: (h: string) => headers[h],
    getHeaders: () => headers,
    write: (chunk: string) => void (res.sent += chunk),
    end: (chunk?: string | Buffer) => {
      if (chunk) res.sent += chunk.toString();
      res.emit('finish');
      return res;
    },
    writeHead: (status: number, h: Record<string, string>) => {
      res.status = status;
      res.written = h;
      return res;
    },
  });
  return res;
}
const get = (headers: Record<string, string> = {}) =>
  ({ method: 'GET', headers }) as unknown as IncomingMessage;

describe('public response cache', () => {
  it('keeps only what is public, for s-maxage or max-age seconds', () => {
    expect(sharedMaxAge('public, max-age=1, stale-while-revalidate=30')).toBe(1);
    expect(sharedMaxAge('public, max-age=60, s-maxage=2')).toBe(2);
    expect(sharedMaxAge('private, no-store')).toBe(0);
    expect(sharedMaxAge('max-age=60')).toBe(0);
    expect(sharedMaxAge('public, no-store, max-age=5')).toBe(0);
    expect(sharedMaxAge('public')).toBe(0);
    expect(sharedMaxAge(undefined)).toBe(0);
    expect(sharedMaxAge('Public, Max-Age=3')).toBe(3);
    expect(staleSeconds('public, max-age=1, stale-while-revalidate=30')).toBe(30);
    expect(staleSeconds('public, max-age=1')).toBe(0);
  });

  it('replays a kept response with its headers, 304s a known ETag, and lets one request refresh a stale entry', () => {
    jest.useFakeTimers({ now: 1_000_000 });
    try {
      const cache = new PublicResponseCache();
      const origin = fakeResponse({
        'content-type': 'application/json',
        'cache-control': 'public, max-age=1, stale-while-revalidate=30',
        etag: '"v1"',
        'x-content-type-options': 'nosniff',
        'set-cookie': 'no=1',
      });
      cache.capture('k', origin as unknown as ServerResponse);
      origin.end('{"n":1}');

      const hit = fakeResponse();
      expect(cache.serve('k', get(), hit as unknown as ServerResponse)).toBe(true);
      expect(hit.status).toBe(200);
      expect(hit.sent).toBe('{"n":1}');
      expect(hit.written).toMatchObject({ etag: '"v1"', 'x-content-type-options': 'nosniff' });
      expect(hit.written['set-cookie']).toBeUndefined();
      const notModified = fakeResponse();
      cache.serve('k', get({ 'if-none-match': '"v1"' }), notModified as unknown as ServerResponse);
      expect(notModified.status).toBe(304);

      jest.setSystemTime(1_000_000 + 1_500); // past max-age, within stale-while-revalidate
      expect(cache.serve('k', get(), fakeResponse() as unknown as ServerResponse)).toBe(false);
      expect(cache.serve('k', get(), fakeResponse() as unknown as ServerResponse)).toBe(true);
      jest.setSystemTime(1_000_000 + 40_000); // past stale-while-revalidate too
      expect(cache.serve('k', get(), fakeResponse() as unknown as ServerResponse)).toBe(false);
      expect(cache.serve('k', get(), fakeResponse() as unknown as ServerResponse)).toBe(false);

      const personal = fakeResponse({ 'cache-control': 'private, no-store' });
      cache.capture('p', personal as unknown as ServerResponse);
      personal.end('{}');
      expect(cache.serve('p', get(), fakeResponse() as unknown as ServerResponse)).toBe(false);
    } finally {
      jest.useRealTimers();
    }
  });

  it('refreshes a page read often in the background, serving its stale copy meanwhile; one read long after waits for a fresh one', () => {
    jest.useFakeTimers({ now: 1_000_000 });
    try {
      const asked: string[] = [];
      let canRevalidate = true;
      const cache = new PublicResponseCache({
        revalidate: (_key, req) => (asked.push(String(req.url)), canRevalidate),
      });
      const keep = (body: string) => {
        const origin = fakeResponse({
          'cache-control': 'public, max-age=2, stale-while-revalidate=30',
        });
        cache.capture('k', origin as unknown as ServerResponse);
        origin.end(body);
      };
      const read = (url = '/api/budgeting/budgets/b/projects') => {
        const res = fakeResponse();
        const served = cache.serve(
          'k',
          { ...get(), url } as IncomingMessage,
          res as unknown as ServerResponse,
        );
        return { served, res };
      };
      keep('{"v":1}');
      expect(read().res.written['x-cache']).toBe('HIT');
      expect(asked).toEqual([]);

      // Just past max-age: every reader is served at once; one background refresh is asked.
      jest.setSystemTime(1_000_000 + 2_500);
      const first = read();
      expect(first.served).toBe(true);
      expect(first.res.sent).toBe('{"v":1}');
      expect(first.res.written['x-cache']).toBe('STALE');
      expect(read().served).toBe(true);
      expect(asked).toEqual(['/api/budgeting/budgets/b/projects']);
      // Its answer replaces the entry: fresh again.
      keep('{"v":2}');
      expect(read().res.sent).toBe('{"v":2}');
      expect(read().res.written['x-cache']).toBe('HIT');

      // A refresh that got no answer: the next reader starts another, not 5 s later.
      jest.setSystemTime(1_000_000 + 4_600);
      expect(read().served).toBe(true);
      expect(read().served).toBe(true);
      expect(asked).toHaveLength(2);
      cache.refreshFailed('k');
      expect(read().served).toBe(true);
      expect(asked).toHaveLength(3);

      // A refresh that cannot start: the reader goes through, as without the hook.
      jest.setSystemTime(1_000_000 + 10_000);
      keep('{"v":3}');
      jest.setSystemTime(1_000_000 + 12_500); // past max-age, within the grace
      canRevalidate = false;
      expect(read().served).toBe(false);
      expect(read().served).toBe(true); // the others get the stale copy meanwhile

      // Read long after max-age (past the grace, within stale-while-revalidate): the reader waits.
      canRevalidate = true;
      keep('{"v":4}');
      jest.setSystemTime(1_000_000 + 12_500 + 2_000 + BACKGROUND_GRACE_MS + 1);
      asked.length = 0;
      expect(read().served).toBe(false);
      expect(asked).toEqual([]);
    } finally {
      jest.useRealTimers();
    }
  });

  it('drops a kept page once the service says it is gone or hidden, and keeps it through a 5xx', () => {
    const cache = new PublicResponseCache();
    const keep = (status: number) => {
      const origin = fakeResponse({ 'cache-control': 'public, max-age=5' });
      origin.statusCode = status;
      cache.capture('k', origin as unknown as ServerResponse);
      origin.end(status === 200 ? '{"title":"Un banc"}' : '{}');
    };
    const cached = () => cache.serve('k', get(), fakeResponse() as unknown as ServerResponse);
    keep(200);
    expect(cached()).toBe(true);
    keep(503);
    expect(cached()).toBe(true);
    keep(404);
    expect(cached()).toBe(false);
    keep(200);
    keep(403);
    expect(cached()).toBe(false);
  });

  it('lets a request that asks for a fresh answer through, and keeps what it brings back', () => {
    const cache = new PublicResponseCache();
    const publicHeaders = { 'cache-control': 'public, max-age=5', etag: '"v1"' };
    const first = fakeResponse(publicHeaders);
    cache.capture('k', first as unknown as ServerResponse);
    first.end('{"state":"submitted"}');
    for (const fresh of <Record<string, string>[]>[
      { 'cache-control': 'no-cache' },
      { 'cache-control': 'max-age=0' },
      { pragma: 'no-cache' },
    ])
      expect(cache.serve('k', get(fresh), fakeResponse() as unknown as ServerResponse)).toBe(false);
    expect(wantsFresh(get({ 'cache-control': 'max-age=60' }))).toBe(false);
    expect(wantsFresh(get({ 'cache-control': 'max-age=0', pragma: 'x' }))).toBe(true);
    // The fresh answer replaces the entry: later readers see the change.
    const second = fakeResponse({ ...publicHeaders, etag: '"v2"' });
    cache.capture('k', second as unknown as ServerResponse);
    second.end('{"state":"published"}');
    const hit = fakeResponse();
    expect(cache.serve('k', get(), hit as unknown as ServerResponse)).toBe(true);
    expect(hit.sent).toBe('{"state":"published"}');
  });

  it('shares a Vary: Cookie response among anonymous visitors only, and caches no other Vary', () => {
    const cache = new PublicResponseCache();
    const anonymousCopy = fakeResponse({ 'cache-control': 'public, max-age=5', vary: 'Cookie' });
    cache.capture('list', anonymousCopy as unknown as ServerResponse, { anonymous: true });
    anonymousCopy.end('{"mine":[]}');
    expect(cache.serve('list', get(), fakeResponse() as unknown as ServerResponse)).toBe(true);
    // A signed-in visitor goes to the service (their "mine" and "voted by me" differ).
    expect(
      cache.serve('list', get(), fakeResponse() as unknown as ServerResponse, { anonymous: false }),
    ).toBe(false);
    // A signed-in visitor's answer is never kept, even when marked public.
    const signedIn = fakeResponse({ 'cache-control': 'public, max-age=5', vary: 'cookie' });
    cache.capture('other', signedIn as unknown as ServerResponse, { anonymous: false });
    signedIn.end('{"mine":["x"]}');
    expect(cache.serve('other', get(), fakeResponse() as unknown as ServerResponse)).toBe(false);
    const byLanguage = fakeResponse({
      'cache-control': 'public, max-age=5',
      vary: 'Accept-Language',
    });
    cache.capture('lang', byLanguage as unknown as ServerResponse);
    byLanguage.end('{}');
    expect(cache.serve('lang', get(), fakeResponse() as unknown as ServerResponse)).toBe(false);
  });
});
