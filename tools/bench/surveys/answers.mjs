#!/usr/bin/env node
// Surveys (the figures of the surveys issue): a survey with 250,000 answers,
// its export streamed with memory flat, its results p99 < 200 ms once cached.
// The surveys service and the spaces service (which tells surveys about its
// components on the bus and answers who may answer) run as separate processes
// from dist/ on one PostgreSQL; this script calls surveys' API directly with
// identity tokens signed as the gateway signs them.
//
// The survey: the demo's questions (apps/surveys/src/maintenance/demo-content.ts):
// single choice with "other", multiple (three at most), a majority-judgment
// grid of 4 options × 6 grades, a ranking, a matrix, a conditional long text,
// a short text. --http-answers (300) answers go through POST /surveys/:id/answers
// (distinct accounts); the rest are bulk-loaded in SQL in batches (each with a
// distinct random 32-byte token, plausible answers from a fixed-seed
// generator, answered over three weeks), then VACUUM (ANALYZE) as autovacuum
// would have left a table filled over weeks.
//
//   export    GET answers.csv at --small answers (50,000), then answers.csv,
//             answers.json and answers.csv again at --answers (250,000), all
//             in one process (the repeat shows where its memory levels off),
//             each read by a counting sink (the body is not kept): bytes,
//             lines (CSV records, JSON answers), wall time, answers/s, CPU per
//             1,000 answers (surveys, PostgreSQL), and the surveys process's
//             RSS: before, and its peak during the export (VmHWM reset
//             through /proc/<pid>/clear_refs, and VmRSS sampled every 50 ms,
//             printed by tenth of the export). Memory is flat when the peak's
//             growth over "before" does not grow with the answers (rule at
//             FLAT_FACTOR below) and stays under PEAK_DELTA_LIMIT_MB.
//   results   the survey open: the first GET /surveys/:id/results (computed
//             over every answer: time, CPU, peak RSS), checked: answerCount =
//             --answers, the majority-judgment ranking present with every
//             answer in each option's profile. Then the survey is closed
//             (PATCH endsAt in the past: results kept ten minutes): the first
//             GET again, then --requests (500) sequential GETs and --requests
//             GETs by 4 concurrent clients, as a visitor (results published):
//             p50/p95/p99/max and CPU per request (surveys, spaces,
//             PostgreSQL); p99 < 200 ms. Last, the survey open again and read
//             in open loop at --open-rate/s (20) for --open-seconds (15),
//             latency from each request's scheduled time, a reader giving up
//             after GIVE_UP_MS: the cache keeps an open survey's results
//             SURVEYS_RESULTS_REFRESH_MS (5 s), so at each expiry the readers
//             arriving meanwhile wait for a computation; shown, not judged
//             (the figure is "once cached"), with the number of computations
//             the surveys CPU amounts to beside the number one computation
//             shared per refresh would make.
//
//   node tools/bench/surveys/answers.mjs [--answers 250000] [--small 50000]
//        [--http-answers 300] [--requests 500] [--open-rate 20] [--open-seconds 15]
//        [--skip-build] [--keep-db] [--transport postgres|kafka]
//
// --transport: the event bus of spaces and surveys (postgres by default);
// kafka needs KAFKA_BROKERS (and KAFKA_SSL, KAFKA_SASL_* as a service would
// have them), e.g. from `eval "$(bash ../shared/kafka/start.sh)"`.
//
// A short run: --answers 20000 --small 4000 --requests 200 --open-seconds 6
//
// How to read it: the export's "peak RSS − before" is what one export costs in
// memory; if it grew with the answers (5× the answers, 5× the growth) the
// export would buffer; the RSS by tenth of an export climbs steadily then. A
// climb that levels off (the same peak again at the repeat) is the garbage
// collector letting the heap grow before collecting, bounded whatever the
// answers. CPU per 1,000 answers should stay about the same at both sizes.
// "cold" is what a reader waits for when nothing is cached.
//
// Database: a fresh `palabre_bench_surveys` next to BENCH_DATABASE_URL
// (default postgres://palabre:palabre@127.0.0.1:5432/palabre_bench), dropped
// at the end (unless --keep-db). Output: human lines with met/MISS, a summary
// block, then one JSON line with every number.
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';

