#!/usr/bin/env node
// Newsletter (issue 20, "Figures"): the newsletter service and identity (which
// answers POST /internal/recipients, addresses per batch, ADR 0038) as
// separate processes on this machine, sharing a real PostgreSQL and an event
// bus (postgres transport, or Kafka with --transport kafka), sending into an SMTP sink written here
// (smtp-server, counting each accepted transaction per recipient and per
// Message-ID, nothing more). Accounts, consents and subscribers are
// bulk-loaded in SQL; the newsletter is created, the pace set and the send
// started through the newsletter service's API with identity tokens signed as
// the gateway signs them.
//
//   throughput   a newsletter to --recipients consenting people (100,000) with
//                messagesPerSecond --rate (2,000: the pace is not the limit):
//                delivered/s into the sink (first to last accepted) ≥ 500;
//                CPU per message summed over newsletter, identity and
//                PostgreSQL (this database's backends and the server's own
//                processes), with the split; every recipient exactly one mail.
//   crash        the same to everyone again; `kill -9` of the newsletter
//                service once --kill-at of the mails were accepted, restarted
//                at once (NEWSLETTER_LEASE_SECONDS=3): every recipient has at
//                least one mail and exactly one Message-ID (the one expected
//                of newsletter × person), the ledger says every one `sent`;
//                the raw SMTP transactions beyond one per recipient (mails
//                accepted in the ≤ 50 ms before the kill whose `sent` mark was
//                not written, sent again with the same Message-ID) are counted
//                and printed.
//   pacing       a second organization of --paced-recipients people (10,000)
//                with messagesPerSecond --paced-rate (500): the rate holds
//                (delivered/s and the busiest second).
//
//   fanout       one `budgeting.notification.requested.v1` (a budget's
//                results) to --fanout people (10,000) of the first
//                organization, published as budgeting publishes it (the
//                service kit's publishNotification in a transaction, relayed
//                from the outbox by the messaging library, this process
//                playing budgeting): commit to 10,000 rows on their
//                notifications pages ≤ 10 s, and on to their 10,000 mails
//                (the kind's default is "at once") in the sink; CPU per person.
//   digest       --digest-people (100,000) with 3 notifications each in two
//                spaces, chosen "daily" (bulk-loaded, as the consumer would
//                have stored them); the newsletter service restarted with
//                NOTIFICATIONS_DIGEST_HOUR=0 so that the day's digest is due:
//                built and sent to each exactly once, its resident set size
//                sampled every 250 ms (flat: no growth with the number sent,
//                the second half's peak within --rss-slack MB of the first's).
//
//   npm run bench:newsletter -- [--recipients 100000] [--rate 2000] [--kill-at 0.4]
//        [--paced-recipients 10000] [--paced-rate 500]
//        [--phases throughput,crash,pacing,fanout,digest] [--fanout 10000]
//        [--digest-people 100000] [--rss-slack 32]
//        [--batch 500] [--connections 5] [--skip-seed] [--skip-build]
//        [--transport postgres|kafka]
//
// --transport: the event bus of identity, newsletter and fanout's relay in
// this process (postgres by default); kafka needs KAFKA_BROKERS (and
// KAFKA_SSL, KAFKA_SASL_* as a service would have them), e.g. from
// `eval "$(bash ../shared/kafka/start.sh)"`.
//
// A short run: --recipients 10000 --paced-recipients 5000
// --batch and --connections set NEWSLETTER_BATCH and NEWSLETTER_SMTP_CONNECTIONS
// (any other NEWSLETTER_* of this environment is passed on too).
//
// Database: a fresh `palabre_bench_newsletter` next to BENCH_DATABASE_URL
// (default postgres://palabre:palabre@127.0.0.1:5432/palabre_bench); with
// --skip-seed the one of a previous run, kept, with the same --recipients
// and --paced-recipients.
// Output: human lines with met/MISS, then one JSON line with every number.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
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
import { cpuMeter, formatCpu, kill9, spawnNode, stop, waitReady } from '../petitions/procs.mjs';

const require = createRequire(join(root, 'package.json'));
const DIST = (app) => join(root, `dist/apps/${app}/src/main.js`);

/**
 * Every phase of issue 20's figures; `run: null` are still to be written
 * (selecting one says so). Each runs in its own function below.
 */
const PHASES = {
  throughput: { run: () => throughput() },
  crash: { run: () => crash() },
  pacing: { run: () => pacing() },
  fanout: { run: () => fanout() },
  digest: { run: () => digest() },
};
const DEFAULT_PHASES = ['throughput', 'crash', 'pacing', 'fanout', 'digest'];

// ---------------------------------------------------------------- options
function parseArgs(argv) {
  const o = {
    recipients: 100_000,
    rate: 2_000,
    killAt: 0.4,
    pacedRecipients: 10_000,
    pacedRate: 500,
    fanout: 10_000,
    digestPeople: 100_000,
    rssSlack: 32,
    phases: new Set(DEFAULT_PHASES),
    batch: undefined,
    connections: undefined,
    seed: true,
    build: true,
    transport: 'postgres',
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = () => inline ?? argv[++i];
    const int = (min, max) => {
      const v = Number(value());
      if (!Number.isInteger(v) || v < min || v > max)
        throw new Error(`${flag} expects an integer in ${min}..${max}`);
      return v;
    };
    if (flag === '--recipients') o.recipients = int(1, 5_000_000);
    else if (flag === '--rate') o.rate = int(1, 2_000);
    else if (flag === '--paced-recipients') o.pacedRecipients = int(1, 1_000_000);
    else if (flag === '--paced-rate') o.pacedRate = int(1, 2_000);
    else if (flag === '--fanout') o.fanout = int(1, 5_000_000);
    else if (flag === '--digest-people') o.digestPeople = int(1, 5_000_000);
    else if (flag === '--rss-slack') o.rssSlack = int(1, 4_096);
    else if (flag === '--batch') o.batch = int(1, 1_000);
    else if (flag === '--connections') o.connections = int(1, 50);
    else if (flag === '--kill-at') {
      o.killAt = Number(value());
      if (!(o.killAt > 0 && o.killAt < 1))
        throw new Error('--kill-at expects a fraction in (0, 1)');
    } else if (flag === '--skip-seed') o.seed = false;
    else if (flag === '--skip-build') o.build = false;
    else if (flag === '--transport') o.transport = value();
    else if (flag === '--phases') {
      o.phases = new Set(String(value()).split(','));
      for (const p of o.phases)
        if (!(p in PHASES))
          throw new Error(`--phases takes ${Object.keys(PHASES).join(',')} (got ${p})`);
    } else if (flag === '--help' || flag === '-h') {
      console.log(
        'usage: node tools/bench/newsletter/index.mjs [--recipients 100000] [--rate 2000] [--kill-at 0.4]\n' +
          '         [--paced-recipients 10000] [--paced-rate 500]\n' +
          '         [--phases throughput,crash,pacing,fanout,digest] [--fanout 10000]\n' +
          '         [--digest-people 100000] [--rss-slack 32]\n' +
          '         [--batch 500] [--connections 5] [--skip-seed] [--skip-build]\n' +
          '         [--transport postgres|kafka]\n' +
          `phases: ${Object.entries(PHASES)
            .map(([p, x]) => (x.run ? p : `${p} (not written yet)`))
            .join(', ')}\n` +
          'env: BENCH_DATABASE_URL (default postgres://palabre:palabre@127.0.0.1:5432/palabre_bench),\n' +
          '     BENCH_NEWSLETTER_DB, NEWSLETTER_* (passed on to the service),\n' +
          '     KAFKA_BROKERS (and KAFKA_SSL, KAFKA_SASL_*) with --transport kafka',
      );
      process.exit(0);
    } else throw new Error(`unknown option ${argv[i]} (try --help)`);
  }
  return o;
}
let opts;
let busEnv; // EVENTS_TRANSPORT (and KAFKA_*) of the services and of fanout's relay
try {
  opts = parseArgs(process.argv.slice(2));
  busEnv = transportEnv(opts.transport);
} catch (error) {
  console.error(`bench:newsletter: ${error.message}`);
  process.exit(64);
}

