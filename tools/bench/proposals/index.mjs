#!/usr/bin/env node
// Proposals at scale (issue 6): the proposals service alone as its own
// process (`node dist/apps/proposals/src/main.js`) on a real PostgreSQL, with
// one component holding 100,000 proposals and 1,000,000 supports loaded in
// bulk SQL (not measured as API work), then:
//
//   list      first page of filtered, sorted lists (most voted + state,
//             newest + area, random with a seed, most commented + state +
//             area), open loop at --list-rate req/s for --duration s:
//             p99 target < 50 ms;
//   search    French/English full-text search (the list filtered by q,
//             newest first: the API's default), open loop at --search-rate
//             req/s: p99 target < 100 ms; then sort=relevance (every match
//             ranked) at a fifth of the rate, shown without a target;
//   votes     supports through the API, closed loop with --concurrency
//             requests in flight: fresh voters each fire --attempts supports
//             at once with a limit of 10 per person; target ≥ 1,000 supports
//             stored per second, and afterwards every voter holds exactly 10
//             and every counter equals its rows; CPU per stored support
//             summed over proposals and PostgreSQL (issue 17: met when
//             ≤ 1.0 ms).
//
//   npm run bench:proposals -- [--duration 20] [--list-rate 200] [--search-rate 100]
//        [--votes-duration 20] [--concurrency 128] [--attempts 12] [--skip-build] [--keep]
//        [--proposals 100000] [--votes 1000000]
//        [--phases list,search,votes] (run some of the three measures only)
//        [--transport postgres|kafka]
//
// --transport: the service's event bus (postgres by default); kafka needs
// KAFKA_BROKERS (and KAFKA_SSL, KAFKA_SASL_* as a service would have them),
// e.g. from `eval "$(bash ../shared/kafka/start.sh)"`.
//
// A short run that checks everything works:
//   npm run bench:proposals -- --phases votes --votes-duration 5 --proposals 10000 --votes 50000
//
// Spaces is not running: the service decides from its local copy of the
// component's settings (the path taken without SERVICE_URL_SPACES); with
// spaces, its answer is cached per person for 2 s, so a voter's first
// support costs one more internal call. Identity tokens are minted here with
// the key pair given to the service, as the gateway would.
//
// Database: a fresh `palabre_bench_proposals` next to BENCH_DATABASE_URL (or
// TEST_DATABASE_URL; default postgres://palabre:palabre@127.0.0.1:5432/palabre_bench),
// dropped at the end unless --keep. Output: human lines, then one JSON line.
import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import { join } from 'node:path';

