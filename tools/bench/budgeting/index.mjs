#!/usr/bin/env node
// Participatory budgets (issue 7, "Figures"): the budgeting service and the
// spaces service (which authorizes every voter) as separate processes on
// this machine, a real PostgreSQL, and this script calling budgeting's API
// directly with identity tokens signed as the gateway signs them (the
// gateway's own cost is measured by bench:petitions).
//
//   checkout  open loop at --rate checkouts/s for --duration s, each by a
//             distinct FranceConnect voter (so spaces is asked each time),
//             across two budgets with different rules; 5 % of selections
//             break the rule (must be refused with 422) and 2 % repeat an
//             earlier voter (must not make a second order). Verified after:
//             no order breaks its rule, one order per voter per budget,
//             every 201 is one order, counters equal the orders.
//   viewers   GET /budgets/{id}/projects straight from budgeting (no cache)
//             while the checkouts run: p99, timed in a worker thread (as the
//             gateway viewers below) so that this thread's checkout work is
//             not counted as the service's latency. Closed
//             loop by default (--viewers in flight, each asking again as soon
//             as answered: on a saturated machine they take whatever CPU is
//             left); with --view-rate N, open loop: N requests/s on schedule
//             whatever the answers, latency counted from the scheduled time
//             (people opening the page at that rate).
//   gateway   GET /api/budgeting/budgets/{id}/projects through a real gateway
//             (distributed mode, with identity for the organization), open
//             loop at --gateway-view-rate/s during the checkouts: the path
//             visitors and the site take, where the gateway's micro-cache
//             answers public lists (Cache-Control public, max-age=2,
//             stale-while-revalidate). The checkouts themselves go straight
//             to budgeting (the gateway's cost per request is bench:petitions').
//   cpu       CPU per checkout summed over budgeting (every replica),
//             spaces and PostgreSQL, with the split (issue 17: met when
//             ≤ 1.5 ms). With --no-viewers --no-gateway nothing but the
//             checkouts runs, and the figure is the checkouts' alone; with
//             viewers, their list reads are in budgeting's CPU too (said
//             beside the verdict).
//   results   500,000 orders bulk-loaded in SQL (INSERT … SELECT over
//             generate_series, counters loaded as checkouts would have
//             moved them), then GET /budgets/{id}/results (computed on each
//             call for an admin) timed, and the repair recount from orders.
//
//   npm run bench:budgeting -- [--rate 1200] [--duration 10] [--viewers 4 | --no-viewers]
//        [--view-rate 0] [--gateway-view-rate 100 | --no-gateway] [--orders 500000]
//        [--skip-build] [--max-sockets 128] [--replicas 1] [--transport postgres|kafka]
//
// --transport: the event bus of spaces, budgeting and identity (postgres by
// default); kafka needs KAFKA_BROKERS (and KAFKA_SSL, KAFKA_SASL_* as a
// service would have them), e.g. from `eval "$(bash ../shared/kafka/start.sh)"`.
//
// The CPU figure alone, short: --no-viewers --no-gateway --duration 5 --orders 10000
//
// Database: a fresh `palabre_bench_budgeting` next to BENCH_DATABASE_URL
// (default postgres://palabre:palabre@127.0.0.1:5432/palabre_bench).
// Output: human lines with met/MISS, then one JSON line with every number.
import { randomBytes, randomUUID } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { Agent, request } from 'node:http';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

import {
  buildDist,
  cpuPerOperation,
  fmt,
  formatCpuPerOperation,
  freePort,
  get,
  loadNote,
  logTail,
  metOrMiss,
  now,
  percentile,
  removeTempDirs,
  root,
  round,
  sleep,
  tempDir,
  transportEnv,
} from '../common.mjs';
import { identityTokens } from '../identity-tokens.mjs';
import { cpuMeter, formatCpu, spawnNode, stop, waitReady } from '../petitions/procs.mjs';
import { RawHttpPool, rawRequest } from '../raw-http.mjs';
import { startSchedProbe } from '../sched-probe.mjs';

const require = createRequire(join(root, 'package.json'));
const DIST = (app, file = 'main.js') => join(root, `dist/apps/${app}/src/${file}`);
const GATEWAY_HOST = '127.0.0.1';
const EUR = 100;

