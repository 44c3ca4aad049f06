#!/usr/bin/env node
// Petitions at national scale (the figures of issues 4 and 17): signing
// through the gateway with gateway, identity and petitions as separate
// processes on this machine and a real PostgreSQL, then the embedded
// (PGlite) figure. Each figure is printed with met/MISS. Before the first
// scenario, --warmup s (default 10) of signing at --rate, not counted: the
// figures are those of warmed processes (JIT-compiled), as in service.
//
//   pgbench    raw PostgreSQL single-row unique inserts (pgbench, custom
//              script, -c 8 -j 2), beside which the signing rate is printed;
//   sustained  --rate signatures/s (default 1,000) for --duration s over 100
//              petitions, distinct signers, open loop (latency from the
//              scheduled time); CPU per signature summed over gateway,
//              identity, petitions and PostgreSQL, with the split: met when
//              ≤ 1.0 ms;
//   saturation signing from --saturation-start/s, 30 % more each step of
//              --saturation-step s, until p99 ≥ 100 ms or an error: the best
//              clean rate as a % of pgbench's rate in the same run (pgbench
//              runs whenever saturation does): met when ≥ 20 %;
//   viral      the same on one petition; ratio viral / spread;
//   viewers    readers while writing: GET /api/petitions/{id} through the
//              gateway's cache, 64 in flight (worker thread), while signing
//              runs at --viewers-sign-rate (500/s), beside the same readers
//              of a bare node:http hello-world (tools/bench/hello-world.mjs)
//              in this run: met when ≥ 50 % of its rate with p99 < 20 ms;
//              and the gateway's CPU per read with readers alone, beside
//              hello-world's per request: met when ≤ 2 × (what 50 % of its
//              rate needs on a core of its own);
//   spike      10 × --rate for 10 s: statuses; only 503 + Retry-After (or
//              429) may refuse; every 2xx receipt is in the database once;
//   crash      signing at --rate, kill -9 of petitions after a third of the
//              run, restart, continue; every 2xx receipt stored once; after
//              a recount every signature_count equals count(*);
//   embedded   `node dist/apps/gateway/src/main.js` on PGlite (fresh
//              PALABRE_DATA_DIR), signing at --embedded-rate.
//
//   npm run bench:petitions -- [--rate 1000] [--duration 60] [--warmup 10] [--only sustained,saturation,viral,…]
//        [--quick] [--skip-build] [--embedded-rate 300] [--embedded-duration 20]
//        [--viewers-duration 20] [--viewers-concurrency 64] [--viewers-sign-rate 500]
//        [--saturation-start 200] [--saturation-step 5] [--saturation-steps 12]
//        [--spike-duration 10] [--crash-duration 30] [--max-sockets 256] [--pgbench-seconds 10]
//        [--give-up 15] [--transport postgres|kafka]
//
// --transport: the event bus of identity and petitions (distributed; the
// embedded figure keeps the postgres transport on PGlite); kafka needs
// KAFKA_BROKERS (and KAFKA_SSL, KAFKA_SASL_* as a service would have them),
// e.g. from `eval "$(bash ../shared/kafka/start.sh)"`.
//
// A short run that checks everything works: --quick (5 s phases), or e.g.
//   npm run bench:petitions -- --duration 5 --only pgbench,sustained,saturation,viewers --saturation-steps 4
//
// Open loop: a request unanswered --give-up seconds after its scheduled time
// is abandoned and counted as an error ("no answer within …"), so a run that
// the platform cannot hold still ends in bounded time.
//
// Citizens' sessions are written in bulk in SQL during set-up (not measured):
// one distinct FranceConnect signer session per signature, valid for a day
// (times to the minute, as identity keeps a signer's), token hash =
// HMAC(IDENTITY_SECRET, "session\0" + token) exactly as identity computes it,
// so every signature costs the gateway one identity lookup (its 2 s session
// cache never hits), as with real distinct citizens. The author is an org-admin
// account linked to FranceConnect (identified).
//
// Database: a fresh `palabre_bench_petitions` created next to
// BENCH_DATABASE_URL (default postgres://palabre:palabre@127.0.0.1:5432/palabre_bench).
// RATE_LIMIT_PER_MINUTE is set out of reach, LOG_LEVEL=warn.
// Output: human lines, then one JSON line (the last line) with every number.
import { spawn, spawnSync } from 'node:child_process';
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';

import {
  buildDist,
  cpuPerOperation,
  fmt,
  formatCpuPerOperation,
  freePort,
  loadNote,
  logTail,
  metOrMiss,
  now,
  removeTempDirs,
  root,
  round,
  sleep,
  tempDir,
  transportEnv,
} from '../common.mjs';
import { identityTokens } from '../identity-tokens.mjs';
import { openLoopSign, statusCounts, summarize, viewers } from './load.mjs';
import { cpuMeter, formatCpu, kill9, spawnNode, stop, waitReady } from './procs.mjs';

/** The rates of the saturation steps: from `start`, 30 % more each step. */
const saturationRates = (start, steps) =>
  Array.from({ length: steps }, (_, i) => Math.round(start * SATURATION_FACTOR ** i));

const require = createRequire(join(root, 'package.json'));
const DIST = (app, file = 'main.js') => join(root, `dist/apps/${app}/src/${file}`);
const SCENARIOS = [
  'pgbench',
  'sustained',
  'saturation',
  'viral',
  'viewers',
  'spike',
  'crash',
  'embedded',
];
const DISTRIBUTED = new Set(['sustained', 'saturation', 'viral', 'viewers', 'spike', 'crash']);
/** The figures of issue 17. */
const CPU_PER_SIGNATURE_MS = 1.0;
const SATURATION_P99_MS = 100;
const SATURATION_MIN_PCT_OF_PGBENCH = 20;
const SATURATION_FACTOR = 1.3;
const READERS_MIN_PCT_OF_HELLO = 50;
const READERS_P99_MS = 20;
const HOST = '127.0.0.1';

