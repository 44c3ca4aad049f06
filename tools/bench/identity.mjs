#!/usr/bin/env node
// Identity at the gateway, on the embedded platform exactly as `npm start`
// runs it (`node dist/apps/gateway/src/main.js`, PGlite under a fresh
// PALABRE_DATA_DIR, the local FranceConnect mounted at /fc-local):
//
// 1. FranceConnect sign-ins per second through the whole browser flow, for
//    mode=signer and mode=author:
//      GET /auth/franceconnect/login?mode=…&returnTo=/&login_hint=<citizen>
//      → the provider's side (completeFranceConnectLogin, libs/fc-local)
//      → GET /auth/franceconnect/callback?code&state → 302 + Set-Cookie.
//    --signins flows, --concurrency at a time, alternating adult-marie and
//    adult-jean. Anything but a 302 with a palabre_session cookie at the end
//    is an error. The local provider runs inside the measured process, so
//    its share of the CPU (oidc-provider, ES256 signing) counts against
//    Palabre here, unlike with the real FranceConnect.
// 2. The cost of a session check at the gateway: GET
//    /api/identity/organizations/current anonymous vs. with the session
//    cookie of a FranceConnect author, interleaved phases anon, auth, anon,
//    auth of --duration seconds each, --check-concurrency requests in flight
//    over keep-alive connections. The gateway caches a session lookup for
//    2 s (SessionResolver), so the "auth" numbers are the cached path plus
//    one identity lookup every 2 s, as for a browser that keeps its cookie.
//
//   npm run bench:identity -- [--signins 400] [--concurrency 8] [--duration 10]
//                             [--check-concurrency 32] [--timeout 180] [--skip-build]
//
// Listens on 127.0.0.1 only, on a free port, with RATE_LIMIT_PER_MINUTE set
// out of reach so the limiter does not interfere, LOG_LEVEL=warn. The child
// is stopped with SIGINT, then SIGKILL after 10 s; temp dirs are removed.
// Every scenario also reports CPU use (% of one core) of the platform, of
// this bench, and of other processes on the machine (from /proc): the
// platform's ms of CPU per sign-in or per request hold up better than the
// rates when something else competes for the cores.
// Output: human lines, then one JSON line (the last line) with every number.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';

import {
  buildDist,
  fmt,
  freePort,
  get,
  loadNote,
  logTail,
  now,
  percentile,
  removeTempDirs,
  root,
  round,
  sleep,
  startFlags,
  tempDir,
} from './common.mjs';

const MAIN = join(root, 'dist/apps/gateway/src/main.js');
// The provider's side of the browser dance, from the same build the platform runs.
const BROWSER = join(root, 'dist/libs/fc-local/src/browser.js');
const READY_TIMEOUT_MS = 60_000;
const LOG_TAIL_LINES = 20;
const CITIZENS = ['adult-marie', 'adult-jean'];
const PATH = '/api/identity/organizations/current';

// ---------------------------------------------------------------- options
function parseArgs(argv) {
  const opts = {
    signins: 400,
    concurrency: 8,
    duration: 10,
    checkConcurrency: 32,
    timeout: 180,
    build: true,
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = () => inline ?? argv[++i];
    const int = (name, max) => {
      const v = Number(value());
      if (!Number.isInteger(v) || v < 1 || v > max)
        throw new Error(`${name} expects an integer in 1..${max}`);
      return v;
    };
    switch (flag) {
      case '--signins':
        opts.signins = int(flag, 20_000);
        break;
      case '--concurrency':
        opts.concurrency = int(flag, 256);
        break;
      case '--duration':
        opts.duration = int(flag, 120);
        break;
      case '--check-concurrency':
        opts.checkConcurrency = int(flag, 512);
        break;
      case '--timeout':
        opts.timeout = int(flag, 1_800);
        break;
      case '--skip-build':
        opts.build = false;
        break;
      case '--help':
      case '-h':
        console.log(
          'usage: node tools/bench/identity.mjs [--signins 400] [--concurrency 8] [--duration 10]\n' +
            '                                   [--check-concurrency 32] [--timeout 180] [--skip-build]\n' +
            '  --signins            FranceConnect flows per mode (signer, author)\n' +
            '  --concurrency        flows in flight\n' +
            '  --duration           seconds per session-check phase (anon, auth, anon, auth)\n' +
            '  --check-concurrency  requests in flight during the session-check phases\n' +
            '  --timeout            seconds allowed per sign-in scenario; past it, no new flow starts',
        );
        process.exit(0);
        break;
      default:
        throw new Error(`unknown option ${argv[i]} (try --help)`);
    }
  }
  return opts;
}

