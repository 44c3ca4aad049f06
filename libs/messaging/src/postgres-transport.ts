import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { watchConsumerLag } from '@palabre/observability';
import type { Database, SqlFn as Sql } from '@palabre/persistence';
import { partitionFor, type DeliveredMessage, type TransportMessage } from './event';
import { countOutcome, deadLetterMessage, defaultRetryPolicy, deliverWithRetry } from './retry';
import type { SubscribeOptions, Subscription, Transport } from './transport';
import { IdleBackoff, Waker } from './waker';

export const BUS_CHANNEL = 'palabre_bus';
const COMMIT_EVERY = 50;
const COMMIT_INTERVAL_MS = 1_000;
const S = 'palabre_bus';

export interface PostgresTransportOptions {
  partitions?: number;
  /** How long a consumer owns a partition without renewing. */
  leaseMs?: number;
  /** Fallback poll of an idle consumer (NOTIFY wakes it); it doubles while idle, up to
   * ten times this and half the lease (5 s by default), and resets after work. */
  pollIntervalMs?: number;
  batchSize?: number;
  /** Events older than this are deleted (all groups are expected to be far ahead). */
  retentionHours?: number;
}

/**
 * The default transport: a partitioned, append-only log in PostgreSQL with
 * consumer-group offsets, shaped like Kafka so both behave the same.
 *
 * - Per partition, sequence numbers are taken from a counter row locked until
 *   commit, so a reader never sees seq N+1 committed before seq N.
 * - A consumer leases partitions (renewed on each pass); another process takes
 *   them over when the lease lapses, so several processes sharing one
 *   database share the work and survive each other's crashes.
 * - Offsets are committed after handling: delivery is at-least-once, and the
 *   inbox makes effects once.
 */
export class PostgresTransport implements Transport {
  readonly name = 'postgres' as const;
  private readonly partitions: number;
  private readonly leaseMs: number;
  private readonly pollIntervalMs: number;
  private readonly batchSize: number;
  private readonly retentionHours: number;
  private readonly subscriptions = new Set<PostgresSubscription>();
  private started = false;
  private lastCleanup = 0;

  constructor(
    private readonly db: Database,
    options: PostgresTransportOptions = {},
  ) {
    this.partitions = options.partitions ?? 8;
    this.leaseMs = options.leaseMs ?? 10_000;
    this.pollIntervalMs = options.pollIntervalMs ?? 1_000;
    this.batchSize = options.batchSize ?? 200;
    this.retentionHours = options.retentionHours ?? 168;
  }

  async start(): Promise<void> {
    if (this.started) return;
    // Several processes may start at once against one server: a transaction-scoped
    // lock on one connection (a session lock taken and released through a pool
    // could land on two different connections and never be released).
    await this.db.transaction(async (sql) => {
      await sql(`SELECT pg_advisory_xact_lock(hashtext('palabre:bus:schema'))`);
      await sql(`CREATE SCHEMA IF NOT EXISTS ${S}`);
      await sql(`CREATE TABLE IF NOT EXISTS ${S}.partitions (
        topic text NOT NULL, partition int NOT NULL, next_seq bigint NOT NULL,
        PRIMARY KEY (topic, partition))`);
      await sql(`CREATE TABLE IF NOT EXISTS ${S}.events (
        topic text NOT NULL, partition int NOT NULL, seq bigint NOT NULL,
        event_id uuid NOT NULL, key text NOT NULL, headers jsonb NOT NULL, payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (topic, partition, seq))`);
      await sql(`CREATE TABLE IF NOT EXISTS ${S}.offsets (
        group_id text NOT NULL, topic text NOT NULL, partition int NOT NULL,
        committed_seq bigint NOT NULL DEFAULT 0, owner text, lease_until timestamptz,
        PRIMARY KEY (group_id, topic, partition))`);
    });
    this.started = true;
  }

  async send(messages: TransportMessage[], manager?: EntityManager): Promise<void> {
    if (messages.length === 0) return;
    if (manager) return this.append((q, p) => manager.query(q, p), messages);
    return this.db.transaction((sql) => this.append(sql, messages));
  }