import {
  buildDist,
  fmt,
  freePort,
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

const require = createRequire(join(root, 'package.json'));
const DIST = (app) => join(root, `dist/apps/${app}/src/main.js`);

// ---------------------------------------------------------------- options
function parseArgs(argv) {
  const o = {
    answers: 250_000,
    small: 50_000,
    httpAnswers: 300,
    requests: 500,
    openRate: 20,
    openSeconds: 15,
    build: true,
    keepDb: false,
    seed: 1,
    transport: 'postgres',
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const int = (min, max) => {
      const v = Number(inline ?? argv[++i]);
      if (!Number.isInteger(v) || v < min || v > max)
        throw new Error(`${flag} expects an integer in ${min}..${max}`);
      return v;
    };
    if (flag === '--answers') o.answers = int(1_000, 10_000_000);
    else if (flag === '--small') o.small = int(100, 10_000_000);
    else if (flag === '--http-answers') o.httpAnswers = int(1, 10_000);
    else if (flag === '--requests') o.requests = int(10, 100_000);
    else if (flag === '--open-seconds') o.openSeconds = int(0, 600);
    else if (flag === '--open-rate') o.openRate = int(1, 10_000);
    else if (flag === '--seed') o.seed = int(0, 2 ** 31);
    else if (flag === '--skip-build') o.build = false;
    else if (flag === '--keep-db') o.keepDb = true;
    else if (flag === '--transport') o.transport = inline ?? argv[++i];
    else if (flag === '--help' || flag === '-h') {
      console.log(
        'usage: node tools/bench/surveys/answers.mjs [--answers 250000] [--small 50000]\n' +
          '         [--http-answers 300] [--requests 500] [--open-rate 20] [--open-seconds 15]\n' +
          '         [--seed 1]\n' +
          '         [--skip-build] [--keep-db] [--transport postgres|kafka]\n' +
          'env: BENCH_DATABASE_URL (default postgres://palabre:palabre@127.0.0.1:5432/palabre_bench),\n' +
          '     BENCH_SURVEYS_DB (default palabre_bench_surveys), SURVEYS_* passed to the service,\n' +
          '     KAFKA_BROKERS (and KAFKA_SSL, KAFKA_SASL_*) with --transport kafka',
      );
      process.exit(0);
    } else throw new Error(`unknown option ${argv[i]} (try --help)`);
  }
  if (o.small >= o.answers) o.small = Math.max(100, Math.floor(o.answers / 5));
  if (o.httpAnswers >= o.small) throw new Error('--http-answers must be below --small');
  return o;
}
let opts;
let busEnv; // EVENTS_TRANSPORT (and KAFKA_*) of the services
try {
  opts = parseArgs(process.argv.slice(2));
  busEnv = transportEnv(opts.transport);
} catch (error) {
  console.error(`bench:surveys: ${error.message}`);
  process.exit(64);
}

const BASE_URL =
  process.env.BENCH_DATABASE_URL ?? 'postgres://palabre:palabre@127.0.0.1:5432/palabre_bench';
const DB_NAME = process.env.BENCH_SURVEYS_DB ?? 'palabre_bench_surveys';
const dbUrl = (() => {
  const u = new URL(BASE_URL);
  u.pathname = `/${DB_NAME}`;
  return u.toString();
})();

/** The issue's figure for results once cached. */
const RESULTS_P99_MS = 200;
/**
 * Memory flat: an export that buffered would grow by about the export's size
 * (5× the answers: 5× the growth). Streaming keeps the growth the same at any
 * size, up to the garbage collector's timing (V8 lets the heap grow before
 * collecting, by an amount that varies from run to run): so the peak's growth
 * at --answers may be at most FLAT_FACTOR × that at --small, plus FLAT_SLACK_MB.
 */
const FLAT_FACTOR = 1.5;
const FLAT_SLACK_MB = 20;
/** And whatever the sizes, one export may cost at most this much memory. */
const PEAK_DELTA_LIMIT_MB = 100;
const BATCH = 5_000;
/** Open loop: a reader without an answer this long after it asked gives up (counted). */
const GIVE_UP_MS = 20_000;
const DAY = 24 * 3600_000;

// ---------------------------------------------------------------- the survey
const SCALE = [
  { fr: 'Excellent', en: 'Excellent' },
  { fr: 'Très bien', en: 'Very good' },
  { fr: 'Bien', en: 'Good' },
  { fr: 'Assez bien', en: 'Fair' },
  { fr: 'Passable', en: 'Poor' },
  { fr: 'À rejeter', en: 'To reject' },
];
const choices = (pairs) => pairs.map(([id, fr, en]) => ({ id, label: { fr, en } }));
/** The demo's school-street consultation (apps/surveys/src/maintenance/demo-content.ts). */
const QUESTIONS = [
  {
    id: 'intro',
    type: 'section',
    title: { fr: 'Vous et la rue Jean-Macé', en: 'You and Jean-Macé street' },
  },
  {
    id: 'lien',
    type: 'single',
    title: { fr: 'Quel est votre lien avec l’école ?', en: 'How are you connected to the school?' },
    mandatory: true,
    options: choices([
      ['parent', 'Parent d’élève', 'Parent of a pupil'],
      ['riverain', 'Riverain', 'Local resident'],
      ['commerce', 'Commerçant', 'Shopkeeper'],
    ]),
    other: true,
  },
  {
    id: 'trajet',
    type: 'multiple',
    title: { fr: 'Comment venez-vous dans la rue ?', en: 'How do you come to the street?' },
    options: choices([
      ['pied', 'À pied', 'On foot'],
      ['velo', 'À vélo', 'By bike'],
      ['voiture', 'En voiture', 'By car'],
      ['bus', 'En bus', 'By bus'],
    ]),
    maxChoices: 3,
  },
  {
    id: 'scenarios',
    type: 'grades',
    title: { fr: 'Jugez chacun des aménagements', en: 'Grade each of the designs' },
    mandatory: true,
    options: choices([
      ['horaires', 'Fermée aux heures d’école', 'Closed at school times'],
      ['journee', 'Fermée toute la journée', 'Closed all day'],
      ['jardin', 'Piétonne et végétalisée', 'Pedestrian with plants'],
      ['rien', 'Ne rien changer', 'Change nothing'],
    ]),
    scale: SCALE,
  },
  {
    id: 'priorites',
    type: 'ranking',
    title: { fr: 'Classez vos priorités', en: 'Rank your priorities' },
    options: choices([
      ['securite', 'La sécurité des enfants', 'Children’s safety'],
      ['calme', 'Le calme', 'Quiet'],
      ['acces', 'L’accès des riverains', 'Residents’ access'],
    ]),
  },
  {
    id: 'moments',
    type: 'matrix_single',
    title: { fr: 'La rue est-elle sûre ?', en: 'Is the street safe?' },
    rows: choices([
      ['matin', 'Le matin', 'In the morning'],
      ['soir', 'En fin d’après-midi', 'In the late afternoon'],
    ]),
    options: choices([
      ['sure', 'Sûre', 'Safe'],
      ['moyenne', 'Moyennement', 'Somewhat'],
      ['dangereuse', 'Dangereuse', 'Dangerous'],
    ]),
  },
  {
    id: 'commerce-impact',
    type: 'long',
    title: {
      fr: 'Commerçants : qu’est-ce qui changerait ?',
      en: 'Shopkeepers: what would change?',
    },
    showIf: { question: 'lien', anyOf: ['commerce'] },
  },
  { id: 'idee', type: 'short', title: { fr: 'Une idée à ajouter ?', en: 'An idea to add?' } },
];
const OPTIONS = ['horaires', 'journee', 'jardin', 'rien'];

// ---------------------------------------------------------------- plausible answers
/** mulberry32: a small fixed-seed generator, so that two runs load the same answers. */
function generator(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
const rand = generator(opts.seed);
const chance = (p) => rand() < p;
const oneOf = (xs) => xs[Math.floor(rand() * xs.length)];
/** An index drawn with these weights. */
const weighted = (weights) => {
  let x = rand() * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < weights.length; i++) if ((x -= weights[i]) < 0) return i;
  return weights.length - 1;
};

/** Grades (0 Excellent … 5 To reject) by who answers: each design gets its own median. */
const GRADE_WEIGHTS = {
  parent: {
    horaires: [30, 35, 20, 8, 4, 3],
    journee: [15, 20, 25, 18, 12, 10],
    jardin: [20, 25, 20, 15, 10, 10],
    rien: [3, 5, 10, 17, 25, 40],
  },
  riverain: {
    horaires: [15, 25, 25, 15, 10, 10],
    journee: [8, 12, 20, 20, 20, 20],
    jardin: [25, 20, 20, 15, 10, 10],
    rien: [10, 10, 15, 20, 20, 25],
  },
  commerce: {
    horaires: [5, 10, 20, 25, 20, 20],
    journee: [2, 5, 10, 18, 25, 40],
    jardin: [5, 10, 15, 20, 25, 25],
    rien: [35, 25, 20, 10, 5, 5],
  },
  other: {
    horaires: [20, 30, 25, 12, 8, 5],
    journee: [10, 18, 25, 20, 15, 12],
    jardin: [20, 20, 20, 15, 15, 10],
    rien: [5, 10, 15, 20, 25, 25],
  },
};
const PRIORITY_WEIGHTS = {
  parent: { securite: 8, calme: 2, acces: 1 },
  riverain: { securite: 3, calme: 4, acces: 4 },
  commerce: { securite: 2, calme: 1, acces: 7 },
  other: { securite: 5, calme: 3, acces: 2 },
};
const OTHER_LINKS = [
  'Enseignant',
  'Grand-parent',
  'Assistante maternelle',
  'Animateur périscolaire',
  'Agent de la ville',
  'Je passe par là',
  'Ancienne élève',
  'Infirmière scolaire',
  'Voisin de la rue d’à côté',
  'Parent d’un futur élève, "bientôt"',
];
const IDEAS = [
  'Des bancs',
  'Un parking vélo',
  'Des jeux peints au sol',
  'Plus d’arbres',
  'Un passage piéton surélevé',
  'Des barrières amovibles',
  'Un agent aux heures de sortie',
  'Des bacs à fleurs, gérés par les enfants',
  'Une fontaine à eau',
  'Un abri pour les parents qui attendent',
  '- moins de voitures',
  '"Zone 20" dans tout le quartier',
];
const IDEA_ENDS = [
  '',
  '',
  ' devant l’école',
  ' près du square',
  ', et vite !',
  ' le mercredi aussi',
];
const SHOP_SENTENCES = [
  'Mes livraisons arrivent entre 8 h et 9 h, pile à l’heure de l’école.',
  'Je perdrais les clients qui s’arrêtent en voiture le matin.',
  'Les parents qui attendent achètent un pain au chocolat : plus de monde à pied, c’est bien pour moi.',
  'Il faudrait une place de livraison au coin de la rue.',
  'Pendant les travaux, prévenez-nous à l’avance, s’il vous plaît.',
  'Une terrasse serait possible si la rue devenait piétonne.',
  'Franchement, je ne vois pas ce que ça changerait.',
];

/** One plausible person's answers, as readAnswers would keep them, and their locale. */
function plausibleAnswer() {
  const who = weighted([45, 35, 12, 8]);
  const group = ['parent', 'riverain', 'commerce', 'other'][who];
  const a = {};
  a.lien = group === 'other' ? { choice: 'other', other: oneOf(OTHER_LINKS) } : { choice: group };
  const modes = [
    ['pied', 0.7],
    ['velo', group === 'parent' ? 0.35 : 0.25],
    ['voiture', group === 'commerce' ? 0.6 : 0.3],
    ['bus', 0.2],
  ]
    .filter(([, p]) => chance(p))
    .map(([id]) => id);
  while (modes.length > 3) modes.splice(Math.floor(rand() * modes.length), 1);
  if (modes.length) a.trajet = { choices: modes };
  const grades = {};
  for (const o of OPTIONS) grades[o] = weighted(GRADE_WEIGHTS[group][o]);
  a.scenarios = { grades };
  if (!chance(0.1)) {
    const left = { ...PRIORITY_WEIGHTS[group] };
    const order = [];
    while (Object.keys(left).length) {
      const ids = Object.keys(left);
      const pick = ids[weighted(ids.map((id) => left[id]))];
      order.push(pick);
      delete left[pick];
    }
    a.priorites = { order };
  }
  if (!chance(0.03)) {
    const rows = { matin: ['sure', 'moyenne', 'dangereuse'][weighted([20, 45, 35])] };
    if (!chance(0.07)) rows.soir = ['sure', 'moyenne', 'dangereuse'][weighted([35, 45, 20])];
    a.moments = { rows };
  }
  if (group === 'commerce' && chance(0.45)) {
    const n = 1 + Math.floor(rand() * 4);
    const text = Array.from({ length: n }, () => oneOf(SHOP_SENTENCES));
    a['commerce-impact'] = { text: text.join(chance(0.3) ? '\n' : ' ') };
  }
  if (chance(0.18)) a.idee = { text: oneOf(IDEAS) + oneOf(IDEA_ENDS) };
  const locale = ['fr', 'en', null][weighted([83, 6, 11])];
  return { answers: a, locale };
}

// ---------------------------------------------------------------- HTTP
const agent = new Agent({ keepAlive: true, maxSockets: 16 });
/** One request; resolves { status, ms (to the last byte), text, json } (json parsed after the clock). */
function call(
  port,
  method,
  path,
  tok,
  body,
  { headers = {}, timeoutMs = 30_000, agent: through = agent } = {},
) {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const t0 = now();
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method,
        agent: through,
        headers: {
          'x-palabre-identity': tok,
          accept: 'application/json',
          ...headers,
          ...(payload
            ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }
            : {}),
        },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const ms = now() - t0;
          const text = Buffer.concat(chunks).toString('utf8');
          let json = null;
          try {
            json = JSON.parse(text);
          } catch {
            // not JSON
          }
          resolve({ status: res.statusCode, ms, text, json });
        });
        res.on('error', reject);
      },
    );
    req.setTimeout(timeoutMs, () =>
      req.destroy(new Error(`${method} ${path}: no answer in ${timeoutMs} ms`)),
    );
    req.on('error', reject);
    req.end(payload);
  });
}
async function must(port, method, path, tok, body, ok = [200, 201]) {
  const r = await call(port, method, path, tok, body);
  if (!ok.includes(r.status))
    throw new Error(`${method} ${path} answered ${r.status}: ${r.text.slice(0, 300)}`);
  return r.json;
}