let opts;
try {
  opts = parseArgs(process.argv.slice(2));
} catch (error) {
  console.error(`bench:identity: ${error.message}`);
  process.exit(64);
}

// ---------------------------------------------------------------- helpers
const sorted = (xs) => Float64Array.from(xs).sort();

/** CPU seconds (user + system) the child has used so far, from /proc. */
function childCpuSeconds(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ 100)
  } catch {
    return NaN;
  }
}
const ownCpuSeconds = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

/** CPU seconds the whole machine has spent busy (all cores), from /proc/stat. */
function machineBusySeconds() {
  try {
    const [, ...f] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
    const [user, nice, system, , , irq, softirq, steal] = f.map(Number);
    return (user + nice + system + irq + softirq + steal) / 100;
  } catch {
    return NaN;
  }
}

/**
 * CPU use over a stretch of wall time, as % of one core: the platform, this
 * bench (the client), and everything else on the machine (competition).
 */
function cpuMeter(pid) {
  const t0 = now();
  const c0 = childCpuSeconds(pid);
  const o0 = ownCpuSeconds();
  const m0 = machineBusySeconds();
  return () => {
    const wall = (now() - t0) / 1000;
    const server = childCpuSeconds(pid) - c0;
    const bench = ownCpuSeconds() - o0;
    const others = Math.max(0, machineBusySeconds() - m0 - server - bench);
    return {
      server_cpu_pct: round((server / wall) * 100, 0),
      bench_cpu_pct: round((bench / wall) * 100, 0),
      others_cpu_pct: round((others / wall) * 100, 0),
      server_cpu_s: round(server, 2),
    };
  };
}

// ---------------------------------------------------------------- the child
let child = null; // { proc, exit, exited, logFile }
process.on('exit', () => {
  if (child && !child.exited) {
    try {
      process.kill(child.proc.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  removeTempDirs();
});
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    console.log(`\nbench:identity interrupted (${sig}); stopping the platform.`);
    process.exit(130);
  });
}

function serverEnv(port, dataDir) {
  const env = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    PALABRE_DATA_DIR: dataDir,
    RATE_LIMIT_PER_MINUTE: '100000000',
    LOG_LEVEL: 'warn',
  };
  // The default embedded setup: PGlite, postgres transport, in-memory rate
  // limits, the local FranceConnect, the local mail box.
  for (const k of [
    'DATABASE_URL',
    'EVENTS_TRANSPORT',
    'KAFKA_BROKERS',
    'REDIS_URL',
    'GATEWAY_MODE',
    'SEED_DEMO',
    'SMTP_URL',
    'NODE_ENV',
    'LOG_FORMAT',
  ])
    delete env[k];
  for (const k of Object.keys(env))
    if (k.startsWith('OTEL_') || k.startsWith('npm_') || k.startsWith('FC_')) delete env[k];
  return env;
}

/** What the platform logged at warn/error level (LOG_LEVEL=warn keeps only those). */
function logSummary(file) {
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return { warn: 0, error: 0, other: 0, messages: [] };
  }
  const counts = { warn: 0, error: 0, other: 0 };
  const messages = new Map();
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    let level = 'other';
    let msg = line.slice(0, 200);
    try {
      const j = JSON.parse(line);
      level = j.level === 'warn' || j.level === 'error' ? j.level : 'other';
      msg = `${j.level ?? '?'}: ${j.msg ?? j.message ?? ''}${j.error ? ` (${String(j.error).slice(0, 160)})` : ''}`;
    } catch {
      // not JSON (a stack trace, a node warning)
    }
    counts[level]++;
    messages.set(msg, (messages.get(msg) ?? 0) + 1);
  }
  return {
    ...counts,
    messages: [...messages.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 8)
      .map(([m, n]) => ({ n, m })),
  };
}