// ---------------------------------------------------------------- options
function parseArgs(argv) {
  const o = {
    rate: 1200,
    duration: 10,
    viewers: 4,
    directViewers: true,
    viewRate: 0,
    gatewayViewRate: 100,
    orders: 500_000,
    build: true,
    maxSockets: 128,
    replicas: 1,
    transport: 'postgres',
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const int = (max) => {
      const v = Number(inline ?? argv[++i]);
      if (!Number.isInteger(v) || v < 1 || v > max)
        throw new Error(`${flag} expects an integer in 1..${max}`);
      return v;
    };
    if (flag === '--rate') o.rate = int(100_000);
    else if (flag === '--duration') o.duration = int(3_600);
    else if (flag === '--viewers') o.viewers = int(256);
    else if (flag === '--view-rate') o.viewRate = int(100_000);
    else if (flag === '--gateway-view-rate') o.gatewayViewRate = int(100_000);
    else if (flag === '--no-gateway') o.gatewayViewRate = 0;
    else if (flag === '--no-viewers') o.directViewers = false;
    else if (flag === '--orders') o.orders = int(10_000_000);
    else if (flag === '--max-sockets') o.maxSockets = int(4_096);
    else if (flag === '--replicas') o.replicas = int(16);
    else if (flag === '--transport') o.transport = inline ?? argv[++i];
    else if (flag === '--skip-build') o.build = false;
    else if (flag === '--help' || flag === '-h') {
      console.log(
        'usage: node tools/bench/budgeting/index.mjs [--rate 1200] [--duration 10] [--viewers 4 | --view-rate N | --no-viewers] [--gateway-view-rate 100 | --no-gateway] [--orders 500000] [--skip-build] [--max-sockets 128] [--replicas 1] [--transport postgres|kafka]\n' +
          "  the CPU per checkout is the checkouts' alone with --no-viewers --no-gateway\n" +
          'env: BENCH_DATABASE_URL (default postgres://palabre:palabre@127.0.0.1:5432/palabre_bench);\n' +
          '     KAFKA_BROKERS (and KAFKA_SSL, KAFKA_SASL_*) with --transport kafka',
      );
      process.exit(0);
    } else throw new Error(`unknown option ${argv[i]} (try --help)`);
  }
  return o;
}
let opts;
let busEnv; // EVENTS_TRANSPORT (and KAFKA_*) of the services
try {
  opts = parseArgs(process.argv.slice(2));
  busEnv = transportEnv(opts.transport);
} catch (error) {
  console.error(`bench:budgeting: ${error.message}`);
  process.exit(64);
}

const BASE_URL =
  process.env.BENCH_DATABASE_URL ?? 'postgres://palabre:palabre@127.0.0.1:5432/palabre_bench';
// Another name (BENCH_BUDGETING_DB) lets two runs share one server.
const DB_NAME = process.env.BENCH_BUDGETING_DB ?? 'palabre_bench_budgeting';
const dbUrl = (() => {
  const u = new URL(BASE_URL);
  u.pathname = `/${DB_NAME}`;
  return u.toString();
})();

// ---------------------------------------------------------------- identity tokens
// Minted by the gateway's code (dist/, ADR 0030) once the build has run; an hour of life,
// for tokens the bench holds over its run. Minted for budgeting, they carry spaces' MAC too.
let tokens;
const token = (identity) => tokens.mint(identity, 'budgeting');

// ---------------------------------------------------------------- HTTP
const agent = new Agent({ keepAlive: true, maxSockets: opts.maxSockets, scheduling: 'fifo' });
function call(port, method, path, tok, body) {
  return new Promise((resolve, reject) => {
    const payload =
      body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method,
        agent,
        headers: {
          'x-palabre-identity': tok,
          accept: 'application/json',
          ...(payload
            ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }
            : {}),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (text += c));
        res.on('end', () => {
          let json = null;
          try {
            json = JSON.parse(text);
          } catch {
            // not JSON
          }
          resolve({ status: res.statusCode, json, text, headers: res.headers });
        });
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error(`${method} ${path}: no answer in 30 s`)));
    req.on('error', reject);
    req.end(payload);
  });
}
/** A checkout request's bytes, made before the clock starts. */
const checkoutBytes = (budgetId, tok, projectIds) =>
  rawRequest(
    'POST',
    `/budgets/${budgetId}/order/checkout`,
    {
      'X-Palabre-Identity': tok,
      Accept: 'application/json',
      'Content-Type': 'application/json',
    },
    JSON.stringify({ projectIds }),
  );
// The checkouts' connection pools (raw-http.mjs), one per budgeting replica; closed at the end.
const pools = [];

async function must(port, method, path, tok, body, ok = [200, 201]) {
  const r = await call(port, method, path, tok, body);
  if (!ok.includes(r.status))
    throw new Error(`${method} ${path} answered ${r.status}: ${r.text.slice(0, 300)}`);
  return r.json;
}

/**
 * Event-loop delay of each budgeting process since the last call, in ms:
 * prom-client's monitorEventLoopDelay histogram (reset on every scrape of
 * /metrics) times a 10 ms timer, so 10 ms is taken off each figure.
 */