/**
 * GET `path` into a counting sink (nothing kept): bytes, occurrences of
 * `needle` (CSV: "\r\n" ends a record; JSON: `{"token":"` starts an answer),
 * the first 200 and last 2 characters, time to first byte and to the last.
 * Rejects if the connection is cut before the end (the export failing midway).
 */
function download(port, path, tok, needle) {
  return new Promise((resolve, reject) => {
    const t0 = now();
    let ttfb = NaN;
    let bytes = 0;
    let count = 0;
    let head = '';
    let tail = '';
    let ended = false;
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'GET',
        agent: false,
        headers: { 'x-palabre-identity': tok },
      },
      (res) => {
        ttfb = now() - t0;
        res.on('data', (chunk) => {
          bytes += chunk.length;
          const s = tail + chunk.toString('latin1');
          if (head.length < 200) head += s.slice(0, 200 - head.length);
          for (let i = s.indexOf(needle); i !== -1; i = s.indexOf(needle, i + needle.length))
            count++;
          // What may begin a needle cut in two by the next chunk (never a whole one).
          tail = s.slice(-(needle.length - 1));
        });
        res.on('end', () => {
          ended = true;
          resolve({
            status: res.statusCode,
            contentType: res.headers['content-type'],
            bytes,
            count,
            head: Buffer.from(head, 'latin1').toString('utf8'),
            last: tail.slice(-2),
            ttfb_ms: round(ttfb, 1),
            wall_ms: round(now() - t0, 0),
          });
        });
        res.on('error', reject);
        res.on('close', () => {
          if (!ended) reject(new Error(`${path}: connection closed after ${bytes} bytes`));
        });
      },
    );
    req.setTimeout(300_000, () => req.destroy(new Error(`${path}: no answer in 300 s`)));
    req.on('error', reject);
    req.end();
  });
}