async function startPlatform() {
  const port = await freePort();
  const dir = tempDir('identity');
  const dataDir = join(dir, 'data');
  const logFile = join(dir, 'platform.log');
  const fd = openSync(logFile, 'a');
  const t0 = now();
  const proc = spawn(process.execPath, [...startFlags(), MAIN], {
    cwd: root,
    env: serverEnv(port, dataDir),
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  child = { proc, logFile, exited: null };
  child.exit = new Promise((r) =>
    proc.on('exit', (code, signal) => {
      child.exited = { code, signal };
      r(child.exited);
    }),
  );
  for (;;) {
    if (child.exited)
      throw new Error(
        `the platform exited before ready (${JSON.stringify(child.exited)})\n--- log tail ---\n${logTail(logFile, LOG_TAIL_LINES)}`,
      );
    if (now() - t0 > READY_TIMEOUT_MS)
      throw new Error(
        `the platform is not ready after ${READY_TIMEOUT_MS} ms\n--- log tail ---\n${logTail(logFile, LOG_TAIL_LINES)}`,
      );
    try {
      if ((await get(port, '/health/ready', { timeoutMs: 1_000 })).status === 200)
        return { port, readyMs: now() - t0 };
    } catch {
      // not listening yet
    }
    await sleep(50);
  }
}

/** SIGINT, then SIGKILL after 10 s. */
async function stopPlatform() {
  if (!child) return null;
  if (child.exited) return { how: 'already exited', ...child.exited };
  const t = now();
  try {
    process.kill(child.proc.pid, 'SIGINT');
  } catch {
    // already gone
  }
  const timer = sleep(10_000).then(() => 'timeout');
  if ((await Promise.race([child.exit, timer])) === 'timeout') {
    try {
      process.kill(child.proc.pid, 'SIGKILL');
    } catch {
      // already gone
    }
    await child.exit;
    return { how: 'SIGKILL after 10 s', ms: Math.round(now() - t), ...child.exited };
  }
  return { how: 'SIGINT', ms: Math.round(now() - t), ...child.exited };
}

// ---------------------------------------------------------------- 1. sign-ins
const cookieOf = (headers, name) =>
  [headers['set-cookie'] ?? []]
    .flat()
    .map((c) => c.split(';')[0])
    .find((c) => c.startsWith(`${name}=`));
const sessionCookieOf = (headers) => cookieOf(headers, 'palabre_session');

/**
 * One sign-in as a browser does it; resolves { ok, ms, steps, cookie, error }.
 * steps: login (gateway → identity, flow row written), provider (every hop at
 * /fc-local), callback (code exchange, userinfo, user/session rows written).
 */
async function signIn(port, agent, mode, citizen, completeFranceConnectLogin) {
  const t0 = now();
  const steps = {};
  try {
    const login = await get(
      port,
      `/auth/franceconnect/login?mode=${mode}&returnTo=/&login_hint=${citizen}`,
      { agent, headers: { accept: 'text/html' } },
    );
    const t1 = now();
    steps.login = t1 - t0;
    if (login.status !== 302 || !login.headers.location)
      return { ok: false, ms: t1 - t0, steps, error: `login answered ${login.status}` };
    const back = new URL(await completeFranceConnectLogin(login.headers.location));
    const t2 = now();
    steps.provider = t2 - t1;
    if (back.searchParams.has('error'))
      return {
        ok: false,
        ms: t2 - t0,
        steps,
        error: `provider error ${back.searchParams.get('error')}`,
      };
    // The flow's cookie: the callback signs in only the browser that started the flow.
    const flow = cookieOf(login.headers, 'palabre_fc_flow');
    const callback = await get(port, `${back.pathname}${back.search}`, {
      agent,
      headers: { accept: 'text/html', ...(flow ? { cookie: flow } : {}) },
    });
    const t3 = now();
    steps.callback = t3 - t2;
    const cookie = sessionCookieOf(callback.headers);
    if (callback.status !== 302 || !cookie)
      return {
        ok: false,
        ms: t3 - t0,
        steps,
        error: `callback answered ${callback.status}${cookie ? '' : ' without a session cookie'}`,
      };
    return { ok: true, ms: t3 - t0, steps, cookie };
  } catch (error) {
    return { ok: false, ms: now() - t0, steps, error: error.message };
  }
}

let providerRequests = 0; // HTTP requests completeFranceConnectLogin made (global fetch)

async function signInScenario(port, mode, completeFranceConnectLogin) {
  const providerRequestsBefore = providerRequests;
  const agent = new Agent({ keepAlive: true, maxSockets: opts.concurrency });
  const meter = cpuMeter(child.proc.pid);
  const deadline = now() + opts.timeout * 1000;
  const results = [];
  const errors = new Map();
  let next = 0;
  let timedOut = false;
  const began = now();
  let lastPrint = began;
  const worker = async () => {
    for (;;) {
      if (next >= opts.signins) return;
      if (now() > deadline) {
        timedOut = true;
        return;
      }
      const i = next++;
      const r = await signIn(port, agent, mode, CITIZENS[i % 2], completeFranceConnectLogin);
      results.push(r);
      if (!r.ok) errors.set(r.error, (errors.get(r.error) ?? 0) + 1);
      if (now() - lastPrint > 5_000) {
        lastPrint = now();
        process.stdout.write(`    … ${results.length}/${opts.signins}\n`);
      }
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, worker));
  const wall = (now() - began) / 1000;
  const cpu = meter();
  agent.destroy();
  const ok = results.filter((r) => r.ok);
  const lat = sorted(results.map((r) => r.ms));
  const step = (name) => {
    const s = sorted(ok.map((r) => r.steps[name]));
    return { p50: round(percentile(s, 50)), p95: round(percentile(s, 95)) };
  };
  return {
    mode,
    flows: results.length,
    requested: opts.signins,
    concurrency: opts.concurrency,
    completed_within_timeout: !timedOut,
    wall_s: round(wall, 2),
    signins_per_s: round(ok.length / wall, 1),
    latency_ms: {
      p50: round(percentile(lat, 50)),
      p95: round(percentile(lat, 95)),
      p99: round(percentile(lat, 99)),
      max: round(lat.at(-1)),
    },
    steps_ms: { login: step('login'), provider: step('provider'), callback: step('callback') },
    provider_requests_per_flow: results.length
      ? round((providerRequests - providerRequestsBefore) / results.length, 1)
      : null,
    errors: results.length - ok.length,
    error_kinds: [...errors.entries()].map(([error, n]) => ({ error, n })),
    ...cpu,
    server_cpu_ms_per_signin: ok.length ? round((cpu.server_cpu_s * 1000) / ok.length, 1) : null,
  };
}

function printSignIns(r) {
  console.log(
    `\n  mode=${r.mode}: ${r.flows} flows, ${r.concurrency} in flight` +
      (r.completed_within_timeout ? '' : ` (STOPPED at the ${opts.timeout} s budget)`),
  );
  console.log(
    `    ${fmt(r.signins_per_s, 1).padStart(7)} sign-ins/s   (${r.flows - r.errors} in ${r.wall_s} s)`,
  );
  console.log(
    `    latency   p50 ${fmt(r.latency_ms.p50, 1)} ms   p95 ${fmt(r.latency_ms.p95, 1)} ms   ` +
      `p99 ${fmt(r.latency_ms.p99, 1)} ms   max ${fmt(r.latency_ms.max, 1)} ms  (whole flow)`,
  );
  const s = r.steps_ms;
  console.log(
    `    steps p50 login ${fmt(s.login.p50, 1)} ms, provider ${fmt(s.provider.p50, 1)} ms, ` +
      `callback ${fmt(s.callback.p50, 1)} ms   (p95 ${fmt(s.login.p95, 1)} / ${fmt(s.provider.p95, 1)} / ${fmt(s.callback.p95, 1)} ms; ` +
      `${fmt(r.provider_requests_per_flow, 1)} provider requests per flow)`,
  );
  console.log(
    `    cpu       server ${r.server_cpu_pct}% of a core (${fmt(r.server_cpu_ms_per_signin, 1)} ms per sign-in), bench ${r.bench_cpu_pct}%, ` +
      `other processes ${r.others_cpu_pct}% (${cpus().length * 100}% = all cores)`,
  );
  console.log(
    r.errors === 0
      ? `    errors    0`
      : `    ERRORS    ${r.errors}: ${r.error_kinds.map((e) => `${e.n} × ${e.error}`).join('; ')}`,
  );
}

// ---------------------------------------------------------------- 2. session checks
async function checkPhase(port, label, cookie) {
  const agent = new Agent({ keepAlive: true, maxSockets: opts.checkConcurrency });
  const headers = cookie ? { cookie } : {};
  const meter = cpuMeter(child.proc.pid);
  const latencies = [];
  const statuses = {};
  let errors = 0;
  const began = now();
  const end = began + opts.duration * 1000;
  const worker = async () => {
    while (now() < end) {
      const t = now();
      let key;
      try {
        key = String((await get(port, PATH, { agent, headers })).status);
      } catch (error) {
        key = error.message;
      }
      latencies.push(now() - t);
      statuses[key] = (statuses[key] ?? 0) + 1;
      if (key !== '200') errors++;
    }
  };
  await Promise.all(Array.from({ length: opts.checkConcurrency }, worker));
  const wall = (now() - began) / 1000;
  const cpu = meter();
  agent.destroy();
  const lat = sorted(latencies);
  const r = {
    phase: label,
    requests: latencies.length,
    wall_s: round(wall, 2),
    rps: round((latencies.length - errors) / wall, 0),
    latency_ms: {
      p50: round(percentile(lat, 50), 2),
      p99: round(percentile(lat, 99), 2),
      max: round(lat.at(-1), 1),
    },
    statuses,
    errors,
    ...cpu,
    server_cpu_ms_per_request: latencies.length
      ? round((cpu.server_cpu_s * 1000) / latencies.length, 2)
      : null,
  };
  console.log(
    `  ${label.padEnd(6)} ${fmt(r.rps).padStart(6)} req/s   p50 ${fmt(r.latency_ms.p50, 2)} ms   ` +
      `p99 ${fmt(r.latency_ms.p99, 2)} ms   max ${fmt(r.latency_ms.max, 1)} ms   ` +
      `${JSON.stringify(statuses)}   cpu: server ${r.server_cpu_pct}% (${fmt(r.server_cpu_ms_per_request, 2)} ms/req) bench ${r.bench_cpu_pct}% others ${r.others_cpu_pct}%`,
  );
  return { ...r, _lat: latencies };
}

function combine(phases) {
  const lat = sorted(phases.flatMap((p) => p._lat));
  const wall = phases.reduce((s, p) => s + p.wall_s, 0);
  const ok = phases.reduce((s, p) => s + p.requests - p.errors, 0);
  return {
    rps: round(ok / wall, 0),
    latency_ms: { p50: round(percentile(lat, 50), 2), p99: round(percentile(lat, 99), 2) },
    requests: lat.length,
    errors: phases.reduce((s, p) => s + p.errors, 0),
  };
}

// ---------------------------------------------------------------- main
const out = {
  bench: 'identity',
  node: process.version,
  cpus: cpus().length,
  options: {
    signins: opts.signins,
    concurrency: opts.concurrency,
    duration_s: opts.duration,
    check_concurrency: opts.checkConcurrency,
    timeout_s: opts.timeout,
  },
  load_avg_1m_at_start: Number(loadavg()[0].toFixed(2)),
};

async function main() {
  const startedAt = now();
  console.log(
    `bench:identity: embedded platform (dist/apps/gateway/src/main.js, PGlite, local FranceConnect), ` +
      `${cpus().length} CPUs, node ${process.version}`,
  );
  const startLoad = loadNote();
  console.log(`  ${startLoad}`);

  if (opts.build) {
    out.build_ms = buildDist();
    console.log(`  build: ${fmt(out.build_ms)} ms`);
  } else if (!existsSync(MAIN) || !existsSync(BROWSER)) {
    throw new Error(`${MAIN} or ${BROWSER} does not exist: run without --skip-build`);
  }
  const { completeFranceConnectLogin } = createRequire(import.meta.url)(BROWSER);
  // completeFranceConnectLogin speaks to the provider with the global fetch: count its hops.
  const fetchOriginal = globalThis.fetch;
  globalThis.fetch = (...args) => {
    providerRequests++;
    return fetchOriginal(...args);
  };

  const { port, readyMs } = await startPlatform();
  out.ready_ms = Math.round(readyMs);
  console.log(
    `  platform ready on http://127.0.0.1:${port} in ${fmt(readyMs)} ms (fresh data dir, ` +
      `RATE_LIMIT_PER_MINUTE=100000000, LOG_LEVEL=warn)`,
  );

  // Warm-up, not counted: discovery and JWKS fetches, first queries, JIT.
  {
    const agent = new Agent({ keepAlive: true });
    for (const mode of ['signer', 'author'])
      for (const citizen of CITIZENS) {
        const r = await signIn(port, agent, mode, citizen, completeFranceConnectLogin);
        if (!r.ok) throw new Error(`warm-up sign-in (${mode}, ${citizen}) failed: ${r.error}`);
      }
    agent.destroy();
  }

  // 1. Sign-ins.
  console.log(
    `\n1. FranceConnect sign-ins, whole flow (login → provider → callback → 302 + cookie), ` +
      `citizens ${CITIZENS.join(' / ')} alternating`,
  );
  out.signins = [];
  for (const mode of ['signer', 'author']) {
    const r = await signInScenario(port, mode, completeFranceConnectLogin);
    out.signins.push(r);
    printSignIns(r);
  }

  // 2. Session checks.
  console.log(
    `\n2. session check at the gateway: GET ${PATH}, ${opts.checkConcurrency} in flight, ` +
      `keep-alive, ${opts.duration} s per phase`,
  );
  const author = await signIn(
    port,
    new Agent({ keepAlive: false }),
    'author',
    'adult-marie',
    completeFranceConnectLogin,
  );
  if (!author.ok) throw new Error(`author sign-in for the session checks failed: ${author.error}`);
  const me = await get(port, '/api/identity/me', { headers: { cookie: author.cookie } });
  const meBody = (() => {
    try {
      return JSON.parse(me.body);
    } catch {
      return {};
    }
  })();
  if (me.status !== 200 || meBody.kind !== 'account')
    throw new Error(`the author's cookie is not a session: /me answered ${me.status} ${me.body}`);
  console.log(
    `  session: FranceConnect author adult-marie (/api/identity/me → ${me.status}, kind ${meBody.kind}); ` +
      `the gateway caches a session lookup 2 s, so "auth" is mostly the cached path`,
  );
  const phases = [];
  for (const [label, cookie] of [
    ['anon', undefined],
    ['auth', author.cookie],
    ['anon', undefined],
    ['auth', author.cookie],
  ])
    phases.push(await checkPhase(port, label, cookie));
  const anon = combine(phases.filter((p) => p.phase === 'anon'));
  const auth = combine(phases.filter((p) => p.phase === 'auth'));
  out.session_check = {
    path: PATH,
    session_cache: 'SessionResolver caches each lookup 2 s (in effect)',
    phases: phases.map(({ _lat, ...p }) => p),
    anon,
    auth,
    throughput_ratio_auth_over_anon: round(auth.rps / anon.rps, 3),
    added_p50_ms: round(auth.latency_ms.p50 - anon.latency_ms.p50, 2),
    added_p99_ms: round(auth.latency_ms.p99 - anon.latency_ms.p99, 2),
  };
  console.log(
    `  overall anon ${fmt(anon.rps)} req/s p50 ${fmt(anon.latency_ms.p50, 2)} ms p99 ${fmt(anon.latency_ms.p99, 2)} ms;` +
      ` auth ${fmt(auth.rps)} req/s p50 ${fmt(auth.latency_ms.p50, 2)} ms p99 ${fmt(auth.latency_ms.p99, 2)} ms`,
  );
  console.log(
    `  auth / anon throughput ${fmt(out.session_check.throughput_ratio_auth_over_anon, 3)}, ` +
      `added p50 ${fmt(out.session_check.added_p50_ms, 2)} ms, added p99 ${fmt(out.session_check.added_p99_ms, 2)} ms`,
  );

  out.platform_log = logSummary(child.logFile);
  out.shutdown = await stopPlatform();
  const log = out.platform_log;
  console.log(
    `\nplatform log (LOG_LEVEL=warn): ${log.warn} warn, ${log.error} error, ${log.other} other lines` +
      (log.messages.length ? `\n${log.messages.map((x) => `    ${x.n} × ${x.m}`).join('\n')}` : ''),
  );
  console.log(
    `shutdown: ${out.shutdown.how}${out.shutdown.ms != null ? ` in ${fmt(out.shutdown.ms)} ms` : ''}, ` +
      `exit ${out.shutdown.code ?? out.shutdown.signal}`,
  );
  const signInErrors = out.signins.reduce((s, r) => s + r.errors, 0);
  const checkErrors = anon.errors + auth.errors;
  out.load_avg_1m_at_end = Number(loadavg()[0].toFixed(2));
  out.ok =
    signInErrors === 0 &&
    checkErrors === 0 &&
    out.signins.every((r) => r.completed_within_timeout) &&
    log.error === 0;
  console.log(
    `\nbench:identity ${out.ok ? 'done' : 'FAIL'} in ${fmt((now() - startedAt) / 1000, 1)} s ` +
      `(sign-in errors ${signInErrors}, session-check errors ${checkErrors}, platform errors logged ${log.error}; at the start: ${startLoad}; at the end: ${loadavg()[0].toFixed(2)})`,
  );
}

// A bound that holds even if an await never returns: every phase, plus slack.
const HARD_LIMIT_S = 120 + 2 * opts.timeout + 4 * opts.duration + 120;
const hardStop = setTimeout(() => {
  console.log(
    `\nABORT: bench:identity still running after ${HARD_LIMIT_S} s (an await never returned).`,
  );
  if (child) console.log(`--- platform log tail ---\n${logTail(child.logFile, LOG_TAIL_LINES)}`);
  console.log(JSON.stringify({ ...out, aborted: `exceeded ${HARD_LIMIT_S} s`, ok: false }));
  process.exit(2);
}, HARD_LIMIT_S * 1000);

try {
  await main();
  console.log(JSON.stringify(out));
} catch (error) {
  console.error(`\nbench:identity failed: ${error.message}`);
  if (child?.logFile && !error.message.includes('log tail'))
    console.error(`--- platform log tail ---\n${logTail(child.logFile, LOG_TAIL_LINES)}`);
  console.log(JSON.stringify({ ...out, error: error.message, ok: false }));
  process.exitCode = 1;
} finally {
  clearTimeout(hardStop);
  if (child && !child.exited) out.shutdown = await stopPlatform();
  removeTempDirs();
}
if (process.exitCode !== 1 && !out.ok) process.exitCode = 1;
// Exit explicitly: keep-alive sockets of global fetch may hold the loop open.
process.exit(process.exitCode ?? 0);