// ---------------------------------------------------------------- options
function parseArgs(argv) {
  const o = {
    rate: 1000,
    duration: 60,
    warmup: 10,
    build: true,
    only: SCENARIOS,
    quick: false,
    embeddedRate: 300,
    embeddedDuration: 20,
    viewersDuration: 20,
    viewersConcurrency: 64,
    viewersSignRate: 500,
    saturationStart: 200,
    saturationStep: 5,
    saturationSteps: 12,
    spikeDuration: 10,
    crashDuration: 30,
    maxSockets: 256,
    pgbenchSeconds: 10,
    giveUp: 15,
    transport: 'postgres',
  };
  const set = new Set();
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = () => inline ?? argv[++i];
    const int = (max) => {
      const v = Number(value());
      if (!Number.isInteger(v) || v < 1 || v > max)
        throw new Error(`${flag} expects an integer in 1..${max}`);
      set.add(flag);
      return v;
    };
    switch (flag) {
      case '--rate':
        o.rate = int(100_000);
        break;
      case '--duration':
        o.duration = int(3_600);
        break;
      case '--warmup':
        o.warmup = int(600);
        break;
      case '--embedded-rate':
        o.embeddedRate = int(100_000);
        break;
      case '--embedded-duration':
        o.embeddedDuration = int(3_600);
        break;
      case '--viewers-duration':
        o.viewersDuration = int(3_600);
        break;
      case '--viewers-concurrency':
        o.viewersConcurrency = int(1_024);
        break;
      case '--viewers-sign-rate':
        o.viewersSignRate = int(100_000);
        break;
      case '--saturation-start':
        o.saturationStart = int(100_000);
        break;
      case '--saturation-step':
        o.saturationStep = int(600);
        break;
      case '--saturation-steps':
        o.saturationSteps = int(40);
        break;
      case '--spike-duration':
        o.spikeDuration = int(600);
        break;
      case '--crash-duration':
        o.crashDuration = int(3_600);
        break;
      case '--max-sockets':
        o.maxSockets = int(4_096);
        break;
      case '--pgbench-seconds':
        o.pgbenchSeconds = int(600);
        break;
      case '--give-up':
        o.giveUp = int(600);
        break;
      case '--transport':
        o.transport = value();
        break;
      case '--skip-build':
        o.build = false;
        break;
      case '--quick':
        o.quick = true;
        break;
      case '--only': {
        const list = value().split(',').filter(Boolean);
        const bad = list.filter((s) => !SCENARIOS.includes(s));
        if (bad.length)
          throw new Error(`--only: unknown ${bad.join(', ')} (${SCENARIOS.join(',')})`);
        o.only = list;
        break;
      }
      case '--help':
      case '-h':
        console.log(
          'usage: node tools/bench/petitions/index.mjs [--rate 1000] [--duration 60] [--warmup 10] [--only pgbench,sustained,saturation,viral,viewers,spike,crash,embedded]\n' +
            '         [--quick] [--skip-build] [--embedded-rate 300] [--embedded-duration 20] [--viewers-duration 20]\n' +
            '         [--viewers-concurrency 64] [--viewers-sign-rate 500] [--saturation-start 200] [--saturation-step 5] [--saturation-steps 12]\n' +
            '         [--spike-duration 10] [--crash-duration 30] [--max-sockets 256] [--pgbench-seconds 10] [--give-up 15]\n' +
            '         [--transport postgres|kafka]\n' +
            '  --saturation-*  signing from --saturation-start/s, 30% more per step of --saturation-step s, at most --saturation-steps steps\n' +
            '  --give-up  seconds after its scheduled time when an unanswered signing request is abandoned\n' +
            '  --quick  short durations for a smoke run (5 s phases) unless given explicitly\n' +
            "  --transport  the event bus of identity and petitions (the embedded figure's stays postgres)\n" +
            'env: BENCH_DATABASE_URL (default postgres://palabre:palabre@127.0.0.1:5432/palabre_bench), BENCH_PETITIONS_DB (palabre_bench_petitions);\n' +
            '     KAFKA_BROKERS (and KAFKA_SSL, KAFKA_SASL_*) with --transport kafka',
        );
        process.exit(0);
        break;
      default:
        throw new Error(`unknown option ${argv[i]} (try --help)`);
    }
  }
  if (o.quick) {
    const short = {
      duration: 5,
      warmup: 3,
      embeddedDuration: 5,
      viewersDuration: 5,
      spikeDuration: 3,
      crashDuration: 9,
      pgbenchSeconds: 3,
      saturationStep: 3,
    };
    const flagOf = (k) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
    for (const [k, v] of Object.entries(short)) if (!set.has(flagOf(k))) o[k] = v;
  }
  // Saturation is a share of pgbench's rate measured in the same run.
  if (o.only.includes('saturation') && !o.only.includes('pgbench')) o.only = ['pgbench', ...o.only];
  return o;
}

let opts;
let busEnv; // EVENTS_TRANSPORT (and KAFKA_*) of the distributed services
try {
  opts = parseArgs(process.argv.slice(2));
  busEnv = transportEnv(opts.transport);
} catch (error) {
  console.error(`bench:petitions: ${error.message}`);
  process.exit(64);
}
const want = (s) => opts.only.includes(s);

// ---------------------------------------------------------------- small helpers
const BASE_URL =
  process.env.BENCH_DATABASE_URL ?? 'postgres://palabre:palabre@127.0.0.1:5432/palabre_bench';
// Another name (BENCH_PETITIONS_DB) lets two runs share one server.
const DB_NAME = process.env.BENCH_PETITIONS_DB ?? 'palabre_bench_petitions';
const dbUrl = (name) => {
  const u = new URL(BASE_URL);
  u.pathname = `/${name}`;
  return u.toString();
};
const redact = (url) => url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');

/** One JSON API call through the gateway as a browser of the organization would make it. */
function api(port, method, path, { cookie, body } = {}) {
  return new Promise((resolveApi, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method,
        agent: false,
        headers: {
          host: `${HOST}:${port}`,
          origin: `http://${HOST}:${port}`,
          accept: 'application/json',
          ...(cookie ? { cookie } : {}),
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
          resolveApi({ status: res.statusCode, headers: res.headers, json, text });
        });
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error(`${method} ${path}: no answer in 30 s`)));
    req.on('error', reject);
    req.end(payload);
  });
}
async function expectApi(port, method, path, opt, okStatuses = [200, 201]) {
  const r = await api(port, method, path, opt);
  if (!okStatuses.includes(r.status))
    throw new Error(`${method} ${path} answered ${r.status}: ${r.text.slice(0, 300)}`);
  return r.json;
}

/**
 * n signer sessions: cookies (palabre_session=<token>), token hashes, signer
 * keys and session ids. With `sealed` ({ secret, orgId }), each cookie is the
 * signer session sealed as identity seals it with SESSION_SEAL_SECRET (ADR
 * 0026), read by the gateway without a lookup; otherwise an opaque token.
 */
function makeSigners(secret, n, tag, sealed) {
  const seal = sealed
    ? new (require(join(root, 'dist/libs/auth/src/signer-session-seal.js')).SignerSessionSeal)(
        sealed.secret,
      )
    : undefined;
  // Shorter than the rows' day, whatever the minute they are stamped with.
  const expiresAt = Math.floor(Date.now() / 1000) + 86_400 - 120;
  const cookies = new Array(n);
  const hashes = new Array(n);
  const keys = new Array(n);
  const ids = new Array(n);
  for (let i = 0; i < n; i++) {
    keys[i] = createHmac('sha256', secret).update(`bench-signer\u0000${tag}:${i}`).digest('hex');
    ids[i] = randomUUID();
    const token = seal
      ? seal.seal({
          organizationId: sealed.orgId,
          sessionId: ids[i],
          signerKey: keys[i],
          age: 18,
          expiresAt,
        })
      : `b${tag}x${i.toString(36).padStart(8, '0')}`.padEnd(40, 'z');
    cookies[i] = `palabre_session=${token}`;
    hashes[i] = createHmac('sha256', secret).update(`session\u0000${token}`).digest('hex');
  }
  return { cookies, hashes, keys, ids };
}

/** The author: an active org-admin account linked to FranceConnect, and its session. */
async function insertAuthor(query, orgId, secret, tag) {
  const token = `a${tag}author`.padEnd(40, 'q');
  const [u] = await query(
    `INSERT INTO identity.users (organization_id, email, email_confirmed_at, display_name, status)
     VALUES ($1, $2, now(), 'Bench Author', 'active') RETURNING id`,
    [orgId, `bench-author-${tag}@example.org`],
  );
  await query(
    `INSERT INTO identity.grants (organization_id, user_id, role) VALUES ($1, $2, 'org-admin')`,
    [orgId, u.id],
  );
  await query(
    `INSERT INTO identity.franceconnect_links (organization_id, sub_key, user_id) VALUES ($1, $2, $3)`,
    [
      orgId,
      createHmac('sha256', secret).update(`bench-author-sub\u0000${tag}`).digest('hex'),
      u.id,
    ],
  );
  await query(
    `INSERT INTO identity.sessions (token_hash, organization_id, user_id, kind, expires_at)
     VALUES ($1, $2, $3, 'account', now() + interval '1 day')`,
    [createHmac('sha256', secret).update(`session\u0000${token}`).digest('hex'), orgId, u.id],
  );
  return `palabre_session=${token}`;
}