  /**
   * Appends a relay pass's messages in one statement, whatever the number of
   * partitions they fall in: each (topic, partition) counter is advanced by
   * its number of messages, in a fixed order so that two relays never
   * deadlock, and locked until commit, so that a reader never sees seq N+1
   * committed before seq N; each message takes the next seq of its group, in
   * the order of the batch. Then one notification per topic.
   */
  private async append(sql: Sql, messages: TransportMessage[]): Promise<void> {
    const groups = new Map<string, { topic: string; partition: number; n: number }>();
    const docs = messages.map((m) => {
      const partition = partitionFor(m.key, this.partitions);
      const k = `${m.topic}\u0000${partition}`;
      let g = groups.get(k);
      if (!g) groups.set(k, (g = { topic: m.topic, partition, n: 0 }));
      // r: the message's rank in its group, from 1.
      return {
        t: m.topic,
        p: partition,
        r: ++g.n,
        id: m.id,
        key: m.key,
        headers: m.headers,
        payload: m.payload,
      };
    });
    const ordered = [...groups.values()].sort((a, b) =>
      a.topic === b.topic ? a.partition - b.partition : a.topic < b.topic ? -1 : 1,
    );
    await sql(
      `WITH bumped AS (
         INSERT INTO ${S}.partitions AS c (topic, partition, next_seq)
         SELECT g.topic, g.partition, g.n + 1
           FROM unnest($1::text[], $2::int[], $3::bigint[]) WITH ORDINALITY AS g(topic, partition, n, o)
          ORDER BY g.o
         ON CONFLICT (topic, partition) DO UPDATE SET next_seq = c.next_seq + EXCLUDED.next_seq - 1
         RETURNING c.topic, c.partition, c.next_seq
       )
       INSERT INTO ${S}.events (topic, partition, seq, event_id, key, headers, payload)
       SELECT b.topic, b.partition, b.next_seq - g.n + (e.doc->>'r')::bigint - 1,
              (e.doc->>'id')::uuid, e.doc->>'key', e.doc->'headers', e.doc->'payload'
         FROM jsonb_array_elements($4::jsonb) WITH ORDINALITY AS e(doc, i)
         JOIN bumped b ON b.topic = e.doc->>'t' AND b.partition = (e.doc->>'p')::int
         JOIN unnest($1::text[], $2::int[], $3::bigint[]) AS g(topic, partition, n)
           ON g.topic = b.topic AND g.partition = b.partition
        ORDER BY e.i`,
      [
        ordered.map((g) => g.topic),
        ordered.map((g) => g.partition),
        ordered.map((g) => g.n),
        JSON.stringify(docs),
      ],
    );
    await sql(`SELECT pg_notify($1, t) FROM unnest($2::text[]) AS t`, [
      BUS_CHANNEL,
      [...new Set(ordered.map((g) => g.topic))],
    ]);
    await this.cleanup(sql);
  }

  private async cleanup(sql: Sql): Promise<void> {
    if (Date.now() - this.lastCleanup < 10 * 60_000) return;
    this.lastCleanup = Date.now();
    await sql(`DELETE FROM ${S}.events WHERE created_at < now() - make_interval(hours => $1)`, [
      this.retentionHours,
    ]);
  }

  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    const sub = new PostgresSubscription(this, this.db, options, {
      partitions: this.partitions,
      leaseMs: this.leaseMs,
      pollIntervalMs: this.pollIntervalMs,
      batchSize: this.batchSize,
    });
    await sub.start();
    this.subscriptions.add(sub);
    return {
      stop: async () => {
        this.subscriptions.delete(sub);
        await sub.stop();
      },
    };
  }

  async stop(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    this.subscriptions.clear();
  }
}

interface SubscriptionSettings {
  partitions: number;
  leaseMs: number;
  pollIntervalMs: number;
  batchSize: number;
}

class PostgresSubscription {
  private readonly owner = randomUUID();
  private readonly waker = new Waker();
  private readonly idle: IdleBackoff;
  private running = false;
  private loop?: Promise<void>;
  private unlisten?: () => void;
  private unwatch?: () => void;

  constructor(
    private readonly transport: PostgresTransport,
    private readonly db: Database,
    private readonly options: SubscribeOptions,
    private readonly settings: SubscriptionSettings,
  ) {
    // Idle, the lease is still renewed in time (every pass renews it).
    const poll = settings.pollIntervalMs;
    this.idle = new IdleBackoff(poll, Math.min(poll * 10, settings.leaseMs / 2));
  }

