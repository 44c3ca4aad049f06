import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { Topics, type SignatureAddedJson } from '@palabre/contracts';
import { publishMany } from '@palabre/messaging';
import {
  DATA_SOURCE,
  GroupCommit,
  intSetting,
  SERVICE_RUNTIME,
  type ServiceRuntime,
} from '@palabre/service-kit';
import { namedStatement, queryNamed } from '@palabre/persistence';
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

/** The batch's signatures, in input order, for open petitions of the same organization. */
const SIGN = namedStatement(
  'petitions_sign',
  `INSERT INTO petitions.signatures (petition_id, signer_key, organization_id, receipt, area, method)
     SELECT i.petition_id, i.signer_key, i.organization_id, i.receipt, i.area, i.method
       FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[], $5::text[], $6::text[])
            WITH ORDINALITY AS i(petition_id, signer_key, organization_id, receipt, area, method, n)
       JOIN petitions.petitions p ON p.id = i.petition_id AND p.organization_id = i.organization_id
      WHERE p.state = 'published' AND p.closes_at > now()
      ORDER BY i.n
     ON CONFLICT (petition_id, signer_key) DO NOTHING
     RETURNING petition_id, signer_key, organization_id, receipt, signed_at`,
);

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
      lingerMs: intSetting(runtime, 'PETITIONS_WRITER_LINGER_MS', 20),
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
    const inserted: {
      petition_id: string;
      signer_key: string;
      organization_id: string;
      receipt: string;
      signed_at: Date;
    }[] = await queryNamed(m, SIGN, [
      order.map((o) => o.petitionId),
      order.map((o) => o.signerKey),
      order.map((o) => o.organizationId),
      order.map((o) => o.receipt),
      order.map((o) => o.area),
      order.map((o) => o.method),
    ]);
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
      await publishMany(
        m,
        'petitions',
        inserted.map((r) => {
          const payload: SignatureAddedJson = {
            petitionId: r.petition_id,
            // The stored row's organization: the one its petition belongs to.
            organizationId: r.organization_id,
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
    return inputs.map(
      (input) => outcomes.get(key(input.petitionId, input.signerKey)) ?? { kind: 'not-open' },
    );
  }

  /** Refuses new signatures and waits for the queued ones to be written (graceful shutdown). */
  onModuleDestroy(): Promise<void> {
    return this.commit.close();
  }
}