const BASE_URL =
  process.env.BENCH_DATABASE_URL ?? 'postgres://palabre:palabre@127.0.0.1:5432/palabre_bench';
const DB_NAME = process.env.BENCH_NEWSLETTER_DB ?? 'palabre_bench_newsletter';
const dbUrl = (() => {
  const u = new URL(BASE_URL);
  u.pathname = `/${DB_NAME}`;
  return u.toString();
})();

/**
 * ≥ 500 messages/s on this machine's two cores means at most
 * 2 × 1000 / 500 = 4 ms of CPU per message for everything involved, the SMTP
 * sink included (here it shares the cores; in a deployment the mail server is
 * elsewhere); keeping a fifth of the cores free: 2 × 0.8 × 1000 / 500 = 3.2 ms
 * for newsletter + identity + PostgreSQL.
 */
const TARGET_RATE = 500;
const CORES = 2;
const HEADROOM = 0.8;
const CPU_PER_MESSAGE_MS = round((CORES * HEADROOM * 1000) / TARGET_RATE, 2);
/** The pace holds: delivered/s within 10 % under the setting, the busiest second at most 10 % over. */
const PACE_TOLERANCE = 0.1;
const LEASE_SECONDS = 3;
/** A send that delivers nothing for this long is stuck: say so rather than wait. */
const STALL_MS = 45_000;
const ORG_A = { slug: 'bench-newsletter', name: 'Ville de Benchville', host: 'benchville.example' };
const ORG_B = {
  slug: 'bench-newsletter-paced',
  name: 'Ville de Pasville',
  host: 'pasville.example',
};

// ---------------------------------------------------------------- people
// Recipient i (1-based, over both organizations) is the account md5('bench-nl-<i>') (as a v4 UUID)
// at u<i>@bench.example, so that the sink knows whom a mail went to from its
// envelope and the bench knows the Message-ID each must carry.
const userIdOf = (i) => {
  const h = createHash('md5').update(`bench-nl-${i}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20)}`;
};
/** The same in SQL, for generate_series' `g` (a version-4 shape: identity's DTOs check it). */
const USER_ID_SQL = `(SELECT (substr(h, 1, 12) || '4' || substr(h, 14, 3) || '8' || substr(h, 18))::uuid
                        FROM md5('bench-nl-' || g) h)`;
/** newsletter-mails.ts's newsletterMessageId, for the check. */
const expectedMessageId = (newsletterId, userId, domain) =>
  `<nl.${createHash('sha256').update(`${newsletterId}:${userId}`).digest('base64url').slice(0, 32)}@${domain}>`;
const MESSAGE_DOMAIN = 'palabre.local';

// ---------------------------------------------------------------- the SMTP sink
/**
 * Accepts every mail and remembers, per recipient, how many transactions it
 * got and which Message-IDs; nothing else (no parsing beyond the headers'
 * Message-ID line), so that its cost stays small beside the sender's.
 */
function smtpSink(size) {
  const { SMTPServer } = require('smtp-server');
  const MSGID = /^message-id:[ \t]*(<[^>\r\n]+>)/im;
  const s = {
    transactions: 0,
    unknown: 0,
    noMessageId: 0,
    firstAt: NaN,
    lastAt: NaN,
    counts: new Uint16Array(size + 1),
    ids: new Array(size + 1),
    /** Recipients with a second, different Message-ID: index → Set. */
    otherIds: new Map(),
    perSecond: new Map(),
    /** When each transaction was accepted (ms), to find the stretches without any. */
    times: new Float64Array(Math.max(16, size * 2)),
    waiters: [],
    reset() {
      s.transactions = s.unknown = s.noMessageId = 0;
      s.firstAt = s.lastAt = NaN;
      s.counts.fill(0);
      s.ids = new Array(size + 1);
      s.otherIds.clear();
      s.perSecond.clear();
    },
    /** Resolves (synchronously, in the accepting handler) once `n` transactions were accepted. */
    when(n, fn) {
      s.waiters.push({ n, fn });
    },
  };
  const record = (rcptTo, id) => {
    const t = now();
    if (s.transactions < s.times.length) s.times[s.transactions] = t;
    if (s.transactions++ === 0) s.firstAt = t;
    s.lastAt = t;
    const sec = Math.floor(t / 1000);
    s.perSecond.set(sec, (s.perSecond.get(sec) ?? 0) + 1);
    if (id === null) s.noMessageId++;
    for (const r of rcptTo) {
      const m = /^u(\d+)@/.exec(r.address);
      const i = m ? Number(m[1]) : 0;
      if (!(i >= 1 && i <= size)) {
        s.unknown++;
        continue;
      }
      s.counts[i]++;
      if (s.ids[i] === undefined) s.ids[i] = id;
      else if (s.ids[i] !== id) {
        let set = s.otherIds.get(i);
        if (!set) s.otherIds.set(i, (set = new Set()));
        set.add(id);
      }
    }
    if (s.waiters.length)
      s.waiters = s.waiters.filter((w) => (s.transactions >= w.n ? (w.fn(), false) : true));
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    hideSTARTTLS: true,
    disableReverseLookup: true,
    logger: false,
    onData(stream, session, callback) {
      let head = '';
      let id = null;
      stream.on('data', (chunk) => {
        if (head === null) return;
        head += chunk.toString('latin1');
        const end = head.indexOf('\r\n\r\n');
        if (end < 0 && head.length < 65_536) return;
        id = MSGID.exec(end < 0 ? head : head.slice(0, end))?.[1] ?? null;
        head = null;
      });
      stream.on('end', () => {
        record(session.envelope.rcptTo, id);
        callback();
      });
    },
  });
  s.listen = (port) =>
    new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', resolve);
    });
  s.close = () => new Promise((resolve) => server.close(resolve));
  return s;
}

