#!/usr/bin/env node
// Throughput and latency of the event bus, end to end, as a service uses it:
// publish() inside a transaction → outbox → OutboxRelay → transport (the
// postgres transport's palabre_bus log, or Kafka with --transport kafka) →
// EventBus.consume (inbox) → effect row.
//
// Runs on an in-memory PGlite, and on a real PostgreSQL (BENCH_DATABASE_URL,
// default postgres://palabre:palabre@127.0.0.1:5432/palabre_bench when it
// answers). Three variants per backend:
//   single  --publishers publishers flat out, one event per transaction;
//   batch   the same with --batch events per transaction;
//   paced   --paced-events events at --paced-rate events/s, one per
//           transaction: latency when the bus is not saturated (under the two
//           flat-out variants, latency mostly measures the backlog).
// Every event must be handled exactly once (checked in the database), with
// per-key order kept; anything else prints FAIL.
//
//   npm run bench:bus -- [--events 20000] [--publishers 8] [--aggregates 1000]
//                        [--batch 10] [--paced-events 500] [--paced-rate 100]
//                        [--timeout 180] [--only pglite|postgres]
//                        [--variants single,batch,paced] [--pglite-dir]
//                        [--transport postgres|kafka]
//
// --transport kafka needs KAFKA_BROKERS (and KAFKA_SSL, KAFKA_SASL_* as a
// service would have them), e.g. from `eval "$(bash ../shared/kafka/start.sh)"`.
//
// Loads the TypeScript sources in place through @swc-node/register (no build).
// Output: human lines, then one JSON line (the last line) with every number.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';

import { fmt, now, percentile, root, round, sleep } from './common.mjs';

process.env.SWC_NODE_PROJECT ??= join(root, 'tsconfig.json');
// Keep the bench quiet and self-contained: no trace exporter, no stray settings.
delete process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
const require = createRequire(import.meta.url);
require('@swc-node/register');
const { EventBus, publish, kafkaClientOptions } = require(
  join(root, 'libs/messaging/src/index.ts'),
);
const { setUpServiceSchema } = require(join(root, 'libs/messaging/src/transport.contract.ts'));
const { Database } = require(join(root, 'libs/persistence/src/index.ts'));