/**
 * Signer sessions as identity opens them: times to the minute (its CHECK
 * insists), valid for a day, far longer than any run.
 */
async function insertSignerSessions(query, orgId, signers, chunk = 20_000) {
  for (let i = 0; i < signers.hashes.length; i += chunk)
    await query(
      `INSERT INTO identity.sessions (id, token_hash, organization_id, signer_key, kind, created_at, last_seen_at, expires_at)
       SELECT id, h, $1, k, 'signer', m.at, m.at, m.at + interval '1 day'
         FROM unnest($4::uuid[], $2::text[], $3::text[]) AS t(id, h, k),
              (SELECT date_trunc('minute', now()) AS at) m`,
      [
        orgId,
        signers.hashes.slice(i, i + chunk),
        signers.keys.slice(i, i + chunk),
        signers.ids.slice(i, i + chunk),
      ],
    );
}

/** A petition type and `n` published petitions, through the API as the author/admin. */
async function publishPetitions(port, cookie, n, tag) {
  const type = await expectApi(port, 'POST', '/api/petitions/types', {
    cookie,
    body: {
      name: { fr: `Bench ${tag}` },
      signatureDays: 30,
      signers: 'franceconnect',
      milestones: [
        { threshold: 10_000, label: { fr: 'Réponse du gouvernement' } },
        { threshold: 100_000, label: { fr: 'Examinée par la Conférence des présidents' } },
      ],
      withdrawalAllowed: false,
      areaBreakdown: false,
    },
  });
  const ids = [];
  for (let i = 0; i < n; i++) {
    const p = await expectApi(port, 'POST', '/api/petitions', {
      cookie,
      body: {
        typeId: type.id,
        title: `Pétition de mesure n° ${i + 1} (${tag})`,
        body: `Texte de la pétition n° ${i + 1}, écrit pour mesurer la signature à grande échelle, sans autre objet.`,
      },
    });
    await expectApi(port, 'POST', `/api/petitions/${p.id}/submit`, { cookie, body: {} });
    await expectApi(port, 'POST', `/api/petitions/${p.id}/review`, {
      cookie,
      body: { decision: 'publish' },
    });
    ids.push(p.id);
  }
  return ids;
}

function pctOf(part, whole) {
  return whole ? round((100 * part) / whole, 1) : null;
}

// ---------------------------------------------------------------- signing run → figures
function signingFigures(r, rate) {
  const ok = r.status.reduce((s, c) => s + (c >= 200 && c < 300 ? 1 : 0), 0);
  const lat = Float64Array.from(r.lat);
  const okLat = Float64Array.from(r.lat.filter((_, i) => r.status[i] >= 200 && r.status[i] < 300));
  const statuses = statusCounts(r.status);
  const errors = r.n - ok + r.noReceipt.length;
  return {
    target_rate: rate,
    requests: r.n,
    issue_rate: round(r.sent / Math.max(0.001, r.sendSpanMs / 1000), 0),
    ok_2xx: ok,
    created_201: r.n201,
    existing_200: r.n200,
    achieved_rate: round(ok / (r.lastAnswerMs / 1000), 0),
    wall_s: round(r.lastAnswerMs / 1000, 2),
    latency_ms_from_schedule: summarize(lat),
    latency_ms_2xx: okLat.length ? summarize(okLat) : null,
    statuses,
    errors,
    two_xx_without_receipt: r.noReceipt.length,
    http_503_without_retry_after: r.without503RetryAfter,
    network_errors: r.netErrors,
  };
}

function printSigning(label, f) {
  const l = f.latency_ms_from_schedule;
  console.log(
    `  ${label}: ${fmt(f.achieved_rate)} signatures/s achieved of ${fmt(f.target_rate)} targeted ` +
      `(${fmt(f.ok_2xx)} 2xx of ${fmt(f.requests)} in ${f.wall_s} s; requests left the client at ${fmt(f.issue_rate)}/s)`,
  );
  console.log(
    `    latency from schedule p50 ${fmt(l.p50, 1)} ms  p95 ${fmt(l.p95, 1)} ms  p99 ${fmt(l.p99, 1)} ms  max ${fmt(l.max, 1)} ms`,
  );
  console.log(
    `    statuses ${JSON.stringify(f.statuses)}; errors ${f.errors}` +
      (f.two_xx_without_receipt ? `, ${f.two_xx_without_receipt} 2xx WITHOUT receipt` : '') +
      (f.http_503_without_retry_after
        ? `, ${f.http_503_without_retry_after} 503 without Retry-After`
        : '') +
      (Object.keys(f.network_errors).length ? `, network ${JSON.stringify(f.network_errors)}` : ''),
  );
}

/** Every 2xx receipt in the database exactly once, with the right petition and signer. */
async function verifyReceipts(query, r, petitionOf, keyOf) {
  const expected = new Map();
  for (let i = 0; i < r.n; i++) if (r.receipts[i]) expected.set(r.receipts[i], i);
  const found = new Map();
  const list = [...expected.keys()];
  for (let k = 0; k < list.length; k += 20_000) {
    const rows = await query(
      `SELECT receipt::text AS receipt, petition_id::text AS petition_id, signer_key
         FROM petitions.signatures WHERE receipt = ANY($1::uuid[])`,
      [list.slice(k, k + 20_000)],
    );
    for (const row of rows) found.set(row.receipt, (found.get(row.receipt) ?? []).concat(row));
  }
  let missing = 0;
  let duplicated = 0;
  let mismatched = 0;
  for (const [receipt, i] of expected) {
    const rows = found.get(receipt);
    if (!rows) missing++;
    else if (rows.length > 1) duplicated++;
    else if (rows[0].petition_id !== petitionOf(i) || rows[0].signer_key !== keyOf(i)) mismatched++;
  }
  // Every signer of the run signed once: any row of theirs beyond the acknowledged ones was
  // stored without a 2xx reaching the client (e.g. in flight at the crash).
  const keys = Array.from({ length: r.n }, (_, i) => keyOf(i));
  let stored = 0;
  let signersTwice = 0;
  for (let k = 0; k < keys.length; k += 20_000) {
    const [row] = await query(
      `SELECT count(*)::int AS rows, (count(*) - count(DISTINCT signer_key))::int AS extra
         FROM petitions.signatures WHERE signer_key = ANY($1::text[])`,
      [keys.slice(k, k + 20_000)],
    );
    stored += row.rows;
    signersTwice += row.extra;
  }
  return {
    acknowledged: expected.size,
    found: expected.size - missing,
    missing,
    duplicated,
    mismatched,
    stored_rows_for_these_signers: stored,
    stored_without_2xx: stored - (expected.size - missing),
    signers_with_more_than_one_row: signersTwice,
    ok: missing === 0 && duplicated === 0 && mismatched === 0 && signersTwice === 0,
  };
}

function printVerify(v) {
  console.log(
    `    database: ${fmt(v.found)}/${fmt(v.acknowledged)} receipts found, missing ${v.missing}, duplicated ${v.duplicated}, ` +
      `wrong petition/signer ${v.mismatched}; ${fmt(v.stored_without_2xx)} stored without a 2xx reaching the client` +
      ` → ${v.ok ? 'OK' : 'FAIL'}`,
  );
}

async function counterDrift(query, orgId) {
  const rows = await query(
    `SELECT p.id, p.signature_count::bigint AS kept, (SELECT count(*) FROM petitions.signatures s WHERE s.petition_id = p.id) AS counted
       FROM petitions.petitions p WHERE p.organization_id = $1`,
    [orgId],
  );
  const off = rows.filter((r) => Number(r.kept) !== Number(r.counted));
  return {
    petitions: rows.length,
    drifting: off.length,
    total_difference: off.reduce((s, r) => s + Number(r.counted) - Number(r.kept), 0),
  };
}