// ---------------------------------------------------------------- HTTP
const agent = new Agent({ keepAlive: true, maxSockets: 8 });
function call(port, method, path, tok, body) {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
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
          resolve({ status: res.statusCode, json, text });
        });
      },
    );
    req.setTimeout(60_000, () => req.destroy(new Error(`${method} ${path}: no answer in 60 s`)));
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

/** A newsletter of a realistic size: a few paragraphs, an image, a button. */
const CONTENTS = {
  fr: {
    subject: 'La lettre de décembre',
    preheader: 'Budget participatif : les résultats',
    blocks: [
      {
        kind: 'text',
        text:
          'Bonjour,\n\nLes résultats du budget participatif sont publiés : 42 projets retenus, ' +
          'dont la rénovation de la place du marché et trois nouveaux jardins partagés.\n\n' +
          'Merci aux 12 000 personnes qui ont voté.',
      },
      {
        kind: 'image',
        url: 'https://benchville.example/images/budget.jpg',
        alt: 'Les projets retenus',
      },
      {
        kind: 'text',
        text:
          'La concertation sur le plan vélo continue jusqu’au 31 janvier : réunions publiques ' +
          'dans chaque quartier, propositions en ligne, et une balade à vélo le 12.',
      },
      { kind: 'button', label: 'Voir les résultats', url: 'https://benchville.example/budgets' },
    ],
  },
  en: {
    subject: 'The December newsletter',
    blocks: [{ kind: 'text', text: 'Hello,\n\nThe participatory budget results are out.' }],
  },
};

// ---------------------------------------------------------------- main
const out = {
  bench: 'newsletter',
  node: process.version,
  cpus: cpus().length,
  options: { ...opts, phases: [...opts.phases] },
  transport: opts.transport,
  lease_seconds: LEASE_SECONDS,
  load_avg_1m_at_start: Number(loadavg()[0].toFixed(2)),
};
const verdicts = [];
const verdict = (name, ok, detail) => verdicts.push({ name, ok, detail });
const procs = {};
let sink;
let pool;
let query;
let nlPort;
let nlEnv;
let dir;
let orgs;
let tokens;

async function main() {
  console.log(`bench:newsletter — ${loadNote()}`);
  if (opts.build) console.log(`build: ${fmt(buildDist())} ms`);
  tokens = identityTokens(3 * 3_600);
  const { callerKeysFromSecret } = require(join(root, 'dist/libs/auth/src/identity-token.js'));
  const pg = require('pg');
  if (opts.seed) {
    const admin = new pg.Client({ connectionString: BASE_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${DB_NAME}`);
    await admin.end();
  }
  pool = new pg.Pool({ connectionString: dbUrl, max: 2 });
  query = async (sql, params) => (await pool.query(sql, params)).rows;

  const total = opts.recipients + opts.pacedRecipients;
  sink = smtpSink(total);
  const smtpPort = await freePort();
  await sink.listen(smtpPort);

  dir = tempDir('newsletter');
  const idPort = await freePort();
  nlPort = await freePort();
  const env = { ...process.env, LOG_LEVEL: 'warn', DATABASE_URL: dbUrl };
  for (const k of Object.keys(env))
    if (
      k.startsWith('npm_') ||
      k.startsWith('OTEL_') ||
      k.startsWith('SERVICE_URL_') ||
      k.startsWith('FC_') ||
      k.startsWith('NEWSLETTER_') ||
      k.startsWith('SMTP_')
    )
      delete env[k];
  for (const k of ['KAFKA_BROKERS', 'REDIS_URL', 'SEED_DEMO', 'INTERNAL_CALLER_KEYS'])
    delete env[k];
  Object.assign(env, busEnv);
  procs.identity = spawnNode(
    'identity',
    DIST('identity'),
    {
      ...env,
      PORT: String(idPort),
      INTERNAL_TOKEN_KEY: tokens.keyOf('identity'),
      IDENTITY_SECRET: 'bench-identity-secret-0123456789abcdef0123456789',
    },
    join(dir, 'identity.log'),
    root,
  );
  await waitReady(procs.identity, idPort);
  nlEnv = {
    ...env,
    PORT: String(nlPort),
    INTERNAL_TOKEN_KEY: tokens.keyOf('newsletter'),
    INTERNAL_CALLER_KEYS: callerKeysFromSecret(tokens.secret, 'newsletter'),
    SERVICE_URL_IDENTITY: `http://127.0.0.1:${idPort}`,
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    NEWSLETTER_SECRET: 'bench-newsletter-secret-0123456789abcdef0123456789',
    NEWSLETTER_LEASE_SECONDS: String(LEASE_SECONDS),
    ...(opts.batch ? { NEWSLETTER_BATCH: String(opts.batch) } : {}),
    ...(opts.connections ? { NEWSLETTER_SMTP_CONNECTIONS: String(opts.connections) } : {}),
    // The worker's settings, to try them (NEWSLETTER_BATCH, NEWSLETTER_SMTP_CONNECTIONS...).
    ...Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('NEWSLETTER_'))),
  };
  out.newsletter_env = Object.fromEntries(
    Object.entries(nlEnv).filter(([k]) => k.startsWith('NEWSLETTER_') && k !== 'NEWSLETTER_SECRET'),
  );
  procs.newsletter = startNewsletter();
  await waitReady(procs.newsletter, nlPort);
  console.log(
    `identity :${idPort}, newsletter :${nlPort}, SMTP sink :${smtpPort}, PostgreSQL ${dbUrl.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')}, event bus ${opts.transport} (logs in ${dir})`,
  );
  console.log(
    `newsletter settings: ${JSON.stringify(out.newsletter_env)} (unset: the service's defaults, NEWSLETTER_BATCH 500, NEWSLETTER_SMTP_CONNECTIONS 5)`,
  );

  orgs = {
    a: await organization(ORG_A, 1, opts.recipients),
    b: await organization(ORG_B, opts.recipients + 1, opts.pacedRecipients),
  };

  for (const p of opts.phases) {
    if (!PHASES[p].run) {
      console.log(`\n${p}: not written yet (issue 20), skipped`);
      continue;
    }
    await PHASES[p].run();
  }
}

