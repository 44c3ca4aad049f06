import { ROOT_CONTEXT, SpanKind, propagation, trace } from '@opentelemetry/api';
import type { DataSource } from 'typeorm';
import { watchOutbox } from '@palabre/observability';
import type { Database } from '@palabre/persistence';
import type { TransportMessage } from './event';
import { OUTBOX_CHANNEL } from './outbox';
import type { Transport } from './transport';
import { IdleBackoff, Waker } from './waker';

export interface RelayOptions {
  batchSize?: number;
  /** Fallback poll when no notification arrives (another process, lost NOTIFY); it doubles
   * while the outbox stays empty, up to ten times this and 5 s, and resets after work. */
  pollIntervalMs?: number;
  /**
   * How long the relay waits after a wake-up before shipping, so that the
   * commits of that moment leave in one pass (default 20 ms; 0: at once).
   */
  lingerMs?: number;
  onError?: (error: unknown) => void;
}

const tracer = trace.getTracer('@palabre/messaging');

interface OutboxRow {
  id: string;
  event_id: string;
  topic: string;
  key: string;
  headers: Record<string, string>;
  payload: unknown;
}

/**
 * Ships one service's outbox to the transport, oldest first. One relay per
 * outbox is active at a time (advisory lock), which keeps per-key order even
 * with several replicas. Woken by a commit's notification, it lingers
 * `lingerMs` (20 ms) so that the commits of that moment leave in one pass
 * (ADR 0023). A row is deleted only after the transport accepted
 * it; a crash in between re-sends it, and the consumers' inbox absorbs it.
 */
export class OutboxRelay {
  private running = false;
  private loop?: Promise<void>;
  private readonly waker = new Waker();
  private unlisten?: () => void;
  private unwatch?: () => void;
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly backoff: IdleBackoff;
  private readonly lingerMs: number;
  private readonly onError?: (error: unknown) => void;
  shipped = 0;

  constructor(
    private readonly db: Database,
    private readonly ds: DataSource,
    readonly schema: string,
    private readonly transport: Transport,
    options: RelayOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 500;
    this.pollIntervalMs = options.pollIntervalMs ?? 1_000;
    this.backoff = new IdleBackoff(this.pollIntervalMs, Math.min(this.pollIntervalMs * 10, 5_000));
    this.lingerMs = options.lingerMs ?? 20;
    this.onError = options.onError;
  }

  get isRunning(): boolean {
    return this.running;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.unlisten = await this.db.listen(OUTBOX_CHANNEL, (payload) => {
      if (payload === this.schema) this.waker.wake();
    });
    this.running = true;
    this.loop = this.run();
    // palabre_outbox_backlog and _oldest_age_seconds, read at each scrape (rows leave the outbox once shipped).
    this.unwatch = watchOutbox(this.schema, async () => {
      const [r] = await this.ds.query(
        `SELECT count(*)::int AS backlog,
                coalesce(extract(epoch FROM now() - min(created_at)), 0)::float8 AS age
           FROM "${this.schema}".outbox`,
      );
      return { backlog: Number(r.backlog), oldestAgeSeconds: Number(r.age) };
    });
  }

  /** Ships one batch; returns how many rows left the outbox. */
  async tick(): Promise<number> {
    return this.ds.transaction(async (m) => {
      const [lock] = await m.query(`SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked`, [
        `palabre:relay:${this.schema}`,
      ]);
      if (!lock.locked) return 0;
      const rows: OutboxRow[] = await m.query(
        `SELECT id, event_id, topic, key, headers, payload FROM "${this.schema}".outbox ORDER BY id LIMIT $1`,
        [this.batchSize],
      );
      if (rows.length === 0) return 0;
      const messages: TransportMessage[] = rows.map((r) => ({
        id: r.event_id,
        topic: r.topic,
        key: r.key,
        headers: r.headers,
        payload: r.payload,
      }));
      // A PRODUCER span for the batch, linked to the publication of each of its events (their
      // consumers continue those traces, not this one): the transport's work is under it.
      await tracer.startActiveSpan(
        `${this.schema} relay`,
        {
          kind: SpanKind.PRODUCER,
          attributes: {
            'messaging.system': 'palabre',
            'messaging.operation.type': 'send',
            'messaging.batch.message_count': messages.length,
          },
        },
        async (span) => {
          try {
            if (span.isRecording())
              for (const msg of messages) {
                const created = trace.getSpanContext(
                  propagation.extract(ROOT_CONTEXT, msg.headers),
                );
                if (created) span.addLink({ context: created });
              }
            await this.transport.send(messages, m);
          } finally {
            span.end();
          }
        },
      );
      await m.query(`DELETE FROM "${this.schema}".outbox WHERE id = ANY($1::bigint[])`, [
        rows.map((r) => r.id),
      ]);
      this.shipped += rows.length;
      return rows.length;
    });
  }

  private async run(): Promise<void> {
    while (this.running) {
      let shipped = 0;
      try {
        // Notifications of commits visible to this pass are covered by it.
        this.waker.forget();
        shipped = await this.tick();
      } catch (error) {
        // Transport or database unavailable: back off, the rows stay in the outbox.
        this.onError?.(error);
        await this.idle(Math.min(this.pollIntervalMs, 500));
        continue;
      }
      const wait = this.backoff.after(shipped);
      if (shipped < this.batchSize && (await this.idle(wait)) && this.running && this.lingerMs > 0)
        // Woken by a commit: the commits of the next few milliseconds leave with it,
        // in one pass (one transaction, one send, one delete), not one pass each.
        await new Promise((r) => setTimeout(r, this.lingerMs));
    }
  }

  private idle(ms: number): Promise<boolean> {
    return this.waker.sleep(ms);
  }

  /** Stops after shipping what is already committed (drain). */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.unwatch?.();
    this.waker.wake();
    await this.loop;
    this.unlisten?.();
    try {
      while ((await this.tick()) > 0);
    } catch {
      // Left in the outbox: shipped at next start.
    }
  }
}