// ---------------------------------------------------------------- pgbench
async function runPgbench(url, seconds) {
  const bin = existsSync('/usr/lib/postgresql/15/bin/pgbench')
    ? '/usr/lib/postgresql/15/bin/pgbench'
    : 'pgbench';
  const u = new URL(url);
  const dir = tempDir('pgbench');
  const script = join(dir, 'insert.sql');
  writeFileSync(
    script,
    `\\set p random(1, 100)\n` +
      `INSERT INTO bench_pgbench.signatures (petition_id, signer_key, receipt) VALUES ` +
      `(('00000000-0000-4000-8000-' || lpad(:p::text, 12, '0'))::uuid, md5(:client_id::text || '-' || random()::text || clock_timestamp()::text), gen_random_uuid());\n`,
  );
  const args = [
    '-n',
    '-c',
    '8',
    '-j',
    '2',
    '-T',
    String(seconds),
    '-f',
    script,
    '-h',
    u.hostname,
    '-p',
    u.port || '5432',
    '-U',
    decodeURIComponent(u.username),
    u.pathname.slice(1),
  ];
  // Asynchronous, so that the CPU meter samples the PostgreSQL backends meanwhile.
  const r = await new Promise((resolveRun, reject) => {
    const child = spawn(bin, args, {
      env: { ...process.env, PGPASSWORD: decodeURIComponent(u.password) },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('error', reject);
    child.on('close', (status) => resolveRun({ status, stdout, stderr }));
  });
  if (r.status !== 0) throw new Error(`pgbench failed (${r.status}): ${r.stderr || r.stdout}`);
  const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(r.stdout)?.[1]);
  const latency = Number(/latency average = ([\d.]+) ms/.exec(r.stdout)?.[1]);
  return { command: `pgbench ${args.join(' ')}`, tps: round(tps, 0), latency_avg_ms: latency };
}

// ---------------------------------------------------------------- main
const out = {
  bench: 'petitions',
  node: process.version,
  cpus: cpus().length,
  options: { ...opts, only: opts.only.join(',') },
  transport: opts.transport,
  load_avg_1m_at_start: Number(loadavg()[0].toFixed(2)),
};
const procs = {}; // gateway, identity, petitions (distributed); embedded
const verdicts = [];
const verdict = (name, ok, detail) => verdicts.push({ name, ok, detail });

function serviceEnvBase() {
  const env = { ...process.env, LOG_LEVEL: 'warn', HOST: '127.0.0.1' };
  for (const k of [
    'EVENTS_TRANSPORT',
    'KAFKA_BROKERS',
    'REDIS_URL',
    'SEED_DEMO',
    'SMTP_URL',
    'NODE_ENV',
    'LOG_FORMAT',
    'GATEWAY_MODE',
    'DATABASE_URL',
    'PALABRE_DATA_DIR',
  ])
    delete env[k];
  for (const k of Object.keys(env))
    if (
      k.startsWith('OTEL_') ||
      k.startsWith('npm_') ||
      k.startsWith('FC_') ||
      k.startsWith('SERVICE_URL_') ||
      k.startsWith('PETITIONS_')
    )
      delete env[k];
  return env;
}

async function distributed() {
  const pg = require('pg');
  const admin = new pg.Client({ connectionString: BASE_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${DB_NAME}`);
  await admin.end();
  const url = dbUrl(DB_NAME);
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  const query = async (sql, params) => (await pool.query(sql, params)).rows;
  console.log(`\ndatabase: fresh ${redact(url)}`);
  try {
    if (want('pgbench')) {
      await query(`CREATE SCHEMA bench_pgbench`);
      await query(`CREATE TABLE bench_pgbench.signatures (
        petition_id uuid NOT NULL, signer_key text NOT NULL, receipt uuid NOT NULL UNIQUE,
        signed_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (petition_id, signer_key))`);
      const meter = cpuMeter({});
      const r = await runPgbench(url, opts.pgbenchSeconds);
      const cpu = meter();
      out.pgbench = { ...r, cpu };
      console.log(
        `\n1. raw PostgreSQL single-row unique insert (pgbench -c 8 -j 2 -T ${opts.pgbenchSeconds}, one INSERT per transaction, PK + unique receipt):`,
      );
      console.log(`  ${fmt(r.tps)} inserts/s, latency average ${r.latency_avg_ms} ms`);
      console.log(`  ${formatCpu(cpu)}`);
    }
    if (![...DISTRIBUTED].some(want)) return;

    // ---- the platform, distributed
    const tokens = identityTokens();
    const identitySecret = randomBytes(32).toString('base64');
    const secret = Buffer.from(identitySecret, 'utf8');
    // Identity seals signer cookies with it, the gateway opens them (ADR 0027).
    const sealSecret = randomBytes(32).toString('base64url');
    const dir = tempDir('petitions');
    const [gwPort, idPort, ptPort] = [await freePort(), await freePort(), await freePort()];
    const base = serviceEnvBase();
    const env = {
      identity: {
        ...base,
        ...busEnv,
        DATABASE_URL: url,
        PORT: String(idPort),
        IDENTITY_SECRET: identitySecret,
        SESSION_SEAL_SECRET: sealSecret,
        INTERNAL_TOKEN_KEY: tokens.keyOf('identity'),
      },
      petitions: {
        ...base,
        ...busEnv,
        DATABASE_URL: url,
        PORT: String(ptPort),
        INTERNAL_TOKEN_KEY: tokens.keyOf('petitions'),
      },
      gateway: {
        ...base,
        PORT: String(gwPort),
        GATEWAY_MODE: 'distributed',
        INTERNAL_TOKEN_SECRET: tokens.secret,
        SESSION_SEAL_SECRET: sealSecret,
        SERVICE_URL_IDENTITY: `http://127.0.0.1:${idPort}`,
        SERVICE_URL_PETITIONS: `http://127.0.0.1:${ptPort}`,
        RATE_LIMIT_PER_MINUTE: '1000000000',
      },
    };
    const tag = Date.now().toString(36);
    const cli = spawnSync(
      process.execPath,
      [
        DIST('identity', 'cli.js'),
        'create-organization',
        '--slug',
        'bench',
        '--name',
        'Bench city',
        '--host',
        HOST,
      ],
      { cwd: root, env: env.identity, encoding: 'utf8' },
    );
    if (cli.status !== 0)
      throw new Error(`identity cli create-organization failed: ${cli.stdout}${cli.stderr}`);
    const [{ organization_id: orgId }] = await query(
      `SELECT organization_id FROM identity.organization_hosts WHERE host = $1`,
      [HOST],
    );
    const start = async (name, extraEnv = {}) => {
      const p = spawnNode(
        name,
        DIST(name),
        { ...env[name], ...extraEnv },
        join(dir, `${name}.log`),
        root,
      );
      procs[name] = p;
      const port = { gateway: gwPort, identity: idPort, petitions: ptPort }[name];
      const ms = await waitReady(p, port);
      return ms;
    };
    const t0 = now();
    await Promise.all([start('identity'), start('petitions')]);
    await start('gateway');
    console.log(
      `\nplatform (distributed): gateway :${gwPort}, identity :${idPort}, petitions :${ptPort} ready in ${fmt(now() - t0)} ms; organization ${orgId} on ${HOST}; event bus ${opts.transport}`,
    );

    // ---- citizens and petitions (not measured)
    const R = opts.rate;
    const need = {
      sustained: want('sustained') ? R * opts.duration : 0,
      viral: want('viral') ? R * opts.duration : 0,
      saturation: want('saturation')
        ? saturationRates(opts.saturationStart, opts.saturationSteps).reduce(
            (a, r) => a + r * opts.saturationStep,
            0,
          )
        : 0,
      viewers: want('viewers') ? opts.viewersSignRate * opts.viewersDuration : 0,
      spike: want('spike') ? 10 * R * opts.spikeDuration : 0,
      crash: want('crash') ? R * opts.crashDuration : 0,
    };
    need.warmup = opts.warmup * R;
    const total = Object.values(need).reduce((a, b) => a + b, 0);
    let t = now();
    const signers = makeSigners(secret, total, tag, { secret: sealSecret, orgId });
    const author = await insertAuthor(query, orgId, secret, tag);
    await insertSignerSessions(query, orgId, signers);
    await query(`ANALYZE identity.sessions`);
    const spread = await publishPetitions(gwPort, author, 100, tag);
    const [viralId] = await publishPetitions(gwPort, author, 1, `${tag}-viral`);
    console.log(
      `set-up: ${fmt(total)} signer sessions (one per signature) + 1 FranceConnect-identified org-admin author, ` +
        `101 petitions published through the API, in ${fmt((now() - t) / 1000, 1)} s`,
    );
    out.setup = { signer_sessions: total, petitions: 101, seconds: round((now() - t) / 1000, 1) };
    let nextSigner = 0;
    const take = (n) => {
      const from = nextSigner;
      nextSigner += n;
      return from;
    };
    const meterAll = () =>
      cpuMeter({ gateway: procs.gateway, identity: procs.identity, petitions: procs.petitions });
    // What a scenario left behind (outbox relay, consumers, 503s still retried by nobody but
    // queued work) is not the next one's: wait until the platform and PostgreSQL are idle
    // (under 10 % of a core for a second), at most 30 s.
    const settle = async () => {
      const t0 = now();
      for (;;) {
        const meter = meterAll();
        await sleep(1000);
        const { cpu_pct: c } = meter(0);
        const busy = c.gateway + c.identity + c.petitions + c.postgres;
        if (busy < 10 || now() - t0 > 30_000) {
          console.log(
            `    (settled in ${fmt((now() - t0) / 1000, 0)} s, platform at ${busy}% of a core)`,
          );
          return;
        }
      }
    };
    const progress = (label) => (p) =>
      console.log(
        `    … ${label} ${fmt(p.elapsedS, 0)} s: ${fmt(p.sent)} sent, ${fmt(p.answered)} answered`,
      );
    const sign = (label, rate, durationS, ids) => {
      const from = take(Math.round(rate * durationS));
      const petitionOf = (i) => ids[i % ids.length];
      const keyOf = (i) => signers.keys[from + i];
      const run = openLoopSign({
        port: gwPort,
        host: HOST,
        rate,
        durationS,
        petitionOf,
        cookieOf: (i) => signers.cookies[from + i],
        maxSockets: opts.maxSockets,
        giveUpMs: opts.giveUp * 1000,
        onProgress: progress(label),
      });
      return { run, petitionOf, keyOf };
    };

    // Warm-up (not counted), at the rate measured next: the figures are those of processes
    // in their steady state (hot paths JIT-compiled, pools open), not of their first seconds.
    {
      const w = sign('warm-up', R, opts.warmup, spread);
      const r = await w.run;
      const f = signingFigures(r, R);
      console.log(
        `warm-up: ${fmt(R)}/s for ${opts.warmup} s, ${f.ok_2xx}/${f.requests} 2xx, ${JSON.stringify(f.statuses)}`,
      );
    }

    // ---- 2. sustained
    if (want('sustained')) {
      console.log(
        `\n2. sustained signing: ${fmt(R)}/s for ${opts.duration} s over 100 petitions, distinct signers, open loop`,
      );
      await settle();
      const meter = meterAll();
      const s = sign('sustained', R, opts.duration, spread);
      const r = await s.run;
      const f = signingFigures(r, R);
      f.cpu = meter(f.ok_2xx);
      printSigning('spread', f);
      console.log(`    ${formatCpu(f.cpu, 'signature')}`);
      f.cpu_per_signature = cpuPerOperation(f.cpu, [
        'gateway',
        'identity',
        'petitions',
        'postgres',
      ]);
      console.log(
        `    ${formatCpuPerOperation(f.cpu_per_signature, 'signature', CPU_PER_SIGNATURE_MS)}`,
      );
      f.verify = await verifyReceipts(query, r, s.petitionOf, s.keyOf);
      printVerify(f.verify);
      out.sustained = f;
      const p99 = f.latency_ms_from_schedule.p99;
      verdict(
        `CPU per signature ≤ ${CPU_PER_SIGNATURE_MS} ms (gateway + identity + petitions + PostgreSQL, at ${fmt(R)}/s)`,
        f.cpu_per_signature.total_ms <= CPU_PER_SIGNATURE_MS,
        `${f.cpu_per_signature.total_ms} ms ${JSON.stringify(f.cpu_per_signature.split)}`,
      );
      verdict(
        `sustained: ${fmt(R)}/s held`,
        f.achieved_rate >= R * 0.98,
        `${f.achieved_rate}/s (the aim of issue 4: 2,000/s)`,
      );
      verdict('sustained p99 < 100 ms', p99 < 100, `${p99} ms`);
      verdict('sustained zero errors', f.errors === 0 && f.verify.ok, `${f.errors} errors`);
      if (out.pgbench) {
        out.sustained.ratio_to_pgbench = round(f.achieved_rate / out.pgbench.tps, 3);
        console.log(
          `    beside raw PostgreSQL: ${fmt(f.achieved_rate)} signatures/s vs ${fmt(out.pgbench.tps)} single-row inserts/s = ${fmt(out.sustained.ratio_to_pgbench * 100, 1)}%`,
        );
      }
    }

    // ---- 2b. saturation
    if (want('saturation')) {
      const rates = saturationRates(opts.saturationStart, opts.saturationSteps);
      console.log(
        `\n2b. saturation: signing from ${fmt(rates[0])}/s, +30% every ${opts.saturationStep} s, until p99 ≥ ${SATURATION_P99_MS} ms or an error (at most ${fmt(rates.at(-1))}/s)`,
      );
      const steps = [];
      let best = null;
      for (const rate of rates) {
        await settle();
        const meter = meterAll();
        const s = sign(`saturation ${rate}/s`, rate, opts.saturationStep, spread);
        const r = await s.run;
        const f = signingFigures(r, rate);
        f.cpu = meter(f.ok_2xx);
        f.verify = await verifyReceipts(query, r, s.petitionOf, s.keyOf);
        const p99 = f.latency_ms_from_schedule.p99;
        const clean = p99 < SATURATION_P99_MS && f.errors === 0 && f.verify.ok;
        steps.push({
          rate,
          achieved_rate: f.achieved_rate,
          p99,
          errors: f.errors,
          statuses: f.statuses,
          receipts_ok: f.verify.ok,
          cpu_per_signature: cpuPerOperation(f.cpu, [
            'gateway',
            'identity',
            'petitions',
            'postgres',
          ]).total_ms,
        });
        console.log(
          `  ${fmt(rate)}/s: ${fmt(f.achieved_rate)}/s achieved, p99 ${fmt(p99, 1)} ms, errors ${f.errors}, ` +
            `CPU ${fmt(steps.at(-1).cpu_per_signature, 3)} ms/signature${clean ? '' : ' ← saturated'}`,
        );
        if (!clean) break;
        best = { rate, achieved_rate: f.achieved_rate, p99 };
      }
      const pct =
        best && out.pgbench?.tps ? round((100 * best.achieved_rate) / out.pgbench.tps, 1) : 0;
      out.saturation = { steps, best, pct_of_pgbench: pct, pgbench_tps: out.pgbench?.tps ?? null };
      console.log(
        `  best clean rate ${best ? `${fmt(best.achieved_rate)}/s (p99 ${fmt(best.p99, 1)} ms)` : 'none'}` +
          ` = ${fmt(pct, 1)}% of raw PostgreSQL's ${fmt(out.pgbench?.tps)} single-row inserts/s` +
          (best && best.rate === rates.at(-1)
            ? ' (the last step was still clean: raise --saturation-steps)'
            : ''),
      );
      verdict(
        `saturation ≥ ${SATURATION_MIN_PCT_OF_PGBENCH}% of raw inserts (p99 < ${SATURATION_P99_MS} ms, zero errors)`,
        pct >= SATURATION_MIN_PCT_OF_PGBENCH,
        `${best?.achieved_rate ?? 0}/s = ${pct}% of ${out.pgbench?.tps}/s`,
      );
    }

    // ---- 3. viral
    if (want('viral')) {
      console.log(`\n3. viral petition: ${fmt(R)}/s for ${opts.duration} s, all on one petition`);
      await settle();
      const meter = meterAll();
      const s = sign('viral', R, opts.duration, [viralId]);
      const r = await s.run;
      const f = signingFigures(r, R);
      f.cpu = meter(f.ok_2xx);
      printSigning('viral', f);
      console.log(`    ${formatCpu(f.cpu, 'signature')}`);
      f.verify = await verifyReceipts(query, r, s.petitionOf, s.keyOf);
      printVerify(f.verify);
      out.viral = f;
      if (out.sustained) {
        f.ratio_viral_over_spread = round(f.achieved_rate / out.sustained.achieved_rate, 3);
        console.log(
          `    viral / spread = ${fmt(f.ratio_viral_over_spread * 100, 1)}% (needs ≥ 90%)`,
        );
        verdict(
          'viral ≥ 90% of spread',
          f.ratio_viral_over_spread >= 0.9,
          `${f.ratio_viral_over_spread}`,
        );
      }
    }

    // ---- 4. readers while writing, beside a bare node:http hello-world
    if (want('viewers')) {
      await settle();
      const W = opts.viewersSignRate;
      console.log(
        `\n4. readers while writing: GET /api/petitions/{id} through the gateway's cache, ${opts.viewersConcurrency} in flight (worker thread), ` +
          `${opts.viewersDuration} s, while signing at ${fmt(W)}/s; beside the same readers of a bare node:http hello-world`,
      );
      // The yardstick first, alone, with the same load generator.
      const helloPort = await freePort();
      const hello = spawnNode(
        'hello-world',
        join(root, 'tools/bench/hello-world.mjs'),
        { ...serviceEnvBase(), PORT: String(helloPort) },
        join(dir, 'hello-world.log'),
        root,
      );
      procs.hello = hello;
      let h;
      let helloCpu;
      try {
        await waitReady(hello, helloPort);
        const helloMeter = cpuMeter({ 'hello-world': hello });
        h = await viewers({
          port: helloPort,
          host: HOST,
          ids: [...spread, viralId],
          concurrency: opts.viewersConcurrency,
          durationS: opts.viewersDuration,
        });
        helloCpu = helloMeter(h.requests);
      } finally {
        await stop(hello);
      }
      console.log(
        `  hello-world alone: ${fmt(h.rps)} req/s, p50 ${fmt(h.latency_ms.p50, 2)} ms  p99 ${fmt(h.latency_ms.p99, 2)} ms, ${JSON.stringify(h.statuses)}`,
      );
      // Each page read once before (not counted): what follows is read through the gateway's cache.
      for (const id of [...spread, viralId]) {
        const page = await api(gwPort, 'GET', `/api/petitions/${id}`);
        if (page.status !== 200)
          throw new Error(`GET /api/petitions/${id} through the gateway answered ${page.status}`);
      }
      // What a read costs the gateway, alone (no signing), beside what a request costs
      // hello-world: the rate figure below shares two cores with the load generator and the
      // signing; this one says what the gateway would serve on a core of its own.
      const readsMeter = cpuMeter({ gateway: procs.gateway });
      const alone = await viewers({
        port: gwPort,
        host: HOST,
        ids: [...spread, viralId],
        concurrency: opts.viewersConcurrency,
        durationS: Math.min(5, opts.viewersDuration),
      });
      const readsCpu = readsMeter(alone.requests);
      const readUs = round(readsCpu.cpu_ms_per_unit.gateway * 1000, 1);
      const helloUs = round(helloCpu.cpu_ms_per_unit['hello-world'] * 1000, 1);
      const cpuRatio = helloUs > 0 ? round(readUs / helloUs, 2) : 0;
      console.log(
        `  CPU per read, readers alone: gateway ${fmt(readUs, 1)} µs (${fmt(alone.rps)} req/s), hello-world ${fmt(helloUs, 1)} µs: ratio ${fmt(cpuRatio, 2)}`,
      );
      await settle();
      const meter = meterAll();
      const s = sign('viewers-signing', W, opts.viewersDuration, spread);
      const v = await viewers({
        port: gwPort,
        host: HOST,
        ids: [...spread, viralId],
        concurrency: opts.viewersConcurrency,
        durationS: opts.viewersDuration,
      });
      const r = await s.run;
      const f = signingFigures(r, W);
      const cpu = meter();
      const pct = h.rps ? round((100 * v.rps) / h.rps, 1) : 0;
      console.log(
        `  petition page through the gateway: ${fmt(v.rps)} req/s = ${fmt(pct, 1)}% of hello-world's, p50 ${fmt(v.latency_ms.p50, 2)} ms  p95 ${fmt(v.latency_ms.p95, 2)} ms  p99 ${fmt(v.latency_ms.p99, 2)} ms  max ${fmt(v.latency_ms.max, 1)} ms, ` +
          `${JSON.stringify(v.statuses)}, invalid ${v.invalid}`,
      );
      printSigning('signing meanwhile', f);
      console.log(`    ${formatCpu(cpu)}`);
      f.verify = await verifyReceipts(query, r, s.petitionOf, s.keyOf);
      printVerify(f.verify);
      out.viewers = {
        viewers: v,
        hello_world: h,
        pct_of_hello_world: pct,
        signing: f,
        cpu,
        cpu_per_read_us: { gateway: readUs, hello_world: helloUs, ratio: cpuRatio },
      };
      verdict(
        `readers' CPU per read ≤ ${fmt(100 / READERS_MIN_PCT_OF_HELLO, 1)} × hello-world's (what ${READERS_MIN_PCT_OF_HELLO}% of its rate needs on a core of its own)`,
        cpuRatio > 0 && cpuRatio <= 100 / READERS_MIN_PCT_OF_HELLO,
        `${readUs} µs vs ${helloUs} µs = ${cpuRatio}`,
      );
      verdict(
        `readers ≥ ${READERS_MIN_PCT_OF_HELLO}% of a bare node:http hello-world's rate while signing at ${fmt(W)}/s`,
        pct >= READERS_MIN_PCT_OF_HELLO && v.invalid === 0,
        `${v.rps}/s vs ${h.rps}/s = ${pct}%${v.invalid ? `, ${v.invalid} invalid answers` : ''}`,
      );
      verdict(
        `readers p99 < ${READERS_P99_MS} ms`,
        v.latency_ms.p99 < READERS_P99_MS,
        `${v.latency_ms.p99} ms`,
      );
      verdict(
        `signing at ${fmt(W)}/s held while reading, zero errors`,
        f.errors === 0 && f.verify.ok && f.achieved_rate >= W * 0.98,
        `${f.achieved_rate}/s, ${f.errors} errors`,
      );
    }

    // ---- 5. spike
    if (want('spike')) {
      const rate = 10 * R;
      console.log(`\n5. spike: ${fmt(rate)}/s for ${opts.spikeDuration} s over 100 petitions`);
      const meter = meterAll();
      const s = sign('spike', rate, opts.spikeDuration, spread);
      const r = await s.run;
      const f = signingFigures(r, rate);
      f.cpu = meter(f.ok_2xx);
      printSigning('spike', f);
      console.log(`    ${formatCpu(f.cpu, 'signature')}`);
      const bad5xx = Object.entries(f.statuses)
        .filter(([k]) => /^5\d\d$/.test(k) && k !== '503')
        .reduce((a, [, n]) => a + n, 0);
      f.other_5xx = bad5xx;
      f.unexpected = Object.entries(f.statuses)
        .filter(([k]) => !/^2\d\d$/.test(k) && k !== '503' && k !== '429' && k !== 'no answer')
        .reduce((a, [, n]) => a + n, 0);
      f.unanswered = f.statuses['no answer'] ?? 0;
      f.verify = await verifyReceipts(query, r, s.petitionOf, s.keyOf);
      printVerify(f.verify);
      out.spike = f;
      verdict(
        'spike: only 2xx, 429 or 503 + Retry-After',
        f.unexpected === 0 &&
          f.http_503_without_retry_after === 0 &&
          f.two_xx_without_receipt === 0,
        `${f.unexpected} other answers (${bad5xx} other 5xx), ${f.http_503_without_retry_after} 503 without Retry-After`,
      );
      verdict(
        'spike: every request answered (2xx, 429 or 503) within --give-up',
        f.unanswered === 0,
        `${f.unanswered} without an answer within ${opts.giveUp} s`,
      );
      verdict(
        'spike: every 2xx stored once',
        f.verify.ok,
        `${f.verify.missing} missing, ${f.verify.duplicated} duplicated`,
      );
    }

    // ---- 6. crash
    if (want('crash')) {
      const recountEnv = { PETITIONS_RECOUNT_INTERVAL_MS: '2000' };
      console.log(
        `\n6. crash: signing at ${fmt(R)}/s for ${opts.crashDuration} s; kill -9 of petitions at ${round(opts.crashDuration / 3, 1)} s, restart at once; ` +
          `petitions runs with PETITIONS_RECOUNT_INTERVAL_MS=2000 for this scenario`,
      );
      await stop(procs.petitions);
      await start('petitions', recountEnv);
      const meter = meterAll();
      const s = sign('crash', R, opts.crashDuration, spread);
      await sleep((opts.crashDuration / 3) * 1000);
      const killedAt = now();
      await kill9(procs.petitions);
      const restartMs = await start('petitions', recountEnv);
      console.log(
        `    petitions killed (-9) and back ready in ${fmt(now() - killedAt)} ms (start ${fmt(restartMs)} ms)`,
      );
      const r = await s.run;
      const f = signingFigures(r, R);
      f.cpu = meter(f.ok_2xx);
      f.restart_ms = round(now() - killedAt, 0);
      printSigning('crash run', f);
      console.log(
        `    ${formatCpu(f.cpu, 'signature')} (CPU of the killed petitions process is not counted)`,
      );
      f.verify = await verifyReceipts(query, r, s.petitionOf, s.keyOf);
      printVerify(f.verify);
      f.drift_right_after = await counterDrift(query, orgId);
      const tc = now();
      let drift = f.drift_right_after;
      while (drift.drifting > 0 && now() - tc < 30_000) {
        await sleep(500);
        drift = await counterDrift(query, orgId);
      }
      f.drift_after_recount = drift;
      f.converged_ms = drift.drifting === 0 ? round(now() - tc, 0) : null;
      // A lease still held, unchanged 6 s later while recounts run every 2 s, is the killed
      // process's: no recount can run until it expires.
      const lease = () =>
        query(
          `SELECT holder, until > now() AS held, until FROM petitions.job_leases WHERE name = 'recount'`,
        );
      const l1 = await lease();
      await sleep(6_000);
      const l2 = await lease();
      f.recount_lease = {
        first: l1[0] ?? null,
        six_s_later: l2[0] ?? null,
        stale_held_by_killed_process: !!(
          l1[0]?.held &&
          l2[0]?.held &&
          l1[0].holder === l2[0].holder &&
          String(l1[0].until) === String(l2[0].until)
        ),
      };
      if (f.recount_lease.stale_held_by_killed_process)
        console.log(
          `    recount lease held by the killed process until ${new Date(l2[0].until).toISOString()}: no recount runs before then`,
        );
      console.log(
        `    counters right after the run: ${drift === f.drift_right_after ? '' : ''}${f.drift_right_after.drifting}/${f.drift_right_after.petitions} petitions differ from count(*) ` +
          `(difference ${f.drift_right_after.total_difference}); ` +
          (drift.drifting === 0
            ? `all equal after ${fmt(f.converged_ms)} ms`
            : `STILL ${drift.drifting} differ after 30 s (recount lease: ${JSON.stringify(f.recount_lease)})`),
      );
      out.crash = f;
      verdict(
        'crash: every 2xx stored exactly once',
        f.verify.ok,
        `${f.verify.missing} missing, ${f.verify.duplicated} duplicated`,
      );
      verdict(
        'crash: counts converge to count(*)',
        drift.drifting === 0,
        `${drift.drifting} petitions differ`,
      );
    }
    out.logs = {};
    for (const n of ['gateway', 'identity', 'petitions'])
      out.logs[n] = logSummary(procs[n].logFile);
  } finally {
    for (const n of ['gateway', 'petitions', 'identity']) await stop(procs[n]);
    await pool.end();
  }
}

