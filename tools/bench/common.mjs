// Helpers shared by the bench scripts in this folder (embedded.mjs, bus.mjs,
// identity.mjs, petitions/, budgeting/, meetings/, …). Plain Node ESM, no dependencies.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const START_SCRIPT = join(root, 'tools/scripts/start.mjs');

export const now = () => performance.now();

/** Builds dist/ (tools/scripts/build.mjs, output shown); returns the milliseconds it took, throws if it fails. */
export function buildDist({ quiet = true } = {}) {
  const t = now();
  const args = [join(root, 'tools/scripts/build.mjs'), ...(quiet ? ['--quiet'] : [])];
  const r = spawnSync(process.execPath, args, {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (r.status !== 0) throw new Error(`build failed (exit ${r.status})`);
  return Math.round(now() - t);
}
/** The event bus transports the service processes of a bench can run on (--transport). */
const TRANSPORTS = ['postgres', 'kafka'];

/**
 * The environment entries that put the service processes a bench starts on
 * the event bus of its --transport option (postgres when not given):
 * EVENTS_TRANSPORT, and for kafka KAFKA_BROKERS with the client's TLS and
 * SASL settings (KAFKA_SSL, KAFKA_SASL_*) as this process has them. Throws
 * on any other transport, and on kafka without KAFKA_BROKERS. The services
 * use the product's topics and consumer groups: give them a broker of their
 * own (start.sh starts an empty one; KAFKA_PORT=19092 beside another), not
 * one that test suites or another run use at the same time.
 */
export function transportEnv(transport = 'postgres', env = process.env) {
  if (!TRANSPORTS.includes(transport))
    throw new Error(`--transport expects ${TRANSPORTS.join('|')} (got ${transport})`);
  if (transport === 'postgres') return { EVENTS_TRANSPORT: 'postgres' };
  if (!env.KAFKA_BROKERS)
    throw new Error(
      '--transport kafka needs KAFKA_BROKERS=host:port[,host:port]; ' +
        'start the broker with `eval "$(bash ../shared/kafka/start.sh)"`',
    );
  const security = Object.entries(env).filter(([k]) => /^KAFKA_(SSL|SASL_)/.test(k));
  return {
    EVENTS_TRANSPORT: 'kafka',
    KAFKA_BROKERS: env.KAFKA_BROKERS,
    ...Object.fromEntries(security),
  };
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export const fmt = (n, digits = 0) =>
  Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: digits }) : 'n/a';
export const round = (n, d = 1) => (Number.isFinite(n) ? Math.round(n * 10 ** d) / 10 ** d : null);

/** Nearest-rank percentile of an ascending-sorted array; NaN when empty. */
export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx];
}

/** Other work on the machine skews every number here: say so. */
export function loadNote() {
  const [one] = loadavg();
  const n = cpus().length;
  return one > n * 0.5
    ? `WARNING: load average ${one.toFixed(2)} on ${n} CPUs: other processes compete, numbers are pessimistic`
    : `load average ${one.toFixed(2)} on ${n} CPUs`;
}

const tempDirs = [];
/** A fresh directory under the OS temp dir, removed by removeTempDirs(). */
export function tempDir(label) {
  const dir = mkdtempSync(join(tmpdir(), `palabre-bench-${label}-`));
  tempDirs.push(dir);
  return dir;
}
/** Removes every directory tempDir() created so far (kept with BENCH_KEEP_LOGS=1, to read the services' logs). */
export function removeTempDirs() {
  if (process.env.BENCH_KEEP_LOGS) return;
  for (const d of tempDirs) rmSync(d, { recursive: true, force: true });
  tempDirs.length = 0;
}

/** A TCP port free on 127.0.0.1 right now. */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolvePort(port));
    });
  });
}

/**
 * The node flags `npm start` passes to main.js (read from start.mjs, e.g.
 * --enable-source-maps), so the direct runs start the process the same way.
 */
export function startFlags() {
  if (!existsSync(START_SCRIPT)) return [];
  const line = readFileSync(START_SCRIPT, 'utf8')
    .split('\n')
    .find((l) => l.includes('dist/apps/gateway/src/main.js'));
  return line
    ? [...line.matchAll(/['"](--[a-z][a-z0-9-]*(?:=[^'"]*)?)['"]/g)].map((m) => m[1])
    : [];
}

/** The last `lines` lines of a log file, or '(no log)'. */
export function logTail(file, lines) {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/**
 * One raw HTTP GET on 127.0.0.1 through `agent` (keep-alive) or a fresh
 * connection; resolves { status, headers, body } or rejects.
 */
export function get(port, path, { agent = false, headers = {}, timeoutMs = 30_000 } = {}) {
  return new Promise((resolveGet, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'GET',
        agent,
        headers: { host: `127.0.0.1:${port}`, accept: 'application/json', ...headers },
        timeout: timeoutMs,
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () =>
          resolveGet({
            status: res.statusCode,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end();
  });
}

/** "met " or "MISS", the word every figure of the benches is printed with. */
export const metOrMiss = (ok) => (ok ? 'met ' : 'MISS');

/**
 * CPU per operation summed over `names` (processes of a cpuMeter reading
 * taken with a unit count, `postgres` included when named), with the split.
 */
export function cpuPerOperation(cpu, names) {
  const split = {};
  for (const n of names) split[n] = cpu?.cpu_ms_per_unit?.[n] ?? NaN;
  const total = Object.values(split).reduce((a, b) => a + b, 0);
  return { total_ms: round(total, 3), split };
}

/** "CPU per signature 0.812 ms (gateway 0.2 + identity 0.05 + …), limit ≤ 1.0 ms: met". */
export function formatCpuPerOperation(c, unit, limitMs) {
  const parts = Object.entries(c.split).map(([n, v]) => `${n} ${fmt(v, 3)}`);
  return (
    `CPU per ${unit} ${fmt(c.total_ms, 3)} ms (${parts.join(' + ')})` +
    (limitMs === undefined
      ? ''
      : `, needs ≤ ${limitMs} ms: ${metOrMiss(c.total_ms <= limitMs).trim()}`)
  );
}