async function loopDelay(ports, tok) {
  const out = [];
  for (const port of ports) {
    const r = await call(port, 'GET', '/metrics', tok);
    const value = (name) => {
      const m = new RegExp(`^palabre_nodejs_eventloop_lag_${name}_seconds (\\S+)$`, 'm').exec(
        r.text,
      );
      return m ? round(Math.max(0, Number(m[1]) * 1000 - 10), 1) : null;
    };
    out.push({ p50: value('p50'), p99: value('p99'), max: value('max') });
  }
  return out;
}

const summarize = (lat) => {
  const s = Float64Array.from(lat).sort();
  return {
    p50: round(percentile(s, 50), 1),
    p95: round(percentile(s, 95), 1),
    p99: round(percentile(s, 99), 1),
    max: round(s.at(-1), 1),
  };
};

// ---------------------------------------------------------------- selections
function shuffle(a, rnd) {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}
/** A valid selection for the rule, or a broken one. */
function selection(budget, valid, rnd) {
  const ps = shuffle([...budget.projects], rnd);
  if (!valid) {
    // Too few projects for "minimum_projects"; under the minimum for "minimum".
    return budget.rule === 'minimum_projects'
      ? ps.slice(0, 2).map((p) => p.id)
      : [ps.sort((a, b) => a.amount - b.amount)[0].id];
  }
  for (;;) {
    const picked = [];
    let total = 0;
    for (const p of ps)
      if (total + p.amount <= budget.envelope) (picked.push(p), (total += p.amount));
    const ok =
      budget.rule === 'minimum_projects'
        ? picked.length >= budget.minimumProjects
        : total >= Math.ceil((budget.envelope * budget.minimumPercent) / 100);
    if (ok) return picked.map((p) => p.id);
    shuffle(ps, rnd);
  }
}

// ---------------------------------------------------------------- main
const out = {
  bench: 'budgeting',
  node: process.version,
  cpus: cpus().length,
  options: opts,
  transport: opts.transport,
  load_avg_1m_at_start: Number(loadavg()[0].toFixed(2)),
};
const verdicts = [];
/** Issue 17: CPU per checkout, summed over budgeting, spaces and PostgreSQL. */
const CPU_PER_CHECKOUT_MS = 1.5;
const verdict = (name, ok, detail) => verdicts.push({ name, ok, detail });
const procs = {};

