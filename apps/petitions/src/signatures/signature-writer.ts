import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { Topics, type SignatureAddedJson } from '@palabre/contracts';
import { jsonbPayload, outboxCtes, traceContextHeaders, type OutboxRows } from '@palabre/messaging';
import {
  DATA_SOURCE,
  GroupCommit,
  intSetting,
  SERVICE_RUNTIME,
  type ServiceRuntime,
} from '@palabre/service-kit';
import { COUNT_CHANGES, MILESTONE_REACHED } from '../petitions/counters';

export interface SignInput {
  organizationId: string;
  petitionId: string;
  signerKey: string;
  method: 'franceconnect' | 'account';
  area: string | null;
}

export type SignOutcome =
  { kind: 'created' | 'existing'; receipt: string; signedAt: string } | { kind: 'not-open' };

/** A timestamp as `Date.prototype.toISOString` writes it (UTC, milliseconds, truncated). */
const iso = (t: string) => `to_char(${t} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** `petitions.signature.added.v1` for each signature the batch stored. */
const SIGNATURE_ADDED: OutboxRows = {
  from: 'signed',
  topic: Topics.PetitionsSignatureAddedV1,
  schema: 'palabre.petitions.v1.SignatureAdded',
  key: 'petition_id',
  tenantId: 'organization_id',
  payload: jsonbPayload<SignatureAddedJson>({
    petitionId: 'petition_id',
    organizationId: 'organization_id',
    area: `coalesce(area, '')`,
    signedAt: 'signed_at',
  }),
  orderBy: 'petition_id, signer_key',
};

/** A row of `STORE`: one per input, `n` its rank. */
type Stored =
  | { n: number; kind: 'created' | 'existing'; receipt: string; signed_at: string }
  | { n: number; kind: 'unknown'; receipt: null; signed_at: null };

/**
 * A batch of signatures in one statement (ADR 0026), inputs sorted, n their
 * rank: insert those whose petition is open (published, before its deadline,
 * of the signer's organization), apply the counts of those inserted
 * (`COUNT_CHANGES`: counters, area counts, milestones), record their events
 * and wake the relay. Per input, in order: `created`; `existing`, with the
 * receipt of a signature the statement's snapshot holds (a CTE reading
 * `signatures` sees the rows from before the statement); else `unknown`:
 * a petition not open, or a signature that a concurrent transaction
 * committed after the snapshot was taken (the insert waited for it, then
 * skipped it).
 *
 * Locks are taken in the order of the statements it replaces: the
 * signatures' keys in input order (the insert reads `open_input` sorted),
 * then, `deltas` having read every inserted row, the petitions' rows in id
 * order (`COUNT_CHANGES`).
 */
const STORE = `WITH
  input AS (
    SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[], $5::text[], $6::text[])
           WITH ORDINALITY AS i(petition_id, signer_key, organization_id, receipt, area, method, n)),
  open_input AS (
    SELECT i.* FROM input i
      JOIN petitions.petitions p ON p.id = i.petition_id AND p.organization_id = i.organization_id
     WHERE p.state = 'published' AND p.closes_at > now()),
  signed AS (
    INSERT INTO petitions.signatures (petition_id, signer_key, organization_id, receipt, area, method)
    SELECT petition_id, signer_key, organization_id, receipt, area, method FROM open_input ORDER BY n
    ON CONFLICT (petition_id, signer_key) DO NOTHING
    RETURNING petition_id, signer_key, organization_id, receipt, area, ${iso('signed_at')} AS signed_at),
  existing AS (
    SELECT s.petition_id, s.signer_key, s.organization_id, s.receipt, ${iso('s.signed_at')} AS signed_at
      FROM petitions.signatures s
     WHERE (s.petition_id, s.signer_key, s.organization_id) IN
           (SELECT petition_id, signer_key, organization_id FROM input)),
  deltas AS (
    SELECT petition_id AS id, count(*) AS online, 0::bigint AS offline FROM signed GROUP BY petition_id),
  area_deltas AS (
    SELECT petition_id, area, count(*) AS n FROM signed WHERE area <> '' GROUP BY petition_id, area),
  ${COUNT_CHANGES},
  ${outboxCtes('petitions', [MILESTONE_REACHED, SIGNATURE_ADDED], '$7')}