import {
  buildDist,
  cpuPerOperation,
  fmt,
  formatCpuPerOperation,
  freePort,
  loadNote,
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

const require = createRequire(join(root, 'package.json'));
const pg = require('pg');

// ---------------------------------------------------------------- options
function parseArgs(argv) {
  const o = {
    duration: 20,
    listRate: 200,
    searchRate: 100,
    votesDuration: 20,
    concurrency: 128,
    attempts: 12,
    build: true,
    keep: false,
    proposals: 100_000,
    votes: 1_000_000,
    phases: new Set(['list', 'search', 'votes']),
    transport: 'postgres',
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const num = () => {
      const v = Number(argv[++i]);
      if (!Number.isFinite(v) || v <= 0) throw new Error(`${a} needs a positive number`);
      return v;
    };
    if (a === '--duration') o.duration = num();
    else if (a === '--list-rate') o.listRate = num();
    else if (a === '--search-rate') o.searchRate = num();
    else if (a === '--votes-duration') o.votesDuration = num();
    else if (a === '--concurrency') o.concurrency = num();
    else if (a === '--attempts') o.attempts = num();
    else if (a === '--proposals') o.proposals = num();
    else if (a === '--votes') o.votes = num();
    else if (a === '--phases') {
      o.phases = new Set(String(argv[++i]).split(','));
      for (const ph of o.phases)
        if (!['list', 'search', 'votes'].includes(ph))
          throw new Error(`--phases takes list,search,votes (got ${ph})`);
    } else if (a === '--transport') o.transport = argv[++i];
    else if (a === '--skip-build') o.build = false;
    else if (a === '--keep') o.keep = true;
    else if (a === '--help' || a === '-h') {
      console.log(
        'usage: node tools/bench/proposals/index.mjs [--duration 20] [--list-rate 200] [--search-rate 100]\n' +
          '         [--votes-duration 20] [--concurrency 128] [--attempts 12] [--proposals 100000] [--votes 1000000]\n' +
          '         [--phases list,search,votes] [--skip-build] [--keep] [--transport postgres|kafka]\n' +
          'env: BENCH_DATABASE_URL or TEST_DATABASE_URL (default postgres://palabre:palabre@127.0.0.1:5432/palabre_bench);\n' +
          '     KAFKA_BROKERS (and KAFKA_SSL, KAFKA_SASL_*) with --transport kafka',
      );
      process.exit(0);
    } else throw new Error(`unknown option ${a} (try --help)`);
  }
  // Loaded supports go three among the first 2,000 proposals (the popular ones), the rest among the others.
  if (o.proposals < 10_000) throw new Error('--proposals must be at least 10000');
  return o;
}

let opts;
let busEnv; // EVENTS_TRANSPORT (and KAFKA_*) of the service
try {
  opts = parseArgs(process.argv.slice(2));
  busEnv = transportEnv(opts.transport);
} catch (error) {
  console.error(`bench:proposals: ${error.message}`);
  process.exit(64);
}

const BASE_URL =
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  'postgres://palabre:palabre@127.0.0.1:5432/palabre_bench';
// Another name (BENCH_PROPOSALS_DB) lets two runs share one server.
const DB_NAME = process.env.BENCH_PROPOSALS_DB ?? 'palabre_bench_proposals';
const dbUrl = () => {
  const u = new URL(BASE_URL);
  u.pathname = `/${DB_NAME}`;
  return u.toString();
};
const redact = (url) => url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
const VOTE_LIMIT = 10;
const AREAS = ['Nord', 'Sud', 'Est', 'Ouest', 'Centre', 'Gare', 'Port', 'Plateau'];
const WORDS_FR = [
  'école',
  'jardin',
  'parc',
  'arbre',
  'piste',
  'cyclable',
  'banc',
  'fontaine',
  'éclairage',
  'marché',
  'bibliothèque',
  'gymnase',
  'trottoir',
  'place',
  'quartier',
  'canal',
  'musée',
  'sécurité',
  'propreté',
  'compost',
  'potager',
  'crèche',
  'toilettes',
  'stationnement',
  'bus',
  'tramway',
  'fresque',
  'terrain',
  'piscine',
  'rue',
  'route',
  'enfants',
  'aînés',
  'jeunes',
  'culture',
  'sport',
  'santé',
  'énergie',
  'solaire',
  'ombre',
  'eau',
  'propre',
  'vélo',
  'piéton',
];
const WORDS_EN = [
  'school',
  'garden',
  'park',
  'tree',
  'bike',
  'lane',
  'bench',
  'fountain',
  'lighting',
  'market',
  'library',
  'gym',
  'sidewalk',
  'square',
  'district',
  'museum',
  'safety',
  'compost',
  'playground',
  'parking',
  'bus',
  'mural',
  'pool',
  'street',
  'children',
  'elderly',
  'youth',
  'sport',
  'health',
  'energy',
  'solar',
  'shade',
  'water',
  'clean',
  'walking',
];
const SEARCHES = [
  'école',
  'ecoles',
  'jardin partagé',
  'piste cyclable',
  'fontaine',
  'arbres',
  'bibliothèque',
  'garden',
  'bike lane',
  'playground',
  'solar energy',
  'éclairage solaire',
  'marché',
  'piscine',
];

// ---------------------------------------------------------------- tokens
/** Minted by the gateway's code (dist/), once the build has run. */
let tokens;
/** The gateway's identity token for `who` (60 s), as proposals receives it. */
const token = (org, userId) =>
  tokens.mint(
    { organizationId: org, userId, displayName: userId ? 'Bench voter' : undefined },
    'proposals',
  );

// ---------------------------------------------------------------- HTTP load
const agent = new Agent({ keepAlive: true, maxSockets: 512 });
function call(port, method, path, tok) {
  return new Promise((resolve) => {
    const t0 = now();
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent,
        headers: { 'x-palabre-identity': tok, accept: 'application/json' },
        timeout: 30_000,
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode, ms: now() - t0, body: Buffer.concat(chunks) }),
        );
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve({ status: 0, ms: now() - t0, body: null }));
    req.end();
  });
}

