/**
 * The load generators' lean HTTP client (raw-http.mjs) against a real
 * node:http server: it must report each answer's true status, whatever the
 * framing, and never guess one.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
// @ts-expect-error plain ESM JavaScript, no types
import { RawHttpPool, rawRequest } from './raw-http.mjs';

interface Answer {
  status: number;
  headers: Record<string, string>;
}

describe('raw-http (bench client)', () => {
  let server: Server;
  let port: number;
  const seen: { method?: string; url?: string; body: string; headers: object }[] = [];
  const connections = new Set<unknown>();

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        seen.push({ method: req.method, url: req.url, body, headers: req.headers });
        connections.add(req.socket);
        if (req.url === '/created') {
          res.writeHead(201, { 'content-type': 'application/json' }).end('{"id":1}');
        } else if (req.url === '/chunked') {
          res.writeHead(422, { 'content-type': 'application/json' });
          res.write('{"code":');
          setTimeout(() => res.end('"VOTE_RULE_BROKEN"}'), 5);
        } else if (req.url === '/empty-chunked') {
          res.writeHead(200, { 'transfer-encoding': 'chunked' }).end();
        } else if (req.url === '/busy') {
          res.writeHead(503, { 'retry-after': '1', connection: 'close' }).end('{}');
        } else if (req.url === '/unframed') {
          // HTTP/1.0-style: no length, the end of the connection ends the body.
          res.socket!.end('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nhello');
        } else {
          res.writeHead(404).end();
        }
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  const post = (path: string, body: object) =>
    rawRequest(
      'POST',
      path,
      { 'Content-Type': 'application/json', 'X-Palabre-Identity': 'tok' },
      JSON.stringify(body),
    );

  it('sends the request as written and reads statuses over one kept-alive connection', async () => {
    const pool = new RawHttpPool(port, { maxSockets: 1 });
    connections.clear();
    const answers: Answer[] = [];
    for (let i = 0; i < 3; i++) answers.push(await pool.request(post('/created', { i })));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201]);
    expect(connections.size).toBe(1);
    expect(seen.at(-1)).toMatchObject({
      method: 'POST',
      url: '/created',
      body: '{"i":2}',
      headers: expect.objectContaining({ 'x-palabre-identity': 'tok', 'content-length': '7' }),
    });
    pool.close();
  });

  it('waits for a chunked body to end, and reads an empty one', async () => {
    const pool = new RawHttpPool(port, { maxSockets: 1 });
    expect((await pool.request(post('/chunked', {}))).status).toBe(422);
    expect((await pool.request(rawRequest('GET', '/empty-chunked', {}))).status).toBe(200);
    // The connection is still usable: nothing of the earlier bodies is left over.
    expect((await pool.request(post('/created', {}))).status).toBe(201);
    pool.close();
  });

  it('returns the headers asked for, and opens a new connection after "Connection: close"', async () => {
    const pool = new RawHttpPool(port, { maxSockets: 1, keep: ['retry-after'] });
    connections.clear();
    const busy: Answer = await pool.request(post('/busy', {}));
    expect(busy).toEqual({ status: 503, headers: { 'retry-after': '1' } });
    expect((await pool.request(post('/created', {}))).status).toBe(201);
    expect(connections.size).toBe(2);
    pool.close();
  });

  it('queues requests beyond maxSockets and answers each', async () => {
    const pool = new RawHttpPool(port, { maxSockets: 2 });
    connections.clear();
    const answers: Answer[] = await Promise.all(
      Array.from({ length: 10 }, (_, i) => pool.request(post(i % 2 ? '/chunked' : '/created', {}))),
    );
    expect(answers.map((a) => a.status)).toEqual(
      Array.from({ length: 10 }, (_, i) => (i % 2 ? 422 : 201)),
    );
    expect(connections.size).toBe(2);
    pool.close();
  });

  it('rejects an answer it cannot frame instead of guessing, and a refused connection', async () => {
    const pool = new RawHttpPool(port, { maxSockets: 1 });
    await expect(pool.request(rawRequest('GET', '/unframed', {}))).rejects.toThrow(/no length/);
    // The pool opens a fresh connection for the next request.
    expect((await pool.request(post('/created', {}))).status).toBe(201);
    pool.close();
    const closed = new RawHttpPool(1, { maxSockets: 1 });
    await expect(closed.request(post('/created', {}))).rejects.toThrow();
  });
});
