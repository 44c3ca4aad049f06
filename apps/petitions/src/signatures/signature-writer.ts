import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Gauge, Histogram } from 'prom-client';
import type { DataSource, EntityManager } from 'typeorm';
import { Topics, type SignatureAddedJson } from '@palabre/contracts';
import { publishMany } from '@palabre/messaging';
import { metricsRegistry } from '@palabre/observability';
import { DATA_SOURCE, SERVICE_RUNTIME, type ServiceRuntime } from '@palabre/service-kit';
import { applyCountDeltas, type CountDelta } from '../petitions/counters';

export interface SignInput {
  organizationId: string;
  petitionId: string;
  signerKey: string;
  method: 'franceconnect' | 'account';
  area: string | null;
}

export type SignOutcome =
  { kind: 'created' | 'existing'; receipt: string; signedAt: string } | { kind: 'not-open' };

/** Too many signatures waiting: the caller should come back shortly (503 + Retry-After). */
export class WriterOverloadedError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('The signature queue is full');
  }
}

interface Pending {
  input: SignInput;
  resolve: (o: SignOutcome) => void;
  reject: (e: unknown) => void;
}

const queueGauge = new Gauge({
  name: 'palabre_petitions_signature_queue',
  help: 'Signatures waiting for the batch writer',
  registers: [metricsRegistry],
});
const batchSize = new Histogram({
  name: 'palabre_petitions_signature_batch_size',
  help: 'Signatures per batch transaction',
  buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000],
  registers: [metricsRegistry],
});

const RETRYABLE = new Set(['40P01', '40001']);
const sqlState = (e: unknown) =>
  (e as { code?: string }).code ?? (e as { driverError?: { code?: string } }).driverError?.code;

/**
 * Group commit for signatures. Requests queue up; while a batch transaction
 * is in flight the next requests gather, so under load one transaction
 * stores hundreds of signatures, bumps each petition's counter once, and
 * records their events in one statement. A request is answered only after
 * its batch committed: a 2xx is never lost. The queue is bounded: beyond it,
 * a 503 with Retry-After rather than a growing wait.
 *
 * One person, one signature holds whatever the number of replicas: the
 * (petition, signer) primary key decides, and a second attempt reads back the
 * first receipt. In one process, concurrent requests of the same signer on the
 * same petition share one attempt.
 */
@Injectable()
export class SignatureWriter implements OnModuleDestroy {
  private queue: Pending[] = [];
  private inFlight = 0;
  private readonly joined = new Map<string, Promise<SignOutcome>>();
  private readonly maxQueue: number;
  private readonly maxBatch: number;
  private readonly concurrency: number;
  private stopped = false;

  constructor(
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
    @Inject(SERVICE_RUNTIME) runtime: ServiceRuntime,
  ) {
    const int = (name: string, fallback: number) => {
      const v = Number(runtime.env[name]);
      return Number.isInteger(v) && v > 0 ? v : fallback;
    };
    this.maxQueue = int('PETITIONS_SIGNATURE_QUEUE', 5_000);
    this.maxBatch = int('PETITIONS_SIGNATURE_BATCH', 500);
    // Embedded PGlite has one connection: a second batch would only wait for it.
    this.concurrency = int('PETITIONS_WRITER_CONCURRENCY', runtime.embedded ? 1 : 3);
  }

  sign(input: SignInput): Promise<SignOutcome> {
    const key = `${input.petitionId}\n${input.signerKey}`;
    const same = this.joined.get(key);
    // A double click: the second request shares the first attempt and hears "already signed".
    if (same) return same.then((o) => (o.kind === 'created' ? { ...o, kind: 'existing' } : o));
    if (this.stopped || this.queue.length >= this.maxQueue)
      return Promise.reject(new WriterOverloadedError(this.stopped ? 5 : 1));
    const attempt = new Promise<SignOutcome>((resolve, reject) =>
      this.queue.push({ input, resolve, reject }),
    );
    this.joined.set(key, attempt);
    void attempt.then(
      () => this.joined.delete(key),
      () => this.joined.delete(key),
    );
    queueGauge.set(this.queue.length);
    this.drain();
    return attempt;
  }

  private drain(): void {
    while (this.inFlight < this.concurrency && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      queueGauge.set(this.queue.length);
      this.inFlight++;
      void this.write(batch).finally(() => {
        this.inFlight--;
        this.drain();
      });
    }
  }

  private async write(batch: Pending[]): Promise<void> {
    batchSize.observe(batch.length);
    for (let attempt = 1; ; attempt++) {
      try {
        const outcomes = await this.ds.transaction((m) => this.store(m, batch));
        batch.forEach((p, i) => p.resolve(outcomes[i]));
        return;
      } catch (error) {
        if (attempt < 4 && RETRYABLE.has(sqlState(error) ?? '')) continue;
        for (const p of batch) p.reject(error);
        return;
      }
    }
  }

