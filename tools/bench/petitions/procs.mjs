// Processes of the petitions bench: start a Palabre process, wait until it is
// ready, stop it (SIGINT then SIGKILL) or kill -9 it, and measure where the
// CPU goes (each process, every PostgreSQL backend, this bench, the rest of
// the machine) from /proc.
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, readdirSync } from 'node:fs';
import { cpus } from 'node:os';

import { get, logTail, now, round, sleep, startFlags } from '../common.mjs';

const READY_TIMEOUT_MS = 90_000;

/** Every process started here, so an exit of the bench never leaves one behind. */
const started = new Set();
process.on('exit', () => {
  for (const p of started) {
    if (p.exited) continue;
    try {
      process.kill(p.proc.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

/**
 * Starts `node <script>` with `env`, output appended to `logFile`. With
 * BENCH_CPU_PROF=<dir>, each service writes a V8 CPU profile there on exit
 * (open it in Chrome DevTools) to see where its milliseconds per request go.
 * A V8 profile samples wall time, so a process that waits for a core shows
 * that wait on whatever native frame it was in. With BENCH_PERF=1 each service
 * writes /tmp/perf-<pid>.map instead, for `perf record -a -g` to name JS
 * frames in on-CPU samples only (kernel time included).
 */
export function spawnNode(name, script, env, logFile, cwd) {
  const fd = openSync(logFile, 'a');
  const prof = process.env.BENCH_CPU_PROF
    ? [
        '--cpu-prof',
        `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`,
        `--cpu-prof-name=${name}.cpuprofile`,
      ]
    : [];
  if (process.env.BENCH_PERF) prof.push('--perf-basic-prof');
  // Extra V8 flags for the services (--trace-gc to see the heap, say).
  if (process.env.BENCH_NODE_FLAGS)
    prof.push(...process.env.BENCH_NODE_FLAGS.split(/\s+/).filter(Boolean));
  const proc = spawn(process.execPath, [...startFlags(), ...prof, script], {
    cwd,
    env,
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  const p = { name, proc, pid: proc.pid, logFile, exited: null };
  p.exit = new Promise((r) =>
    proc.on('exit', (code, signal) => {
      p.exited = { code, signal };
      started.delete(p);
      r(p.exited);
    }),
  );
  started.add(p);
  return p;
}

/** Resolves once GET /health/ready answers 200 (Host 127.0.0.1); throws with the log tail otherwise. */
export async function waitReady(p, port, timeoutMs = READY_TIMEOUT_MS) {
  const t0 = now();
  for (;;) {
    if (p.exited)
      throw new Error(
        `${p.name} exited before ready (${JSON.stringify(p.exited)})\n--- ${p.name} log tail ---\n${logTail(p.logFile, 20)}`,
      );
    if (now() - t0 > timeoutMs)
      throw new Error(
        `${p.name} is not ready after ${timeoutMs} ms\n--- ${p.name} log tail ---\n${logTail(p.logFile, 20)}`,
      );
    try {
      if ((await get(port, '/health/ready', { timeoutMs: 1_000 })).status === 200)
        return now() - t0;
    } catch {
      // not listening yet
    }
    await sleep(50);
  }
}

/** SIGINT, then SIGKILL after `graceMs`. */
export async function stop(p, graceMs = 10_000) {
  if (!p || p.exited) return;
  try {
    process.kill(p.pid, 'SIGINT');
  } catch {
    // already gone
  }
  const timer = sleep(graceMs).then(() => 'timeout');
  if ((await Promise.race([p.exit, timer])) === 'timeout') {
    try {
      process.kill(p.pid, 'SIGKILL');
    } catch {
      // already gone
    }
    await p.exit;
  }
}

export async function kill9(p) {
  try {
    process.kill(p.pid, 'SIGKILL');
  } catch {
    // already gone
  }
  await p.exit;
}

// ---------------------------------------------------------------- CPU
/** CPU seconds (user + system) of a process so far, NaN when gone. */
export function procCpuSeconds(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime (USER_HZ 100)
  } catch {
    return NaN;
  }
}

/**
 * The database a PostgreSQL process works for, from its title
 * ("postgres: 15/main: user db 127.0.0.1(5432) idle", "autovacuum worker db",
 * "parallel worker for PID n"); null for the server's own processes
 * (postmaster, checkpointer, WAL writer...), which work for every database.
 */
function postgresDatabase(title, databaseOf) {
  const backend = /^postgres: (?:[^:]+: )?\S+ (\S+) (?:\[local\]|\S+\(\d+\)|\d)/.exec(title);
  if (backend) return backend[1];
  const vacuum = /autovacuum worker (\S+)/.exec(title);
  if (vacuum) return vacuum[1];
  const parallel = /parallel worker for PID (\d+)/.exec(title);
  if (parallel) return databaseOf(parallel[1]) ?? '?';
  return null;
}

/**
 * pid → CPU seconds of every process named `postgres` (the server and its
 * backends); with `database`, only that database's backends and the
 * server's own processes (other databases' backends are other work: the
 * server may be shared with other runs).
 */
function postgresCpu(database) {
  const out = new Map();
  const titles = new Map();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      if (readFileSync(`/proc/${d}/comm`, 'utf8').trim() !== 'postgres') continue;
      if (database)
        titles.set(d, readFileSync(`/proc/${d}/cmdline`, 'utf8').replace(/\0/g, ' ').trim());
    } catch {
      continue;
    }
    const s = procCpuSeconds(d);
    if (Number.isFinite(s)) out.set(d, s);
  }
  if (database) {
    const databaseOf = (pid) => {
      const t = titles.get(pid);
      return t === undefined ? undefined : postgresDatabase(t, () => undefined);
    };
    for (const [pid, title] of titles) {
      const db = postgresDatabase(title, databaseOf);
      if (db !== null && db !== database) out.delete(pid);
    }
  }
  return out;
}

/** CPU seconds the machine spent working, and those the hypervisor took for other guests (steal). */
function machineSeconds() {
  try {
    const [, ...f] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
    const [user, nice, system, , , irq, softirq, steal] = f.map(Number);
    return { busy: (user + nice + system + irq + softirq) / 100, steal: steal / 100 };
  } catch {
    return { busy: NaN, steal: NaN };
  }
}

const ownCpuSeconds = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

/**
 * CPU use over a stretch of wall time, in % of one core, for each named
 * process (`procs`: name → process holder whose pid may change on restart;
 * CPU of a process killed in between is lost), PostgreSQL (all backends; a
 * backend that ended in between is lost too), this bench (main thread and
 * workers) and everything else on the machine. With `postgresDatabase`,
 * PostgreSQL counts that database's backends and the server's own processes
 * only; other databases' backends go to "others".
 */
export function cpuMeter(procs, { postgresDatabase: database } = {}) {
  const t0 = now();
  const start = Object.fromEntries(
    Object.entries(procs).map(([n, p]) => [n, { pid: p?.pid, s: procCpuSeconds(p?.pid) }]),
  );
  // Backends come and go (pgbench connects and leaves): sample them every 500 ms.
  const pg0 = postgresCpu(database);
  const pgLast = new Map(pg0);
  const sample = () => {
    for (const [pid, s] of postgresCpu(database)) pgLast.set(pid, s);
  };
  const sampler = setInterval(sample, 500);
  sampler.unref();
  const own0 = ownCpuSeconds();
  const m0 = machineSeconds();
  return (units = 0) => {
    const wall = (now() - t0) / 1000;
    const sec = {};
    for (const [n, p] of Object.entries(procs)) {
      const end = procCpuSeconds(p?.pid);
      // A restarted process: count the new one from its start.
      sec[n] = p?.pid === start[n].pid ? end - start[n].s : end;
      if (!Number.isFinite(sec[n])) sec[n] = 0;
    }
    clearInterval(sampler);
    sample();
    let pg = 0;
    for (const [pid, s] of pgLast) pg += s - (pg0.get(pid) ?? 0);
    sec.postgres = pg;
    sec.bench = ownCpuSeconds() - own0;
    const m1 = machineSeconds();
    const total = m1.busy - m0.busy;
    sec.others = Math.max(0, total - Object.values(sec).reduce((a, b) => a + b, 0));
    const stolen = m1.steal - m0.steal;
    const pct = {};
    const msPer = {};
    for (const [n, s] of Object.entries(sec)) {
      pct[n] = round((s / wall) * 100, 0);
      if (units > 0) msPer[n] = round((s * 1000) / units, 3);
    }
    return {
      wall_s: round(wall, 2),
      cpu_pct: pct,
      machine_busy_pct: round((total / wall) * 100, 0),
      // A virtual machine's cores can be taken by other guests: then every figure here is low.
      stolen_pct: round((stolen / wall) * 100, 0),
      ...(units > 0 ? { cpu_ms_per_unit: msPer } : {}),
    };
  };
}

export function formatCpu(c, unit) {
  const parts = Object.entries(c.cpu_pct).map(
    ([n, v]) => `${n} ${v}%${c.cpu_ms_per_unit ? ` (${c.cpu_ms_per_unit[n]} ms/${unit})` : ''}`,
  );
  return `cpu (% of one core; machine busy ${c.machine_busy_pct}% of ${cpus().length * 100}%, ${c.stolen_pct}% stolen by the hypervisor): ${parts.join(', ')}`;
}
