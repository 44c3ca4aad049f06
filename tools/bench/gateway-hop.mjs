#!/usr/bin/env node
// What the gateway's hop costs per request (ADR 0024): CPU of the process
// in front of a service, per small JSON GET it forwards, for two hops to the
// same upstream (tools/bench/gateway-hop-server.mjs), each its own process:
//
//   gateway  the real gateway (dist/apps/gateway/src/main.js, distributed
//            mode, NODE_ENV=production): cache lookup, tracing, request id,
//            security headers, rate limit (in memory), tenant by Host,
//            identity token, forwarding over undici;
//   proxy    a bare undici proxy: node:http server + one undici Pool,
//            the floor of any hop.
//
// Traffic: GET /api/items/items/<id> (200, 81 bytes of JSON from upstream),
// anonymous, open loop at --rate requests/s over keep-alive connections of
// the lean client (raw-http.mjs), --warmup s unmeasured then --seconds s
// measured, the order of the two rotating from round to round. The verdict
// is the median over rounds of each round's ratio gateway / proxy (a ratio
// measured in the same round moves much less than the CPU per request on a
// shared machine).
//
//   npm run bench:gateway-hop -- [--rate 1000] [--seconds 10] [--warmup 3]
//        [--rounds 3] [--max-sockets 32]
//
// Output: human lines with met/MISS, then one JSON line with every number.
import { join } from 'node:path';

import {
  buildDist,
  fmt,
  freePort,
  loadNote,
  logTail,
  removeTempDirs,
  root,
  round,
  tempDir,
} from './common.mjs';
import { identityTokens } from './identity-tokens.mjs';
import { measureRun, median, openLoopOptions } from './open-loop.mjs';
import { spawnNode, stop, waitReady } from './petitions/procs.mjs';
import { RawHttpPool, rawRequest } from './raw-http.mjs';

const KINDS = ['gateway', 'proxy'];
const LABEL = { gateway: 'gateway', proxy: 'bare undici proxy' };
const TARGET_RATIO = 1.5; // gateway / bare proxy, CPU per request

const opts = openLoopOptions(
  'bench:gateway-hop',
  'node tools/bench/gateway-hop.mjs [--rate 1000] [--seconds 10] [--warmup 3] [--rounds 3] [--max-sockets 32]',
  { rate: 1000 },
);

const GETS = Array.from({ length: 16 }, (_, i) =>
  rawRequest('GET', `/api/items/items/item-${i}`, { Accept: 'application/json' }),
);
const planned = (i) => ({ bytes: GETS[i % GETS.length], expect: 200 });

/** The settings of this process minus what would point the gateway elsewhere. */
function baseEnv() {
  const env = { ...process.env };
  for (const k of Object.keys(env))
    if (/^(SERVICE_URL_|REDIS_URL|DATABASE_URL|KAFKA_|OTEL_|FC_)/.test(k)) delete env[k];
  return { ...env, NODE_ENV: 'production', LOG_LEVEL: 'warn' };
}

