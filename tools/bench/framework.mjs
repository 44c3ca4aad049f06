#!/usr/bin/env node
// What the HTTP framework costs per request ("platform" issue): CPU of the
// server process per request for the same small service on three stacks,
// each in its own process (tools/bench/framework-server.mjs):
//
//   express  Nest on @nestjs/platform-express (what the services run today)
//   fastify  the same Nest module and controller on @nestjs/platform-fastify
//   bare     a node:http handler giving the same answers, its body validated
//            by the same pipe (the floor: no framework at all)
//
// Traffic: half GET /items/:id (200, 81 bytes of JSON), half POST /items
// (a JSON body of a three-field DTO, validated by the services' global
// ValidationPipe: 201), open loop at --rate requests/s (requests leave on
// schedule whatever the answers; latency counts from the scheduled time)
// over keep-alive connections of the lean client (raw-http.mjs), --warmup s
// unmeasured then --seconds s measured. Each round measures the three in
// turn, the order rotating from round to round; the servers stay up
// between rounds.
//
// Measured per run: the server's CPU (user + system, all its threads, from
// /proc/<pid>/stat) per answered request, the load generator's (this
// process, process.cpuUsage), the rest of the machine and the hypervisor's
// steal (/proc/stat), latency p50/p99 and errors (any status other than the
// expected 200/201, or no answer). On a shared machine the CPU per request
// moves from minute to minute; a ratio between stacks measured in the same
// round does much less, so the verdict is the median over rounds of each
// round's ratio.
//
//   npm run bench:framework -- [--rate 2000] [--seconds 10] [--warmup 3]
//        [--rounds 3] [--max-sockets 32] [--mix both|get|post]
//
// --mix get (or post) sends only that request, to see what each costs.
//
// Output: human lines with met/MISS, then one JSON line with every number.
import { join } from 'node:path';

import { fmt, freePort, loadNote, logTail, removeTempDirs, round, tempDir } from './common.mjs';
import { measureRun, median, openLoopOptions } from './open-loop.mjs';
import { spawnNode, stop, waitReady } from './petitions/procs.mjs';
import { RawHttpPool, rawRequest } from './raw-http.mjs';

const KINDS = ['express', 'fastify', 'bare'];
const LABEL = { express: 'Nest + express', fastify: 'Nest + fastify', bare: 'bare node:http' };
const TARGET_RATIO = 1.5; // fastify / bare node:http, CPU per request
const MIX = {
  both: 'half GET, half POST with validation',
  get: 'GET only',
  post: 'POST with validation only',
};
const ISSUE_RATIO = { express: '5.3', fastify: '1.1–1.3' };

// ---------------------------------------------------------------- options
const opts = openLoopOptions(
  'bench:framework',
  'node tools/bench/framework.mjs [--rate 2000] [--seconds 10] [--warmup 3] [--rounds 3] [--max-sockets 32] [--mix both|get|post]',
  { rate: 2000, mix: 'both' },
  (flag, value, o) => {
    if (flag !== '--mix') return false;
    o.mix = value();
    if (!['both', 'get', 'post'].includes(o.mix))
      throw new Error('--mix expects both, get or post');
    return true;
  },
);

// ---------------------------------------------------------------- requests
const JSON_HEADERS = { Accept: 'application/json' };
const POST_HEADERS = { ...JSON_HEADERS, 'Content-Type': 'application/json' };
const GETS = Array.from({ length: 16 }, (_, i) =>
  rawRequest('GET', `/items/item-${i}`, JSON_HEADERS),
);
const POSTS = Array.from({ length: 16 }, (_, i) =>
  rawRequest(
    'POST',
    '/items',
    POST_HEADERS,
    JSON.stringify({
      title: `Un banc devant la mairie n° ${i}`,
      summary: 'Pour que les personnes âgées puissent se reposer en attendant le bus.',
      ...(i % 2 ? { state: 'published' } : {}),
    }),
  ),
);
/** Request i of a run: with --mix both, even GET (expects 200), odd POST (expects 201). */
const planned = (i) =>
  opts.mix === 'get' || (opts.mix === 'both' && i % 2 === 0)
    ? { bytes: GETS[(i >> 1) % GETS.length], expect: 200 }
    : { bytes: POSTS[(i >> 1) % POSTS.length], expect: 201 };

/** Each stack answers as the others do, refusals included, before it is measured. */
async function checkAnswers(kind, port) {
  const pool = new RawHttpPool(port, { maxSockets: 1 });
  const cases = [
    ['GET /items/:id', GETS[0], 200],
    ['POST /items', POSTS[1], 201],
    [
      'POST /items with an unknown field',
      rawRequest('POST', '/items', POST_HEADERS, JSON.stringify({ title: 'Un banc', x: 1 })),
      400,
    ],
    [
      'POST /items with a title too short',
      rawRequest('POST', '/items', POST_HEADERS, JSON.stringify({ title: 'U' })),
      400,
    ],
  ];
  try {
    for (const [what, bytes, expected] of cases) {
      const { status } = await pool.request(bytes);
      if (status !== expected)
        throw new Error(`${LABEL[kind]}: ${what} answered ${status}, expected ${expected}`);
    }
  } finally {
    pool.close();
  }
}

// ---------------------------------------------------------------- one run
async function measure(kind, server) {
  const pool = new RawHttpPool(server.port, { maxSockets: opts.maxSockets });
  try {
    const { exited, ...m } = await measureRun(pool, server.proc.pid, { ...opts, planned });
    if (exited) throw new Error(`${LABEL[kind]} exited\n${logTail(server.proc.logFile, 20)}`);
    return { kind, ...m };
  } finally {
    pool.close();
  }
}

