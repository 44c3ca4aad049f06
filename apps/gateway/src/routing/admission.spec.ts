import { createServer } from 'node:http';
import request from 'supertest';
import { Admission } from './service-route';

describe('Admission (load shedding per service)', () => {
  it('refuses with 503 and Retry-After beyond the limit, and admits again once answers are sent', async () => {
    const admission = new Admission(2);
    const waiting: (() => void)[] = [];
    const server = createServer((_req, res) => {
      if (!admission.admit('petitions', res)) return;
      waiting.push(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
    }).listen(0);
    try {
      const held = [request(server).get('/'), request(server).get('/')].map((r) =>
        r.then((x) => x),
      );
      while (waiting.length < 2) await new Promise((r) => setTimeout(r, 5));
      const refused = await request(server).get('/').expect(503);
      expect(refused.headers['retry-after']).toBe('1');
      expect(refused.body.type).toBe('urn:palabre:overloaded');
      waiting.splice(0).forEach((answer) => answer());
      expect((await Promise.all(held)).map((r) => r.status)).toEqual([200, 200]);
      expect(admission.current).toBe(0);
      const again = request(server)
        .get('/')
        .then((x) => x);
      while (waiting.length < 1) await new Promise((r) => setTimeout(r, 5));
      waiting.splice(0).forEach((answer) => answer());
      expect((await again).status).toBe(200);
    } finally {
      server.close();
    }
  });
});
