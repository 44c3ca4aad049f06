import { createHash } from 'node:crypto';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ForwardingPool } from './service-route';

const listen = (server: Server) =>
  new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );

/** A service that answers with what it received: length, digest, framing, and how many reads. */
let served = 0;
function echoService() {
  return createServer((req, res) => {
    served++;
    const hash = createHash('sha256');
    let length = 0;
    req.on('data', (c: Buffer) => {
      hash.update(c);
      length += c.length;
    });
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          length,
          sha: hash.digest('hex'),
          contentLength: req.headers['content-length'] ?? null,
          chunked: req.headers['transfer-encoding'] === 'chunked',
        }),
      );
    });
  });
}

describe('ForwardingPool', () => {
  let service: Server;
  let front: Server;
  let pool: ForwardingPool;
  let port: number;

  beforeAll(async () => {
    service = echoService();
    pool = new ForwardingPool(`http://127.0.0.1:${await listen(service)}`);
    front = createServer((req, res) =>
      pool.forward(req, res, () => {
        res.statusCode = 503;
        res.end();
      }),
    );
    port = await listen(front);
  });
  afterAll(async () => {
    await pool.close();
    front.close();
    service.close();
  });

  /** Sends `body` through the front server, with a length or chunked; the service's echo. */
  const send = (body: Buffer, chunked: boolean) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const req = request(
        {
          port,
          method: 'POST',
          path: '/echo',
          headers: chunked
            ? { 'transfer-encoding': 'chunked' }
            : { 'content-length': String(body.length) },
        },
        (res) => {
          let text = '';
          res.on('data', (c) => (text += c));
          res.on('end', () => resolve(JSON.parse(text)));
        },
      );
      req.on('error', reject);
      // In pieces, as a slow client would send them.
      const half = Math.floor(body.length / 2);
      req.write(body.subarray(0, half));
      setTimeout(() => req.end(body.subarray(half)), 5);
    });

  it.each([
    ['a small body of announced length', 300, false],
    ['a body just at the 16 KiB limit', 16 * 1024, false],
    ['a larger body, streamed', 200 * 1024, false],
    ['a chunked body', 40 * 1024, true],
  ])('forwards %s intact', async (_name, size, chunked) => {
    const body = Buffer.alloc(size, 0);
    for (let i = 0; i < size; i++) body[i] = (i * 31) % 251;
    const echo = await send(body, chunked);
    expect(echo).toMatchObject({
      length: size,
      sha: createHash('sha256').update(body).digest('hex'),
    });
    if (!chunked) expect(echo.contentLength).toBe(String(size));
  });

  it('forwards nothing of a small body whose client leaves halfway, and goes on serving', async () => {
    const before = served;
    await new Promise<void>((resolve) => {
      const req = request({
        port,
        method: 'POST',
        path: '/echo',
        headers: { 'content-length': '1000' },
      });
      req.on('error', () => resolve());
      req.write(Buffer.alloc(10));
      setTimeout(() => req.destroy(), 20);
    });
    await new Promise((r) => setTimeout(r, 50));
    const body = Buffer.from('still here');
    expect(await send(body, false)).toMatchObject({ length: body.length });
    expect(served).toBe(before + 1);
  });
});