/** Open loop: request i leaves at t0 + i / rate; latency counts from that time. */
async function openLoop(port, rate, durationS, pathOf, tokenOf) {
  const n = Math.round(rate * durationS);
  const lat = new Float64Array(n);
  const statuses = new Map();
  const t0 = now();
  const pending = [];
  for (let i = 0; i < n; i++) {
    const at = t0 + (i * 1000) / rate;
    const wait = at - now();
    if (wait > 1) await sleep(wait);
    pending.push(
      call(port, 'GET', pathOf(i), tokenOf()).then((r) => {
        lat[i] = now() - at;
        statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
      }),
    );
  }
  await Promise.all(pending);
  lat.sort();
  return {
    requests: n,
    achievedRate: round(n / ((now() - t0) / 1000), 1),
    statuses: Object.fromEntries(statuses),
    p50: round(percentile(lat, 50), 1),
    p95: round(percentile(lat, 95), 1),
    p99: round(percentile(lat, 99), 1),
    max: round(lat.at(-1), 1),
  };
}

/** Closed loop: `concurrency` requests always in flight for `durationS`: what the service can do here. */
async function capacity(port, concurrency, durationS, pathOf, tokenOf) {
  const lat = [];
  let i = 0;
  const t0 = now();
  const end = t0 + durationS * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (now() < end) {
        const r = await call(port, 'GET', pathOf(i++), tokenOf());
        if (r.status === 200) lat.push(r.ms);
      }
    }),
  );
  lat.sort((a, b) => a - b);
  return {
    perSecond: round(lat.length / ((now() - t0) / 1000), 0),
    p50: round(percentile(lat, 50), 1),
  };
}

const verdict = (ok) => metOrMiss(ok).trim();
/** Issue 17: CPU per support, summed over the services involved and PostgreSQL. */
const CPU_PER_SUPPORT_MS = 1.0;

/**
 * One read figure: what the service serves with 16 requests always in flight
 * (beyond it, an open loop queues), then an open loop at `rate` for the
 * phase's duration with the CPU it cost, against a p99 target; printed and returned.
 */
async function readPhase(port, rate, pathOf, tokenOf, targetP99Ms) {
  const cap = await capacity(port, 16, 5, pathOf, tokenOf);
  console.log(
    `  capacity here (16 in flight, 5 s): ${fmt(cap.perSecond)} req/s, p50 ${cap.p50} ms`,
  );
  const meter = cpuMeter({ proposals: proc });
  const r = await openLoop(port, rate, opts.duration, pathOf, tokenOf);
  const cpu = meter(r.requests);
  const met = r.p99 < targetP99Ms && (r.statuses[200] ?? 0) === r.requests;
  console.log(
    `  p50 ${r.p50} ms, p95 ${r.p95} ms, p99 ${r.p99} ms, max ${r.max} ms; statuses ${JSON.stringify(r.statuses)} → ${verdict(met)}`,
  );
  console.log(`  ${formatCpu(cpu, 'request')}`);
  return { ...r, cpu, capacity: cap, target: `< ${targetP99Ms} ms p99`, met };
}

