// How late the machine runs a thread that does nothing else: a worker thread
// whose only work is a 10 ms timer (perf_hooks' event-loop delay histogram).
// Its lateness is scheduling delay (waiting for a core, stolen time), which
// every process on the machine pays too; a service's latency percentile
// cannot be better than this one's. Start with `startSchedProbe()`, stop
// with the returned function: { p50, p99, max } in ms, the 10 ms taken off.
import { Worker } from 'node:worker_threads';

const BODY = `
const { parentPort } = require('node:worker_threads');
const { monitorEventLoopDelay } = require('node:perf_hooks');
const h = monitorEventLoopDelay({ resolution: 10 });
h.enable();
parentPort.on('message', () => {
  h.disable();
  const ms = (ns) => Math.max(0, Math.round((ns / 1e6 - 10) * 10) / 10);
  parentPort.postMessage({ p50: ms(h.percentile(50)), p99: ms(h.percentile(99)), max: ms(h.max) });
});
`;

export function startSchedProbe() {
  const w = new Worker(BODY, { eval: true });
  const result = new Promise((resolve, reject) => {
    w.once('message', resolve);
    w.once('error', reject);
  });
  return () => {
    w.postMessage('stop');
    return result.finally(() => w.terminate());
  };
}