async function main() {
  console.log(`bench:budgeting — ${loadNote()}`);
  if (opts.build) console.log(`build: ${fmt(buildDist())} ms`);
  tokens = identityTokens(3_600);
  const pg = require('pg');
  const admin = new pg.Client({ connectionString: BASE_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${DB_NAME}`);
  await admin.end();
  const pool = new pg.Pool({ connectionString: dbUrl, max: 4 });
  const query = async (sql, params) => (await pool.query(sql, params)).rows;

  const dir = tempDir('budgeting');
  const spPort = await freePort();
  // Budgeting replicas (as a deployment scales it out), requests spread over them in turn.
  const bgPorts = [];
  for (let r = 0; r < opts.replicas; r++) bgPorts.push(await freePort());
  const bgPort = bgPorts[0];
  const env = {
    ...process.env,
    LOG_LEVEL: 'warn',
    DATABASE_URL: dbUrl,
  };
  for (const k of Object.keys(env))
    if (k.startsWith('npm_') || k.startsWith('OTEL_') || k.startsWith('SERVICE_URL_'))
      delete env[k];
  for (const k of ['EVENTS_TRANSPORT', 'KAFKA_BROKERS', 'REDIS_URL', 'SMTP_URL', 'SEED_DEMO'])
    delete env[k];
  for (const k of Object.keys(env)) if (k.startsWith('FC_')) delete env[k];
  Object.assign(env, busEnv);
  // The organization: identity's (with a host, for the gateway) or, without a gateway, any id.
  let org = randomUUID();
  const idEnv = { ...env, IDENTITY_SECRET: randomBytes(32).toString('base64') };
  if (opts.gatewayViewRate > 0) {
    const cli = spawnSync(
      process.execPath,
      [
        DIST('identity', 'cli.js'),
        'create-organization',
        '--slug',
        'bench-budgets',
        '--name',
        'Bench city',
        '--host',
        GATEWAY_HOST,
      ],
      { cwd: root, env: idEnv, encoding: 'utf8' },
    );
    if (cli.status !== 0)
      throw new Error(`identity cli create-organization failed: ${cli.stdout}${cli.stderr}`);
    const [row] = await query(
      `SELECT organization_id FROM identity.organization_hosts WHERE host = $1`,
      [GATEWAY_HOST],
    );
    org = row.organization_id;
  }
  procs.spaces = spawnNode(
    'spaces',
    DIST('spaces'),
    {
      ...env,
      PORT: String(spPort),
      SPACES_PHASE_INTERVAL_MS: '0',
      INTERNAL_TOKEN_KEY: tokens.keyOf('spaces'),
    },
    join(dir, 'spaces.log'),
    root,
  );
  await waitReady(procs.spaces, spPort);
  for (const [r, port] of bgPorts.entries()) {
    const name = r === 0 ? 'budgeting' : `budgeting-${r + 1}`;
    procs[name] = spawnNode(
      name,
      DIST('budgeting'),
      {
        ...env,
        PORT: String(port),
        SERVICE_URL_SPACES: `http://127.0.0.1:${spPort}`,
        INTERNAL_TOKEN_KEY: tokens.keyOf('budgeting'),
      },
      join(dir, `${name}.log`),
      root,
    );
    await waitReady(procs[name], port);
  }
  let gwPort = null;
  if (opts.gatewayViewRate > 0) {
    const idPort = await freePort();
    gwPort = await freePort();
    procs.identity = spawnNode(
      'identity',
      DIST('identity'),
      { ...idEnv, PORT: String(idPort), INTERNAL_TOKEN_KEY: tokens.keyOf('identity') },
      join(dir, 'identity.log'),
      root,
    );
    await waitReady(procs.identity, idPort);
    const gwEnv = { ...env, GATEWAY_MODE: 'distributed', PORT: String(gwPort) };
    delete gwEnv.DATABASE_URL;
    procs.gateway = spawnNode(
      'gateway',
      DIST('gateway'),
      {
        ...gwEnv,
        INTERNAL_TOKEN_SECRET: tokens.secret,
        SERVICE_URL_IDENTITY: `http://127.0.0.1:${idPort}`,
        SERVICE_URL_BUDGETING: `http://127.0.0.1:${bgPort}`,
        RATE_LIMIT_PER_MINUTE: '1000000000',
      },
      join(dir, 'gateway.log'),
      root,
    );
    await waitReady(procs.gateway, gwPort);
  }
  console.log(
    `${gwPort ? `gateway :${gwPort}, identity, ` : ''}spaces :${spPort}, budgeting :${bgPorts.join(', :')}, PostgreSQL ${dbUrl.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')}, event bus ${opts.transport}`,
  );

  // ---- a published process in its voting phase, a budgets component, budgets and projects
  const adminTok = token({
    organizationId: org,
    userId: randomUUID(),
    grants: [{ role: 'org-admin' }],
  });
  const anonTok = token({ organizationId: org });
  for (let i = 0; ; i++) {
    const t = await call(spPort, 'GET', '/component-types', adminTok);
    if (t.json?.items?.some((x) => x.type === 'budgets')) break;
    if (i > 400) throw new Error('the budgets component type never reached spaces');
    await sleep(50);
  }
  const space = await must(spPort, 'POST', '/', adminTok, {
    kind: 'process',
    slug: `bench-${randomUUID().slice(0, 8)}`,
    title: { fr: 'Budget participatif', en: 'Participatory budget' },
  });
  await must(spPort, 'POST', `/${space.id}/publish`, adminTok);
  const vote = await must(spPort, 'POST', `/${space.id}/phases`, adminTok, {
    title: { fr: 'Vote', en: 'Vote' },
  });
  const comp = await must(spPort, 'POST', `/${space.id}/components`, adminTok, {
    type: 'budgets',
    name: { fr: 'Vote', en: 'Vote' },
  });
  await must(
    spPort,
    'PATCH',
    `/${space.id}/components/${comp.id}/phases/${vote.id}/settings`,
    adminTok,
    {
      settings: { votes_enabled: true },
    },
  );
  await must(spPort, 'PUT', `/${space.id}/components/${comp.id}/permissions/vote`, adminTok, {
    verification: 'franceconnect',
  });
  await must(spPort, 'POST', `/${space.id}/phases/${vote.id}/activate`, adminTok);
  for (let i = 0; ; i++) {
    const r = await call(bgPort, 'GET', `/components/${comp.id}/budgets`, adminTok);
    if (r.status === 200 && r.json.component.votingOpen) break;
    if (i > 400) throw new Error(`budgeting never learnt the component (${r.status})`);
    await sleep(50);
  }
  await sleep(1_100);
  const makeBudget = async (body, amounts) => {
    const b = await must(bgPort, 'POST', `/components/${comp.id}/budgets`, adminTok, body);
    const projects = [];
    for (const [i, a] of amounts.entries()) {
      const p = await must(bgPort, 'POST', `/budgets/${b.id}/projects`, adminTok, {
        title: { fr: `Projet ${i + 1} — ${body.title.fr}` },
        description: { fr: 'Un projet de mesure.' },
        amountCents: a * EUR,
      });
      projects.push({ id: p.id, amount: a * EUR });
    }
    return {
      id: b.id,
      rule: body.rule,
      envelope: body.envelopeCents,
      minimumPercent: body.minimumPercent,
      minimumProjects: body.minimumProjects,
      projects,
    };
  };
  const amounts = [8, 12, 15, 18, 20, 22, 25, 28, 30, 35, 38, 40].map((k) => k * 1000);
  const budgets = [
    await makeBudget(
      {
        title: { fr: 'Fleury' },
        envelopeCents: 100_000 * EUR,
        rule: 'minimum_projects',
        minimumProjects: 3,
      },
      amounts,
    ),
    await makeBudget(
      { title: { fr: 'Nord' }, envelopeCents: 200_000 * EUR, rule: 'minimum', minimumPercent: 70 },
      amounts.map((a) => a * 2),
    ),
  ];

  // ---- checkouts at the rate, viewers meanwhile
  const R = opts.rate;
  const n = R * opts.duration;
  let seed = 42;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const plan = new Array(n);
  for (let i = 0; i < n; i++) {
    const dup = i > 100 && rnd() < 0.02;
    if (dup) {
      const j = Math.floor(rnd() * (i - 50));
      plan[i] = { ...plan[j], dup: true };
      continue;
    }
    const b = budgets[i % 2];
    const valid = rnd() >= 0.05;
    const tok = token({ organizationId: org, signerKey: `bench-voter-${i}` });
    plan[i] = { budget: b.id, valid, tok, raw: checkoutBytes(b.id, tok, selection(b, valid, rnd)) };
  }
  // Checkouts go out through raw-http.mjs (a lean client: this process shares the two cores).
  for (const port of bgPorts)
    pools.push(new RawHttpPool(port, { maxSockets: opts.maxSockets, keep: ['retry-after'] }));
  // Warm-up (JIT, connections), not counted.
  for (let i = 0; i < 200 * opts.replicas; i++) {
    const tok = token({ organizationId: org, signerKey: `warm-${i}` });
    const r = await pools[i % pools.length].request(
      checkoutBytes(budgets[0].id, tok, selection(budgets[0], true, rnd)),
    );
    if (r.status !== 201) throw new Error(`warm-up checkout answered ${r.status}`);
  }
  const status = new Int16Array(n);
  const lat = new Float64Array(n);
  // Viewers run in worker threads (viewers-worker.mjs): their timings exclude this thread's
  // work of sending and checking the checkouts.
  const startViewers = (targets, load) => {
    const w = new Worker(new URL('./viewers-worker.mjs', import.meta.url), {
      workerData: { targets, ...load },
    });
    const result = new Promise((resolve, reject) => {
      w.once('message', resolve);
      w.once('error', reject);
    });
    return () => (w.postMessage('stop'), result.finally(() => w.terminate()));
  };
  const directTargets = budgets.flatMap((b) =>
    bgPorts.map((port) => ({
      port,
      path: `/budgets/${b.id}/projects`,
      headers: { 'x-palabre-identity': anonTok, accept: 'application/json' },
    })),
  );
  const gatewayTargets = budgets.map((b) => ({
    port: gwPort,
    path: `/api/budgeting/budgets/${b.id}/projects`,
    headers: { host: `${GATEWAY_HOST}:${gwPort}`, accept: 'application/json' },
  }));
  if (gwPort) {
    // Warm the gateway (connections, its cache, JIT) before the checkouts, not counted.
    for (let k = 0; k < 50; k++) {
      const { path, headers } = gatewayTargets[k % 2];
      const r = await get(gwPort, path, { headers });
      if (r.status !== 200) throw new Error(`GET ${path} through the gateway answered ${r.status}`);
    }
  }
  let shed = 0;
  await loopDelay(bgPorts, anonTok); // resets the histograms: what follows is the checkouts'
  const meter = cpuMeter(procs);
  const stopDirect = opts.directViewers
    ? startViewers(directTargets, {
        rate: opts.viewRate,
        concurrency: opts.viewers,
      })
    : async () => null;
  const stopGateway = gwPort ? startViewers(gatewayTargets, { rate: opts.gatewayViewRate }) : null;
  const stopProbe = startSchedProbe();
  const t0 = now();
  await new Promise((done) => {
    let answered = 0;
    let sent = 0;
    const tick = () => {
      const due = Math.min(n, Math.floor(((now() - t0) * R) / 1000) + 1);
      for (; sent < due; sent++) {
        const i = sent;
        const sched = t0 + (i * 1000) / R;
        // A voter asked to retry (503, the service sheds what it cannot take at once)
        // confirms again later, as the site asks; latency counts from the first try.
        let tries = 0;
        const attempt = () =>
          pools[i % pools.length].request(plan[i].raw).then(async (r) => {
            if (r.status !== 503) return r;
            shed++;
            // Retry-After, then doubling with jitter (as a well-behaved client), at most 8 s.
            const base = 1000 * Number(r.headers?.['retry-after'] ?? 1);
            await sleep(Math.min(8000, base * 2 ** tries++ * (0.5 + Math.random())));
            return attempt();
          });
        attempt()
          .then(
            (r) => (status[i] = r.status),
            () => (status[i] = 0),
          )
          .finally(() => {
            lat[i] = now() - sched;
            if (++answered === n) done();
          });
      }
      if (sent < n) setTimeout(tick, 2);
    };
    tick();
  });
  const wall = (now() - t0) / 1000;
  const [direct, viaGw, sched] = await Promise.all([stopDirect(), stopGateway?.(), stopProbe()]);
  const cpu = meter(n);
  const delays = await loopDelay(bgPorts, anonTok);
  const counts = {};
  for (const s of status) counts[s] = (counts[s] ?? 0) + 1;
  const created = counts[201] ?? 0;
  // Per voter (a request and its repeats): exactly one 201 for a valid
  // selection (whichever request won), 422 for a broken one, 409 for the rest.
  let wrong = 0;
  const byVoter = new Map();
  for (let i = 0; i < n; i++) {
    const v = byVoter.get(plan[i].tok) ?? { valid: plan[i].valid, statuses: [] };
    v.statuses.push(status[i]);
    byVoter.set(plan[i].tok, v);
  }
  for (const v of byVoter.values()) {
    const won = v.statuses.filter((x) => x === 201).length;
    const others = v.statuses.filter((x) => x !== 201);
    if (
      v.valid
        ? won !== 1 || others.some((x) => x !== 409)
        : won !== 0 || others.some((x) => x !== 422)
    )
      wrong++;
  }
  const rate = created / wall;
  const latency = summarize(lat);
  out.checkout = {
    requests: n,
    wall_s: round(wall, 2),
    statuses: counts,
    accepted_per_s: round(rate, 0),
    latency_ms: latency,
    voters_with_unexpected_status: wrong,
    shed_and_retried: shed,
    cpu,
    event_loop_delay_ms: delays,
    machine_scheduling_delay_ms: sched,
  };
  console.log(
    `\ncheckout: ${fmt(n)} requests in ${round(wall, 2)} s (offered ${fmt(R)}/s): statuses ${JSON.stringify(counts)}; accepted ${fmt(rate)}/s; latency p50 ${latency.p50} ms, p99 ${latency.p99} ms; voters with unexpected statuses ${wrong}; ${fmt(shed)} answers 503 (retry in a second) retried`,
  );
  console.log(`  ${formatCpu(cpu, 'checkout')}`);
  // The checkouts' own cost: budgeting (every replica), spaces (authorization) and PostgreSQL.
  const perCheckout = cpuPerOperation(cpu, [
    ...Object.keys(procs).filter((p) => p.startsWith('budgeting')),
    'spaces',
    'postgres',
  ]);
  const isolated = !opts.directViewers && !gwPort;
  out.checkout.cpu_per_checkout = { ...perCheckout, isolated };
  console.log(
    `  ${formatCpuPerOperation(perCheckout, 'checkout', CPU_PER_CHECKOUT_MS)}` +
      (isolated
        ? ''
        : " (viewers' reads included: --no-viewers --no-gateway for the checkouts alone)"),
  );
  console.log(
    `  event-loop delay of budgeting during the checkouts: ${delays.map((d) => `p50 ${d.p50} ms, p99 ${d.p99} ms, max ${d.max} ms`).join('; ')}`,
  );
  console.log(
    `  scheduling delay of an idle thread (its 10 ms timer's lateness: the floor under any latency here): p50 ${sched.p50} ms, p99 ${sched.p99} ms, max ${sched.max} ms`,
  );
  verdict(
    `CPU per checkout ≤ ${CPU_PER_CHECKOUT_MS} ms (budgeting + spaces + PostgreSQL${isolated ? '' : ", viewers' reads included"})`,
    perCheckout.total_ms <= CPU_PER_CHECKOUT_MS,
    `${perCheckout.total_ms} ms ${JSON.stringify(perCheckout.split)}`,
  );
  verdict(
    'checkouts through the API ≥ 1,000/s (accepted, rules enforced)',
    rate >= 1000 && (counts[0] ?? 0) === 0,
    `${fmt(rate)}/s`,
  );

  // ---- verification in the database
  const ids = budgets.map((b) => b.id);
  const [broken] = await query(
    `SELECT count(*)::int AS n FROM budgeting.orders o JOIN budgeting.budgets b ON b.id = o.budget_id
       CROSS JOIN LATERAL (SELECT count(*) AS n, coalesce(sum(p.amount_cents), 0) AS t
                             FROM unnest(o.project_ids) pid JOIN budgeting.projects p ON p.id = pid) s
      WHERE o.checked_out_at IS NOT NULL AND o.budget_id = ANY($1::uuid[]) AND (
        (b.rule = 'minimum' AND (s.t > b.envelope_cents OR s.t < ceil(b.envelope_cents * b.minimum_percent / 100.0)))
        OR (b.rule = 'minimum_projects' AND (s.t > b.envelope_cents OR s.n < b.minimum_projects))
        OR (b.rule = 'projects_range' AND (s.n < b.minimum_projects OR s.n > b.maximum_projects)))`,
    [ids],
  );
  const [dups] = await query(
    `SELECT count(*)::int AS n FROM (SELECT 1 FROM budgeting.orders WHERE budget_id = ANY($1::uuid[])
       GROUP BY budget_id, voter_key HAVING count(*) > 1) d`,
    [ids],
  );
  const [orders] = await query(
    `SELECT count(*)::int AS n FROM budgeting.orders WHERE budget_id = ANY($1::uuid[]) AND checked_out_at IS NOT NULL
        AND voter_key LIKE 'fc:bench-voter-%'`,
    [ids],
  );
  const [drift] = await query(
    `SELECT count(*)::int AS n FROM (
       SELECT pid, count(*) AS n FROM budgeting.orders o, unnest(o.project_ids) pid
        WHERE o.budget_id = ANY($1::uuid[]) AND o.checked_out_at IS NOT NULL GROUP BY pid) c
       FULL JOIN (SELECT project_id, sum(votes) AS v FROM budgeting.project_votes
                   WHERE budget_id = ANY($1::uuid[]) GROUP BY project_id) k ON k.project_id = c.pid
      WHERE coalesce(c.n, 0) <> coalesce(k.v, 0)`,
    [ids],
  );
  out.verify = {
    orders_breaking_rule: broken.n,
    duplicate_orders: dups.n,
    orders: orders.n,
    created_201: created,
    counter_drift_projects: drift.n,
  };
  console.log(
    `verify: ${broken.n} orders break their rule, ${dups.n} voters with two orders in a budget, ${fmt(orders.n)} orders for ${fmt(created)} answers 201, ${drift.n} projects whose counter differs from the orders`,
  );
  verdict(
    'no order breaks its rule; one per voter per budget; every 201 is one order; counters exact',
    broken.n === 0 && dups.n === 0 && orders.n === created && drift.n === 0 && wrong === 0,
    JSON.stringify(out.verify),
  );

  if (direct) {
    const vl = summarize(direct.lat);
    out.viewers = {
      requests: direct.lat.length,
      statuses: direct.statuses,
      latency_ms: vl,
    };
    console.log(
      `viewers: ${fmt(direct.lat.length)} GET /budgets/{id}/projects during the checkouts (${opts.viewRate > 0 ? `open loop at ${opts.viewRate}/s` : `${opts.viewers} in flight, closed loop`}): p50 ${vl.p50} ms, p99 ${vl.p99} ms`,
    );
    verdict(
      'project list p99 < 30 ms while voting runs, straight from budgeting (no cache)',
      vl.p99 < 30 && direct.lat.length > 0,
      `p99 ${vl.p99} ms`,
    );
  }
  if (viaGw) {
    const gl = summarize(viaGw.lat);
    const ok200 = viaGw.statuses[200] ?? 0;
    out.gateway_viewers = {
      requests: viaGw.lat.length,
      statuses: viaGw.statuses,
      cache_hits: viaGw.hits,
      latency_ms: gl,
    };
    console.log(
      `through the gateway: ${fmt(viaGw.lat.length)} GET /api/budgeting/budgets/{id}/projects (open loop at ${opts.gatewayViewRate}/s): statuses ${JSON.stringify(viaGw.statuses)}, ${fmt(viaGw.hits)} answered from its cache; p50 ${gl.p50} ms, p99 ${gl.p99} ms, max ${gl.max} ms`,
    );
    verdict(
      'project list p99 < 30 ms while voting runs, through the gateway (as visitors and the site read it)',
      gl.p99 < 30 && ok200 === viaGw.lat.length && viaGw.lat.length > 0,
      `p99 ${gl.p99} ms`,
    );
  }

  // ---- 500,000 orders, then the results
  const big = await makeBudget(
    {
      title: { fr: 'Ville' },
      envelopeCents: 500_000 * EUR,
      rule: 'minimum_projects',
      minimumProjects: 3,
    },
    Array.from({ length: 20 }, (_, i) => 10_000 + i * 2_000),
  );
  const N = opts.orders;
  const tl = now();
  const pids = big.projects.map((p) => p.id);
  const amts = big.projects.map((p) => p.amount);
  for (let from = 0; from < N; from += 100_000) {
    const to = Math.min(N, from + 100_000);
    // Three distinct projects per order: a, a + 1..5, a + 7..9 (mod 20).
    await query(
      `INSERT INTO budgeting.orders (organization_id, component_id, budget_id, voter_key, project_ids, total_cents, checked_out_at)
       SELECT $1, $2, $3, 'bulk:' || g, ARRAY[($4::uuid[])[i1 + 1], ($4::uuid[])[i2 + 1], ($4::uuid[])[i3 + 1]],
              ($5::bigint[])[i1 + 1] + ($5::bigint[])[i2 + 1] + ($5::bigint[])[i3 + 1], now()
         FROM (SELECT g, (g * 13) % 20 AS i1, ((g * 13) % 20 + 1 + g % 5) % 20 AS i2, ((g * 13) % 20 + 7 + g % 3) % 20 AS i3
                 FROM generate_series($6::int, $7::int) g) s`,
      [org, comp.id, big.id, pids, amts, from, to - 1],
    );
  }
  // The counters checkouts would have moved, in one statement.
  await query(
    `INSERT INTO budgeting.project_votes (project_id, shard, organization_id, budget_id, votes)
     SELECT pid, 0, $1, $2, count(*) FROM budgeting.orders o, unnest(o.project_ids) pid
      WHERE o.budget_id = $2 GROUP BY pid`,
    [org, big.id],
  );
  await query(
    `INSERT INTO budgeting.budget_counts (budget_id, shard, organization_id, orders)
     SELECT $2, 0, $1, count(*) FROM budgeting.orders WHERE budget_id = $2`,
    [org, big.id],
  );
  await query(`ANALYZE budgeting.orders`);
  const loadMs = now() - tl;
  const times = [];
  let res;
  for (let i = 0; i < 7; i++) {
    const t = now();
    res = await must(bgPort, 'GET', `/budgets/${big.id}/results`, adminTok);
    times.push(now() - t);
  }
  const totalVotes = res.projects.reduce((a, p) => a + p.votes.online, 0);
  const tr = now();
  const recount = await must(bgPort, 'POST', `/budgets/${big.id}/recount`, adminTok);
  const recountMs = now() - tr;
  const worst = Math.max(...times);
  out.results = {
    orders: N,
    bulk_load_ms: round(loadMs, 0),
    results_ms: times.map((t) => round(t, 1)),
    results_worst_ms: round(worst, 1),
    online_orders_reported: res.onlineOrders,
    votes_counted: totalVotes,
    selected: res.projects.filter((p) => p.outcome === 'selected').length,
    recount_from_orders_ms: round(recountMs, 0),
    recount_orders: recount.orders,
  };
  console.log(
    `results: ${fmt(N)} orders bulk-loaded in ${fmt(loadMs / 1000, 1)} s; GET results ${times.map((t) => round(t, 1)).join(', ')} ms (worst ${round(worst, 1)} ms): ${fmt(res.onlineOrders)} orders, ${fmt(totalVotes)} votes, ${out.results.selected} projects selected; repair recount from the orders ${fmt(recountMs)} ms`,
  );
  verdict(
    `results for ${fmt(N)} orders < 2 s`,
    worst < 2_000 && res.onlineOrders === N && totalVotes === 3 * N,
    `${round(worst, 1)} ms`,
  );
  await pool.end();
}

try {
  await main();
} catch (error) {
  console.error(`\nbench:budgeting failed: ${error.stack ?? error}`);
  for (const p of Object.values(procs))
    console.error(`--- ${p.name} log tail ---\n${logTail(p.logFile, 20)}`);
  process.exitCode = 1;
} finally {
  await Promise.all(Object.values(procs).map((p) => stop(p)));
  agent.destroy();
  for (const pool of pools) pool.close();
  removeTempDirs();
}
console.log(`\n${loadNote()}`);
for (const v of verdicts) console.log(`${metOrMiss(v.ok)}  ${v.name}: ${v.detail}`);
out.verdicts = verdicts;
out.load_avg_1m_at_end = Number(loadavg()[0].toFixed(2));
console.log(JSON.stringify(out));