// ---------------------------------------------------------------- main
const out = {
  machine: { cpus: cpus().length },
  transport: opts.transport,
  loadBefore: loadNote(),
};
let proc;
let admin;
async function main() {
  console.log(`bench:proposals — ${loadNote()}`);
  if (opts.build) console.log(`build: ${fmt(buildDist())} ms`);
  tokens = identityTokens();

  admin = new pg.Client({ connectionString: BASE_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${DB_NAME}`);
  const url = dbUrl();
  console.log(`database: fresh ${redact(url)}`);

  // ---- the service, alone (its migrations run at start)
  const port = await freePort();
  const dir = tempDir('proposals');
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    DATABASE_URL: url,
    PORT: String(port),
    INTERNAL_TOKEN_KEY: tokens.keyOf('proposals'),
    LOG_LEVEL: 'warn',
    ...busEnv,
    // The vote writer's settings, to try them: PROPOSALS_VOTE_BATCH, PROPOSALS_WRITER_CONCURRENCY...
    ...Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('PROPOSALS_'))),
  };
  proc = spawnNode(
    'proposals',
    join(root, 'dist/apps/proposals/src/main.js'),
    env,
    join(dir, 'proposals.log'),
    root,
  );
  const readyMs = await waitReady(proc, port);
  console.log(
    `service: proposals on :${port}, ready in ${fmt(readyMs)} ms, event bus ${opts.transport} (log ${dir}/proposals.log)`,
  );

  // ---- bulk load (not measured as API work)
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  const q = async (sql, params) => (await pool.query(sql, params)).rows;
  const org = randomUUID();
  const space = randomUUID();
  const component = randomUUID();
  const settings = { creation_enabled: true, votes_enabled: true, vote_limit: VOTE_LIMIT };
  await q(
    `INSERT INTO proposals.components (component_id, organization_id, space_id, settings, source)
     VALUES ($1, $2, $3, $4, 'event')`,
    [component, org, space, JSON.stringify(settings)],
  );
  let t = now();
  const P = opts.proposals;
  const CHUNK = 25_000;
  for (let from = 1; from <= P; from += CHUNK) {
    await q(
      `INSERT INTO proposals.proposals (organization_id, space_id, component_id, author_id, created_by, author_name,
         title, body, area, state, published_at)
       SELECT $1, $2, $3, a, a, 'Habitant ' || (i % 5000),
              initcap(fr[1 + (i * 7) % nfr]) || ' ' || fr[1 + (i * 13) % nfr] || ' ' || en[1 + (i * 3) % nen] || ' ' || i,
              fr[1 + (i * 17) % nfr] || ' ' || fr[1 + (i * 19) % nfr] || ' pour le quartier, ' ||
                fr[1 + (i * 23) % nfr] || ' et ' || fr[1 + (i * 29) % nfr] || '. ' ||
                en[1 + (i * 31) % nen] || ' ' || en[1 + (i * 37) % nen] || ' for everyone.',
              areas[1 + i % array_length(areas, 1)],
              CASE WHEN i % 10 = 0 THEN 'accepted' WHEN i % 20 = 1 THEN 'rejected'
                   WHEN i % 5 = 2 THEN 'evaluating' END,
              now() - make_interval(secs => i * 30)
         FROM generate_series($4::int, $5::int) i,
              LATERAL (SELECT md5('author' || (i % 20000))::uuid AS a) x,
              (SELECT $6::text[] AS fr, array_length($6::text[], 1) AS nfr,
                      $7::text[] AS en, array_length($7::text[], 1) AS nen, $8::text[] AS areas) w`,
      [org, space, component, from, Math.min(P, from + CHUNK - 1), WORDS_FR, WORDS_EN, AREAS],
    );
  }
  const loadProposalsMs = now() - t;
  console.log(
    `load: ${fmt(P)} proposals in ${fmt(loadProposalsMs / 1000, 1)} s (generated tsvector included)`,
  );

  t = now();
  await q(
    `CREATE UNLOGGED TABLE proposals.bench_ids AS
             SELECT row_number() OVER (ORDER BY id)::int AS n, id FROM proposals.proposals WHERE component_id = $1`,
    [component],
  );
  await q(`CREATE UNIQUE INDEX ON proposals.bench_ids (n)`);
  const V = Math.floor(opts.votes / VOTE_LIMIT); // voters, VOTE_LIMIT supports each
  const VCHUNK = 10_000;
  for (let from = 1; from <= V; from += VCHUNK) {
    // Voter v supports VOTE_LIMIT distinct proposals, more often among the first ones (a skew: some ideas are popular).
    await q(
      `INSERT INTO proposals.votes (proposal_id, voter_id, organization_id, component_id)
       SELECT b.id, md5('voter' || v)::uuid, $1, $2
         FROM generate_series($3::int, $4::int) v, generate_series(0, ${VOTE_LIMIT - 1}) k,
              LATERAL (SELECT CASE WHEN k < 3 THEN 1 + ((v * 31 + k * 977) % 2000)
                                   ELSE 2001 + ((v * 7919 + k * 4729) % ($5::int - 2000)) END AS n) pick
         JOIN proposals.bench_ids b ON b.n = pick.n`,
      [org, component, from, Math.min(V, from + VCHUNK - 1), P],
    );
  }
  await q(
    `INSERT INTO proposals.voter_tallies (component_id, voter_id, organization_id, votes)
     SELECT component_id, voter_id, organization_id, count(*) FROM proposals.votes
      WHERE component_id = $1 GROUP BY 1, 2, 3`,
    [component],
  );
  await q(
    `UPDATE proposals.proposals p SET vote_count = c.n, support_count = c.n
       FROM (SELECT proposal_id, count(*)::int AS n FROM proposals.votes WHERE component_id = $1 GROUP BY 1) c
      WHERE p.id = c.proposal_id`,
    [component],
  );
  await q(
    `UPDATE proposals.proposals SET comment_count = (hashtext(id::text) & 15) WHERE component_id = $1`,
    [component],
  );
  await q(`DROP TABLE proposals.bench_ids`);
  await q(`VACUUM ANALYZE proposals.proposals`);
  await q(`VACUUM ANALYZE proposals.votes`);
  await q(`VACUUM ANALYZE proposals.voter_tallies`);
  const [{ n: voteRows }] = await q(`SELECT count(*)::int AS n FROM proposals.votes`);
  const loadVotesMs = now() - t;
  console.log(
    `load: ${fmt(voteRows)} supports by ${fmt(V)} people in ${fmt(loadVotesMs / 1000, 1)} s (+ tallies, counters, ANALYZE)`,
  );
  out.load = {
    proposals: P,
    votes: voteRows,
    proposalsSeconds: round(loadProposalsMs / 1000),
    votesSeconds: round(loadVotesMs / 1000),
  };

  // Tokens live 60 s: one per 10 s is plenty.
  let anon = token(org);
  const refresh = setInterval(() => (anon = token(org)), 10_000);
  const base = `/components/${component}/proposals`;

  // warm-up
  for (let i = 0; i < 50; i++) await call(port, 'GET', `${base}?sort=newest`, anon);

  // ---- 1. list
  if (opts.phases.has('list')) {
    const lists = [
      () => `${base}?sort=most-voted&state=accepted`,
      () => `${base}?sort=newest&area=Nord`,
      (i) => `${base}?sort=random&seed=${(i * 2654435761) % 2147483647}`,
      () => `${base}?sort=most-commented&state=evaluating&area=Sud`,
      () => `${base}?sort=most-voted`,
    ];
    console.log(
      `\n1. first page of filtered, sorted lists at ${opts.listRate} req/s for ${opts.duration} s (5 shapes in turn)`,
    );
    out.list = await readPhase(
      port,
      opts.listRate,
      (i) => lists[i % lists.length](i),
      () => anon,
      50,
    );
  }

  // ---- 2. search
  if (opts.phases.has('search')) {
    console.log(
      `\n2. full-text search (French and English) at ${opts.searchRate} req/s for ${opts.duration} s`,
    );
    const searchPath = (i) => `${base}?q=${encodeURIComponent(SEARCHES[i % SEARCHES.length])}`;
    out.search = await readPhase(port, opts.searchRate, searchPath, () => anon, 100);

    // relevance ranking (opt-in): every match is ranked, so it is shown, not targeted
    const relevanceRate = Math.max(5, Math.round(opts.searchRate / 5));
    const relevance = await openLoop(
      port,
      relevanceRate,
      Math.max(5, opts.duration / 2),
      (i) => `${base}?sort=relevance&q=${encodeURIComponent(SEARCHES[i % SEARCHES.length])}`,
      () => anon,
    );
    out.relevance = relevance;
    console.log(
      `  (sort=relevance, every match ranked, ${relevanceRate} req/s: p50 ${relevance.p50} ms, p99 ${relevance.p99} ms; no target)`,
    );
  }

  // ---- 3. votes
  if (opts.phases.has('votes')) {
    console.log(
      `\n3. supports through the API: ${opts.concurrency} in flight for ${opts.votesDuration} s; each new voter fires ${opts.attempts} at once (limit ${VOTE_LIMIT})`,
    );
    const ids = (
      await q(
        `SELECT id FROM proposals.proposals
        WHERE component_id = $1 AND state IS DISTINCT FROM 'rejected' ORDER BY rand LIMIT 20000`,
        [component],
      )
    ).map((r) => r.id);
    const [{ s: supportsBefore }] = await q(
      `SELECT sum(support_count)::bigint AS s FROM proposals.proposals WHERE component_id = $1`,
      [component],
    );
    const voters = [];
    const statuses = new Map();
    let stored = 0;
    let inFlight = 0;
    const vt0 = now();
    const deadline = vt0 + opts.votesDuration * 1000;
    const lat = [];
    const meter = cpuMeter({ proposals: proc });
    await new Promise((resolveAll) => {
      let active = 0;
      const nextVoter = () => {
        if (now() >= deadline) {
          if (active === 0) resolveAll();
          return;
        }
        active++;
        const voter = randomUUID();
        voters.push(voter);
        const tok = token(org, voter);
        const start = Math.floor(Math.random() * (ids.length - opts.attempts));
        inFlight += opts.attempts;
        let left = opts.attempts;
        for (let k = 0; k < opts.attempts; k++) {
          call(port, 'POST', `/proposals/${ids[start + k]}/votes`, tok).then((r) => {
            statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
            if (r.status === 201) stored++;
            lat.push(r.ms);
            inFlight--;
            if (--left === 0) {
              active--;
              // keep about `concurrency` requests in flight
              while (inFlight + opts.attempts <= opts.concurrency && now() < deadline) nextVoter();
              if (now() >= deadline && active === 0) resolveAll();
            }
          });
        }
      };
      for (let i = 0; i < Math.max(1, Math.floor(opts.concurrency / opts.attempts)); i++)
        nextVoter();
    });
    const seconds = (now() - vt0) / 1000;
    const cpu = meter(stored);
    const perSupport = cpuPerOperation(cpu, ['proposals', 'postgres']);
    lat.sort((a, b) => a - b);
    const perSecond = stored / seconds;
    // Limits held exactly: every new voter has VOTE_LIMIT supports (they each tried more), tally = rows.
    const [check] = await q(
      `WITH mine AS (SELECT unnest($2::uuid[]) AS voter_id),
          rows AS (SELECT v.voter_id, count(*)::int AS n FROM proposals.votes v JOIN mine USING (voter_id)
                    WHERE v.component_id = $1 GROUP BY v.voter_id)
     SELECT count(*) FILTER (WHERE coalesce(r.n, 0) <> $3)::int AS wrong_count,
            count(*) FILTER (WHERE coalesce(r.n, 0) > $3)::int AS over_limit,
            count(*) FILTER (WHERE coalesce(t.votes, 0) <> coalesce(r.n, 0))::int AS tally_mismatch
       FROM mine m LEFT JOIN rows r USING (voter_id)
       LEFT JOIN proposals.voter_tallies t ON t.component_id = $1 AND t.voter_id = m.voter_id`,
      [component, voters, VOTE_LIMIT],
    );
    const [{ s: supportsAfter }] = await q(
      `SELECT sum(support_count)::bigint AS s FROM proposals.proposals WHERE component_id = $1`,
      [component],
    );
    const [{ n: drift }] = await q(
      `SELECT count(*)::int AS n FROM proposals.proposals p
       LEFT JOIN (SELECT proposal_id, count(*)::int AS n FROM proposals.votes WHERE component_id = $1 GROUP BY 1) c
         ON c.proposal_id = p.id
      WHERE p.component_id = $1 AND (p.support_count <> coalesce(c.n, 0) OR p.vote_count <> coalesce(c.n, 0))`,
      [component],
    );
    const exact =
      check.over_limit === 0 &&
      check.tally_mismatch === 0 &&
      drift === 0 &&
      Number(supportsAfter) - Number(supportsBefore) === stored;
    out.votes = {
      voters: voters.length,
      requests: [...statuses.values()].reduce((a, b) => a + b, 0),
      statuses: Object.fromEntries(statuses),
      stored,
      perSecond: round(perSecond, 0),
      p50: round(percentile(lat, 50), 1),
      p99: round(percentile(lat, 99), 1),
      votersNotAtLimit: check.wrong_count,
      overLimit: check.over_limit,
      tallyMismatch: check.tally_mismatch,
      counterDrift: drift,
      cpu,
      cpu_per_support: perSupport,
      cpu_per_support_met: perSupport.total_ms <= CPU_PER_SUPPORT_MS,
      target: '≥ 1,000 supports/s, limits exact',
      met: perSecond >= 1000 && exact,
      exact,
    };
    console.log(
      `  ${fmt(stored)} supports stored in ${fmt(seconds, 1)} s = ${fmt(perSecond)} /s (p50 ${out.votes.p50} ms, p99 ${out.votes.p99} ms); statuses ${JSON.stringify(out.votes.statuses)}`,
    );
    console.log(
      `  ${fmt(voters.length)} voters: ${check.over_limit} over the limit, ${check.wrong_count} not at exactly ${VOTE_LIMIT} (voters still in flight at the end count here), ${check.tally_mismatch} tallies ≠ rows; ${drift} proposals whose counters ≠ rows → limits ${exact ? 'held exactly' : 'NOT exact'} → ${verdict(out.votes.met)}`,
    );
    console.log(`  ${formatCpu(cpu, 'stored support')}`);
    console.log(`  ${formatCpuPerOperation(perSupport, 'support', CPU_PER_SUPPORT_MS)}`);
  }
  clearInterval(refresh);
  await pool.end();
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(async () => {
    await stop(proc).catch(() => undefined);
    agent.destroy();
    if (admin) {
      if (!opts.keep)
        await admin.query(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`).catch(() => undefined);
      await admin.end().catch(() => undefined);
    }
    removeTempDirs();
    out.loadAfter = loadNote();
    console.log(`\n${loadNote()}`);
    console.log(JSON.stringify(out));
  });