/** warn/error lines a process logged (LOG_LEVEL=warn keeps only those). */
function logSummary(file) {
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return { lines: 0, top: [] };
  }
  const counts = new Map();
  let lines = 0;
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    lines++;
    let msg = line.slice(0, 160);
    try {
      const j = JSON.parse(line);
      msg = `${j.level ?? '?'}: ${j.msg ?? j.message ?? ''}${j.error ? ` (${String(j.error).slice(0, 120)})` : ''}`;
    } catch {
      // not JSON
    }
    counts.set(msg, (counts.get(msg) ?? 0) + 1);
  }
  return {
    lines,
    top: [...counts.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5)
      .map(([m, n]) => ({ n, m })),
  };
}

// ---------------------------------------------------------------- 7. embedded
async function embedded() {
  const rate = opts.embeddedRate;
  const dur = opts.embeddedDuration;
  console.log(
    `\n7. embedded mode (PGlite, one process: dist/apps/gateway/src/main.js): signing at ${fmt(rate)}/s for ${dur} s over 100 petitions`,
  );
  const dir = tempDir('petitions-embedded');
  const dataDir = join(dir, 'data');
  const port = await freePort();
  const env = {
    ...serviceEnvBase(),
    PORT: String(port),
    PALABRE_DATA_DIR: dataDir,
    RATE_LIMIT_PER_MINUTE: '1000000000',
    // Given, so that the bench seals its signers' cookies as identity would (ADR 0027).
    SESSION_SEAL_SECRET: randomBytes(32).toString('base64url'),
  };
  const logFile = join(dir, 'embedded.log');
  // First start: migrations, the demo organization on 127.0.0.1, the identity key.
  // A signal from outside (another job on the machine) is retried once, and said.
  const startEmbedded = async () => {
    for (let attempt = 1; ; attempt++) {
      const q = spawnNode('embedded', DIST('gateway'), env, logFile, root);
      procs.embedded = q;
      try {
        await waitReady(q, port);
        return q;
      } catch (error) {
        if (attempt > 1 || !q.exited?.signal) throw error;
        console.log(
          `  the embedded process was stopped by ${q.exited.signal} from outside before ready; starting it again`,
        );
        out.embedded_restarted_after_signal = q.exited.signal;
      }
    }
  };
  let p = await startEmbedded();
  await stop(p);
  const secret = Buffer.from(
    readFileSync(join(dataDir, 'secrets', 'identity.key'), 'utf8').trim(),
    'utf8',
  );
  const tag = `e${Date.now().toString(36)}`;
  const n = rate * dur;
  const { PGlite } = await import(require.resolve('@electric-sql/pglite'));
  const lite = await PGlite.create({ dataDir: join(dataDir, 'pglite') });
  const query = async (sql, params) => (await lite.query(sql, params)).rows;
  const [{ organization_id: orgId }] = await query(
    `SELECT organization_id FROM identity.organization_hosts WHERE host = $1`,
    [HOST],
  );
  const signers = makeSigners(secret, n + 3 * Math.min(100, rate), tag, {
    secret: env.SESSION_SEAL_SECRET,
    orgId,
  });
  const author = await insertAuthor(query, orgId, secret, tag);
  await insertSignerSessions(query, orgId, signers, 5_000);
  await lite.close();
  p = await startEmbedded();
  const ids = await publishPetitions(port, author, 100, tag);
  let from = 0;
  const run = (r, d) => {
    const base = from;
    from += r * d;
    return openLoopSign({
      port,
      host: HOST,
      rate: r,
      durationS: d,
      petitionOf: (i) => ids[i % ids.length],
      cookieOf: (i) => signers.cookies[base + i],
      maxSockets: opts.maxSockets,
      giveUpMs: opts.giveUp * 1000,
      onProgress: (x) =>
        console.log(
          `    … embedded ${fmt(x.elapsedS, 0)} s: ${fmt(x.sent)} sent, ${fmt(x.answered)} answered`,
        ),
    });
  };
  const w = signingFigures(await run(Math.min(100, rate), 3), Math.min(100, rate));
  console.log(`  warm-up: ${w.ok_2xx}/${w.requests} 2xx`);
  const meter = cpuMeter({ embedded: p });
  const f = signingFigures(await run(rate, dur), rate);
  f.cpu = meter(f.ok_2xx);
  printSigning('embedded', f);
  console.log(`    ${formatCpu(f.cpu, 'signature')}`);
  f.log = logSummary(logFile);
  await stop(p);
  out.embedded = f;
}

