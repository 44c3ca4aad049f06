// Viewers of the petitions bench, in a worker thread so that their closed
// loop does not delay the signing schedule of the main thread: `concurrency`
// anonymous GET /api/petitions/{id} in flight over keep-alive connections,
// rotating over `ids`, for `durationS`. An answer counts as valid when it is
// a 200 whose JSON names the petition asked for.
import { Agent, request } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';

import { now, percentile, round } from '../common.mjs';

const { port, host, ids, concurrency, durationS } = workerData;
const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
const headers = { host: `${host}:${port}`, accept: 'application/json' };
let lat = new Float64Array(1 << 16);
let count = 0;
const statuses = {};
let invalid = 0;
let k = 0;

function one() {
  return new Promise((resolveOne) => {
    const id = ids[k++ % ids.length];
    const t = now();
    const req = request(
      { host: '127.0.0.1', port, path: `/api/petitions/${id}`, method: 'GET', agent, headers },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (body += c));
        res.on('end', () => {
          const code = res.statusCode;
          if (code !== 200 || !body.includes(id)) invalid++;
          done(t, String(code));
        });
        res.on('error', () => done(t, 'no answer'));
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error('timeout')));
    req.on('error', () => done(t, 'no answer'));
    req.end();
    function done(started, key) {
      if (count === lat.length) {
        const bigger = new Float64Array(lat.length * 2);
        bigger.set(lat);
        lat = bigger;
      }
      lat[count++] = now() - started;
      statuses[key] = (statuses[key] ?? 0) + 1;
      resolveOne();
    }
  });
}

const t0 = now();
const end = t0 + durationS * 1000;
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (now() < end) await one();
  }),
);
const wall = (now() - t0) / 1000;
agent.destroy();
const sorted = lat.subarray(0, count).sort();
parentPort.postMessage({
  requests: count,
  wall_s: round(wall, 2),
  rps: round((count - invalid) / wall, 0),
  latency_ms: {
    p50: round(percentile(sorted, 50), 2),
    p95: round(percentile(sorted, 95), 2),
    p99: round(percentile(sorted, 99), 2),
    max: round(sorted.at(-1), 1),
  },
  statuses,
  invalid,
});