function startNewsletter() {
  return spawnNode('newsletter', DIST('newsletter'), nlEnv, join(dir, 'newsletter.log'), root);
}

/**
 * An organization with `n` consenting accounts (recipients first..first+n-1):
 * bulk-loaded in SQL in identity (active, confirmed address, consent granted)
 * and in newsletter's subscribers, as identity's events would have left them;
 * with --skip-seed, found as a previous run left it.
 */
async function organization({ slug, name, host }, first, n) {
  const last = first + n - 1;
  const t = now();
  let [org] = await query(`SELECT id FROM identity.organizations WHERE slug = $1`, [slug]);
  if (!opts.seed) {
    if (!org) throw new Error(`--skip-seed: no organization ${slug} in ${DB_NAME}; run without it`);
    const [{ a, b }] = await query(
      `SELECT (SELECT count(*)::int FROM identity.users WHERE organization_id = $1) AS a,
              (SELECT count(*)::int FROM newsletter.subscribers WHERE organization_id = $1) AS b`,
      [org.id],
    );
    const [{ first: f }] = await query(
      `SELECT count(*)::int AS first FROM identity.users WHERE organization_id = $1 AND id = $2`,
      [org.id, userIdOf(first)],
    );
    if (a !== n || b !== n || f !== 1)
      throw new Error(
        `--skip-seed: ${slug} holds ${a} accounts and ${b} subscribers, not ${n} from ${first}; run without it`,
      );
  } else {
    [org] = await query(
      `INSERT INTO identity.organizations (slug, name, default_locale) VALUES ($1, $2, 'fr') RETURNING id`,
      [slug, name],
    );
    await query(
      `INSERT INTO identity.organization_hosts (host, organization_id, is_primary) VALUES ($1, $2, true)`,
      [host, org.id],
    );
    await query(
      `INSERT INTO identity.users (id, organization_id, email, email_confirmed_at, display_name, status)
       SELECT ${USER_ID_SQL}, $1, 'u' || g || '@bench.example', now(), 'Habitant ' || g, 'active'
         FROM generate_series($2::int, $3::int) g`,
      [org.id, first, last],
    );
    await query(
      `INSERT INTO identity.newsletter_consents (organization_id, user_id, state, asked_at, granted_at)
       SELECT $1, ${USER_ID_SQL}, 'granted', now(), now()
         FROM generate_series($2::int, $3::int) g`,
      [org.id, first, last],
    );
    await query(
      `INSERT INTO newsletter.subscribers (organization_id, user_id, state, changed_at)
       SELECT $1, ${USER_ID_SQL}, 'granted', now()
         FROM generate_series($2::int, $3::int) g`,
      [org.id, first, last],
    );
    for (const table of [
      'identity.users',
      'identity.newsletter_consents',
      'newsletter.subscribers',
    ])
      await query(`VACUUM (ANALYZE) ${table}`);
  }
  const admin = tokens.mint(
    {
      organizationId: org.id,
      userId: userIdOf(first),
      displayName: 'Bench Admin',
      grants: [{ role: 'org-admin' }],
    },
    'newsletter',
  );
  console.log(
    `${slug}: ${fmt(n)} consenting accounts (u${first}..u${last}) ${opts.seed ? `bulk-loaded in ${fmt((now() - t) / 1000, 1)} s` : 'from the previous run'}`,
  );
  return { id: org.id, first, last, n, admin };
}

/** The pace, then a newsletter to everyone of `org` (draft, through the API). */
async function newsletterFor(org, messagesPerSecond) {
  await must(nlPort, 'PUT', '/settings', org.admin, { messagesPerSecond });
  const nl = await must(nlPort, 'POST', '/newsletters', org.admin, {
    contents: CONTENTS,
    audience: { kind: 'all' },
  });
  return nl.id;
}

const stateOf = async (id) =>
  (await query(`SELECT state FROM newsletter.newsletters WHERE id = $1`, [id]))[0]?.state;

/** Polls the newsletter's own row (one row by key: cheap) until `sent`; prints progress every 10 s. */
async function untilSent(id, n, timeoutMs) {
  const t0 = now();
  let lastPrint = t0;
  let lastCount = sink.transactions;
  let progress = { at: t0, count: sink.transactions };
  for (;;) {
    const state = await stateOf(id);
    if (state === 'sent') return now() - t0;
    if (state !== 'sending' && state !== 'scheduled')
      throw new Error(`newsletter ${id} is ${state}`);
    if (now() - t0 > timeoutMs)
      throw new Error(`newsletter ${id} not sent after ${timeoutMs / 1000} s (${state})`);
    if (sink.transactions !== progress.count) progress = { at: now(), count: sink.transactions };
    else if (now() - progress.at > STALL_MS)
      throw new Error(
        `newsletter ${id}: no mail for ${STALL_MS / 1000} s (${state}); see the newsletter log`,
      );
    if (now() - lastPrint >= 10_000) {
      const c = sink.transactions;
      console.log(
        `  … ${fmt(c)} of ${fmt(n)} accepted (${fmt(((c - lastCount) * 1000) / (now() - lastPrint))}/s over the last 10 s)`,
      );
      lastPrint = now();
      lastCount = c;
    }
    await sleep(100);
  }
}

/** The ledger of a newsletter, by state. */
async function ledger(id) {
  const rows = await query(
    `SELECT state, count(*)::int AS n FROM newsletter.deliveries WHERE newsletter_id = $1 GROUP BY state`,
    [id],
  );
  const by = Object.fromEntries(rows.map((r) => [r.state, r.n]));
  for (const s of ['pending', 'sending', 'sent', 'failed', 'skipped', 'stopped']) by[s] ??= 0;
  return by;
}

/** What the sink got for recipients first..last, against the Message-ID each must carry. */
function sinkCheck(newsletterId, { first, last, n }) {
  let withMail = 0;
  let severalIds = 0;
  let wrongId = 0;
  let maxCopies = 0;
  for (let i = first; i <= last; i++) {
    const c = sink.counts[i];
    if (c === 0) continue;
    withMail++;
    if (c > maxCopies) maxCopies = c;
    if (sink.otherIds.has(i)) severalIds++;
    if (sink.ids[i] !== expectedMessageId(newsletterId, userIdOf(i), MESSAGE_DOMAIN)) wrongId++;
  }
  return {
    transactions: sink.transactions,
    recipients_with_mail: withMail,
    missed: n - withMail,
    recipients_with_several_message_ids: severalIds,
    recipients_with_unexpected_message_id: wrongId,
    transactions_beyond_one_per_recipient: sink.transactions - withMail,
    most_copies_to_one_recipient: maxCopies,
    mails_to_others: sink.unknown,
    mails_without_message_id: sink.noMessageId,
  };
}

