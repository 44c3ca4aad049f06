import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GatewayClient } from './gateway-client';

describe('the site’s calls to the gateway', () => {
  let server: Server;
  let base: string;
  const seen: string[] = [];
  let failNext = 0;

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(`${req.method} ${req.url}`);
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
  beforeEach(() => (seen.length = 0));

  const client = () => new GatewayClient(base, { host: '127.0.0.1', locale: 'fr' });

  it('asks a read once more after an unexpected 500, and says the second answer', async () => {
    failNext = 1;
    expect(await client().get('/api/x')).toMatchObject({ status: 200, body: { ok: true } });
    expect(seen).toEqual(['GET /api/x', 'GET /api/x']);
    failNext = 2;
    expect((await client().get('/api/y')).status).toBe(500);
    expect(seen.slice(2)).toEqual(['GET /api/y', 'GET /api/y']);
  });

  it('never repeats a write', async () => {
    failNext = 1;
    expect((await client().post('/api/z', { a: 1 })).status).toBe(500);
    expect(seen).toEqual(['POST /api/z']);
  });
});
