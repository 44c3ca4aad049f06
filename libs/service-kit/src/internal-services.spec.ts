import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { callJson, InternalServices, ServiceUnreachableError } from './internal-services';

describe('InternalServices', () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        res.setHeader('content-type', 'application/json');
        res.setHeader('cache-control', 'private, max-age=2');
        res.end(
          JSON.stringify({ path: req.url, method: req.method, token: req.headers['x-t'], body }),
        );
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((r) => server.close(r)));

  it('reaches a service at SERVICE_URL_<NAME>, JSON in and out, headers back', async () => {
    const services = new InternalServices({ SERVICE_URL_PARTICIPATORY_SPACES: `${url}/` });
    const r = await services.call<{ path: string; token: string; body: string }>(
      'participatory-spaces',
      'POST',
      '/internal/x',
      { headers: { 'x-t': 'token' }, body: { a: 1 } },
    );
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      path: '/internal/x',
      method: 'POST',
      token: 'token',
      body: '{"a":1}',
    });
    expect(r.headers['cache-control']).toBe('private, max-age=2');
  });

  it('prefers a service of this process, registered by the embedded platform', async () => {
    const services = new InternalServices({ SERVICE_URL_SPACES: 'http://127.0.0.1:9' });
    services.registerLocal('spaces', async () => url);
    expect((await services.call('spaces', 'GET', '/y')).status).toBe(200);
  });

  it('says which service is unreachable, and why', async () => {
    const none = new InternalServices({});
    await expect(none.call('spaces', 'GET', '/')).rejects.toThrow(
      new ServiceUnreachableError('spaces', 'no address configured'),
    );
    const closed = new InternalServices({ SERVICE_URL_SPACES: 'http://127.0.0.1:9' });
    await expect(closed.call('spaces', 'GET', '/')).rejects.toBeInstanceOf(ServiceUnreachableError);
  });
});

describe('internal calls over kept-alive connections', () => {
  let server: Server;
  let base: string;
  const served = new WeakMap<Socket, number>();
  let connections = 0;

  beforeAll(async () => {
    // Answers the first request of each connection; drops the connection on the
    // second, without a word: what a server closing an idle connection looks like
    // to a client that sent a request on it at that very moment.
    server = createServer((req, res) => {
      const n = (served.get(req.socket) ?? 0) + 1;
      served.set(req.socket, n);
      if (n > 1) return void req.socket.destroy();
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ answer: n, path: req.url }));
    });
    server.on('connection', () => connections++);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('asks again once, on a new connection, when a reused connection is reset', async () => {
    const first = await callJson<{ answer: number }>(`${base}/one`, 'GET');
    expect(first).toMatchObject({ status: 200, body: { answer: 1 } });
    const before = connections;
    // The kept connection is reused, reset by the server, and the call retried.
    const second = await callJson<{ answer: number; path: string }>(`${base}/two`, 'POST', {}, {});
    expect(second).toMatchObject({ status: 200, body: { answer: 1, path: '/two' } });
    expect(connections).toBe(before + 1);
  });
});

describe('internal calls that get no answer', () => {
  let server: Server;
  let base: string;
  const asked: string[] = [];

  beforeAll(async () => {
    // /silent never answers; /drop closes a fresh connection without a word.
    server = createServer((req) => {
      asked.push(req.url ?? '');
      if (req.url === '/drop') req.socket.destroy();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    return new Promise<void>((r) => server.close(() => r()));
  });

  it('gives up after the timeout', async () => {
    await expect(callJson(`${base}/silent`, 'GET', {}, undefined, 200)).rejects.toThrow();
  });

  it('does not ask again when a fresh connection is closed unanswered', async () => {
    await expect(callJson(`${base}/drop`, 'POST', {}, {})).rejects.toThrow();
    expect(asked.filter((a) => a === '/drop')).toHaveLength(1);
  });
});