const deliveredPerSecond = () =>
  sink.transactions > 1 ? ((sink.transactions - 1) * 1000) / (sink.lastAt - sink.firstAt) : NaN;

/**
 * The stretches of the send in which the sink accepted nothing for more than
 * `gapMs` (between two batches: the claim, identity's answer, the batch's last
 * mails on fewer connections), and their share of the send.
 */
function idleGaps(gapMs = 20) {
  const n = Math.min(sink.transactions, sink.times.length);
  let count = 0;
  let idle = 0;
  for (let i = 1; i < n; i++) {
    const d = sink.times[i] - sink.times[i - 1];
    if (d > gapMs) {
      count++;
      idle += d;
    }
  }
  const span = sink.lastAt - sink.firstAt;
  return {
    gap_ms: gapMs,
    gaps: count,
    idle_s: round(idle / 1000, 2),
    idle_share: round(idle / span, 3),
    mean_gap_ms: round(idle / count, 1),
  };
}

/** The busiest whole second of the sink, the first and last (partial) ones left out. */
function busiestSecond() {
  const secs = [...sink.perSecond.entries()].sort((a, b) => a[0] - b[0]).slice(1, -1);
  return secs.length ? Math.max(...secs.map(([, c]) => c)) : NaN;
}

// ---------------------------------------------------------------- throughput
async function throughput() {
  const org = orgs.a;
  console.log(
    `\nthroughput: a newsletter to ${fmt(org.n)} consenting people, messagesPerSecond ${opts.rate}`,
  );
  const id = await newsletterFor(org, opts.rate);
  sink.reset();
  const meter = cpuMeter(
    { newsletter: procs.newsletter, identity: procs.identity },
    { postgresDatabase: DB_NAME },
  );
  const t0 = now();
  await must(nlPort, 'POST', `/newsletters/${id}/send`, org.admin, {});
  const wallMs = await untilSent(id, org.n, Math.max(300_000, (org.n / 100) * 1000));
  const cpu = meter(sink.transactions);
  const rate = deliveredPerSecond();
  const firstAfterMs = sink.firstAt - t0;
  const gaps = idleGaps();
  const ledgerState = await ledger(id);
  const check = sinkCheck(id, org);
  const perMessage = cpuPerOperation(cpu, ['newsletter', 'identity', 'postgres']);
  const sinkMs = cpu.cpu_ms_per_unit?.bench;
  out.throughput = {
    newsletter_id: id,
    recipients: org.n,
    messages_per_second_setting: opts.rate,
    delivered_per_s: round(rate, 0),
    first_accepted_after_send_ms: round(firstAfterMs, 0),
    send_to_sent_s: round(wallMs / 1000, 2),
    overall_per_s: round((sink.transactions * 1000) / wallMs, 0),
    busiest_second: busiestSecond(),
    sink_idle: gaps,
    sink: check,
    ledger: ledgerState,
    cpu,
    cpu_per_message: perMessage,
    rate_implied_by_cpu_on_two_cores: round((CORES * 1000) / perMessage.total_ms, 0),
  };
  console.log(
    `  ${fmt(sink.transactions)} mails accepted by the sink; delivered ${fmt(rate)}/s (first to last accepted, ${fmt((sink.lastAt - sink.firstAt) / 1000, 1)} s); busiest second ${fmt(out.throughput.busiest_second)}; first mail ${fmt(firstAfterMs)} ms after POST /send (the ledger written); POST /send to \`sent\` ${fmt(wallMs / 1000, 1)} s (${fmt(out.throughput.overall_per_s)}/s overall)`,
  );
  console.log(
    `  the sink accepted nothing for > ${gaps.gap_ms} ms ${fmt(gaps.gaps)} times (mean ${fmt(gaps.mean_gap_ms, 1)} ms), ${fmt(gaps.idle_s, 1)} s in all: ${fmt(gaps.idle_share * 100, 1)} % of the send`,
  );
  console.log(`  ${formatCpu(cpu, 'message')}`);
  console.log(
    `  ${formatCpuPerOperation(perMessage, 'message', CPU_PER_MESSAGE_MS)} (two cores at ${HEADROOM * 100} % for ${TARGET_RATE}/s); the SMTP sink (bench) ${fmt(sinkMs, 3)} ms on top, a mail server's work; at this cost two cores serve ${fmt(out.throughput.rate_implied_by_cpu_on_two_cores)}/s`,
  );
  console.log(`  sink: ${JSON.stringify(check)}`);
  console.log(`  ledger: ${JSON.stringify(ledgerState)}`);
  const exact =
    check.recipients_with_mail === org.n &&
    check.transactions === org.n &&
    check.recipients_with_several_message_ids === 0 &&
    check.recipients_with_unexpected_message_id === 0 &&
    check.mails_to_others === 0 &&
    ledgerState.sent === org.n &&
    ledgerState.pending + ledgerState.sending === 0;
  verdict(
    `every one of ${fmt(org.n)} recipients got exactly one mail with its Message-ID; ledger ${fmt(org.n)} sent`,
    exact,
    JSON.stringify({ ...check, ledger: ledgerState }),
  );
  verdict(
    `≥ ${TARGET_RATE} messages/s delivered into a real SMTP sink (machine shared: ${loadNote()})`,
    rate >= TARGET_RATE,
    `${fmt(rate)}/s first to last accepted; ${fmt(out.throughput.overall_per_s)}/s from POST /send to sent`,
  );
  verdict(
    `CPU per message ≤ ${CPU_PER_MESSAGE_MS} ms (newsletter + identity + PostgreSQL; ${TARGET_RATE}/s on two cores at ${HEADROOM * 100} %)`,
    perMessage.total_ms <= CPU_PER_MESSAGE_MS,
    `${perMessage.total_ms} ms ${JSON.stringify(perMessage.split)}; sink ${sinkMs} ms`,
  );
}