  async start(): Promise<void> {
    const topics = new Set(this.options.topics);
    this.unlisten = await this.db.listen(BUS_CHANNEL, (topic) => {
      if (topics.has(topic)) this.waker.wake();
    });
    for (const topic of this.options.topics) {
      await this.db.query(
        `INSERT INTO ${S}.offsets (group_id, topic, partition)
         SELECT $1, $2, p FROM generate_series(0, $3::int - 1) AS p ON CONFLICT DO NOTHING`,
        [this.options.groupId, topic, this.settings.partitions],
      );
    }
    this.running = true;
    this.loop = this.run();
    // palabre_consumer_lag: the group's events after its committed offsets, read at each scrape.
    const group = this.options.groupId;
    this.unwatch = watchConsumerLag(`postgres:${group}`, async () => {
      const rows = (await this.db.query(
        `SELECT o.topic, sum((SELECT count(*) FROM ${S}.events e
                               WHERE e.topic = o.topic AND e.partition = o.partition
                                 AND e.seq > o.committed_seq))::bigint AS lag
           FROM ${S}.offsets o WHERE o.group_id = $1 AND o.topic = ANY($2::text[]) GROUP BY o.topic`,
        [group, this.options.topics],
      )) as { topic: string; lag: string }[];
      return rows.map((r) => ({ group, topic: r.topic, lag: Number(r.lag) }));
    });
  }

  private async run(): Promise<void> {
    while (this.running) {
      let handled = 0;
      try {
        handled = await this.pass();
      } catch (error) {
        // Database unavailable: offsets are untouched, try again shortly.
        this.options.onError?.(error);
      }
      const wait = this.idle.after(handled);
      if (handled === 0 && this.running) await this.waker.sleep(wait);
    }
  }

  /** Claims partitions, then handles one batch from each, partitions in parallel. */
  private async pass(): Promise<number> {
    const leased = (await this.db.query(
      `UPDATE ${S}.offsets SET owner = $1, lease_until = now() + make_interval(secs => $4::float8 / 1000)
       WHERE group_id = $2 AND topic = ANY($3::text[])
         AND (owner = $1 OR owner IS NULL OR lease_until < now())
       RETURNING topic, partition, committed_seq`,
      [this.owner, this.options.groupId, this.options.topics, this.settings.leaseMs],
    )) as { topic: string; partition: number; committed_seq: string }[];
    const counts = await Promise.all(leased.map((l) => this.drainPartition(l)));
    return counts.reduce((a, b) => a + b, 0);
  }

  private async drainPartition(lease: { topic: string; partition: number; committed_seq: string }) {
    const rows = (await this.db.query(
      `SELECT seq, event_id, key, headers, payload FROM ${S}.events
       WHERE topic = $1 AND partition = $2 AND seq > $3 ORDER BY seq LIMIT $4`,
      [lease.topic, lease.partition, lease.committed_seq, this.settings.batchSize],
    )) as {
      seq: string;
      event_id: string;
      key: string;
      headers: Record<string, string>;
      payload: unknown;
    }[];
    let done = 0;
    let handledUpTo: string | undefined;
    let lastCommit = Date.now();
    const retry = { ...defaultRetryPolicy, ...this.options.retry };
    for (const row of rows) {
      if (!this.running) break;
      const message: DeliveredMessage = {
        id: row.event_id,
        topic: lease.topic,
        key: row.key,
        headers: row.headers,
        payload: row.payload,
        partition: lease.partition,
        offset: row.seq,
      };
      const outcome = await deliverWithRetry(
        message,
        this.options.handler,
        retry,
        (msg, error, attempts) => this.transport.send([deadLetterMessage(msg, error, attempts)]),
        () => !this.running,
      );
      countOutcome(this.options.groupId, lease.topic, outcome);
      if (outcome === 'aborted') break;
      handledUpTo = row.seq;
      done++;
      // Commit (and renew the lease) now and then rather than per event: a crash
      // replays at most this much, which the consumers' inbox absorbs.
      if (done % COMMIT_EVERY === 0 || Date.now() - lastCommit > COMMIT_INTERVAL_MS) {
        if (!(await this.commit(lease, handledUpTo))) return done;
        lastCommit = Date.now();
        handledUpTo = undefined;
      }
    }
    if (handledUpTo !== undefined) await this.commit(lease, handledUpTo);
    return done;
  }

  /** Moves the offset and renews the lease; false when another member took the partition. */
  private async commit(lease: { topic: string; partition: number }, seq: string): Promise<boolean> {
    const committed = await this.db.query(
      `UPDATE ${S}.offsets SET committed_seq = $5, lease_until = now() + make_interval(secs => $6::float8 / 1000)
       WHERE group_id = $1 AND topic = $2 AND partition = $3 AND owner = $4 RETURNING 1`,
      [this.options.groupId, lease.topic, lease.partition, this.owner, seq, this.settings.leaseMs],
    );
    return committed.length === 1;
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.unwatch?.();
    this.waker.wake();
    await this.loop;
    this.unlisten?.();
    // Hand partitions over at once instead of waiting for the lease to lapse.
    await this.db
      .query(`UPDATE ${S}.offsets SET owner = NULL, lease_until = NULL WHERE owner = $1`, [
        this.owner,
      ])
      .catch(() => undefined);
  }
}
