// The open-loop, fixed-rate load of the per-request CPU benches
// (framework.mjs, gateway-hop.mjs): requests leave on schedule whatever the
// answers (latency counts from the scheduled time, so a slow server cannot
// slow the load down), and the CPU of the process under test is read from
// /proc around the measured part. Plain Node ESM, no dependencies.
import { readFileSync } from 'node:fs';

import { now, percentile, round } from './common.mjs';
import { procCpuSeconds } from './petitions/procs.mjs';
import { startSchedProbe } from './sched-probe.mjs';

/**
 * Sends `n` requests at `rate`/s on schedule through `pool` (raw-http.mjs);
 * `planned(i)` gives request i's { bytes, expect } (the status it should get).
 * Resolves { latencies (ms), errors, firstError, wall (s) }.
 */
export function openLoop(pool, n, rate, planned) {
  const lat = new Float64Array(n);
  let errors = 0;
  let firstError = null;
  const t0 = now();
  return new Promise((done) => {
    let sent = 0;
    let answered = 0;
    const finish = (i, sched, ok, detail) => {
      lat[i] = now() - sched;
      if (!ok) {
        errors++;
        firstError ??= detail;
      }
      if (++answered === n) done({ latencies: lat, errors, firstError, wall: (now() - t0) / 1000 });
    };
    const tick = () => {
      const due = Math.min(n, Math.floor(((now() - t0) * rate) / 1000) + 1);
      for (; sent < due; sent++) {
        const i = sent;
        const sched = t0 + (i * 1000) / rate;
        const { bytes, expect } = planned(i);
        pool.request(bytes).then(
          (r) => finish(i, sched, r.status === expect, `status ${r.status}, expected ${expect}`),
          (e) => finish(i, sched, false, e.message),
        );
      }
      if (sent < n) setTimeout(tick, 1);
    };
    tick();
  });
}

/** CPU seconds (user + system) of this process so far. */
export const ownCpuSeconds = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

/** CPU seconds the machine spent working (all cores) and those the hypervisor gave to other guests. */
export function machineSeconds() {
  const [, ...f] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
  const [user, nice, system, , , irq, softirq, steal] = f.map(Number);
  return { busy: (user + nice + system + irq + softirq) / 100, steal: steal / 100 };
}

export const median = (xs) => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * One measured run against the process `pid`: `warmup` s unmeasured, then
 * `seconds` s at `rate`/s. The CPU of `pid` per answered request, this
 * process's (the load generator's), the rest of the machine's and the
 * hypervisor's steal, latency p50/p99, errors.
 */
export async function measureRun(pool, pid, { rate, seconds, warmup, planned }) {
  if (warmup > 0) await openLoop(pool, rate * warmup, rate, planned);
  const n = rate * seconds;
  const stopProbe = startSchedProbe();
  const server0 = procCpuSeconds(pid);
  const own0 = ownCpuSeconds();
  const m0 = machineSeconds();
  const r = await openLoop(pool, n, rate, planned);
  const serverCpu = procCpuSeconds(pid) - server0;
  const ownCpu = ownCpuSeconds() - own0;
  const m1 = machineSeconds();
  const sched = await stopProbe();
  const sorted = Array.from(r.latencies).sort((a, b) => a - b);
  const busy = m1.busy - m0.busy;
  const ok = n - r.errors;
  return {
    requests: n,
    errors: r.errors,
    first_error: r.firstError,
    exited: !Number.isFinite(serverCpu),
    achieved_per_s: round(n / r.wall, 0),
    server_cpu_us_per_request: round((serverCpu * 1e6) / ok, 1),
    server_cpu_pct: round((serverCpu / r.wall) * 100, 0),
    loadgen_cpu_us_per_request: round((ownCpu * 1e6) / n, 1),
    others_cpu_pct: round((Math.max(0, busy - serverCpu - ownCpu) / r.wall) * 100, 0),
    stolen_pct: round(((m1.steal - m0.steal) / r.wall) * 100, 0),
    p50_ms: round(percentile(sorted, 50), 2),
    p99_ms: round(percentile(sorted, 99), 2),
    sched_delay_p99_ms: sched.p99,
  };
}

/**
 * The options of an open-loop bench (--rate, --seconds, --warmup, --rounds,
 * --max-sockets) over `defaults`; `extra(flag, value)` takes the bench's own
 * (returns false for a flag it does not know; `value()` reads its argument).
 * Prints `usage` for --help; a bad option ends the process with code 2.
 */
export function openLoopOptions(name, usage, defaults, extra = () => false) {
  const argv = process.argv.slice(2);
  const o = { seconds: 10, warmup: 3, rounds: 3, maxSockets: 32, ...defaults };
  try {
    for (let i = 0; i < argv.length; i++) {
      const [flag, inline] = argv[i].split('=', 2);
      const value = () => inline ?? argv[++i];
      const int = (min, max) => {
        const v = Number(value());
        if (!Number.isInteger(v) || v < min || v > max)
          throw new Error(`${flag} expects an integer in ${min}..${max}`);
        return v;
      };
      if (flag === '--rate') o.rate = int(1, 100_000);
      else if (flag === '--seconds') o.seconds = int(1, 3_600);
      else if (flag === '--warmup') o.warmup = int(0, 600);
      else if (flag === '--rounds') o.rounds = int(1, 50);
      else if (flag === '--max-sockets') o.maxSockets = int(1, 4_096);
      else if (flag === '--help' || flag === '-h') {
        console.log(`usage: ${usage}`);
        process.exit(0);
      } else if (!extra(flag, value, o)) throw new Error(`unknown option ${argv[i]} (try --help)`);
    }
  } catch (error) {
    console.error(`${name}: ${error.message}`);
    process.exit(2);
  }
  return o;
}
