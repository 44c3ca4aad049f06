#!/usr/bin/env node
// Cold start to ready, and idle memory, of the embedded platform exactly as
// `npm start` runs it: `node dist/apps/gateway/src/main.js` on an embedded
// PGlite under PALABRE_DATA_DIR, with every service and the gateway in one
// process.
//
//   npm run bench:startup -- [--runs 3] [--requests 300] [--skip-build]
//
// 1. builds once (tools/scripts/build.mjs);
// 2. first start on an empty data dir (migrations + demo seed), --runs times,
//    each on a fresh dir: spawn → first 200 from GET /health/ready (polled
//    every 25 ms);
// 3. restart on an existing data dir, --runs times;
// 4. resident memory (VmRSS) after 10 s idle, then after --requests requests
//    to /api/identity/organizations/current and 5 s idle;
// 5. `npm start` end to end once, if tools/scripts/start.mjs exists.
//
// Everything listens on 127.0.0.1 on a free port; children are stopped with
// SIGINT, then SIGKILL after 10 s. Output: human lines, then one JSON line.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';

import {
  buildDist,
  START_SCRIPT,
  freePort,
  get,
  loadNote,
  logTail,
  now,
  removeTempDirs,
  root,
  sleep,
  startFlags,
  tempDir,
} from './common.mjs';

const MAIN = join(root, 'dist/apps/gateway/src/main.js');
const TARGET_READY_MS = 10_000;
const TARGET_RSS_MB = 400;
const READY_TIMEOUT_MS = 60_000; // a start that takes longer is reported as failed
const POLL_MS = 25;
const LOG_TAIL_LINES = 15;

// ---------------------------------------------------------------- options
const opts = { runs: 3, requests: 300, build: true };
for (let i = 2; i < process.argv.length; i++) {
  const [flag, inline] = process.argv[i].split('=', 2);
  const value = () => inline ?? process.argv[++i];
  if (flag === '--runs') opts.runs = Number(value());
  else if (flag === '--requests') opts.requests = Number(value());
  else if (flag === '--skip-build') opts.build = false;
  else if (flag === '--help' || flag === '-h') {
    console.log('usage: node tools/bench/startup.mjs [--runs 3] [--requests 300] [--skip-build]');
    process.exit(0);
  } else {
    console.error(`bench:startup: unknown option ${process.argv[i]} (try --help)`);
    process.exit(64);
  }
}
if (!Number.isInteger(opts.runs) || opts.runs < 1 || opts.runs > 20) {
  console.error('bench:startup: --runs expects 1..20');
  process.exit(64);
}
if (!Number.isInteger(opts.requests) || opts.requests < 0 || opts.requests > 5_000) {
  console.error('bench:startup: --requests expects 0..5000');
  process.exit(64);
}

// The node flags `npm start` passes to main.js, so the direct runs start the
// process the same way.
const NODE_FLAGS = startFlags();

