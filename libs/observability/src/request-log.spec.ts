import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { JsonLogger } from './logger';
import { REQUEST_ROUTE, requestLog } from './request-log';

describe('requestLog', () => {
  const lines: string[] = [];
  let server: Server;
  let base: string;

  beforeAll(async () => {
    const logger = new JsonLogger('things', 'info', (line) => lines.push(line));
    const log = requestLog(logger, { ignore: (req) => req.url === '/health/ready' });
    server = createServer((req, res) => {
      log(req, res);
      const path = (req.url ?? '').split('?')[0];
      if (path.startsWith('/things/'))
        (req as IncomingMessage & { [REQUEST_ROUTE]?: string })[REQUEST_ROUTE] = '/things/:id';
      res.statusCode = path === '/things/boom' ? 500 : path.startsWith('/things/') ? 200 : 404;
      res.end('{}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((r) => server.close(r)));

  const lastLine = async () => {
    for (let i = 0; i < 50 && lines.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    return JSON.parse(lines.splice(0).pop()!) as Record<string, unknown>;
  };

  it('writes one line per request: method, route template, status, duration, request id', async () => {
    await fetch(`${base}/things/4242?email=someone@example.org`, {
      headers: {
        'x-request-id': 'req-12345678',
        cookie: 'palabre_session=secret',
        'user-agent': 'Mozilla/5.0 (personal)',
      },
    });
    const line = await lastLine();
    expect(line).toMatchObject({
      level: 'info',
      service: 'things',
      msg: 'GET /things/:id 200',
      method: 'GET',
      route: '/things/:id',
      status: 200,
      request_id: 'req-12345678',
    });
    expect(typeof line.duration_ms).toBe('number');
    expect(typeof line.time).toBe('string');
    // Nothing personal, nothing of the path but its template.
    const text = JSON.stringify(line);
    for (const absent of ['4242', 'example.org', 'secret', 'Mozilla', '127.0.0.1', 'headers'])
      expect(text).not.toContain(absent);
  });

  it('says error for a 5xx, unmatched without a route, makes an id without one, skips the ignored', async () => {
    await fetch(`${base}/things/boom`);
    const boom = await lastLine();
    expect(boom).toMatchObject({ level: 'error', status: 500, route: '/things/:id' });
    expect(boom.request_id).toMatch(/^[0-9a-f-]{36}$/);
    await fetch(`${base}/nowhere/4242`, { headers: { 'x-request-id': 'bad id with spaces' } });
    const nowhere = await lastLine();
    expect(nowhere).toMatchObject({ msg: 'GET unmatched 404', route: 'unmatched', status: 404 });
    expect(nowhere.request_id).not.toBe('bad id with spaces');
    await fetch(`${base}/health/ready`);
    await new Promise((r) => setTimeout(r, 100));
    expect(lines).toEqual([]);
  });
});