// ---------------------------------------------------------------- options
function parseArgs(argv) {
  const opts = {
    events: 20_000,
    publishers: 8,
    aggregates: 1_000,
    batch: 10,
    timeout: 180,
    only: null,
    variants: ['single', 'batch', 'paced'],
    pacedEvents: 500,
    pacedRate: 100,
    pgliteDir: false,
    transport: 'postgres',
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = () => inline ?? argv[++i];
    const int = (name) => {
      const v = Number(value());
      if (!Number.isInteger(v) || v < 1) throw new Error(`${name} expects a positive integer`);
      return v;
    };
    switch (flag) {
      case '--events':
        opts.events = int(flag);
        break;
      case '--publishers':
        opts.publishers = int(flag);
        break;
      case '--aggregates':
        opts.aggregates = int(flag);
        break;
      case '--paced-events':
        opts.pacedEvents = int(flag);
        break;
      case '--paced-rate':
        opts.pacedRate = int(flag);
        break;
      case '--batch':
        opts.batch = int(flag);
        break;
      case '--timeout':
        opts.timeout = int(flag);
        break;
      case '--only':
        opts.only = value();
        if (!['pglite', 'postgres'].includes(opts.only)) throw new Error('--only pglite|postgres');
        break;
      case '--variants':
        opts.variants = value().split(',');
        if (opts.variants.some((v) => !['single', 'batch', 'paced'].includes(v)))
          throw new Error('--variants single,batch,paced');
        break;
      case '--transport':
        opts.transport = value();
        if (!['postgres', 'kafka'].includes(opts.transport))
          throw new Error('--transport postgres|kafka');
        break;
      case '--pglite-dir':
        opts.pgliteDir = true;
        break;
      case '--help':
      case '-h':
        console.log(
          'usage: node tools/bench/bus.mjs [--events N] [--publishers K] [--aggregates A] [--batch B]\n' +
            '                              [--paced-events N] [--paced-rate R] [--timeout S] [--only pglite|postgres]\n' +
            '                              [--variants single,batch,paced] [--pglite-dir]\n' +
            '                              [--transport postgres|kafka]\n' +
            'env: BENCH_DATABASE_URL (default postgres://palabre:palabre@127.0.0.1:5432/palabre_bench if reachable);\n' +
            '     KAFKA_BROKERS (and KAFKA_SSL, KAFKA_SASL_*) with --transport kafka',
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
let kafka; // with --transport kafka: the brokers and an admin client to count and clean up
try {
  opts = parseArgs(process.argv.slice(2));
  if (opts.transport === 'kafka') {
    const brokers = process.env.KAFKA_BROKERS;
    if (!brokers) throw new Error('--transport kafka needs KAFKA_BROKERS=host:port[,host:port]');
    const { Kafka, logLevel } = require('kafkajs');
    const client = new Kafka({
      clientId: 'palabre-bench-admin',
      brokers: brokers.split(','),
      ...kafkaClientOptions(process.env, 'bench:bus'),
      logLevel: logLevel.NOTHING,
    });
    kafka = { brokers, admin: client.admin() };
  }
} catch (error) {
  console.error(`bench:bus: ${error.message}`);
  process.exit(64);
}

const DEFAULT_URL = 'postgres://palabre:palabre@127.0.0.1:5432/palabre_bench';
const redactUrl = (url) => url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

// ---------------------------------------------------------------- time bound
// Each scenario (backend × variant) gets --timeout seconds; past that it is
// abandoned with a report of where it stood, and the run ends (exit 2). A
// timer that fires even if an await never returns (a deadlock) backs this up.
const results = [];
const skipped = [];
const startedAt = now();
const loadAtStart = Number(os.loadavg()[0].toFixed(2));
let deadline = Infinity;
let current = null; // the scenario in flight, for the abort report
let hardStop;

class Aborted extends Error {}
const checkDeadline = () => {
  if (now() > deadline)
    throw new Aborted(
      `${current ? `${current.backend}/${current.variant}` : 'scenario'} did not finish within ${opts.timeout} s`,
    );
};

async function describeInFlight() {
  const s = current;
  if (!s) return;
  console.log(
    `  in flight: ${s.backend}/${s.variant}: ${s.committed}/${s.events} events committed, ` +
      `${s.handled} handler calls, ${s.handlerErrors} handler errors, ${s.relayErrors} relay errors`,
  );
  try {
    const diag = await withTimeout(s.diagnose(), 3_000, 'diagnostic query');
    console.log(`  database: ${JSON.stringify(diag)}`);
  } catch (error) {
    console.log(`  the database did not answer a diagnostic query: ${error.message}`);
  }
}

function armScenarioBound() {
  deadline = now() + opts.timeout * 1000;
  clearTimeout(hardStop);
  hardStop = setTimeout(
    async () => {
      console.log(
        `\nABORT: ${current ? `${current.backend}/${current.variant}` : 'the benchmark'} is stuck ` +
          `${opts.timeout} s after it started (an await never returned).`,
      );
      await describeInFlight();
      console.log(
        JSON.stringify({
          bench: 'bus',
          aborted: `stuck: ${current ? `${current.backend}/${current.variant}` : '?'} exceeded ${opts.timeout} s`,
          options: publicOptions(),
          results,
          skipped,
          ok: false,
        }),
      );
      process.exit(2);
    },
    opts.timeout * 1000 + 15_000,
  );
}

function publicOptions() {
  return {
    events: opts.events,
    paced_events: opts.pacedEvents,
    paced_rate: opts.pacedRate,
    publishers: opts.publishers,
    aggregates: opts.aggregates,
    batch: opts.batch,
    timeout_s: opts.timeout,
    transport: opts.transport,
  };
}

// ---------------------------------------------------------------- one scenario
const FILLER = 'x'.repeat(128); // a payload of realistic size (~200 bytes of JSON)

async function runScenario(backend, variant, openDb, dbLabel) {
  const perTx = variant === 'batch' ? opts.batch : 1;
  const N = variant === 'paced' ? opts.pacedEvents : opts.events;
  const db = await openDb();
  const schema = `bench_${randomUUID().slice(0, 8)}`;
  const topic = `bench.${schema.replace('_', '-')}.happened.v1`;
  const group = `bench.${schema}`;
  const state = {
    backend,
    variant,
    events: N,
    committed: 0,
    handled: 0,
    handlerErrors: 0,
    relayErrors: 0,
    busErrors: 0,
    lastHandlerError: null,
    lastRelayError: null,
    lastBusError: null,
    diagnose: async () => ({
      outbox: Number((await db.query(`SELECT count(*)::int AS c FROM "${schema}".outbox`))[0].c),
      effects: Number((await db.query(`SELECT count(*)::int AS c FROM "${schema}".effects`))[0].c),
      ...(kafka ? { kafka_records: await kafkaRecords(topic) } : await busLog()),
    }),
  };
  const busLog = async () => ({
    bus_events: Number(
      (
        await db.query(`SELECT count(*)::int AS c FROM palabre_bus.events WHERE topic = $1`, [
          topic,
        ])
      )[0].c,
    ),
    offsets: await db.query(
      `SELECT partition, committed_seq, owner IS NOT NULL AS leased FROM palabre_bus.offsets WHERE group_id = $1 ORDER BY partition`,
      [group],
    ),
  });
  current = state;
  armScenarioBound();
  let bus;
  let ds;
  try {
    ds = await setUpServiceSchema(db, schema);
    await db.query(
      `ALTER TABLE "${schema}".effects ADD COLUMN published_at float8, ADD COLUMN handled_at float8`,
    );

    bus = EventBus.create(db, {
      transport: opts.transport,
      kafkaBrokers: kafka?.brokers,
      clientId: 'palabre-bench',
      // Consuming loops (and, on Kafka, the client's own warnings and errors).
      onError: (error, where) => {
        state.busErrors++;
        state.lastBusError = `${where}: ${String(error)}`;
      },
      relay: {
        onError: (error) => {
          state.relayErrors++;
          state.lastRelayError = String(error);
        },
      },
    });
    await bus.start();
    await bus.relay(ds, schema);

    const handledOrder = new Map(); // key → [n, ...] in handling order
    await bus.consume({
      ds,
      schema,
      group,
      topics: [topic],
      handle: async (event, m) => {
        const handledAt = now();
        const p = event.payload;
        try {
          await m.query(
            `INSERT INTO "${schema}".effects (event_id, key, n, published_at, handled_at) VALUES ($1, $2, $3, $4, $5)`,
            [event.id, event.key, p.n, p.publishedAt, handledAt],
          );
        } catch (error) {
          state.handlerErrors++;
          state.lastHandlerError = String(error);
          throw error;
        }
        state.handled++;
        const list = handledOrder.get(event.key);
        if (list) list.push(p.n);
        else handledOrder.set(event.key, [p.n]);
      },
    });

    // ---- publish: events [from, to) in one transaction.
    const txStart = new Float64Array(N);
    const txCommit = new Float64Array(N);
    let firstPublish = Infinity;
    let lastCommit = 0;
    const publishRange = async (from, to) => {
      const t0 = now();
      if (t0 < firstPublish) firstPublish = t0;
      await ds.transaction(async (m) => {
        for (let n = from; n < to; n++) {
          await publish(m, schema, {
            topic,
            key: `aggregate-${n % opts.aggregates}`,
            payload: { n, publishedAt: now(), body: FILLER },
          });
        }
      });
      const t1 = now();
      for (let n = from; n < to; n++) {
        txStart[n] = t0;
        txCommit[n] = t1;
      }
      state.committed += to - from;
      if (t1 > lastCommit) lastCommit = t1;
    };
    if (variant === 'paced') {
      // Open loop at a fixed rate, one event per transaction.
      const began = now();
      const inFlight = new Set();
      for (let n = 0; n < N; n++) {
        checkDeadline();
        const wait = began + (n * 1000) / opts.pacedRate - now();
        if (wait > 0) await sleep(wait);
        const p = publishRange(n, n + 1).finally(() => inFlight.delete(p));
        inFlight.add(p);
        if (inFlight.size >= 64) await Promise.race(inFlight);
      }
      await Promise.all(inFlight);
    } else {
      // K publishers flat out, each transaction publishes perTx events.
      let next = 0;
      const publisher = async () => {
        while (next < N) {
          checkDeadline();
          const from = next;
          const to = Math.min(N, from + perTx);
          next = to;
          await publishRange(from, to);
        }
      };
      await Promise.all(Array.from({ length: opts.publishers }, publisher));
    }
    const publishSeconds = (lastCommit - firstPublish) / 1000;

    // ---- wait for the consumer: in-memory trigger, confirmed in the database.
    let effectCount = 0;
    const countEffects = async () =>
      Number((await db.query(`SELECT count(*)::int AS c FROM "${schema}".effects`))[0].c);
    for (;;) {
      checkDeadline();
      if (state.handled >= N) {
        effectCount = await countEffects();
        if (effectCount >= N) break;
        await sleep(100);
      } else {
        await sleep(20);
      }
    }
    // Give a would-be duplicate delivery a moment to show up before counting.
    await sleep(500);

    // ---- verify and measure from the database.
    const rows = await db.query(`SELECT n, published_at, handled_at FROM "${schema}".effects`);
    const [stats] = await db.query(
      `SELECT count(*)::int AS total, count(DISTINCT event_id)::int AS ids, count(DISTINCT n)::int AS ns,
              min(n) AS min_n, max(n) AS max_n FROM "${schema}".effects`,
    );
    const [inbox] = await db.query(
      `SELECT count(*)::int AS c FROM "${schema}".inbox WHERE consumer = $1`,
      [group],
    );
    const [outbox] = await db.query(`SELECT count(*)::int AS c FROM "${schema}".outbox`);
    const logCount = async (t) =>
      kafka
        ? kafkaRecords(t)
        : Number(
            (
              await db.query(`SELECT count(*)::int AS c FROM palabre_bus.events WHERE topic = $1`, [
                t,
              ])
            )[0].c,
          );
    const dlt = { c: await logCount(`${topic}.dlt`) };
    const shippedRows = { c: await logCount(topic) };
    const problems = [];
    if (Number(stats.total) !== N) problems.push(`${stats.total} effect rows for ${N} events`);
    if (Number(stats.ids) !== Number(stats.total))
      problems.push(`${Number(stats.total) - Number(stats.ids)} duplicate effects (same event id)`);
    if (Number(stats.ns) !== N || Number(stats.min_n) !== 0 || Number(stats.max_n) !== N - 1)
      problems.push(`${N - Number(stats.ns)} events never handled`);
    if (Number(inbox.c) !== N) problems.push(`${inbox.c} inbox rows for ${N} events`);
    if (Number(outbox.c) !== 0) problems.push(`${outbox.c} rows left in the outbox`);
    if (Number(dlt.c) !== 0) problems.push(`${dlt.c} events dead-lettered`);
    if (Number(shippedRows.c) !== N)
      problems.push(`${shippedRows.c} rows in the bus log for ${N} events (relay re-sent or lost)`);

    // Per-key order: a pair published one after the other (first committed
    // before the second began) must be handled in that order.
    let inversions = 0;
    for (const list of handledOrder.values()) {
      for (let i = 0; i < list.length; i++)
        for (let j = i + 1; j < list.length; j++)
          if (txCommit[list[j]] < txStart[list[i]]) inversions++;
    }
    if (inversions > 0) problems.push(`${inversions} per-key order inversions`);

    const latencies = rows
      .map((r) => Number(r.handled_at) - Number(r.published_at))
      .sort((a, b) => a - b);
    const lastHandled = rows.reduce((m, r) => Math.max(m, Number(r.handled_at)), 0);
    const e2eSeconds = (lastHandled - firstPublish) / 1000;
    const result = {
      transport: opts.transport,
      backend,
      database: dbLabel,
      variant,
      events_per_tx: perTx,
      load:
        variant === 'paced'
          ? `${opts.pacedRate} events/s`
          : `${opts.publishers} publishers flat out`,
      events: N,
      publish_s: round(publishSeconds, 3),
      publish_events_per_s: round(N / publishSeconds, 0),
      publish_tx_per_s: round(Math.ceil(N / perTx) / publishSeconds, 0),
      e2e_s: round(e2eSeconds, 3),
      e2e_events_per_s: round(N / e2eSeconds, 0),
      latency_ms: {
        p50: round(percentile(latencies, 50)),
        p95: round(percentile(latencies, 95)),
        p99: round(percentile(latencies, 99)),
        max: round(latencies.at(-1)),
      },
      handler_calls: state.handled,
      handler_errors: state.handlerErrors,
      relay_errors: state.relayErrors,
      bus_errors: state.busErrors,
      exactly_once: problems.length === 0,
      problems,
    };
    results.push(result);
    printResult(result, state);
    return result;
  } catch (error) {
    if (error instanceof Aborted) {
      clearTimeout(hardStop);
      console.log(`\nABORT: ${error.message}.`);
      await describeInFlight();
    }
    throw error;
  } finally {
    current = null;
    try {
      if (bus) await withTimeout(bus.stop(), 30_000, 'bus.stop()');
      if (kafka) {
        const existing = new Set(
          await withTimeout(kafka.admin.listTopics(), 10_000, 'list topics'),
        );
        const topics = [topic, `${topic}.dlt`].filter((t) => existing.has(t));
        if (topics.length)
          await withTimeout(kafka.admin.deleteTopics({ topics }), 30_000, 'delete topics');
        await kafka.admin.deleteGroups([group]).catch(() => undefined);
      }
      if (db.kind === 'postgres') {
        const q = (sql, params) => withTimeout(db.query(sql, params), 10_000, 'clean-up query');
        await q(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        await q(`DELETE FROM palabre_bus.events WHERE topic = ANY($1::text[])`, [
          [topic, `${topic}.dlt`],
        ]);
        await q(`DELETE FROM palabre_bus.partitions WHERE topic = ANY($1::text[])`, [
          [topic, `${topic}.dlt`],
        ]);
        await q(`DELETE FROM palabre_bus.offsets WHERE group_id = $1`, [group]);
      }
    } catch (error) {
      console.log(`  (clean-up after ${backend}/${variant} failed: ${error.message})`);
    }
    await withTimeout(db.close(), 10_000, 'db.close()').catch(() => undefined);
  }
}

function printResult(r, state) {
  const label = `${r.transport} on ${r.backend} / ${r.variant} (${r.events_per_tx} event${r.events_per_tx > 1 ? 's' : ''} per tx, ${r.load})`;
  console.log(`\n${label}`);
  console.log(
    `  publish      ${fmt(r.publish_events_per_s).padStart(8)} events/s committed  ` +
      `(${fmt(r.publish_tx_per_s)} tx/s, ${r.events} events in ${r.publish_s} s)`,
  );
  console.log(
    `  end to end   ${fmt(r.e2e_events_per_s).padStart(8)} events/s handled    ` +
      `(first publish → last handled: ${r.e2e_s} s)`,
  );
  console.log(
    `  latency      p50 ${fmt(r.latency_ms.p50, 1)} ms   p95 ${fmt(r.latency_ms.p95, 1)} ms   ` +
      `p99 ${fmt(r.latency_ms.p99, 1)} ms   max ${fmt(r.latency_ms.max, 1)} ms  (publish → handle` +
      (r.variant === 'paced' ? ')' : '; saturated, so mostly time spent in the backlog)'),
  );
  if (r.handler_errors || r.relay_errors || r.bus_errors)
    console.log(
      `  errors       ${r.handler_errors} handler (last: ${state.lastHandlerError ?? '-'}), ` +
        `${r.relay_errors} relay (last: ${state.lastRelayError ?? '-'}), ` +
        `${r.bus_errors} bus (last: ${state.lastBusError ?? '-'})`,
    );
  console.log(
    r.exactly_once
      ? `  exactly once OK: ${r.events} effect rows, no duplicates, outbox empty, nothing dead-lettered, per-key order kept`
      : `  FAIL exactly once: ${r.problems.join('; ')}`,
  );
}

/** Records in a Kafka topic (0 when it does not exist): the sum of its partitions' offsets. */
async function kafkaRecords(topic) {
  const existing = await withTimeout(kafka.admin.listTopics(), 10_000, 'list topics');
  if (!existing.includes(topic)) return 0;
  const offsets = await withTimeout(kafka.admin.fetchTopicOffsets(topic), 10_000, 'topic offsets');
  return offsets.reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
}

// ---------------------------------------------------------------- main
async function reachablePostgres() {
  const explicit = process.env.BENCH_DATABASE_URL;
  const url = explicit || DEFAULT_URL;
  try {
    const db = await withTimeout(Database.open({ url }), 5_000, 'connect');
    await db.close();
    return { url };
  } catch (error) {
    return {
      reason:
        `${explicit ? 'BENCH_DATABASE_URL' : 'default URL'} ${redactUrl(url)} is not reachable ` +
        `(${error.message})` +
        (explicit
          ? ''
          : '; set BENCH_DATABASE_URL or run `bash tools/scripts/start-test-servers.sh`'),
    };
  }
}

async function main() {
  console.log(
    `bench:bus: ${fmt(opts.events)} events from ${opts.publishers} concurrent publishers ` +
      `(single: 1 event/tx, batch: ${opts.batch} events/tx), paced: ${fmt(opts.pacedEvents)} events at ` +
      `${opts.pacedRate}/s; keys over ${fmt(opts.aggregates)} aggregates; time budget ${opts.timeout} s per scenario`,
  );
  {
    const [one] = os.loadavg();
    const n = os.cpus().length;
    console.log(
      one > n * 0.5
        ? `  WARNING: load average ${one.toFixed(2)} on ${n} CPUs: other processes compete, numbers are pessimistic`
        : `  load average ${one.toFixed(2)} on ${n} CPUs`,
    );
  }
  console.log(
    `  path: publish() in a transaction → outbox → OutboxRelay → ` +
      (kafka ? `KafkaTransport (${kafka.brokers})` : 'PostgresTransport') +
      ' → EventBus.consume (inbox) → effect row',
  );
  if (kafka) await withTimeout(kafka.admin.connect(), 30_000, 'connect to Kafka');
  const backends = [];
  if (!opts.only || opts.only === 'pglite') {
    const tmp = opts.pgliteDir ? mkdtempSync(join(tmpdir(), 'palabre-bench-bus-')) : null;
    backends.push({
      name: 'pglite',
      label: tmp ? `PGlite (${tmp})` : 'PGlite (in memory)',
      open: () =>
        Database.open({ dataDir: tmp ? join(tmp, randomUUID().slice(0, 8)) : 'memory://' }),
      cleanup: () => tmp && rmSync(tmp, { recursive: true, force: true }),
    });
  }
  if (!opts.only || opts.only === 'postgres') {
    const pg = await reachablePostgres();
    if (pg.url) {
      backends.push({
        name: 'postgres',
        label: `PostgreSQL (${redactUrl(pg.url)})`,
        open: () => Database.open({ url: pg.url }),
      });
    } else {
      skipped.push({ backend: 'postgres', reason: pg.reason });
      console.log(`\nSKIP postgres: ${pg.reason}`);
    }
  }
  let aborted = null;
  try {
    for (const b of backends) {
      console.log(`\n== ${b.label}`);
      for (const variant of opts.variants) {
        await runScenario(b.name, variant, b.open, b.label);
      }
    }
  } catch (error) {
    if (!(error instanceof Aborted)) throw error;
    aborted = error.message;
    console.log('  stopping here: later scenarios are not run.');
  } finally {
    for (const b of backends) b.cleanup?.();
  }
  clearTimeout(hardStop);
  const ok = !aborted && results.length > 0 && results.every((r) => r.exactly_once);
  console.log(
    `\nbench:bus ${ok ? 'done' : 'FAIL'} in ${fmt((now() - startedAt) / 1000, 1)} s` +
      (skipped.length ? ` (skipped: ${skipped.map((s) => s.backend).join(', ')})` : ''),
  );
  console.log(
    JSON.stringify({
      bench: 'bus',
      transport: opts.transport,
      options: publicOptions(),
      node: process.version,
      cpus: os.cpus().length,
      load_avg_1m_at_start: loadAtStart,
      results,
      skipped,
      aborted,
      ok,
    }),
  );
  await kafka?.admin.disconnect().catch(() => undefined);
  // Exit explicitly: an abandoned scenario may still hold handles open.
  process.exit(aborted ? 2 : ok ? 0 : 1);
}

main().catch((error) => {
  clearTimeout(hardStop);
  console.error(`bench:bus crashed: ${error.stack ?? error}`);
  console.log(JSON.stringify({ bench: 'bus', error: String(error), results, skipped, ok: false }));
  process.exit(1);
});