// ---------------------------------------------------------------- helpers
const ms = (v) => (v == null ? 'n/a' : `${Math.round(v).toLocaleString('en-US')} ms`);
const mb = (v) => (v == null ? 'n/a' : `${v.toFixed(1)} MB`);
const verdict = (ok) => (ok == null ? '' : ok ? 'OK' : 'OVER TARGET');
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Live children, so an interrupted bench does not leave servers behind. */
const live = new Set();
process.on('exit', () => {
  for (const c of live) {
    try {
      process.kill(c.group ? -c.child.pid : c.child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    console.log(`\nbench:startup interrupted (${sig}); stopping children.`);
    process.exit(130);
  });
}

/**
 * Spawns a server with stdout/stderr to a log file. `group` puts it in its
 * own process group (npm → sh → node), so signals reach the whole tree.
 */
function launch(command, args, { env, logFile, group = false }) {
  const fd = openSync(logFile, 'a');
  const t0 = now();
  const child = spawn(command, args, {
    cwd: root,
    env,
    stdio: ['ignore', fd, fd],
    detached: group,
  });
  closeSync(fd);
  const handle = { child, group, t0, logFile, exited: null };
  handle.exit = new Promise((r) =>
    child.on('exit', (code, signal) => {
      handle.exited = { code, signal };
      live.delete(handle);
      r(handle.exited);
    }),
  );
  live.add(handle);
  return handle;
}

/** ms from spawn to the first 200 from /health/ready (polled every 25 ms). */
async function waitReady(h, port) {
  const end = h.t0 + READY_TIMEOUT_MS;
  for (;;) {
    if (h.exited) throw new Error(`exited before ready (${JSON.stringify(h.exited)})`);
    const t = now();
    if (t > end) throw new Error(`not ready after ${READY_TIMEOUT_MS} ms`);
    try {
      const r = await get(port, '/health/ready', {
        timeoutMs: 1_000,
        headers: { connection: 'close' },
      });
      if (r.status === 200) return now() - h.t0;
    } catch {
      // not listening yet
    }
    const wait = POLL_MS - (now() - t);
    if (wait > 0) await sleep(wait);
  }
}

/** SIGINT, then SIGKILL after 10 s; returns how long shutdown took and how. */
async function stop(h) {
  if (h.exited) return { ms: 0, how: 'already exited', ...h.exited };
  const t = now();
  const target = h.group ? -h.child.pid : h.child.pid;
  try {
    process.kill(target, 'SIGINT');
  } catch {
    // already gone
  }
  const timer = sleep(10_000).then(() => 'timeout');
  if ((await Promise.race([h.exit, timer])) === 'timeout') {
    try {
      process.kill(target, 'SIGKILL');
    } catch {
      // already gone
    }
    await h.exit;
    return { ms: now() - t, how: 'SIGKILL after 10 s', ...h.exited };
  }
  return { ms: now() - t, how: 'SIGINT', ...h.exited };
}

function rssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
  return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
}

/** The "ready in N ms" the platform reports itself (after module loading). */
function selfReportedMs(file) {
  try {
    const m = /Palabre is ready on [^(]*\(embedded, (\d+) ms\)/.exec(readFileSync(file, 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

function serverEnv(port, dataDir) {
  const env = { ...process.env, PORT: String(port), HOST: '127.0.0.1', PALABRE_DATA_DIR: dataDir };
  // Measure the default embedded setup: PGlite, postgres transport, in-memory rate limits.
  for (const k of [
    'DATABASE_URL',
    'EVENTS_TRANSPORT',
    'KAFKA_BROKERS',
    'REDIS_URL',
    'GATEWAY_MODE',
    'SEED_DEMO',
  ])
    delete env[k];
  for (const k of Object.keys(env))
    if (k.startsWith('OTEL_') || k.startsWith('npm_')) delete env[k];
  return env;
}

/** One start of dist/apps/gateway/src/main.js; `during` runs while it is ready. */
async function startOnce(label, dataDir, during) {
  const port = await freePort();
  const logFile = join(dataDir, `..`, `${label.replace(/\W+/g, '-')}.log`);
  const h = launch(process.execPath, [...NODE_FLAGS, MAIN], {
    env: serverEnv(port, dataDir),
    logFile,
  });
  let readyMs;
  let extra;
  try {
    readyMs = await waitReady(h, port);
    if (during) extra = await during(h, port);
  } catch (error) {
    await stop(h);
    throw new Error(
      `${label}: ${error.message}\n--- log tail (${logFile}) ---\n${logTail(logFile, LOG_TAIL_LINES)}`,
    );
  }
  const shutdown = await stop(h);
  return { readyMs, selfMs: selfReportedMs(logFile), shutdown, extra };
}

async function measureMemory(h, port) {
  process.stdout.write('  idle 10 s ... ');
  await sleep(10_000);
  const idle = rssMb(h.child.pid);
  console.log(`VmRSS ${mb(idle.rss)}`);
  let statuses = {};
  let t = now();
  if (opts.requests > 0) {
    process.stdout.write(
      `  ${opts.requests} × GET /api/identity/organizations/current (4 at a time) ... `,
    );
    let next = 0;
    const worker = async () => {
      while (next < opts.requests) {
        next++;
        let key;
        try {
          key = String(
            (
              await get(port, '/api/identity/organizations/current', {
                timeoutMs: 5_000,
                headers: { connection: 'close' },
              })
            ).status,
          );
        } catch (error) {
          key = error.message;
        }
        statuses[key] = (statuses[key] ?? 0) + 1;
      }
    };
    t = now();
    await Promise.all(Array.from({ length: 4 }, worker));
    const took = now() - t;
    console.log(
      `${Math.round((opts.requests / took) * 1000)} req/s, statuses ${JSON.stringify(statuses)}`,
    );
    process.stdout.write('  idle 5 s ... ');
    await sleep(5_000);
  }
  const after = rssMb(h.child.pid);
  console.log(`VmRSS ${mb(after.rss)} (peak VmHWM ${mb(after.hwm)})`);
  return { idle, after, statuses, requests: opts.requests };
}

function ownCount(r) {
  return r.selfMs == null
    ? "platform's own count not found in its log"
    : `platform's own count ${ms(r.selfMs)}, so ~${ms(r.readyMs - r.selfMs)} node boot + module loading`;
}

// ---------------------------------------------------------------- main
async function main() {
  const out = {
    bench: 'startup',
    node: process.version,
    cpus: cpus().length,
    runs: opts.runs,
    node_flags: NODE_FLAGS,
    targets: { ready_ms: TARGET_READY_MS, rss_mb: TARGET_RSS_MB },
    load_before: Number(loadavg()[0].toFixed(2)),
  };
  console.log(
    `bench:startup: embedded platform (node ${[...NODE_FLAGS, 'dist/apps/gateway/src/main.js'].join(' ')}, PGlite), ` +
      `${opts.runs} runs per case, ${cpus().length} CPUs, node ${process.version}`,
  );
  const startLoad = loadNote();
  console.log(`  ${startLoad}`);

  if (opts.build) {
    out.build_ms = buildDist({ quiet: false });
    console.log(`build: ${ms(out.build_ms)}`);
  } else if (!existsSync(MAIN)) {
    throw new Error(`${MAIN} does not exist: run without --skip-build`);
  }

  // First start: a fresh, empty data dir every time.
  console.log(`\nfirst start (empty data dir: migrations + demo seed), spawn → /health/ready 200`);
  const first = [];
  let existingDir;
  for (let i = 1; i <= opts.runs; i++) {
    const dir = join(tempDir('first'), 'data');
    const r = await startOnce(`first-${i}`, dir);
    first.push(r);
    existingDir = dir;
    console.log(
      `  run ${i}: ${ms(r.readyMs)}  (${ownCount(r)}; ` +
        `shutdown ${ms(r.shutdown.ms)} by ${r.shutdown.how}, exit ${r.shutdown.code ?? r.shutdown.signal})`,
    );
  }

  // Restart on the data dir of the last first start (already migrated and seeded).
  console.log(`\nrestart (existing data dir), spawn → /health/ready 200`);
  const restart = [];
  for (let i = 1; i <= opts.runs; i++) {
    const r = await startOnce(`restart-${i}`, existingDir);
    restart.push(r);
    console.log(
      `  run ${i}: ${ms(r.readyMs)}  (${ownCount(r)}; ` +
        `shutdown ${ms(r.shutdown.ms)} by ${r.shutdown.how}, exit ${r.shutdown.code ?? r.shutdown.signal})`,
    );
  }

  // Memory on one more restart, so the timing runs above stay untouched.
  console.log(`\nresident memory (one more restart on the same data dir)`);
  const mem = (await startOnce('memory', existingDir, measureMemory)).extra;

  const summary = (rs) => ({
    runs_ms: rs.map((r) => Math.round(r.readyMs)),
    median_ms: Math.round(median(rs.map((r) => r.readyMs))),
    max_ms: Math.round(Math.max(...rs.map((r) => r.readyMs))),
    self_reported_ms: rs.map((r) => r.selfMs),
    shutdown_ms: rs.map((r) => Math.round(r.shutdown.ms)),
    clean_shutdown: rs.every((r) => r.shutdown.how === 'SIGINT'),
  });
  out.first_start = summary(first);
  out.restart = summary(restart);
  out.rss_mb = {
    idle_10s: Number(mem.idle.rss.toFixed(1)),
    after_requests: Number(mem.after.rss.toFixed(1)),
    peak_hwm: Number(mem.after.hwm.toFixed(1)),
    requests: mem.requests,
    statuses: mem.statuses,
  };

  // npm start, end to end, once.
  console.log(`\nnpm start (end to end, empty data dir)`);
  if (!existsSync(START_SCRIPT)) {
    out.npm_start = { skipped: 'tools/scripts/start.mjs does not exist yet' };
    console.log(`  skipped: tools/scripts/start.mjs does not exist yet`);
  } else {
    const port = await freePort();
    const dir = join(tempDir('npm'), 'data');
    const logFile = join(dir, '..', 'npm-start.log');
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const h = launch(npm, ['start'], { env: serverEnv(port, dir), logFile, group: true });
    try {
      const readyMs = await waitReady(h, port);
      const shutdown = await stop(h);
      out.npm_start = {
        ready_ms: Math.round(readyMs),
        self_reported_ms: selfReportedMs(logFile),
        shutdown_ms: Math.round(shutdown.ms),
        clean_shutdown: shutdown.how === 'SIGINT',
      };
      console.log(
        `  ready in ${ms(readyMs)} (platform's own count ${ms(out.npm_start.self_reported_ms)}; the rest is npm, ` +
          `start.mjs (dependency check, build) and module loading)   ` +
          `target < ${ms(TARGET_READY_MS)}: ${verdict(readyMs < TARGET_READY_MS)}; ` +
          `shutdown ${ms(shutdown.ms)} by ${shutdown.how}`,
      );
    } catch (error) {
      await stop(h);
      out.npm_start = { error: error.message };
      console.log(
        `  FAILED: ${error.message}\n--- log tail (${logFile}) ---\n${logTail(logFile, LOG_TAIL_LINES)}`,
      );
    }
  }

  // Summary against the targets.
  const pass = {
    first_start_ready: out.first_start.max_ms < TARGET_READY_MS,
    restart_ready: out.restart.max_ms < TARGET_READY_MS,
    rss_idle: out.rss_mb.idle_10s < TARGET_RSS_MB,
    rss_after_requests: out.rss_mb.after_requests < TARGET_RSS_MB,
  };
  if (out.npm_start.ready_ms != null)
    pass.npm_start_ready = out.npm_start.ready_ms < TARGET_READY_MS;
  out.within_targets = pass;
  console.log(
    `\nsummary (targets: ready < ${ms(TARGET_READY_MS)} for every run, RSS < ${TARGET_RSS_MB} MB)`,
  );
  console.log(
    `  first start  median ${ms(out.first_start.median_ms)}  max ${ms(out.first_start.max_ms)}   ${verdict(pass.first_start_ready)}`,
  );
  console.log(
    `  restart      median ${ms(out.restart.median_ms)}  max ${ms(out.restart.max_ms)}   ${verdict(pass.restart_ready)}`,
  );
  console.log(`  RSS idle     ${mb(out.rss_mb.idle_10s)}   ${verdict(pass.rss_idle)}`);
  console.log(
    `  RSS after ${out.rss_mb.requests} requests + 5 s idle  ${mb(out.rss_mb.after_requests)}   ${verdict(pass.rss_after_requests)}`,
  );
  if (out.npm_start.ready_ms != null)
    console.log(`  npm start    ${ms(out.npm_start.ready_ms)}   ${verdict(pass.npm_start_ready)}`);
  else console.log(`  npm start    ${out.npm_start.skipped ?? out.npm_start.error}`);
  console.log(`  (at the start: ${startLoad})`);
  console.log(JSON.stringify(out));
}

try {
  await main();
} catch (error) {
  console.error(`\nbench:startup failed: ${error.message}`);
  console.log(JSON.stringify({ bench: 'startup', error: error.message }));
  process.exitCode = 1;
} finally {
  for (const h of [...live]) await stop(h);
  removeTempDirs();
}
