#!/usr/bin/env node
// The embedded platform on a laptop: cold start and idle memory, as `npm start`
// runs it (`node <start.mjs flags> dist/apps/gateway/src/main.js`, PGlite under
// PALABRE_DATA_DIR, the postgres event transport, demo data).
//
//   npm run bench:embedded -- [--rounds 3] [--idle 30] [--skip-build]
//
// Each round: a cold start on a fresh, empty data dir (PGlite initdb or its
// template copy, migrations, demo seed), then a warm restart on that same
// dir. For each start: milliseconds from spawn to the first 200 of `GET /`
// (the site's home page, polled every 25 ms), then the resident memory of the
// whole process tree (VmRSS of the server and every descendant, from /proc)
// after --idle seconds, and the CPU time the server used to get ready (which the
// machine's other work moves much less than the wall time). Medians over the rounds against the targets
// (issue 17: ≤ 10 s cold start, ≤ 400 MB idle), met/MISS, and where each
// start's time went (the `boot` field of the platform's ready line). Output:
// human lines, then one JSON line. Timings move with the machine's load: the
// load average is printed beside them.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, readdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';

import {
  buildDist,
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
const READY_TIMEOUT_MS = 90_000;
const POLL_MS = 25;

const opts = { rounds: 3, idle: 30, build: true };
for (let i = 2; i < process.argv.length; i++) {
  const [flag, inline] = process.argv[i].split('=', 2);
  const value = () => inline ?? process.argv[++i];
  if (flag === '--rounds') opts.rounds = Number(value());
  else if (flag === '--idle') opts.idle = Number(value());
  else if (flag === '--skip-build') opts.build = false;
  else if (flag === '--help' || flag === '-h') {
    console.log('usage: npm run bench:embedded -- [--rounds 3] [--idle 30] [--skip-build]');
    process.exit(0);
  } else {
    console.error(`bench:embedded: unknown option ${process.argv[i]} (try --help)`);
    process.exit(64);
  }
}
if (!Number.isInteger(opts.rounds) || opts.rounds < 1 || opts.rounds > 20) {
  console.error('bench:embedded: --rounds expects 1..20');
  process.exit(64);
}
if (!Number.isFinite(opts.idle) || opts.idle < 0 || opts.idle > 600) {
  console.error('bench:embedded: --idle expects 0..600 (seconds)');
  process.exit(64);
}

const NODE_FLAGS = startFlags();
const ms = (v) => (v == null ? 'n/a' : `${Math.round(v).toLocaleString('en-US')} ms`);
const mb = (v) => (v == null ? 'n/a' : `${v.toFixed(1)} MB`);
const met = (ok) => (ok ? 'met' : 'MISS');
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const load1 = () => Number(loadavg()[0].toFixed(2));

const live = new Set();
process.on('exit', () => {
  for (const c of live) {
    try {
      process.kill(c.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    console.log(`\nbench:embedded interrupted (${sig}); stopping the server.`);
    process.exit(130);
  });
}

/** Parent → children map of every process, from /proc/<pid>/stat. */
function childrenOf() {
  const map = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid …: comm may hold spaces and parentheses.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!map.has(ppid)) map.set(ppid, []);
      map.get(ppid).push(Number(entry));
    } catch {
      // exited meanwhile
    }
  }
  return map;
}

/**
 * CPU time (user + system, ms) the process has used so far, threads included: on a shared
 * machine the wall time to ready moves with the load, this much less.
 */
function cpuMs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of stat(5), in clock ticks (100 per second on Linux).
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** VmRSS in MB of `pid` and all its descendants, and how many processes that is. */
function treeRssMb(pid) {
  const children = childrenOf();
  const pids = [];
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop();
    pids.push(p);
    stack.push(...(children.get(p) ?? []));
  }
  let kb = 0;
  for (const p of pids) {
    try {
      const status = readFileSync(`/proc/${p}/status`, 'utf8');
      kb += Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0);
    } catch {
      // exited meanwhile
    }
  }
  return { rss: kb / 1024, processes: pids.length };
}