async function main() {
  const startedAt = now();
  console.log(
    `bench:petitions: gateway + identity + petitions as separate processes, real PostgreSQL; then embedded (PGlite). ` +
      `${cpus().length} CPUs, node ${process.version}; scenarios: ${opts.only.join(', ')}${opts.quick ? ' (--quick)' : ''}`,
  );
  const startLoad = loadNote();
  console.log(`  ${startLoad}`);
  if (opts.build) {
    console.log(`  build: ${fmt(buildDist())} ms`);
  } else {
    for (const app of ['gateway', 'identity', 'petitions'])
      if (!existsSync(DIST(app)))
        throw new Error(`${DIST(app)} does not exist: run without --skip-build`);
  }
  if (want('pgbench') || [...DISTRIBUTED].some(want)) await distributed();
  if (want('embedded')) await embedded();

  console.log('\nsummary');
  if (out.pgbench) console.log(`  raw PostgreSQL single-row inserts   ${fmt(out.pgbench.tps)}/s`);
  const line = (label, f) =>
    f &&
    console.log(
      `  ${label.padEnd(36)}${fmt(f.achieved_rate)}/s of ${fmt(f.target_rate)}, p99 ${fmt(f.latency_ms_from_schedule.p99, 1)} ms, errors ${fmt(f.errors)}` +
        (out.pgbench && f.achieved_rate
          ? ` (${fmt((100 * f.achieved_rate) / out.pgbench.tps, 1)}% of raw inserts)`
          : ''),
    );
  line('sustained (100 petitions)', out.sustained);
  line('viral (1 petition)', out.viral);
  if (out.viral?.ratio_viral_over_spread != null)
    console.log(
      `  viral / spread                      ${fmt(out.viral.ratio_viral_over_spread * 100, 1)}%`,
    );
  if (out.sustained?.cpu_per_signature)
    console.log(
      `  ${formatCpuPerOperation(out.sustained.cpu_per_signature, 'signature', CPU_PER_SIGNATURE_MS)}`,
    );
  if (out.saturation)
    console.log(
      `  saturation                          ${fmt(out.saturation.best?.achieved_rate ?? 0)}/s clean = ${fmt(out.saturation.pct_of_pgbench, 1)}% of raw inserts`,
    );
  if (out.viewers)
    console.log(
      `  readers while signing               ${fmt(out.viewers.viewers.rps)} GET/s (${fmt(out.viewers.pct_of_hello_world, 1)}% of hello-world's ${fmt(out.viewers.hello_world.rps)}/s), p99 ${fmt(out.viewers.viewers.latency_ms.p99, 2)} ms; signing meanwhile ${fmt(out.viewers.signing.achieved_rate)}/s p99 ${fmt(out.viewers.signing.latency_ms_from_schedule.p99, 1)} ms`,
    );
  if (out.spike)
    console.log(
      `  spike ${fmt(out.spike.target_rate)}/s                       ${JSON.stringify(out.spike.statuses)}; receipts ${out.spike.verify.ok ? 'all stored once' : 'FAIL'}`,
    );
  if (out.crash)
    console.log(
      `  crash                               ${JSON.stringify(out.crash.statuses)}; receipts ${out.crash.verify.ok ? 'all stored once' : 'FAIL'}; ` +
        `counters ${out.crash.drift_after_recount.drifting === 0 ? `converged in ${fmt(out.crash.converged_ms)} ms` : 'DID NOT converge'}`,
    );
  line('embedded (PGlite)', out.embedded);
  console.log('\nfigures (issues 4 and 17)');
  for (const v of verdicts) console.log(`  ${metOrMiss(v.ok)}  ${v.name}: ${v.detail}`);
  out.verdicts = verdicts;
  out.load_avg_1m_at_end = Number(loadavg()[0].toFixed(2));
  const broken = [out.sustained, out.viral, out.viewers?.signing, out.spike, out.crash].some(
    (f) => f && (!f.verify?.ok || f.two_xx_without_receipt > 0),
  );
  out.ok = !broken && verdicts.every((v) => v.ok);
  console.log(
    `\nbench:petitions ${out.ok ? 'done, every figure met' : 'done, some figures missed or checks failed'} in ${fmt((now() - startedAt) / 1000, 1)} s ` +
      `(at the start: ${startLoad}; at the end: ${loadavg()[0].toFixed(2)})`,
  );
}

for (const sig of ['SIGINT', 'SIGTERM'])
  process.on(sig, () => {
    console.log(`\nbench:petitions interrupted (${sig}); stopping the platform.`);
    process.exit(130);
  });

try {
  await main();
  console.log(JSON.stringify(out));
} catch (error) {
  console.error(`\nbench:petitions failed: ${error.stack ?? error.message}`);
  for (const p of Object.values(procs))
    if (p && !error.message.includes('log tail'))
      console.error(`--- ${p.name} log tail ---\n${logTail(p.logFile, 10)}`);
  console.log(JSON.stringify({ ...out, error: error.message, ok: false }));
  process.exitCode = 1;
} finally {
  for (const p of Object.values(procs)) await stop(p);
  removeTempDirs();
}
process.exit(process.exitCode ?? (out.ok ? 0 : 1));