// ---------------------------------------------------------------- main
const servers = {};
async function main() {
  console.log(
    `bench:framework: ${fmt(opts.rate)} req/s open loop (${MIX[opts.mix]}), ` +
      `${opts.warmup} s warm-up + ${opts.seconds} s measured, ${opts.rounds} round(s), ` +
      `up to ${opts.maxSockets} keep-alive connections`,
  );
  console.log(loadNote());
  const logs = tempDir('framework');
  for (const kind of KINDS) {
    const port = await freePort();
    const logFile = join(logs, `${kind}.log`);
    const proc = spawnNode(
      kind,
      join(import.meta.dirname, 'framework-server.mjs'),
      { ...process.env, BENCH_FRAMEWORK: kind, PORT: String(port), NODE_ENV: 'production' },
      logFile,
      process.cwd(),
    );
    servers[kind] = { port, proc };
    await waitReady(proc, port);
    await checkAnswers(kind, port);
  }
  console.log(
    'the three stacks answer alike (200, 201, 400 for an unknown field or a short title)',
  );

  const runs = [];
  for (let r = 0; r < opts.rounds; r++) {
    const order = KINDS.map((_, i) => KINDS[(i + r) % KINDS.length]);
    const round_ = { round: r + 1 };
    for (const kind of order) {
      const m = await measure(kind, servers[kind]);
      round_[kind] = m;
      console.log(
        `  round ${r + 1} ${LABEL[kind].padEnd(15)} ${fmt(m.server_cpu_us_per_request, 1).padStart(6)} µs CPU/request ` +
          `(${m.server_cpu_pct}% of a core at ${fmt(m.achieved_per_s)}/s), load generator ${fmt(m.loadgen_cpu_us_per_request, 1)} µs/request, ` +
          `p50 ${m.p50_ms} ms, p99 ${m.p99_ms} ms, errors ${m.errors}${m.first_error ? ` (${m.first_error})` : ''}; ` +
          `others ${m.others_cpu_pct}% of a core, stolen ${m.stolen_pct}%, idle thread's delay p99 ${m.sched_delay_p99_ms} ms`,
      );
    }
    for (const kind of ['express', 'fastify'])
      round_[`${kind}_ratio`] = round(
        round_[kind].server_cpu_us_per_request / round_.bare.server_cpu_us_per_request,
        2,
      );
    console.log(
      `  round ${r + 1} ratios to bare node:http: express ${round_.express_ratio}, fastify ${round_.fastify_ratio}`,
    );
    runs.push(round_);
  }

  const summary = {};
  for (const kind of KINDS) {
    const of = (field) => median(runs.map((r) => r[kind][field]));
    summary[kind] = {
      server_cpu_us_per_request: round(of('server_cpu_us_per_request'), 1),
      loadgen_cpu_us_per_request: round(of('loadgen_cpu_us_per_request'), 1),
      p50_ms: round(of('p50_ms'), 2),
      p99_ms: round(of('p99_ms'), 2),
      errors: runs.reduce((a, r) => a + r[kind].errors, 0),
    };
  }
  const ratio = {};
  for (const kind of ['express', 'fastify']) {
    const per = runs.map((r) => r[`${kind}_ratio`]);
    ratio[kind] = { median: round(median(per), 2), min: Math.min(...per), max: Math.max(...per) };
  }
  const met = ratio.fastify.median <= TARGET_RATIO;
  const errors = KINDS.reduce((a, k) => a + summary[k].errors, 0);

  console.log(`\nmedian of ${opts.rounds} round(s) (server CPU per request, user + system):`);
  for (const kind of KINDS) {
    const s = summary[kind];
    console.log(
      `  ${LABEL[kind].padEnd(15)} ${fmt(s.server_cpu_us_per_request, 1).padStart(6)} µs/request` +
        `  load generator ${fmt(s.loadgen_cpu_us_per_request, 1)} µs/request` +
        `  p50 ${s.p50_ms} ms  p99 ${s.p99_ms} ms  errors ${s.errors}`,
    );
  }
  for (const kind of ['express', 'fastify'])
    console.log(
      `  ${LABEL[kind]} / bare node:http: ${ratio[kind].median.toFixed(2)} ` +
        `(rounds ${ratio[kind].min}–${ratio[kind].max}; the issue measured ${ISSUE_RATIO[kind]})`,
    );
  console.log(
    `framework overhead (express / bare node:http): ${ratio.express.median.toFixed(2)} — for comparison`,
  );
  console.log(
    `framework overhead (fastify / bare node:http): ${ratio.fastify.median.toFixed(2)} — ${met ? 'met' : 'MISS'} (target ≤ ${TARGET_RATIO})`,
  );
  if (errors > 0) console.log(`MISS: ${errors} request(s) failed or got an unexpected status`);
  console.log(loadNote());
  console.log(
    JSON.stringify({
      bench: 'framework',
      options: opts,
      rounds: runs,
      median: summary,
      ratio_to_bare: ratio,
      target_ratio: TARGET_RATIO,
      met: met && errors === 0,
    }),
  );
  return met && errors === 0;
}

let ok = false;
try {
  ok = await main();
} catch (error) {
  console.error(`bench:framework: ${error.stack ?? error}`);
} finally {
  await Promise.all(Object.values(servers).map((s) => stop(s.proc)));
  removeTempDirs();
}
process.exit(ok ? 0 : 1);
