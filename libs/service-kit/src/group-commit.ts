import { Gauge, Histogram } from 'prom-client';
import type { DataSource, EntityManager } from 'typeorm';
import { metricsRegistry } from '@palabre/observability';
import type { ServiceRuntime } from './service-definition';

/** Too many writes waiting: the caller should come back shortly (503 + Retry-After). */
export class GroupCommitOverloadedError extends Error {
  constructor(
    readonly queue: string,
    readonly retryAfterSeconds: number,
  ) {
    super(`The ${queue} queue is full`);
  }
}

export interface GroupCommitOptions<Op, Outcome> {
  /** Metric and setting names: `palabre_<name>_queue`, `palabre_<name>_batch_size`. */
  name: string;
  help: string;
  /** Requests waiting at most (beyond: GroupCommitOverloadedError). */
  maxQueue: number;
  /** Requests per transaction at most. */
  maxBatch: number;
  /** Transactions in flight at once in this process. */
  concurrency: number;
  /**
   * A batch starts at least this long (ms) after the previous one started,
   * unless it is full: under load, requests gather into fewer, larger
   * batches instead of many of two or three rows, each paying its
   * statements and a commit. After a quiet moment a batch starts at once.
   * 0 (default): batches start whenever a slot is free.
   */
  lingerMs?: number;
  /**
   * Decides and writes one batch in one transaction; returns one outcome per
   * op, in order. Throwing rolls the whole batch back (retried on deadlock
   * or serialization failure, else every request of it fails).
   */
  store(m: EntityManager, ops: Op[]): Promise<Outcome[]>;
}

interface Pending<Op, Outcome> {
  op: Op;
  resolve: (o: Outcome) => void;
  reject: (e: unknown) => void;
}

/** Requests answered between two turns of the event loop (GroupCommit.answer). */
const ANSWER_SLICE = 16;

const RETRYABLE = new Set(['40P01', '40001']);
const sqlState = (e: unknown) =>
  (e as { code?: string }).code ?? (e as { driverError?: { code?: string } }).driverError?.code;

const gauges = new Map<string, Gauge>();
const histograms = new Map<string, Histogram>();

/** An integer setting of the service's environment, or `fallback`. */
export function intSetting(runtime: ServiceRuntime, name: string, fallback: number): number {
  const v = Number(runtime.env[name]);
  return Number.isInteger(v) && v > 0 ? v : fallback;
}

/**
 * Group commit: requests queue up; while a batch transaction is in flight the
 * next requests gather, so under load one transaction decides and stores
 * hundreds of them with a handful of statements and one commit. A request is
 * answered only after its batch committed: a 2xx is never lost. The queue is
 * bounded: beyond it, a 503 with Retry-After rather than a growing wait.
 */
export class GroupCommit<Op, Outcome> {
  private queue: Pending<Op, Outcome>[] = [];
  private inFlight = 0;
  private answering = 0;
  private stopped = false;
  private lingering: NodeJS.Timeout | undefined;
  private lastStart = -Infinity;
  private readonly queueGauge: Gauge;
  private readonly batchSize: Histogram;

  constructor(
    private readonly ds: DataSource,
    private readonly options: GroupCommitOptions<Op, Outcome>,
  ) {
    // One metric per name in the process (tests start a service more than once).
    const q = `palabre_${options.name}_queue`;
    const b = `palabre_${options.name}_batch_size`;
    this.queueGauge =
      gauges.get(q) ??
      new Gauge({ name: q, help: `${options.help} waiting`, registers: [metricsRegistry] });
    gauges.set(q, this.queueGauge);
    this.batchSize =
      histograms.get(b) ??
      new Histogram({
        name: b,
        help: `${options.help} per batch transaction`,
        buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000],
        registers: [metricsRegistry],
      });
    histograms.set(b, this.batchSize);
  }

  submit(op: Op): Promise<Outcome> {
    if (this.stopped || this.queue.length >= this.options.maxQueue)
      return Promise.reject(
        new GroupCommitOverloadedError(this.options.name, this.stopped ? 5 : 1),
      );
    const p = new Promise<Outcome>((resolve, reject) => this.queue.push({ op, resolve, reject }));
    this.queueGauge.set(this.queue.length);
    this.drain();
    return p;
  }

  private drain(): void {
    const linger = this.options.lingerMs ?? 0;
    while (this.inFlight < this.options.concurrency && this.queue.length > 0) {
      const wait = this.lastStart + linger - performance.now();
      if (wait > 0 && this.queue.length < this.options.maxBatch) {
        this.lingering ??= setTimeout(() => {
          this.lingering = undefined;
          this.drain();
        }, wait);
        return;
      }
      this.launch();
    }
  }

  /** Starts writing the next batch, if a slot is free and anything waits. */
  private launch(): void {
    if (this.inFlight >= this.options.concurrency || this.queue.length === 0) return;
    const batch = this.queue.splice(0, this.options.maxBatch);
    this.queueGauge.set(this.queue.length);
    this.inFlight++;
    this.lastStart = performance.now();
    // A batch that left (full, or after its wait) ends the wait; the next one starts its own.
    clearTimeout(this.lingering);
    this.lingering = undefined;
    void this.write(batch)
      // Never expected (write catches what the transaction throws), but no request may hang.
      .catch((error: unknown) => (p: Pending<Op, Outcome>) => p.reject(error))
      .then((settle) => {
        // The next batch's transaction starts before this one's requests are answered.
        this.inFlight--;
        this.drain();
        return this.answer(batch, settle);
      });
  }

  /** Runs the batch's transaction; resolves to how each of its requests is settled. */
  private async write(
    batch: Pending<Op, Outcome>[],
  ): Promise<(p: Pending<Op, Outcome>, i: number) => void> {
    this.batchSize.observe(batch.length);
    const ops = batch.map((p) => p.op);
    for (let attempt = 1; ; attempt++) {
      try {
        const outcomes = await this.ds.transaction((m) => this.options.store(m, ops));
        return (p, i) => p.resolve(outcomes[i]);
      } catch (error) {
        if (attempt < 4 && RETRYABLE.has(sqlState(error) ?? '')) continue;
        return (p) => p.reject(error);
      }
    }
  }

  /**
   * Settles a batch's requests a slice at a time, the event loop serving
   * other requests between slices: a read arriving as hundreds of answers go
   * out waits for one slice of them, not for all.
   */
  private async answer(
    batch: Pending<Op, Outcome>[],
    settle: (p: Pending<Op, Outcome>, i: number) => void,
  ): Promise<void> {
    this.answering++;
    try {
      for (let i = 0; i < batch.length; i++) {
        if (i > 0 && i % ANSWER_SLICE === 0) await new Promise((r) => setImmediate(r));
        settle(batch[i], i);
      }
    } finally {
      this.answering--;
    }
  }

  /** Refuses new requests and waits (10 s at most) for those queued to be written. */
  async close(): Promise<void> {
    this.stopped = true;
    const deadline = Date.now() + 10_000;
    while (
      (this.queue.length > 0 || this.inFlight > 0 || this.answering > 0) &&
      Date.now() < deadline
    )
      await new Promise((r) => setTimeout(r, 20));
  }
}