// ---------------------------------------------------------------- memory
const kB = (status, field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
const mb = (kb) => round(kb / 1024, 1);
/**
 * Watches a process's resident memory from now until the returned function is
 * called: its RSS now ("before"), and its peak meanwhile, both from VmHWM
 * (the kernel's high-water mark, reset here by writing 5 to clear_refs, so
 * nothing between two samples is missed) and from VmRSS sampled every 50 ms.
 */
function watchMemory(pid) {
  const read = () => readFileSync(`/proc/${pid}/status`, 'utf8');
  let hwmReset = true;
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
  } catch {
    hwmReset = false;
  }
  const t0 = now();
  const before = kB(read(), 'VmRSS');
  const samples = []; // [ms since t0, kB]
  const timer = setInterval(() => {
    try {
      samples.push([now() - t0, kB(read(), 'VmRSS')]);
    } catch {
      // gone
    }
  }, 50);
  return () => {
    clearInterval(timer);
    const end = read();
    const span = now() - t0;
    const after = kB(end, 'VmRSS');
    const hwm = hwmReset ? kB(end, 'VmHWM') : NaN;
    const sampled = Math.max(before, after, ...samples.map(([, v]) => v));
    const peak = Math.max(sampled, Number.isFinite(hwm) ? hwm : 0);
    // The highest sample in each tenth of the time: a steady climb, or a climb that levels off.
    const tenths = Array.from({ length: 10 }, (_, k) => {
      const inside = samples.filter(([t]) => t >= (k * span) / 10 && t < ((k + 1) * span) / 10);
      return inside.length ? Math.round(Math.max(...inside.map(([, v]) => v)) / 1024) : null;
    });
    return {
      before_mb: mb(before),
      peak_mb: mb(peak),
      peak_delta_mb: mb(peak - before),
      after_mb: mb(after),
      sampled_peak_mb: mb(sampled),
      hwm_mb: hwmReset ? mb(hwm) : null,
      samples: samples.length,
      tenths_mb: tenths,
    };
  };
}

// ---------------------------------------------------------------- main
const out = {
  bench: 'surveys',
  node: process.version,
  cpus: cpus().length,
  options: opts,
  transport: opts.transport,
  load_avg_1m_at_start: Number(loadavg()[0].toFixed(2)),
};
const verdicts = [];
const verdict = (name, ok, detail) => verdicts.push({ name, ok, detail });
const procs = {};
let pool;
let dropDatabase = async () => {};

const summarize = (lat) => {
  const s = Float64Array.from(lat).sort();
  return {
    n: s.length,
    p50: round(percentile(s, 50), 1),
    p95: round(percentile(s, 95), 1),
    p99: round(percentile(s, 99), 1),
    max: round(s.at(-1), 1),
  };
};
const until = async (what, fn, ms = 30_000) => {
  const end = now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
};
const cpuMs = (cpu, name) => round(cpu.cpu_ms_per_unit?.[name] ?? NaN, 3);

