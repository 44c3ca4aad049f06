import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GatewayClient } from './gateway-client';

describe('the site’s calls to the gateway', () => {
  let server: Server;
  let base: string;
  const seen: string[] = [];
  /** Requests arriving on a kept-alive connection after its first are dropped unanswered. */
  let dropReused = false;
  let failNext = 0;

  beforeAll(async () => {
    server = createServer((req, res) => {
      const socket = req.socket as typeof req.socket & { served?: number };
      socket.served = (socket.served ?? 0) + 1;
      seen.push(`${req.method} ${req.url}`);
      // As a gateway closing an idle connection just as the site reuses it.
      if (dropReused && socket.served > 1) return void socket.destroy();
      res.setHeader('content-type', 'application/json');
      if (failNext > 0) {
        failNext--;
        res.statusCode = 500;
        return void res.end(JSON.stringify({ status: 500 }));
      }
      res.end(JSON.stringify({ ok: true }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));
  beforeEach(() => {
    seen.length = 0;
    dropReused = false;
  });

  const client = () => new GatewayClient(base, { host: '127.0.0.1', locale: 'fr' });
  /** The client's pool takes a connection back a moment after its answer is read; then it is reused. */
  const connectionIdle = () => new Promise((r) => setTimeout(r, 10));

  it('asks a read again on a new connection when a kept-alive one is reset as it goes out', async () => {
    expect((await client().get('/api/a')).status).toBe(200);
    await connectionIdle();
    dropReused = true;
    expect(await client().get('/api/b')).toMatchObject({ status: 200, body: { ok: true } });
    // Once on the reused connection (dropped), once on a new one (answered).
    expect(seen).toEqual(['GET /api/a', 'GET /api/b', 'GET /api/b']);
  });

  it('never repeats a write on a reset connection', async () => {
    expect((await client().get('/api/a')).status).toBe(200);
    await connectionIdle();
    dropReused = true;
    await expect(client().post('/api/z', { a: 1 })).rejects.toMatchObject({
      code: 'UND_ERR_SOCKET',
    });
    expect(seen).toEqual(['GET /api/a', 'POST /api/z']);
  });

  it('shows a 500 as it is, without asking again (a bug stays visible)', async () => {
    failNext = 1;
    expect((await client().get('/api/x')).status).toBe(500);
    expect(seen).toEqual(['GET /api/x']);
  });
});
