#!/usr/bin/env node
// The yardstick of the readers' figure (bench:petitions, "readers"): a bare
// node:http server answering every GET with a small JSON naming the path
// asked for, nothing else (no framework, no routing, no cache). What a
// reader of the platform gets is compared with what this gets, measured
// with the same load generator in the same run, so the ratio holds on any
// machine.
//
//   node tools/bench/hello-world.mjs [--port 0] [--host 127.0.0.1]
//
// Prints `listening <port>` once ready; stops on SIGINT or SIGTERM.
import { createServer } from 'node:http';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
};
const port = Number(arg('port', process.env.PORT ?? '0'));
const host = arg('host', '127.0.0.1');

const server = createServer((req, res) => {
  const body = JSON.stringify({ hello: 'world', path: req.url });
  res.writeHead(200, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
});
server.keepAliveTimeout = 65_000;
server.listen(port, host, () => console.log(`listening ${server.address().port}`));
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.close(() => process.exit(0)));
