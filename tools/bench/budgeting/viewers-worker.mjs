// Viewers of the budgeting bench, in a worker thread: their timings must not
// include the main thread's work (it sends and verifies 1,000+ checkouts a
// second, and a response waiting behind that work would be counted as the
// service's latency). Rotates over `targets` ({ port, path, headers }):
//   rate > 0     open loop: `rate` GETs a second on schedule whatever the
//                answers, latency counted from the scheduled time;
//   otherwise    closed loop: `concurrency` in flight, each asking again as
//                soon as answered.
// Runs until the parent posts 'stop', then posts { lat, statuses, hits }.
import { Agent, request } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';

import { now, sleep } from '../common.mjs';

const { targets, rate, concurrency } = workerData;
const agent = new Agent({ keepAlive: true, maxSockets: 64 });
const lat = [];
const statuses = {};
let hits = 0;
let running = true;
parentPort.on('message', (m) => {
  if (m === 'stop') running = false;
});

function one(k, from) {
  const t = targets[k % targets.length];
  return new Promise((resolve) => {
    const done = (status) => {
      lat.push(now() - from);
      statuses[status] = (statuses[status] ?? 0) + 1;
      resolve();
    };
    const req = request(
      { host: '127.0.0.1', port: t.port, path: t.path, agent, headers: t.headers },
      (res) => {
        // HIT, or STALE: the kept copy while the gateway refreshes it in the background.
        if (res.headers['x-cache'] !== undefined) hits++;
        res.resume();
        res.on('end', () => done(res.statusCode));
        res.on('error', () => done(0));
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error('timeout')));
    req.on('error', () => done(0));
    req.end();
  });
}

const pending = [];
if (rate > 0) {
  const start = now();
  for (let k = 0; running; k++) {
    const at = start + (k * 1000) / rate;
    const wait = at - now();
    if (wait > 0) await sleep(wait);
    if (!running) break;
    pending.push(one(k, at));
  }
} else {
  let k = 0;
  const loop = async () => {
    while (running) await one(k++, now());
  };
  pending.push(...Array.from({ length: concurrency }, loop));
}
await Promise.all(pending);
agent.destroy();
parentPort.postMessage({ lat, statuses, hits });
