import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConflictException } from '@nestjs/common';
import { generateIdentityKeys, IDENTITY_HEADER } from '@palabre/auth';
import { JsonLogger } from '@palabre/observability';
import { leanRouter, type LeanRoute } from './lean-routes';
import { ProblemFilter } from './problem';
import { IsInt, Max } from 'class-validator';

class RateDto {
  @IsInt()
  @Max(5)
  stars!: number;
}

describe('lean routes (answered before Express and Nest)', () => {
  const keys = generateIdentityKeys();
  const logged: string[] = [];
  const filter = new ProblemFilter(new JsonLogger('test', 'error', (l) => logged.push(l)));
  const fallbackCalls: string[] = [];
  const routes: LeanRoute[] = [
    {
      method: 'POST',
      path: /^\/things\/([^/]+)\/likes$/,
      handle: async (x) => {
        if (x.params[0] === 'taken') throw new ConflictException({ code: 'TAKEN', detail: 'no' });
        if (x.params[0] === 'boom') throw new Error('database on fire');
        x.status(201).setHeader('Retry-After', '1');
        return { thing: x.params[0], user: x.identity.userId, tokenSeen: x.token.length > 0 };
      },
    },
    {
      method: 'POST',
      path: /^\/slow$/,
      maxInFlight: 2,
      handle: async () => {
        await new Promise((r) => setTimeout(r, 150));
        return { done: true };
      },
    },
    {
      method: 'GET',
      path: /^\/things$/,
      handle: async (x) => ({ query: x.query }),
    },
    {
      method: 'PUT',
      path: /^\/things\/([^/]+)\/rating$/,
      body: RateDto,
      handle: async (x) => ({
        stars: (x.body as RateDto).stars,
        validated: x.body instanceof RateDto,
      }),
    },
  ];
  let server: Server;
  let base: string;

  beforeAll(async () => {
    const fallback = (req: IncomingMessage, res: ServerResponse) => {
      fallbackCalls.push(`${req.method} ${req.url}`);
      res.writeHead(299).end('fallback');
    };
    server = createServer(
      leanRouter(routes, fallback, {
        service: 'test',
        verifier: keys.verifier,
        toProblem: (e) => filter.toProblem(e),
        bodyLimitBytes: 1000,
      }),
    );
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((r) => server.close(r)));
  beforeEach(() => (fallbackCalls.length = 0));

  const post = async (path: string, headers: Record<string, string> = {}, body?: string) =>
    fetch(`${base}${path}`, { method: 'POST', headers, body });
  const signedIn = async () => ({
    [IDENTITY_HEADER]: await keys.issuer.issue({
      organizationId: 'org',
      userId: 'user-1',
      grants: [],
    }),
  });

  it('answers a matching route with the verified caller, its status, headers and JSON', async () => {
    const res = await post('/things/caf%C3%A9/likes?x=1', await signedIn());
    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('retry-after')).toBe('1');
    expect(await res.json()).toEqual({ thing: 'café', user: 'user-1', tokenSeen: true });
    expect(fallbackCalls).toEqual([]);
  });

  it('refuses a request without a valid identity token as the global guard does (401)', async () => {
    const none = await post('/things/a/likes');
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({
      status: 401,
      detail: 'Requests must come through the gateway',
      instance: '/things/a/likes',
    });
    const forged = await post('/things/a/likes', { [IDENTITY_HEADER]: 'a.b.c' });
    expect(forged.status).toBe(401);
    expect((await forged.json()).detail).toBe('Invalid or expired identity token');
  });

  it('maps thrown errors to the same problem+json as the Nest routes; unexpected ones to a logged 500', async () => {
    const taken = await post('/things/taken/likes', await signedIn());
    expect(taken.status).toBe(409);
    expect(taken.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    expect(await taken.json()).toMatchObject({ status: 409, code: 'TAKEN' });
    logged.length = 0;
    const boom = await post('/things/boom/likes', await signedIn());
    expect(boom.status).toBe(500);
    expect(JSON.stringify(await boom.json())).not.toContain('database on fire');
    expect(logged.join('\n')).toContain('database on fire');
    const bad = await post('/things/%E0%A4%A/likes', await signedIn());
    expect(bad.status).toBe(400);
  });

  it('refuses NUL and lone surrogates in the path, the query and the body as the Nest routes do', async () => {
    const h = await signedIn();
    const inPath = await post('/things/a%00/likes', h);
    expect(inPath.status).toBe(400);
    expect((await inPath.json()).errors).toEqual([
      { field: 'path.0', message: 'must not contain the NUL character (U+0000)' },
    ]);
    const inQuery = await fetch(`${base}/things?q=%00`, { headers: h });
    expect((await inQuery.json()).errors).toEqual([
      { field: 'q', message: 'must not contain the NUL character (U+0000)' },
    ]);
    const inBody = await fetch(`${base}/things/a/rating`, {
      method: 'PUT',
      headers: { ...h, 'content-type': 'application/json' },
      body: '{"stars":1,"note":"\\udc00"}',
    });
    expect(inBody.status).toBe(400);
    expect((await inBody.json()).errors[0]).toMatchObject({ field: 'note' });
  });

  it('leaves other methods, other paths and requests with a body to Express and Nest', async () => {
    const h = await signedIn();
    expect((await post('/things/a/likes/more', h)).status).toBe(299);
    expect((await fetch(`${base}/things/a/likes`, { headers: h })).status).toBe(299);
    expect(
      (await post('/things/a/likes', { ...h, 'content-type': 'application/json' }, '{}')).status,
    ).toBe(299);
    expect(fallbackCalls).toEqual([
      'POST /things/a/likes/more',
      'GET /things/a/likes',
      'POST /things/a/likes',
    ]);
  });

  it('takes a JSON body where the route declares one, validated as @Body() would be', async () => {
    const put = async (body: string, type = 'application/json') =>
      fetch(`${base}/things/a/rating`, {
        method: 'PUT',
        headers: { ...(await signedIn()), 'content-type': type },
        body,
      });
    const ok = await put('{"stars":4}');
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ stars: 4, validated: true });
    const wrong = await put('{"stars":9,"extra":true}');
    expect(wrong.status).toBe(400);
    expect((await wrong.json()).errors).toEqual(
      expect.arrayContaining([
        { field: 'stars', message: 'stars must not be greater than 5' },
        { field: 'extra', message: 'property extra should not exist' },
      ]),
    );
    const malformed = await put('{"stars":');
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).detail).toMatch(/^Malformed JSON body/);
    const big = await put(JSON.stringify({ stars: 1, pad: 'x'.repeat(2000) }));
    expect(big.status).toBe(413);
    expect(fallbackCalls).toEqual([]);
    // A form post is not JSON: Express and Nest take it.
    expect((await put('stars=4', 'application/x-www-form-urlencoded')).status).toBe(299);
    expect(fallbackCalls).toEqual(['PUT /things/a/rating']);
  });

  it('gives reads their query (a key given twice is a list), a weak ETag and a 304 for a known copy', async () => {
    const h = await signedIn();
    const res = await fetch(`${base}/things?q=jardin+partag%C3%A9&state=a&state=b`, { headers: h });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ query: { q: 'jardin partagé', state: ['a', 'b'] } });
    const etag = res.headers.get('etag') as string;
    expect(etag).toMatch(/^W\/"[0-9a-f]+-[A-Za-z0-9+/]+"$/);
    const again = await fetch(`${base}/things?q=jardin+partag%C3%A9&state=a&state=b`, {
      headers: { ...h, 'if-none-match': etag },
    });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  it('answers a 503 with Retry-After at once beyond a route’s requests in flight, and takes them again after', async () => {
    const h = await signedIn();
    const answers = await Promise.all(
      Array.from({ length: 4 }, () => fetch(`${base}/slow`, { method: 'POST', headers: h })),
    );
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 503, 503]);
    const shed = answers.find((r) => r.status === 503)!;
    expect(shed.headers.get('retry-after')).toBe('1');
    expect(await shed.json()).toMatchObject({ status: 503, code: 'OVERLOADED', instance: '/slow' });
    const later = await fetch(`${base}/slow`, { method: 'POST', headers: h });
    expect(later.status).toBe(200);
  });
});