function serverEnv(port, dataDir) {
  const env = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    METRICS_PORT: '0',
    PALABRE_DATA_DIR: dataDir,
    LOG_FORMAT: 'json',
  };
  // The default embedded setup: PGlite, postgres transport, in-memory rate limits.
  for (const k of [
    'DATABASE_URL',
    'EVENTS_TRANSPORT',
    'KAFKA_BROKERS',
    'REDIS_URL',
    'GATEWAY_MODE',
    'SEED_DEMO',
    'NODE_ENV',
  ])
    delete env[k];
  for (const k of Object.keys(env))
    if (k.startsWith('OTEL_') || k.startsWith('npm_')) delete env[k];
  return env;
}

/** Where the start went, from the platform's "Palabre is ready" log line (its `boot` field). */
function bootTimings(file) {
  try {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (!line.includes('Palabre is ready')) continue;
      try {
        return JSON.parse(line).boot ?? null;
      } catch {
        // not a JSON line
      }
    }
  } catch {
    // no log
  }
  return null;
}

async function stop(child, exited) {
  if (child.exitCode != null || child.signalCode != null) return;
  child.kill('SIGINT');
  const timer = sleep(15_000).then(() => 'timeout');
  if ((await Promise.race([exited, timer])) === 'timeout') {
    child.kill('SIGKILL');
    await exited;
  }
}