SELECT i.n::int AS n,
       CASE WHEN s.receipt IS NOT NULL THEN 'created'
            WHEN e.receipt IS NOT NULL THEN 'existing'
            ELSE 'unknown' END AS kind,
       coalesce(s.receipt, e.receipt) AS receipt, coalesce(s.signed_at, e.signed_at) AS signed_at
  FROM input i
  LEFT JOIN signed s
    ON s.petition_id = i.petition_id AND s.signer_key = i.signer_key
   AND s.organization_id = i.organization_id
  LEFT JOIN existing e
    ON e.petition_id = i.petition_id AND e.signer_key = i.signer_key
   AND e.organization_id = i.organization_id
 CROSS JOIN relay_woken`;

/**
 * Group commit for signatures. Requests queue up; while a batch is in flight
 * the next requests gather, so under load one statement, which commits by
 * itself, stores hundreds of signatures, bumps each petition's counter once,
 * and records their events. A request is answered only after its batch
 * committed: a 2xx is never lost. The queue is bounded: beyond it,
 * a 503 with Retry-After rather than a growing wait.
 *
 * One person, one signature holds whatever the number of replicas: the
 * (petition, signer) primary key decides, and a second attempt reads back the
 * first receipt. In one process, concurrent requests of the same signer on the
 * same petition share one attempt.
 */
@Injectable()
export class SignatureWriter implements OnModuleDestroy {
  private readonly joined = new Map<string, Promise<SignOutcome>>();
  private readonly commit: GroupCommit<SignInput, SignOutcome>;

  constructor(
    @Inject(DATA_SOURCE) ds: DataSource,
    @Inject(SERVICE_RUNTIME) runtime: ServiceRuntime,
  ) {
    this.commit = new GroupCommit(ds, {
      name: 'petitions_signature',
      help: 'Signatures',
      maxQueue: intSetting(runtime, 'PETITIONS_SIGNATURE_QUEUE', 5_000),
      maxBatch: intSetting(runtime, 'PETITIONS_SIGNATURE_BATCH', 500),
      concurrency: intSetting(runtime, 'PETITIONS_WRITER_CONCURRENCY', runtime.embedded ? 1 : 3),
      autocommit: true,
      store: (m, inputs) => this.store(m, inputs),
    });
  }

  /** Rejects with GroupCommitOverloadedError when too many wait already. */
  sign(input: SignInput): Promise<SignOutcome> {
    const key = `${input.petitionId}\n${input.signerKey}`;
    const same = this.joined.get(key);
    if (same) return same.then((o) => (o.kind === 'created' ? { ...o, kind: 'existing' } : o));
    const attempt = this.commit.submit(input);
    this.joined.set(key, attempt);
    void attempt.then(
      () => this.joined.delete(key),
      () => this.joined.delete(key),
    );
    return attempt;
  }

  private async store(m: EntityManager, inputs: SignInput[]): Promise<SignOutcome[]> {
    // Sorted so that concurrent batches take key locks in one order.
    const order = inputs
      .map((input, i) => ({ ...input, i, receipt: randomUUID() }))
      .sort((a, b) =>
        a.petitionId === b.petitionId
          ? a.signerKey < b.signerKey
            ? -1
            : 1
          : a.petitionId < b.petitionId
            ? -1
            : 1,
      );
    const rows: Stored[] = await m.query(STORE, [
      order.map((o) => o.petitionId),
      order.map((o) => o.signerKey),
      order.map((o) => o.organizationId),
      order.map((o) => o.receipt),
      order.map((o) => o.area),
      order.map((o) => o.method),
      traceContextHeaders(),
    ]);
    const outcomes: SignOutcome[] = [];
    const unknown: number[] = [];
    for (const r of rows) {
      const i = order[Number(r.n) - 1].i;
      if (r.kind === 'unknown') unknown.push(i);
      else outcomes[i] = { kind: r.kind, receipt: r.receipt, signedAt: r.signed_at };
    }
    if (unknown.length > 0) {
      // Rare: a petition not open, or a signature committed after the statement's snapshot.
      const found: {
        petition_id: string;
        signer_key: string;
        receipt: string;
        signed_at: string;
      }[] = await m.query(
        `SELECT s.petition_id, s.signer_key, s.receipt, ${iso('s.signed_at')} AS signed_at
             FROM petitions.signatures s
             JOIN unnest($1::uuid[], $2::text[], $3::uuid[]) AS i(petition_id, signer_key, organization_id)
               ON s.petition_id = i.petition_id AND s.signer_key = i.signer_key
              AND s.organization_id = i.organization_id`,
        [
          unknown.map((i) => inputs[i].petitionId),
          unknown.map((i) => inputs[i].signerKey),
          unknown.map((i) => inputs[i].organizationId),
        ],
      );
      const byKey = new Map(found.map((r) => [`${r.petition_id}\n${r.signer_key}`, r]));
      for (const i of unknown) {
        const r = byKey.get(`${inputs[i].petitionId}\n${inputs[i].signerKey}`);
        outcomes[i] = r
          ? { kind: 'existing', receipt: r.receipt, signedAt: r.signed_at }
          : { kind: 'not-open' };
      }
    }
    return outcomes;
  }

  /** Refuses new signatures and waits for the queued ones to be written (graceful shutdown). */
  onModuleDestroy(): Promise<void> {
    return this.commit.close();
  }
}
