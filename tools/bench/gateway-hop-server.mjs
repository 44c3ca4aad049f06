// One process of bench:gateway-hop (tools/bench/gateway-hop.mjs), chosen by
// BENCH_HOP, listening on 127.0.0.1:PORT:
//
//   upstream  the service behind the hop, as small as a service gets: a
//             node:http handler answering GET /items/:id (200, small JSON),
//             the organization of any host (identity's internal lookup, so
//             that the gateway can resolve its tenant), /health/ready and
//             /openapi.json;
//   proxy     the floor of a hop: a node:http server forwarding
//             /api/items/<rest> to UPSTREAM_URL/<rest> over one undici Pool,
//             connection headers dropped, the answer streamed back, and
//             nothing else (no tenant, rate limit, token, headers of its own).
import { createServer } from 'node:http';

import { Pool } from 'undici';

const kind = process.env.BENCH_HOP;
const port = Number(process.env.PORT);

const json = (res, status, body) => {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
};

function upstream(req, res) {
  const path = req.url.split('?')[0];
  let m;
  if ((m = /^\/items\/([\w-]{1,64})$/.exec(path)))
    return json(res, 200, {
      id: m[1],
      title: 'Un banc devant la mairie',
      state: 'published',
      supports: 42,
    });
  if ((m = /^\/internal\/organizations\/by-host\/([^/]+)$/.exec(path)))
    return json(res, 200, {
      id: '6a0f3c2e-1b7d-4c5e-9f80-2d4b6a8c0e12',
      slug: 'bench',
      name: 'Bench city',
      hosts: [decodeURIComponent(m[1])],
    });
  if (path === '/health/ready') return json(res, 200, { status: 'ok' });
  if (path === '/openapi.json')
    return json(res, 200, { openapi: '3.0.0', info: { title: 'items', version: '1' }, paths: {} });
  json(res, 404, { status: 404 });
}

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'expect',
]);
const without = (headers) => {
  const out = {};
  for (const name in headers) if (!HOP_BY_HOP.has(name)) out[name] = headers[name];
  return out;
};

function proxy() {
  const pool = new Pool(process.env.UPSTREAM_URL, { connections: 512 });
  return (req, res) => {
    if (req.url === '/health/ready') return json(res, 200, { status: 'ok' });
    if (!req.url.startsWith('/api/items/')) return json(res, 404, { status: 404 });
    const body = req.method !== 'GET' && req.method !== 'HEAD' ? req : null;
    pool
      .stream(
        {
          path: req.url.slice('/api/items'.length),
          method: req.method,
          headers: without(req.headers),
          body,
        },
        ({ statusCode, headers }) => {
          res.writeHead(statusCode, without(headers));
          return res;
        },
      )
      .catch(() => {
        if (!res.headersSent) json(res, 503, { status: 503 });
        else res.destroy();
      });
  };
}

const handler = kind === 'upstream' ? upstream : kind === 'proxy' ? proxy() : null;
if (!handler) throw new Error(`BENCH_HOP must be upstream or proxy (got ${kind})`);
const server = createServer(handler);
server.keepAliveTimeout = 72_000;
server.listen(port, '127.0.0.1', () => console.log(`${kind} listening on ${port}`));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(0));
