// The load generator of the petitions bench: open-loop signing (requests
// leave at the scheduled rate whether or not earlier ones answered; latency
// counts from the scheduled time, so queueing anywhere, including in this
// client, shows) and closed-loop viewers (in a worker thread, see
// viewers-worker.mjs). Lean on purpose: one keep-alive Agent, header objects
// built once per request, bodies kept only for 2xx answers.
import { Agent, request } from 'node:http';
import { Worker } from 'node:worker_threads';

import { now, percentile, round } from '../common.mjs';

const SIGN_BODY = '{}';
const GAVE_UP = Symbol('gave up');

/** Latency summary of a Float64Array (sorted in place). */
export function summarize(lat) {
  lat.sort();
  return {
    p50: round(percentile(lat, 50), 1),
    p95: round(percentile(lat, 95), 1),
    p99: round(percentile(lat, 99), 1),
    max: round(lat.at(-1), 1),
  };
}

/**
 * Signs `n = rate × durationS` times, request i at t0 + i/rate: petition
 * `petitionOf(i)`, session cookie `cookieOf(i)`. Resolves with per-request
 * status (0 = no HTTP answer), latency from the scheduled time, receipt of
 * each 2xx, and counts; a 2xx without a receipt is an error.
 */
export function openLoopSign({
  port,
  host,
  rate,
  durationS,
  petitionOf,
  cookieOf,
  maxSockets = 256,
  onProgress,
  giveUpMs = 15_000,
}) {
  const n = Math.max(1, Math.round(rate * durationS));
  const agent = new Agent({ keepAlive: true, maxSockets, scheduling: 'fifo' });
  const status = new Int16Array(n);
  const lat = new Float64Array(n);
  const done = new Uint8Array(n);
  const receipts = new Array(n).fill(null);
  const reqs = new Array(n).fill(null);
  let gaveUp = 0;
  let oldest = 0;
  const created = { n201: 0, n200: 0 };
  const noReceipt = [];
  const netErrors = new Map();
  let without503RetryAfter = 0;
  let answered = 0;
  let sent = 0;
  const interval = 1000 / rate;
  const hostHeader = `${host}:${port}`;
  const origin = `http://${hostHeader}`;
  return new Promise((resolveAll) => {
    const t0 = now();
    let lastSend = t0;
    const finish = (i, code, r) => {
      if (done[i]) return;
      done[i] = 1;
      reqs[i] = null;
      const t = now();
      status[i] = code;
      lat[i] = t - (t0 + i * interval);
      if (code >= 200 && code < 300) {
        if (r) receipts[i] = r;
        else noReceipt.push(i);
      }
      if (++answered === n) {
        agent.destroy();
        clearInterval(sweeper);
        resolveAll({
          n,
          sent,
          t0,
          lastAnswerMs: t - t0,
          sendSpanMs: lastSend - t0,
          status,
          lat,
          receipts,
          noReceipt,
          netErrors: Object.fromEntries(netErrors),
          without503RetryAfter,
          gaveUp,
          ...created,
        });
      }
    };
    const send = (i) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path: `/api/petitions/${petitionOf(i)}/signatures`,
          method: 'POST',
          agent,
          headers: {
            host: hostHeader,
            origin,
            cookie: cookieOf(i),
            'content-type': 'application/json',
            'content-length': 2,
            accept: 'application/json',
          },
        },
        (res) => {
          const code = res.statusCode;
          if (code === 503 && !res.headers['retry-after']) without503RetryAfter++;
          if (code < 200 || code >= 300) {
            res.resume();
            res.on('end', () => finish(i, code, null));
            return;
          }
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (c) => (body += c));
          res.on('end', () => {
            let receipt = null;
            try {
              const j = JSON.parse(body);
              if (typeof j.receipt === 'string' && j.receipt.length >= 32) receipt = j.receipt;
            } catch {
              // not JSON: counted as a 2xx without a receipt
            }
            if (code === 201) created.n201++;
            else if (code === 200) created.n200++;
            finish(i, code, receipt);
          });
          res.on('error', () => finish(i, 0, null));
        },
      );
      reqs[i] = req;
      req.on('error', (e) => {
        const k =
          reqs[i] === GAVE_UP
            ? `no answer within ${giveUpMs / 1000} s of schedule`
            : (e.code ?? e.message);
        netErrors.set(k, (netErrors.get(k) ?? 0) + 1);
        finish(i, 0, null);
      });
      req.end(SIGN_BODY);
    };
    // A request unanswered giveUpMs after its scheduled time is abandoned (aborted if
    // sent, dropped if still waiting for a socket): an overloaded run ends in bounded time.
    const sweeper = setInterval(() => {
      const limit = now() - giveUpMs;
      while (oldest < next && t0 + oldest * interval < limit) {
        const req = reqs[oldest];
        if (req && req !== GAVE_UP && !done[oldest]) {
          reqs[oldest] = GAVE_UP;
          gaveUp++;
          req.destroy(new Error('gave up'));
        }
        oldest++;
      }
    }, 250);
    let next = 0;
    let lastProgress = t0;
    const tick = () => {
      const t = now();
      const due = Math.min(n, Math.floor((t - t0) / interval) + 1);
      while (next < due) send(next++);
      sent = next;
      lastSend = t;
      if (onProgress && t - lastProgress >= 5_000) {
        lastProgress = t;
        onProgress({ elapsedS: (t - t0) / 1000, sent, answered });
      }
      if (next < n) setTimeout(tick, 1);
    };
    tick();
  });
}

/** Status → count, 0 shown as "no answer". */
export function statusCounts(status) {
  const m = {};
  for (const s of status) {
    const k = s === 0 ? 'no answer' : String(s);
    m[k] = (m[k] ?? 0) + 1;
  }
  return m;
}

/** Closed-loop GETs of /api/petitions/{id} in a worker thread; resolves its summary. */
export function viewers({ port, host, ids, concurrency, durationS }) {
  return new Promise((resolveV, reject) => {
    const w = new Worker(new URL('./viewers-worker.mjs', import.meta.url), {
      workerData: { port, host, ids, concurrency, durationS },
    });
    w.once('message', resolveV);
    w.once('error', reject);
    w.once('exit', (code) => code !== 0 && reject(new Error(`viewers worker exited ${code}`)));
  });
}