/** One start: ms to the first 200 of GET /, then tree RSS after the idle wait. */
async function startOnce(label, dataDir, logDir) {
  const port = await freePort();
  const logFile = join(logDir, `${label}.log`);
  const fd = openSync(logFile, 'a');
  const t0 = now();
  const child = spawn(process.execPath, [...NODE_FLAGS, MAIN], {
    cwd: root,
    env: serverEnv(port, dataDir),
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  live.add(child);
  let exitInfo = null;
  const exited = new Promise((r) =>
    child.on('exit', (code, signal) => {
      exitInfo = { code, signal };
      live.delete(child);
      r(exitInfo);
    }),
  );
  try {
    let readyMs;
    let readyCpuMs;
    for (;;) {
      if (exitInfo) throw new Error(`exited before ready (${JSON.stringify(exitInfo)})`);
      if (now() - t0 > READY_TIMEOUT_MS)
        throw new Error(`no 200 on / after ${READY_TIMEOUT_MS} ms`);
      const t = now();
      try {
        const r = await get(port, '/', {
          timeoutMs: 2_000,
          headers: { connection: 'close', accept: 'text/html' },
        });
        if (r.status === 200) {
          readyMs = now() - t0;
          readyCpuMs = cpuMs(child.pid);
          break;
        }
      } catch {
        // not listening yet
      }
      const wait = POLL_MS - (now() - t);
      if (wait > 0) await sleep(wait);
    }
    await sleep(opts.idle * 1000);
    const mem = treeRssMb(child.pid);
    await stop(child, exited);
    return {
      readyMs,
      readyCpuMs,
      rssMb: mem.rss,
      processes: mem.processes,
      boot: bootTimings(logFile),
    };
  } catch (error) {
    await stop(child, exited);
    throw new Error(
      `${label}: ${error.message}\n--- log tail (${logFile}) ---\n${logTail(logFile, 15)}`,
    );
  }
}

function bootLine(boot) {
  if (!boot?.at) return '(no boot timings in the log)';
  let previous = 0;
  const steps = Object.entries(boot.at).map(([step, at]) => {
    const part = `${step} +${Math.round(at - previous)}`;
    previous = at;
    return part;
  });
  const s = boot.services;
  const db = boot.database ? ` (database: ${boot.database})` : '';
  return `${steps.join(', ')} ms${db}; in services: migrations ${s.migrate}, Nest ${s.nest}, seed ${s.seed} ms`;
}

async function main() {
  const out = {
    bench: 'embedded',
    node: process.version,
    cpus: cpus().length,
    rounds: opts.rounds,
    idle_s: opts.idle,
    node_flags: NODE_FLAGS,
    targets: { cold_start_ms: TARGET_READY_MS, idle_rss_mb: TARGET_RSS_MB },
    load_before: loadavg().map((l) => Number(l.toFixed(2))),
  };
  console.log(
    `bench:embedded: node ${[...NODE_FLAGS, 'dist/apps/gateway/src/main.js'].join(' ')} (PGlite, postgres transport), ` +
      `${opts.rounds} rounds of cold start + warm restart, RSS after ${opts.idle} s idle; ${cpus().length} CPUs, node ${process.version}`,
  );
  console.log(`  ${loadNote()}`);
  if (opts.build) {
    out.build_ms = buildDist();
    console.log(`  build: ${ms(out.build_ms)}`);
  } else if (!existsSync(MAIN)) {
    throw new Error(`${MAIN} does not exist: run without --skip-build`);
  }

  const cold = [];
  const warm = [];
  for (let i = 1; i <= opts.rounds; i++) {
    const dir = tempDir(`embedded-${i}`);
    const dataDir = join(dir, 'data');
    const c = await startOnce(`cold-${i}`, dataDir, dir);
    c.load = load1();
    cold.push(c);
    console.log(
      `  round ${i} cold  ${ms(c.readyMs)} to 200 on / (${ms(c.readyCpuMs)} of CPU), RSS ${mb(c.rssMb)} (${c.processes} processes), load ${c.load}`,
    );
    console.log(`             boot: ${bootLine(c.boot)}`);
    const w = await startOnce(`warm-${i}`, dataDir, dir);
    w.load = load1();
    warm.push(w);
    console.log(
      `  round ${i} warm  ${ms(w.readyMs)} to 200 on / (${ms(w.readyCpuMs)} of CPU), RSS ${mb(w.rssMb)} (${w.processes} processes), load ${w.load}`,
    );
    console.log(`             boot: ${bootLine(w.boot)}`);
  }

  const summary = (rs) => ({
    ready_ms: Math.round(median(rs.map((r) => r.readyMs))),
    ready_cpu_ms: Math.round(median(rs.map((r) => r.readyCpuMs))),
    idle_rss_mb: Number(median(rs.map((r) => r.rssMb)).toFixed(1)),
    ready_ms_runs: rs.map((r) => Math.round(r.readyMs)),
    idle_rss_mb_runs: rs.map((r) => Number(r.rssMb.toFixed(1))),
    load_1m: rs.map((r) => r.load),
    boot_ms: rs.map((r) => r.boot),
  });
  out.cold = summary(cold);
  out.warm = summary(warm);
  out.load_after = loadavg().map((l) => Number(l.toFixed(2)));
  out.met = {
    cold_start: out.cold.ready_ms <= TARGET_READY_MS,
    warm_start: out.warm.ready_ms <= TARGET_READY_MS,
    idle_rss_cold: out.cold.idle_rss_mb <= TARGET_RSS_MB,
    idle_rss_warm: out.warm.idle_rss_mb <= TARGET_RSS_MB,
  };
  console.log(
    `\nmedians of ${opts.rounds} (targets: ≤ ${ms(TARGET_READY_MS)}, ≤ ${TARGET_RSS_MB} MB)`,
  );
  console.log(
    `  cold start    ${ms(out.cold.ready_ms)}   ${met(out.met.cold_start)}   (CPU ${ms(out.cold.ready_cpu_ms)})`,
  );
  console.log(
    `  warm restart  ${ms(out.warm.ready_ms)}   ${met(out.met.warm_start)}   (CPU ${ms(out.warm.ready_cpu_ms)})`,
  );
  console.log(
    `  idle RSS      ${mb(out.cold.idle_rss_mb)} after a cold start   ${met(out.met.idle_rss_cold)}`,
  );
  console.log(
    `  idle RSS      ${mb(out.warm.idle_rss_mb)} after a restart      ${met(out.met.idle_rss_warm)}`,
  );
  console.log(
    `  load average  before ${out.load_before.join(' ')}, after ${out.load_after.join(' ')} (${cpus().length} CPUs)`,
  );
  console.log(JSON.stringify(out));
}

try {
  await main();
} catch (error) {
  console.error(`\nbench:embedded failed: ${error.message}`);
  console.log(JSON.stringify({ bench: 'embedded', error: error.message }));
  process.exitCode = 1;
} finally {
  removeTempDirs();
}