  private async store(m: EntityManager, batch: Pending[]): Promise<SignOutcome[]> {
    // Sorted so that concurrent batches take key locks in one order.
    const order = batch
      .map((p, i) => ({ ...p.input, i, receipt: randomUUID() }))
      .sort((a, b) =>
        a.petitionId === b.petitionId
          ? a.signerKey < b.signerKey
            ? -1
            : 1
          : a.petitionId < b.petitionId
            ? -1
            : 1,
      );
    const inserted: {
      petition_id: string;
      signer_key: string;
      receipt: string;
      signed_at: Date;
    }[] = await m.query(
      `INSERT INTO petitions.signatures (petition_id, signer_key, organization_id, receipt, area, method)
         SELECT i.petition_id, i.signer_key, i.organization_id, i.receipt, i.area, i.method
           FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[], $5::text[], $6::text[])
                WITH ORDINALITY AS i(petition_id, signer_key, organization_id, receipt, area, method, n)
           JOIN petitions.petitions p ON p.id = i.petition_id AND p.organization_id = i.organization_id
          WHERE p.state = 'published' AND p.closes_at > now()
          ORDER BY i.n
         ON CONFLICT (petition_id, signer_key) DO NOTHING
         RETURNING petition_id, signer_key, receipt, signed_at`,
      [
        order.map((o) => o.petitionId),
        order.map((o) => o.signerKey),
        order.map((o) => o.organizationId),
        order.map((o) => o.receipt),
        order.map((o) => o.area),
        order.map((o) => o.method),
      ],
    );
    const key = (petitionId: string, signerKey: string) => `${petitionId}\n${signerKey}`;
    const outcomes = new Map<string, SignOutcome>();
    for (const r of inserted)
      outcomes.set(key(r.petition_id, r.signer_key), {
        kind: 'created',
        receipt: r.receipt,
        signedAt: new Date(r.signed_at).toISOString(),
      });
    const rest = order.filter((o) => !outcomes.has(key(o.petitionId, o.signerKey)));
    if (rest.length > 0) {
      const existing: {
        petition_id: string;
        signer_key: string;
        receipt: string;
        signed_at: Date;
      }[] = await m.query(
        `SELECT s.petition_id, s.signer_key, s.receipt, s.signed_at
             FROM petitions.signatures s
             JOIN unnest($1::uuid[], $2::text[], $3::uuid[]) AS i(petition_id, signer_key, organization_id)
               ON s.petition_id = i.petition_id AND s.signer_key = i.signer_key
              AND s.organization_id = i.organization_id`,
        [
          rest.map((o) => o.petitionId),
          rest.map((o) => o.signerKey),
          rest.map((o) => o.organizationId),
        ],
      );
      for (const r of existing)
        outcomes.set(key(r.petition_id, r.signer_key), {
          kind: 'existing',
          receipt: r.receipt,
          signedAt: new Date(r.signed_at).toISOString(),
        });
    }
    if (inserted.length > 0) {
      const byPetition = new Map<string, CountDelta>();
      const area = new Map(order.map((o) => [key(o.petitionId, o.signerKey), o.area]));
      for (const r of inserted) {
        let d = byPetition.get(r.petition_id);
        if (!d)
          byPetition.set(r.petition_id, (d = { petitionId: r.petition_id, online: 0, offline: 0 }));
        d.online++;
        const a = area.get(key(r.petition_id, r.signer_key));
        if (a) (d.areas ??= new Map()).set(a, (d.areas.get(a) ?? 0) + 1);
      }
      await applyCountDeltas(m, [...byPetition.values()]);
      const org = new Map(order.map((o) => [o.petitionId, o.organizationId]));
      await publishMany(
        m,
        'petitions',
        inserted.map((r) => {
          const payload: SignatureAddedJson = {
            petitionId: r.petition_id,
            organizationId: org.get(r.petition_id),
            area: area.get(key(r.petition_id, r.signer_key)) ?? '',
            signedAt: new Date(r.signed_at).toISOString(),
          };
          return {
            topic: Topics.PetitionsSignatureAddedV1,
            key: r.petition_id,
            tenantId: payload.organizationId,
            schema: 'palabre.petitions.v1.SignatureAdded',
            payload,
          };
        }),
      );
    }
    return batch.map(
      (p) => outcomes.get(key(p.input.petitionId, p.input.signerKey)) ?? { kind: 'not-open' },
    );
  }

  /** Refuses new signatures and waits for the queued ones to be written (graceful shutdown). */
  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    const deadline = Date.now() + 10_000;
    while ((this.queue.length > 0 || this.inFlight > 0) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
  }
}