async function main() {
  console.log(`bench:surveys — ${loadNote()}`);
  if (opts.build) console.log(`build: ${fmt(buildDist())} ms`);
  const tokens = identityTokens(3_600);
  const token = (identity) => tokens.mint(identity, 'surveys');
  const pg = require('pg');
  const admin = new pg.Client({ connectionString: BASE_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${DB_NAME}`);
  await admin.end();
  if (!opts.keepDb)
    dropDatabase = async () => {
      const c = new pg.Client({ connectionString: BASE_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
      await c.end();
    };
  pool = new pg.Pool({ connectionString: dbUrl, max: 3 });
  const query = async (sql, params) => (await pool.query(sql, params)).rows;

  // ---- spaces, then surveys (it declares its component type to spaces on the bus)
  const dir = tempDir('surveys');
  const spPort = await freePort();
  const svPort = await freePort();
  const env = { ...process.env, LOG_LEVEL: 'warn', DATABASE_URL: dbUrl };
  for (const k of Object.keys(env))
    if (['npm_', 'OTEL_', 'SERVICE_URL_', 'FC_'].some((p) => k.startsWith(p))) delete env[k];
  for (const k of ['EVENTS_TRANSPORT', 'KAFKA_BROKERS', 'REDIS_URL', 'SMTP_URL', 'SEED_DEMO'])
    delete env[k];
  Object.assign(env, busEnv);
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
  procs.surveys = spawnNode(
    'surveys',
    DIST('surveys'),
    {
      ...env,
      PORT: String(svPort),
      SERVICE_URL_SPACES: `http://127.0.0.1:${spPort}`,
      INTERNAL_TOKEN_KEY: tokens.keyOf('surveys'),
      // The service's own settings, to try them (SURVEYS_RESULTS_REFRESH_MS...).
      ...Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('SURVEYS_'))),
    },
    join(dir, 'surveys.log'),
    root,
  );
  await waitReady(procs.surveys, svPort);
  const refreshMs = Number(process.env.SURVEYS_RESULTS_REFRESH_MS ?? 5_000);
  console.log(
    `spaces :${spPort}, surveys :${svPort} (pid ${procs.surveys.pid}), PostgreSQL ${dbUrl.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')}, event bus ${opts.transport} (logs in ${dir})`,
  );
  const meter = () =>
    cpuMeter({ surveys: procs.surveys, spaces: procs.spaces }, { postgresDatabase: DB_NAME });

  // ---- an assembly with a surveys component, known to surveys (spaces' events)
  const org = randomUUID();
  const adminTok = token({
    organizationId: org,
    userId: randomUUID(),
    grants: [{ role: 'org-admin' }],
  });
  const visitorTok = token({ organizationId: org });
  await until('the surveys component type in spaces', async () =>
    (await call(spPort, 'GET', '/component-types', adminTok)).json?.items?.some(
      (x) => x.type === 'surveys',
    ),
  );
  const space = await must(spPort, 'POST', '/', adminTok, {
    kind: 'assembly',
    slug: `bench-surveys-${randomUUID().slice(0, 6)}`,
    title: { fr: 'Rue scolaire Jean-Macé', en: 'Jean-Macé school street' },
  });
  await must(spPort, 'POST', `/${space.id}/publish`, adminTok);
  const component = await must(spPort, 'POST', `/${space.id}/components`, adminTok, {
    type: 'surveys',
    name: { fr: 'Consultations', en: 'Consultations' },
  });
  await until('the space and its component in surveys', async () => {
    const [c] = await query(`SELECT 1 FROM surveys.components WHERE component_id = $1`, [
      component.id,
    ]);
    const [s] = await query(
      `SELECT 1 FROM surveys.spaces WHERE space_id = $1 AND state = 'published'`,
      [space.id],
    );
    return c && s;
  });

  // ---- the survey, open for three weeks so far and one more to come
  const survey = await must(svPort, 'POST', `/components/${component.id}/surveys`, adminTok, {
    title: { fr: 'Rue scolaire Jean-Macé : votre avis', en: 'Jean-Macé school street' },
    questions: QUESTIONS,
    startsAt: new Date(Date.now() - 22 * DAY).toISOString(),
    endsAt: new Date(Date.now() + 7 * DAY).toISOString(),
  });
  const id = survey.id;
  await must(svPort, 'POST', `/surveys/${id}/publish`, adminTok);
  await must(svPort, 'POST', `/surveys/${id}/results/publish`, adminTok);
  console.log(`survey ${id}: ${QUESTIONS.length} questions, published with its results`);

  // ---- answers through the API: distinct accounts, 8 at a time
  {
    const n = opts.httpAnswers;
    const cpu = meter();
    const lat = [];
    const statuses = {};
    let next = 0;
    const t = now();
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < n) {
          next++;
          const { answers, locale } = plausibleAnswer();
          const tok = token({ organizationId: org, userId: randomUUID(), displayName: 'Camille' });
          const r = await call(
            svPort,
            'POST',
            `/surveys/${id}/answers`,
            tok,
            { answers },
            { headers: locale ? { 'accept-language': locale } : {} },
          );
          statuses[r.status] = (statuses[r.status] ?? 0) + 1;
          if (r.status !== 201 && !statuses.firstError) statuses.firstError = r.text.slice(0, 300);
          lat.push(r.ms);
        }
      }),
    );
    const wall = (now() - t) / 1000;
    const c = cpu(n);
    out.http_answers = { n, statuses, latency_ms: summarize(lat), wall_s: round(wall, 2), cpu: c };
    console.log(
      `\n${fmt(n)} answers through POST /surveys/:id/answers (8 at a time) in ${round(wall, 2)} s: statuses ${JSON.stringify(statuses)}; latency p50 ${out.http_answers.latency_ms.p50} ms, p99 ${out.http_answers.latency_ms.p99} ms`,
    );
    console.log(`  ${formatCpu(c, 'answer')}`);
    verdict(
      'answers through the API accepted (201)',
      statuses[201] === n,
      JSON.stringify(statuses),
    );
  }

  // ---- bulk answers in SQL, in batches of BATCH (generated here while the previous one is written)
  let loaded = opts.httpAnswers;
  const t0Answered = Date.now() - 21 * DAY;
  const loadTo = async (target) => {
    const t = now();
    const from = loaded;
    let pending = Promise.resolve();
    while (loaded < target) {
      const n = Math.min(BATCH, target - loaded);
      const rows = [];
      for (let k = 0; k < n; k++) {
        const i = loaded + k;
        const { answers, locale } = plausibleAnswer();
        // Answered over three weeks, in order, a few seconds apart on average.
        const at = t0Answered + ((i + rand()) / opts.answers) * 20.9 * DAY;
        rows.push({
          t: randomBytes(32).toString('hex'),
          a: answers,
          l: locale,
          at: new Date(at).toISOString(),
        });
      }
      const json = JSON.stringify(rows);
      await pending;
      pending = query(
        `INSERT INTO surveys.answers (organization_id, survey_id, token, answers, locale, answered_at)
         SELECT $1, $2, decode(x.t, 'hex'), x.a, x.l, x.at
           FROM json_to_recordset($3::json) AS x(t text, a jsonb, l text, at timestamptz)`,
        [org, id, json],
      );
      loaded += n;
    }
    await pending;
    const insertS = (now() - t) / 1000;
    const tv = now();
    await query(`VACUUM (ANALYZE) surveys.answers`);
    const [{ n: rows }] = await query(
      `SELECT count(*)::int AS n FROM surveys.answers WHERE survey_id = $1`,
      [id],
    );
    if (rows !== target) throw new Error(`${rows} answers in the database, expected ${target}`);
    const [{ size }] = await query(
      `SELECT pg_total_relation_size('surveys.answers')::bigint AS size`,
    );
    console.log(
      `\nloaded ${fmt(target - from)} answers in SQL in ${round(insertS, 1)} s (${fmt((target - from) / insertS)}/s), VACUUM (ANALYZE) ${round((now() - tv) / 1000, 1)} s: ${fmt(rows)} answers, table + indexes ${fmt(Number(size) / 2 ** 20)} MB`,
    );
  };

  const exportOnce = async (format, answers, label = '') => {
    const needle = format === 'csv' ? '\r\n' : '{"token":"';
    await sleep(1_000); // let the last request's garbage settle
    const cpu = meter();
    const mem = watchMemory(procs.surveys.pid);
    const r = await download(svPort, `/surveys/${id}/answers.${format}`, adminTok, needle);
    const memory = mem();
    const c = cpu(answers / 1_000);
    const records = format === 'csv' ? r.count - 1 : r.count; // the CSV's header line
    const complete =
      r.status === 200 &&
      records === answers &&
      (format === 'csv'
        ? r.head.startsWith('\ufefftoken,answered_at,locale,lien,lien.other,trajet,scenarios.')
        : r.head.startsWith('{"survey":{') && r.last === ']}');
    const result = {
      format,
      answers,
      status: r.status,
      bytes: r.bytes,
      records,
      complete,
      ttfb_ms: r.ttfb_ms,
      wall_ms: r.wall_ms,
      answers_per_s: round(answers / (r.wall_ms / 1000), 0),
      memory,
      cpu: c,
      surveys_cpu_ms_per_1000: cpuMs(c, 'surveys'),
      postgres_cpu_ms_per_1000: cpuMs(c, 'postgres'),
    };
    console.log(
      `  answers.${format}${label} at ${fmt(answers)} answers: ${r.status}, ${fmt(r.bytes / 2 ** 20, 1)} MB, ${fmt(records)} ${format === 'csv' ? 'records (lines − header)' : 'answers'} (complete: ${complete ? 'yes' : 'NO'}), first byte ${r.ttfb_ms} ms, all in ${fmt(r.wall_ms)} ms (${fmt(result.answers_per_s)} answers/s)`,
    );
    console.log(
      `    surveys RSS before ${memory.before_mb} MB, peak during the export ${memory.peak_mb} MB (VmHWM ${memory.hwm_mb ?? 'n/a'}, sampled ${memory.sampled_peak_mb}, ${memory.samples} samples): peak − before ${memory.peak_delta_mb} MB; after ${memory.after_mb} MB`,
    );
    console.log(
      `    surveys RSS by tenth of the export (MB): ${memory.tenths_mb.map((v) => v ?? '-').join(' ')}`,
    );
    console.log(
      `    CPU per 1,000 answers: surveys ${result.surveys_cpu_ms_per_1000} ms, PostgreSQL ${result.postgres_cpu_ms_per_1000} ms (surveys ${c.cpu_pct.surveys}% of one core, PostgreSQL ${c.cpu_pct.postgres}%, bench ${c.cpu_pct.bench}%)`,
    );
    return result;
  };

  // ---- warm-up export (JIT, connections), not counted
  await download(svPort, `/surveys/${id}/answers.csv`, adminTok, '\r\n');
  await download(svPort, `/surveys/${id}/answers.json`, adminTok, '{"token":"');

  await loadTo(opts.small);
  console.log(`\nexport at ${fmt(opts.small)} answers`);
  const csvSmall = await exportOnce('csv', opts.small);
  await loadTo(opts.answers);
  console.log(`\nexport at ${fmt(opts.answers)} answers`);
  const csvLarge = await exportOnce('csv', opts.answers);
  const jsonLarge = await exportOnce('json', opts.answers);
  const csvAgain = await exportOnce('csv', opts.answers, ' again');
  out.export = { small: csvSmall, csv: csvLarge, json: jsonLarge, csv_again: csvAgain };
  verdict(
    `exports complete at ${fmt(opts.answers)} answers (one CSV record, one JSON answer each)`,
    csvSmall.complete && csvLarge.complete && jsonLarge.complete && csvAgain.complete,
    `csv ${fmt(csvLarge.records)} records, json ${fmt(jsonLarge.records)} answers, csv at ${fmt(opts.small)}: ${fmt(csvSmall.records)}`,
  );
  const flatLimit = round(
    FLAT_FACTOR * Math.max(0, csvSmall.memory.peak_delta_mb) + FLAT_SLACK_MB,
    1,
  );
  verdict(
    `export memory flat: CSV peak − before at ${fmt(opts.answers)} ≤ ${FLAT_FACTOR} × that at ${fmt(opts.small)} + ${FLAT_SLACK_MB} MB`,
    csvLarge.memory.peak_delta_mb <= flatLimit,
    `${csvLarge.memory.peak_delta_mb} MB at ${fmt(opts.answers)} vs ${csvSmall.memory.peak_delta_mb} MB at ${fmt(opts.small)} (limit ${flatLimit} MB)`,
  );
  const worstDelta = Math.max(csvLarge.memory.peak_delta_mb, jsonLarge.memory.peak_delta_mb);
  verdict(
    `export peak RSS − before < ${PEAK_DELTA_LIMIT_MB} MB at ${fmt(opts.answers)} answers (CSV and JSON)`,
    worstDelta < PEAK_DELTA_LIMIT_MB,
    `csv ${csvLarge.memory.peak_delta_mb} MB (peak ${csvLarge.memory.peak_mb} MB), json ${jsonLarge.memory.peak_delta_mb} MB (peak ${jsonLarge.memory.peak_mb} MB)`,
  );

  // ---- results
  const resultsPath = `/surveys/${id}/results`;
  /** The first GET after a change: computed over every answer. */
  const cold = async (label) => {
    await sleep(500);
    const cpu = meter();
    const mem = watchMemory(procs.surveys.pid);
    const r = await call(svPort, 'GET', resultsPath, visitorTok, undefined, {
      timeoutMs: 300_000,
    });
    const memory = mem();
    const c = cpu(1);
    if (r.status !== 200)
      throw new Error(`GET results answered ${r.status}: ${r.text.slice(0, 300)}`);
    const res = {
      ms: round(r.ms, 0),
      bytes: Buffer.byteLength(r.text),
      memory,
      cpu: c,
      surveys_cpu_ms: cpuMs(c, 'surveys'),
      postgres_cpu_ms: cpuMs(c, 'postgres'),
    };
    console.log(
      `  ${label}: first GET (computed over every answer) ${fmt(res.ms)} ms; CPU surveys ${fmt(res.surveys_cpu_ms)} ms, PostgreSQL ${fmt(res.postgres_cpu_ms)} ms; surveys RSS ${memory.before_mb} → peak ${memory.peak_mb} MB (+${memory.peak_delta_mb}); answer ${fmt(res.bytes / 1024, 1)} KB`,
    );
    return { res, view: r.json };
  };
  const getResults = (a = agent, timeoutMs = 300_000) =>
    call(svPort, 'GET', resultsPath, visitorTok, undefined, { timeoutMs, agent: a });
  /**
   * Closed loop (`count` GETs by `clients` clients, each sending its next when
   * its previous one answered), or open loop (`rate`/s for `seconds`, latency
   * from each request's scheduled time, whatever answered before).
   */
  const readers = async (label, { count, clients = 1, rate, seconds }) => {
    const cpu = meter();
    const lat = [];
    const statuses = {};
    const t = now();
    if (rate) {
      const wide = new Agent({ keepAlive: true, maxSockets: 512 });
      const pending = [];
      for (let i = 0; i < rate * seconds; i++) {
        const at = t + (i * 1000) / rate;
        if (at > now()) await sleep(at - now());
        pending.push(
          getResults(wide, GIVE_UP_MS).then(
            (r) => {
              statuses[r.status] = (statuses[r.status] ?? 0) + 1;
              lat.push(now() - at);
            },
            () => {
              statuses.gave_up = (statuses.gave_up ?? 0) + 1;
              lat.push(now() - at);
            },
          ),
        );
      }
      await Promise.all(pending);
      wide.destroy();
    } else {
      let sent = 0;
      await Promise.all(
        Array.from({ length: clients }, async () => {
          while (sent < count) {
            sent++;
            const r = await getResults();
            statuses[r.status] = (statuses[r.status] ?? 0) + 1;
            lat.push(r.ms);
          }
        }),
      );
    }
    const wall = (now() - t) / 1000;
    const c = cpu(lat.length);
    const res = {
      clients: rate ? `open loop ${rate}/s` : clients,
      requests: lat.length,
      statuses,
      latency_ms: summarize(lat),
      slower_than_limit: lat.filter((x) => x >= RESULTS_P99_MS).length,
      rate_per_s: round(lat.length / wall, 0),
      cpu: c,
      cpu_ms_per_request: {
        surveys: cpuMs(c, 'surveys'),
        spaces: cpuMs(c, 'spaces'),
        postgres: cpuMs(c, 'postgres'),
      },
    };
    const l = res.latency_ms;
    console.log(
      `  ${label}: ${fmt(res.requests)} GETs ${rate ? `in open loop at ${rate}/s` : `by ${clients} client(s)`} in ${round(wall, 1)} s (${fmt(res.rate_per_s)}/s), statuses ${JSON.stringify(statuses)}: p50 ${l.p50} ms, p95 ${l.p95} ms, p99 ${l.p99} ms, max ${l.max} ms; ${res.slower_than_limit} ≥ ${RESULTS_P99_MS} ms`,
    );
    console.log(
      `    CPU per request: surveys ${res.cpu_ms_per_request.surveys} ms, spaces ${res.cpu_ms_per_request.spaces} ms, PostgreSQL ${res.cpu_ms_per_request.postgres} ms (${formatCpu(c, 'request')})`,
    );
    return res;
  };
  const check = (view) => {
    const mj = view?.questions?.find((q) => q.id === 'scenarios')?.majorityJudgment ?? [];
    const lien = view?.questions?.find((q) => q.id === 'lien')?.choices ?? [];
    const ok =
      view?.answerCount === opts.answers &&
      mj.length === OPTIONS.length &&
      mj.every((o) => o.total === opts.answers && Number.isInteger(o.rank)) &&
      mj.every((o) => o.profile.reduce((a, b) => a + b, 0) === opts.answers);
    const ranking = mj
      .map((o) => `${o.rank}. ${o.id} (${SCALE[o.majorityGrade]?.en ?? 'none'})`)
      .join(', ');
    const shares = lien.map((c) => `${c.id} ${round(c.share * 100, 1)}%`).join(', ');
    return { ok, answerCount: view?.answerCount, ranking, shares };
  };

  console.log(`\nresults at ${fmt(opts.answers)} answers, the survey open (kept ${refreshMs} ms)`);
  const openCold = await cold('open');
  const openCheck = check(openCold.view);
  console.log(
    `    answerCount ${fmt(openCheck.answerCount)}; majority judgment: ${openCheck.ranking}; lien: ${openCheck.shares}`,
  );

  console.log(`\nresults at ${fmt(opts.answers)} answers, the survey closed (kept 10 minutes)`);
  await must(svPort, 'PATCH', `/surveys/${id}`, adminTok, {
    endsAt: new Date(Date.now() - 60_000).toISOString(),
  });
  const closedCold = await cold('closed');
  const closedCheck = check(closedCold.view);
  console.log(
    `    answerCount ${fmt(closedCheck.answerCount)}; majority judgment: ${closedCheck.ranking}`,
  );
  await readers('warm-up', { count: 50 });
  const sequential = await readers('closed, sequential', { count: opts.requests });
  const concurrent = await readers('closed, 4 concurrent clients', {
    count: opts.requests,
    clients: 4,
  });
  verdict(
    `results count every answer (answerCount = ${fmt(opts.answers)}) with the majority-judgment ranking`,
    openCheck.ok && closedCheck.ok,
    `${fmt(closedCheck.answerCount)} answers; ${closedCheck.ranking}`,
  );
  for (const [name, r] of [
    ['sequential', sequential],
    ['4 concurrent clients', concurrent],
  ])
    verdict(
      `results p99 < ${RESULTS_P99_MS} ms once cached (closed survey, ${name})`,
      r.latency_ms.p99 < RESULTS_P99_MS && r.statuses[200] === r.requests,
      `p50 ${r.latency_ms.p50} ms, p99 ${r.latency_ms.p99} ms, max ${r.latency_ms.max} ms over ${r.requests}; CPU per request surveys ${r.cpu_ms_per_request.surveys} ms + PostgreSQL ${r.cpu_ms_per_request.postgres} ms`,
    );

  // Last, as it may leave the service busy: the survey open again, read by many while its
  // results expire every refreshMs. One computation shared by the readers of each refresh
  // would make about seconds / (refresh + computation) of them.
  let openReaders = null;
  if (opts.openSeconds > 0) {
    console.log(
      `\nresults at ${fmt(opts.answers)} answers, the survey open again (kept ${refreshMs} ms), ${opts.openRate} readers/s`,
    );
    await must(svPort, 'PATCH', `/surveys/${id}`, adminTok, {
      endsAt: new Date(Date.now() + 7 * DAY).toISOString(),
    });
    const first = await getResults();
    console.log(`  reopened: first GET (computed, alone) ${fmt(first.ms)} ms`);
    openReaders = await readers(`open, for ${opts.openSeconds} s`, {
      rate: opts.openRate,
      seconds: opts.openSeconds,
    });
    const oneComputation = closedCold.res.surveys_cpu_ms;
    const surveysCpuS = (openReaders.cpu.cpu_ms_per_unit.surveys * openReaders.requests) / 1000;
    openReaders.computations_estimated = round((surveysCpuS * 1000) / oneComputation, 0);
    openReaders.computations_if_shared = Math.ceil(
      (opts.openSeconds * 1000) / (refreshMs + closedCold.res.ms),
    );
    console.log(
      `    surveys CPU ${fmt(surveysCpuS, 1)} s in the phase ≈ ${openReaders.computations_estimated} computations of the results (${fmt(oneComputation)} ms each); one shared per refresh would make about ${openReaders.computations_if_shared}`,
    );
  }
  out.results = {
    refresh_ms: refreshMs,
    open: { cold: openCold.res, check: openCheck, readers: openReaders },
    closed: { cold: closedCold.res, check: closedCheck, sequential, concurrent },
  };

  // ---- summary
  const e = out.export;
  const line = (s) => console.log(`  ${s}`);
  console.log(`\nsummary (${fmt(opts.answers)} answers, ${loadNote()})`);
  for (const [name, x] of [
    ['CSV', e.small],
    ['CSV', e.csv],
    ['JSON', e.json],
    ['CSV again', e.csv_again],
  ])
    line(
      `export ${`${name} at ${fmt(x.answers)}`.padEnd(22)}: ${fmt(x.bytes / 2 ** 20, 1)} MB in ${fmt(x.wall_ms / 1000, 1)} s (${fmt(x.answers_per_s)} answers/s); RSS ${x.memory.before_mb} → peak ${x.memory.peak_mb} MB (+${x.memory.peak_delta_mb} MB); CPU/1,000 answers surveys ${x.surveys_cpu_ms_per_1000} ms, PostgreSQL ${x.postgres_cpu_ms_per_1000} ms`,
    );
  line(
    `export memory growth ratio (${fmt(opts.answers)} vs ${fmt(opts.small)}, CSV): ${round(e.csv.memory.peak_delta_mb / e.small.memory.peak_delta_mb, 2)} for ${round(opts.answers / opts.small, 1)}× the answers`,
  );
  line(
    `results cold (open / closed): ${fmt(openCold.res.ms)} / ${fmt(closedCold.res.ms)} ms, CPU surveys ${fmt(openCold.res.surveys_cpu_ms)} / ${fmt(closedCold.res.surveys_cpu_ms)} ms + PostgreSQL ${fmt(openCold.res.postgres_cpu_ms)} / ${fmt(closedCold.res.postgres_cpu_ms)} ms, peak RSS +${openCold.res.memory.peak_delta_mb} / +${closedCold.res.memory.peak_delta_mb} MB`,
  );
  for (const [name, r] of [
    ['sequential', sequential],
    ['4 clients ', concurrent],
  ])
    line(
      `results closed, ${name}: p50 ${r.latency_ms.p50}, p95 ${r.latency_ms.p95}, p99 ${r.latency_ms.p99}, max ${r.latency_ms.max} ms, ${fmt(r.rate_per_s)}/s; CPU/request surveys ${r.cpu_ms_per_request.surveys} + spaces ${r.cpu_ms_per_request.spaces} + PostgreSQL ${r.cpu_ms_per_request.postgres} ms`,
    );
  if (openReaders)
    line(
      `results open again (refresh ${refreshMs} ms), open loop ${opts.openRate}/s for ${opts.openSeconds} s: statuses ${JSON.stringify(openReaders.statuses)}; p50 ${openReaders.latency_ms.p50}, p99 ${openReaders.latency_ms.p99}, max ${openReaders.latency_ms.max} ms; ${openReaders.slower_than_limit} of ${openReaders.requests} (${round((100 * openReaders.slower_than_limit) / openReaders.requests, 1)}%) ≥ ${RESULTS_P99_MS} ms; ≈ ${openReaders.computations_estimated} computations (about ${openReaders.computations_if_shared} if shared)`,
    );
}

try {
  await main();
} catch (error) {
  console.error(`\nbench:surveys failed: ${error.stack ?? error}`);
  for (const p of Object.values(procs))
    console.error(`--- ${p.name} log tail ---\n${logTail(p.logFile, 20)}`);
  process.exitCode = 1;
} finally {
  await Promise.all(Object.values(procs).map((p) => stop(p)));
  agent.destroy();
  await pool?.end();
  try {
    await dropDatabase();
  } catch (error) {
    console.error(`could not drop ${DB_NAME}: ${error.message}`);
  }
  removeTempDirs();
}
console.log(`\n${loadNote()}`);
for (const v of verdicts) console.log(`${metOrMiss(v.ok)}  ${v.name}: ${v.detail}`);
out.verdicts = verdicts;
out.load_avg_1m_at_end = Number(loadavg()[0].toFixed(2));
console.log(JSON.stringify(out));