const procs = {};
async function main() {
  console.log(
    `bench:gateway-hop: ${fmt(opts.rate)} GET/s open loop, ${opts.warmup} s warm-up + ` +
      `${opts.seconds} s measured, ${opts.rounds} round(s), up to ${opts.maxSockets} keep-alive connections`,
  );
  console.log(loadNote());
  console.log(`  build: ${fmt(buildDist())} ms`);
  const logs = tempDir('gateway-hop');
  const script = join(import.meta.dirname, 'gateway-hop-server.mjs');
  const start = async (name, file, env) => {
    const port = await freePort();
    const proc = spawnNode(
      name,
      file,
      { ...env, PORT: String(port) },
      join(logs, `${name}.log`),
      root,
    );
    procs[name] = { port, proc };
    await waitReady(proc, port);
    return `http://127.0.0.1:${port}`;
  };

  const upstream = await start('upstream', script, { ...baseEnv(), BENCH_HOP: 'upstream' });
  await start('gateway', join(root, 'dist/apps/gateway/src/main.js'), {
    ...baseEnv(),
    GATEWAY_MODE: 'distributed',
    HOST: '127.0.0.1',
    METRICS_PORT: String(await freePort()),
    INTERNAL_TOKEN_SECRET: identityTokens().secret,
    SERVICE_URL_IDENTITY: upstream,
    SERVICE_URL_ITEMS: upstream,
    RATE_LIMIT_PER_MINUTE: '1000000000',
  });
  await start('proxy', script, { ...baseEnv(), BENCH_HOP: 'proxy', UPSTREAM_URL: upstream });

  // Both hops answer the same before anything is measured.
  for (const kind of KINDS) {
    const pool = new RawHttpPool(procs[kind].port, { maxSockets: 1 });
    try {
      const { status } = await pool.request(GETS[0]);
      if (status !== 200) throw new Error(`${LABEL[kind]} answered ${status}, expected 200`);
    } finally {
      pool.close();
    }
  }
  console.log('both hops answer GET /api/items/items/:id with 200');

  const runs = [];
  for (let r = 0; r < opts.rounds; r++) {
    const round_ = { round: r + 1 };
    for (const kind of r % 2 ? [...KINDS].reverse() : KINDS) {
      const pool = new RawHttpPool(procs[kind].port, { maxSockets: opts.maxSockets });
      try {
        const { exited, ...m } = await measureRun(pool, procs[kind].proc.pid, {
          ...opts,
          planned,
        });
        if (exited)
          throw new Error(`${LABEL[kind]} exited\n${logTail(procs[kind].proc.logFile, 20)}`);
        round_[kind] = m;
        console.log(
          `  round ${r + 1} ${LABEL[kind].padEnd(17)} ${fmt(m.server_cpu_us_per_request, 1).padStart(6)} µs CPU/request ` +
            `(${m.server_cpu_pct}% of a core at ${fmt(m.achieved_per_s)}/s), p50 ${m.p50_ms} ms, p99 ${m.p99_ms} ms, ` +
            `errors ${m.errors}${m.first_error ? ` (${m.first_error})` : ''}; load generator ${fmt(m.loadgen_cpu_us_per_request, 1)} µs/request, ` +
            `others ${m.others_cpu_pct}% of a core, stolen ${m.stolen_pct}%, idle thread's delay p99 ${m.sched_delay_p99_ms} ms`,
        );
      } finally {
        pool.close();
      }
    }
    round_.ratio = round(
      round_.gateway.server_cpu_us_per_request / round_.proxy.server_cpu_us_per_request,
      2,
    );
    console.log(`  round ${r + 1} ratio gateway / bare undici proxy: ${round_.ratio}`);
    runs.push(round_);
  }

  const summary = {};
  for (const kind of KINDS) {
    const of = (field) => median(runs.map((r) => r[kind][field]));
    summary[kind] = {
      server_cpu_us_per_request: round(of('server_cpu_us_per_request'), 1),
      p50_ms: round(of('p50_ms'), 2),
      p99_ms: round(of('p99_ms'), 2),
      errors: runs.reduce((a, r) => a + r[kind].errors, 0),
    };
  }
  const per = runs.map((r) => r.ratio);
  const ratio = { median: round(median(per), 2), min: Math.min(...per), max: Math.max(...per) };
  const errors = KINDS.reduce((a, k) => a + summary[k].errors, 0);
  const met = ratio.median <= TARGET_RATIO && errors === 0;

  console.log(
    `\nmedian of ${opts.rounds} round(s) (CPU of the hop's process per request, user + system):`,
  );
  for (const kind of KINDS) {
    const s = summary[kind];
    console.log(
      `  ${LABEL[kind].padEnd(17)} ${fmt(s.server_cpu_us_per_request, 1).padStart(6)} µs/request` +
        `  p50 ${s.p50_ms} ms  p99 ${s.p99_ms} ms  errors ${s.errors}`,
    );
  }
  console.log(
    `gateway hop / bare undici proxy: ${ratio.median.toFixed(2)} (rounds ${ratio.min}–${ratio.max}) — ` +
      `${met ? 'met' : 'MISS'} (target ≤ ${TARGET_RATIO}${errors ? `; ${errors} request(s) failed` : ''})`,
  );
  console.log(loadNote());
  console.log(
    JSON.stringify({
      bench: 'gateway-hop',
      options: opts,
      rounds: runs,
      median: summary,
      ratio_to_proxy: ratio,
      target_ratio: TARGET_RATIO,
      met,
    }),
  );
  return met;
}

let ok = false;
try {
  ok = await main();
} catch (error) {
  console.error(`bench:gateway-hop: ${error.stack ?? error}`);
} finally {
  await Promise.all(Object.values(procs).map((p) => stop(p.proc)));
  removeTempDirs();
}
process.exit(ok ? 0 : 1);