// ---------------------------------------------------------------- crash
async function crash() {
  const org = orgs.a;
  const killAt = Math.max(1, Math.round(org.n * opts.killAt));
  console.log(
    `\ncrash: a newsletter to ${fmt(org.n)} people, kill -9 of the newsletter service after ${fmt(killAt)} mails accepted, restarted at once (lease ${LEASE_SECONDS} s)`,
  );
  const id = await newsletterFor(org, opts.rate);
  sink.reset();
  let killedAt = NaN;
  const killed = new Promise((resolve) =>
    sink.when(killAt, () => {
      // Here, in the sink's handler: nothing else of the bench runs before the signal.
      process.kill(procs.newsletter.pid, 'SIGKILL');
      killedAt = now();
      resolve();
    }),
  );
  const t0 = now();
  await must(nlPort, 'POST', `/newsletters/${id}/send`, org.admin, {});
  await killed;
  await kill9(procs.newsletter);
  const atKill = sink.transactions;
  await sleep(200); // what was in flight on the cut connections never completes
  const ledgerAtKill = await ledger(id);
  const t1 = now();
  procs.newsletter = startNewsletter();
  await waitReady(procs.newsletter, nlPort);
  const restartMs = now() - t1;
  const transactionsBeforeResume = sink.transactions;
  const wallMs = await untilSent(id, org.n, Math.max(300_000, (org.n / 100) * 1000));
  const ledgerState = await ledger(id);
  const check = sinkCheck(id, org);
  const ok =
    check.recipients_with_mail === org.n &&
    check.recipients_with_several_message_ids === 0 &&
    check.recipients_with_unexpected_message_id === 0 &&
    check.mails_to_others === 0 &&
    ledgerState.sent === org.n &&
    ledgerState.pending + ledgerState.sending === 0;
  out.crash = {
    newsletter_id: id,
    recipients: org.n,
    kill_at_accepted: killAt,
    accepted_when_killed: atKill,
    ledger_at_kill: ledgerAtKill,
    restart_ready_ms: round(restartMs, 0),
    accepted_before_resume: transactionsBeforeResume,
    send_to_sent_s: round((now() - t0) / 1000, 2),
    resumed_to_sent_s: round(wallMs / 1000, 2),
    sink: check,
    ledger: ledgerState,
  };
  console.log(
    `  killed at ${fmt(atKill)} accepted (${fmt((killedAt - sink.firstAt) / 1000, 1)} s into the send); ledger then ${JSON.stringify(ledgerAtKill)}; restarted, ready in ${fmt(restartMs / 1000, 1)} s; sent ${fmt(wallMs / 1000, 1)} s later`,
  );
  console.log(`  sink: ${JSON.stringify(check)}`);
  console.log(`  ledger: ${JSON.stringify(ledgerState)}`);
  const extra = check.transactions_beyond_one_per_recipient;
  console.log(
    `  recipients with ≥ 1 mail: ${fmt(check.recipients_with_mail)} of ${fmt(org.n)}; distinct Message-IDs per recipient: ${check.recipients_with_several_message_ids === 0 && check.recipients_with_unexpected_message_id === 0 ? 'exactly 1 each, the expected one' : `${check.recipients_with_several_message_ids} with several, ${check.recipients_with_unexpected_message_id} unexpected`}; raw SMTP transactions beyond one per recipient: ${fmt(extra)}`,
  );
  if (extra > 0)
    console.log(
      `  NOTE: ${fmt(extra)} mail(s) reached the sink twice: accepted in the ≤ 50 ms before the kill, their \`sent\` mark not yet written, re-sent after the lease with the same Message-ID. The ledger guarantees one message (one Message-ID) per person, not one SMTP transaction; receiving systems collapse the copies by Message-ID.`,
    );
  verdict(
    `kill -9 mid-send and restart: all ${fmt(org.n)} recipients got the newsletter, each exactly one Message-ID (the expected one), ledger ${fmt(org.n)} sent and none pending/sending`,
    ok,
    `${JSON.stringify({ ...check, ledger: ledgerState })}`,
  );
}

// ---------------------------------------------------------------- pacing
async function pacing() {
  const org = orgs.b;
  const R = opts.pacedRate;
  console.log(`\npacing: a newsletter to ${fmt(org.n)} people with messagesPerSecond ${R}`);
  const id = await newsletterFor(org, R);
  sink.reset();
  await must(nlPort, 'POST', `/newsletters/${id}/send`, org.admin, {});
  const wallMs = await untilSent(id, org.n, Math.max(120_000, (org.n / R) * 3000));
  const rate = deliveredPerSecond();
  const busiest = busiestSecond();
  const check = sinkCheck(id, org);
  const ledgerState = await ledger(id);
  const held = rate <= R * (1 + PACE_TOLERANCE) && busiest <= R * (1 + PACE_TOLERANCE);
  const reached = rate >= R * (1 - PACE_TOLERANCE);
  out.pacing = {
    newsletter_id: id,
    recipients: org.n,
    messages_per_second_setting: R,
    delivered_per_s: round(rate, 0),
    busiest_second: busiest,
    sink_idle: idleGaps(),
    send_to_sent_s: round(wallMs / 1000, 2),
    sink: check,
    ledger: ledgerState,
  };
  console.log(
    `  delivered ${fmt(rate)}/s (first to last accepted, ${fmt((sink.lastAt - sink.firstAt) / 1000, 1)} s), busiest second ${fmt(busiest)}; ${fmt(check.recipients_with_mail)} of ${fmt(org.n)} got it, ${fmt(check.transactions_beyond_one_per_recipient)} transactions beyond one each`,
  );
  verdict(
    `the pace holds at messagesPerSecond ${R}: delivered/s and the busiest second ≤ ${R * (1 + PACE_TOLERANCE)}, delivered/s ≥ ${R * (1 - PACE_TOLERANCE)}; each one mail`,
    held && reached && check.recipients_with_mail === org.n && check.transactions === org.n,
    `${fmt(rate)}/s, busiest second ${fmt(busiest)}`,
  );
}

// ---------------------------------------------------------------- fan-out
/** A budget's results within 10 s of commit on 10,000 people's notifications pages (issue 20). */
const FANOUT_MS = 10_000;

/**
 * One event to --fanout people, published as budgeting publishes it; this
 * process plays budgeting (its outbox and relay, the libraries' own code).
 */
async function fanout() {
  const org = orgs.a;
  const n = Math.min(opts.fanout, org.n);
  console.log(
    `\nfanout: one budget's results to ${fmt(n)} voters (budgeting.notification.requested.v1), relayed from an outbox by the messaging library; their mails at once`,
  );
  require('@swc-node/register');
  const { EventBus } = require(join(root, 'libs/messaging/src/index.ts'));
  const { createMessagingTables } = require(join(root, 'libs/messaging/src/outbox.ts'));
  const { Database } = require(join(root, 'libs/persistence/src/index.ts'));
  const { publishNotification } = require(join(root, 'libs/service-kit/src/notifications.ts'));
  await must(nlPort, 'PUT', '/settings', org.admin, { messagesPerSecond: opts.rate });
  const db = await Database.open({ url: dbUrl });
  await db.query(`CREATE SCHEMA IF NOT EXISTS budgeting`);
  const ds = db.dataSource({ schema: 'budgeting' });
  await ds.initialize();
  const q = ds.createQueryRunner();
  try {
    await createMessagingTables(q, 'budgeting');
  } finally {
    await q.release();
  }
  let relayErrors = 0;
  const bus = EventBus.create(db, {
    transport: busEnv.EVENTS_TRANSPORT,
    kafkaBrokers: busEnv.KAFKA_BROKERS,
    clientId: 'bench-budgeting',
    relay: { onError: () => relayErrors++ },
  });
  await bus.relay(ds, 'budgeting');
  const subjectId = `bench-budget-${Date.now()}`;
  const recipientIds = Array.from({ length: n }, (_, i) => userIdOf(org.first + i));
  const count = async () =>
    (
      await query(
        `SELECT count(*)::int AS c FROM newsletter.notifications
          WHERE organization_id = $1 AND subject_id = $2`,
        [org.id, subjectId],
      )
    )[0].c;
  sink.reset();
  const meter = cpuMeter(
    { newsletter: procs.newsletter, identity: procs.identity },
    { postgresDatabase: DB_NAME },
  );
  let t0;
  try {
    await ds.transaction(async (m) => {
      await publishNotification(m, 'budgeting', {
        organizationId: org.id,
        kind: 'budget.results',
        recipientIds,
        spaceId: null,
        subjectId,
        title: { fr: 'Budget participatif 2027', en: 'Participatory budget 2027' },
        path: `/budgets/${subjectId}`,
        dedupeKey: `budget.results:${subjectId}`,
      });
      t0 = now();
    });
    const committedMs = now() - t0;
    let rowsMs = NaN;
    let stored = 0;
    for (;;) {
      stored = await count();
      if (stored >= n) {
        rowsMs = now() - t0;
        break;
      }
      if (now() - t0 > 120_000) break;
      await sleep(20);
    }
    const mailsDeadline = now() + Math.max(60_000, (n / 100) * 1000);
    while (sink.transactions < n && now() < mailsDeadline) await sleep(50);
    const mailsMs = sink.lastAt - t0;
    const cpu = meter(n);
    const perPerson = cpuPerOperation(cpu, ['newsletter', 'identity', 'postgres']);
    let mailed = 0;
    let twice = 0;
    for (let i = org.first; i < org.first + n; i++) {
      if (sink.counts[i] >= 1) mailed++;
      if (sink.counts[i] > 1) twice++;
    }
    const [{ unmailed }] = await query(
      `SELECT count(*)::int AS unmailed FROM newsletter.notifications
        WHERE organization_id = $1 AND subject_id = $2 AND mailed_at IS NULL`,
      [org.id, subjectId],
    );
    out.fanout = {
      people: n,
      events: Math.ceil(n / 10_000),
      commit_ms: round(committedMs, 0),
      stored,
      commit_to_stored_ms: round(rowsMs, 0),
      commit_to_last_mail_ms: round(mailsMs, 0),
      mailed,
      mailed_twice: twice,
      unmailed,
      relay_errors: relayErrors,
      cpu,
      cpu_per_person: perPerson,
    };
    console.log(
      `  committed in ${fmt(committedMs)} ms; ${fmt(stored)} of ${fmt(n)} notifications stored ${fmt(rowsMs)} ms after the commit; the last of ${fmt(mailed)} mails accepted ${fmt(mailsMs)} ms after it (${fmt(twice)} twice, ${fmt(unmailed)} not mailed)`,
    );
    console.log(`  ${formatCpu(cpu, 'person')}`);
    console.log(
      `  CPU per person ${fmt(perPerson.total_ms, 3)} ms ${JSON.stringify(perPerson.split)} (the row and the mail; the relay in this process besides)`,
    );
    verdict(
      `one event fanned out to ${fmt(n)} people's notifications within ${FANOUT_MS / 1000} s of its commit`,
      stored === n && rowsMs <= FANOUT_MS,
      `${fmt(stored)} stored in ${fmt(rowsMs)} ms`,
    );
    verdict(
      `the ${fmt(n)} "at once" mails of that event: each person one`,
      mailed === n && twice === 0 && unmailed === 0,
      `${fmt(mailed)} mailed, ${fmt(twice)} twice, ${fmt(unmailed)} rows not marked mailed; last ${fmt(mailsMs / 1000, 1)} s after the commit`,
    );
  } finally {
    await bus.stop();
    await ds.destroy();
    await db.close();
  }
}

// ---------------------------------------------------------------- digest
/** The resident set size of a process, in MB (Linux). */
function rssMb(pid) {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/**
 * A daily digest for --digest-people people: their notifications
 * bulk-loaded as the consumer stores them (3 each: two in a space, one in
 * another), the service restarted with the digest due; each gets one mail.
 */
async function digest() {
  const org = orgs.a;
  const n = Math.min(opts.digestPeople, org.n);
  const last = org.first + n - 1;
  console.log(
    `\ndigest: the daily digest of ${fmt(n)} people, 3 notifications each in two spaces, streamed by the newsletter service (restarted with NOTIFICATIONS_DIGEST_HOUR=0: due now)`,
  );
  const t = now();
  await stop(procs.newsletter);
  await query(`DELETE FROM newsletter.notifications WHERE organization_id = $1`, [org.id]);
  await query(`DELETE FROM newsletter.digest_runs WHERE organization_id = $1`, [org.id]);
  const spaces = [
    [
      '6f1d2c3b-4a59-4e68-8d7c-1b2a3c4d5e60',
      'Budget participatif 2027',
      'Participatory budget 2027',
    ],
    ['7a2e3d4c-5b6a-4f79-9e8d-2c3b4d5e6f70', 'Plan vélo', 'Cycling plan'],
  ];
  for (const [k, [space, fr, en], kind, hours] of [
    // Yesterday's (the digest covers what arrived until today's digest hour).
    [0, spaces[0], 'proposal.commented', 29],
    [1, spaces[0], 'comment.replied', 28],
    [2, spaces[1], 'proposal.evaluating', 27],
  ])
    await query(
      `INSERT INTO newsletter.notifications
         (organization_id, user_id, kind, cadence, space_id, space_title, subject_id, title, path,
          occurred_at, dedupe_key, created_at)
       SELECT $1, ${USER_ID_SQL}, $2, 'daily', $3, $4::jsonb, 'p' || g, $5::jsonb, '/proposals/p' || g,
              now() - make_interval(hours => $6), $2 || ':bench:' || g, now() - make_interval(hours => $6)
         FROM generate_series($7::int, $8::int) g`,
      [
        org.id,
        kind,
        space,
        JSON.stringify({ fr, en }),
        JSON.stringify({ fr: `Proposition n° ${k + 1}`, en: `Proposal no. ${k + 1}` }),
        hours,
        org.first,
        last,
      ],
    );
  await query(`VACUUM (ANALYZE) newsletter.notifications`);
  console.log(`  ${fmt(3 * n)} notifications bulk-loaded in ${fmt((now() - t) / 1000, 1)} s`);
  await must(nlPort, 'PUT', '/settings', org.admin, { messagesPerSecond: opts.rate }).catch(
    () => {},
  );
  sink.reset();
  nlEnv = { ...nlEnv, NOTIFICATIONS_DIGEST_HOUR: '0' };
  const t0 = now();
  procs.newsletter = startNewsletter();
  await waitReady(procs.newsletter, nlPort);
  const rssAtReady = rssMb(procs.newsletter.pid);
  const meter = cpuMeter(
    { newsletter: procs.newsletter, identity: procs.identity },
    { postgresDatabase: DB_NAME },
  );
  // RSS against the number of mails accepted so far.
  const samples = [];
  const sampler = setInterval(() => {
    samples.push({ at: now() - t0, sent: sink.transactions, rss: rssMb(procs.newsletter.pid) });
  }, 250);
  let progress = { at: now(), count: 0 };
  let lastPrint = now();
  try {
    for (;;) {
      if (sink.transactions >= n) break;
      if (sink.transactions !== progress.count) progress = { at: now(), count: sink.transactions };
      else if (now() - progress.at > STALL_MS)
        throw new Error(`digest: no mail for ${STALL_MS / 1000} s at ${sink.transactions} of ${n}`);
      if (now() - lastPrint >= 10_000) {
        console.log(
          `  … ${fmt(sink.transactions)} of ${fmt(n)} digests accepted, newsletter RSS ${fmt(rssMb(procs.newsletter.pid))} MB`,
        );
        lastPrint = now();
      }
      await sleep(100);
    }
    // The run's end is written after its last batch.
    for (let i = 0; i < 50; i++) {
      const [run] = await query(
        `SELECT finished_at FROM newsletter.digest_runs WHERE organization_id = $1 AND cadence = 'daily'`,
        [org.id],
      );
      if (run?.finished_at) break;
      await sleep(100);
    }
  } finally {
    clearInterval(sampler);
  }
  const wallMs = now() - t0;
  const cpu = meter(sink.transactions);
  const perMail = cpuPerOperation(cpu, ['newsletter', 'identity', 'postgres']);
  let once = 0;
  let twice = 0;
  for (let i = org.first; i <= last; i++) {
    if (sink.counts[i] === 1) once++;
    else if (sink.counts[i] > 1) twice++;
  }
  const [{ unmailed, runs, finished }] = await query(
    `SELECT (SELECT count(*)::int FROM newsletter.notifications
              WHERE organization_id = $1 AND mailed_at IS NULL) AS unmailed,
            (SELECT count(*)::int FROM newsletter.digest_runs WHERE organization_id = $1) AS runs,
            (SELECT count(*)::int FROM newsletter.digest_runs
              WHERE organization_id = $1 AND finished_at IS NOT NULL) AS finished`,
    [org.id],
  );
  const during = samples.filter((x) => x.sent > 0 && x.sent < n && Number.isFinite(x.rss));
  const half = (lo, hi) =>
    Math.max(...during.filter((x) => x.sent >= lo * n && x.sent < hi * n).map((x) => x.rss));
  const firstHalf = half(0, 0.5);
  const secondHalf = half(0.5, 1);
  const byDecile = [0.1, 0.25, 0.5, 0.75, 0.9].map((f) => {
    const x = during.find((y) => y.sent >= f * n);
    return x ? { sent: x.sent, rss_mb: round(x.rss, 0) } : null;
  });
  const peak = Math.max(...samples.map((x) => x.rss).filter(Number.isFinite));
  const rate = deliveredPerSecond();
  out.digest = {
    people: n,
    notifications: 3 * n,
    restart_to_last_mail_s: round((sink.lastAt - t0) / 1000, 2),
    restart_to_finished_s: round(wallMs / 1000, 2),
    delivered_per_s: round(rate, 0),
    once,
    several: twice,
    unmailed,
    runs,
    finished_runs: finished,
    rss_mb: {
      at_ready: round(rssAtReady, 0),
      peak: round(peak, 0),
      first_half_peak: round(firstHalf, 0),
      second_half_peak: round(secondHalf, 0),
      by_progress: byDecile,
    },
    cpu,
    cpu_per_mail: perMail,
  };
  console.log(
    `  ${fmt(sink.transactions)} digests accepted, ${fmt(rate)}/s (first to last), the last ${fmt((sink.lastAt - t0) / 1000, 1)} s after the restart; ${fmt(once)} people one each, ${fmt(twice)} several, ${fmt(unmailed)} notifications not marked mailed; run ${finished}/${runs} finished`,
  );
  console.log(
    `  newsletter RSS: ${fmt(rssAtReady)} MB when ready, peak ${fmt(peak)} MB; first half's peak ${fmt(firstHalf)} MB, second half's ${fmt(secondHalf)} MB; by mails sent ${byDecile.map((x) => (x ? `${fmt(x.sent)}: ${fmt(x.rss_mb)} MB` : '-')).join(', ')}`,
  );
  console.log(`  ${formatCpu(cpu, 'digest')}`);
  console.log(`  CPU per digest ${fmt(perMail.total_ms, 3)} ms ${JSON.stringify(perMail.split)}`);
  verdict(
    `the daily digest of ${fmt(n)} people: each exactly one mail, every notification marked mailed, the run finished`,
    once === n && twice === 0 && unmailed === 0 && finished === 1 && runs === 1,
    `${fmt(once)} once, ${fmt(twice)} several, ${fmt(unmailed)} unmailed, runs ${finished}/${runs}; ${fmt(wallMs / 1000, 1)} s`,
  );
  verdict(
    `digest memory flat (streamed): the second half's peak RSS within ${opts.rssSlack} MB of the first half's`,
    Number.isFinite(firstHalf) &&
      Number.isFinite(secondHalf) &&
      secondHalf <= firstHalf + opts.rssSlack,
    `${fmt(firstHalf)} MB then ${fmt(secondHalf)} MB (peak ${fmt(peak)} MB)`,
  );
}

try {
  await main();
} catch (error) {
  console.error(`\nbench:newsletter failed: ${error.stack ?? error}`);
  for (const p of Object.values(procs))
    console.error(`--- ${p.name} log tail ---\n${logTail(p.logFile, 20)}`);
  process.exitCode = 1;
} finally {
  await Promise.all(Object.values(procs).map((p) => stop(p)));
  agent.destroy();
  await Promise.race([sink?.close(), sleep(2_000)]);
  await pool?.end();
  removeTempDirs();
}
console.log(`\n${loadNote()}`);
for (const v of verdicts) console.log(`${metOrMiss(v.ok)}  ${v.name}: ${v.detail}`);
out.verdicts = verdicts;
out.load_avg_1m_at_end = Number(loadavg()[0].toFixed(2));
console.log(JSON.stringify(out));
