import type { EntityManager } from 'typeorm';
import {
  Topics,
  pickText,
  type LocalizedText,
  type MilestoneReachedJson,
} from '@palabre/contracts';
import { publishMany, type OutgoingEvent } from '@palabre/messaging';
import { namedStatement, queryNamed, returnedRows } from '@palabre/persistence';
import { notifyAuthor, type NotifiedPetition } from './author-notifications';

export interface CountDelta {
  petitionId: string;
  online: number;
  offline: number;
  /** Per-area change of the online count. */
  areas?: Map<string, number>;
}

interface Updated extends NotifiedPetition {
  total: string;
  milestones: { threshold: number; label: LocalizedText }[];
}

/** Each petition's counters moved by its delta, rows locked in id order; totals and milestones back. */
const COUNT = namedStatement(
  'petitions_count_deltas',
  `WITH d AS (SELECT * FROM unnest($1::uuid[], $2::bigint[], $3::bigint[]) AS d(id, online, offline)),
        locked AS (SELECT p.id FROM petitions.petitions p JOIN d ON d.id = p.id ORDER BY p.id FOR NO KEY UPDATE OF p)
   UPDATE petitions.petitions p
      SET signature_count = p.signature_count + d.online, offline_count = p.offline_count + d.offline
     FROM d WHERE p.id = d.id AND p.id IN (SELECT id FROM locked)
   RETURNING p.id, p.organization_id, p.author_id, p.author_name, p.title,
     (p.signature_count + p.offline_count)::text AS total,
     (SELECT t.milestones FROM petitions.petition_types t WHERE t.id = p.type_id) AS milestones`,
);

/**
 * Applies count changes to petitions in the caller's transaction, in petition
 * id order (two batches never lock the same rows in opposite orders), then
 * records and announces every milestone a change crossed — once, whatever the
 * number of writers, thanks to the `milestones_reached` key.
 */
export async function applyCountDeltas(m: EntityManager, deltas: CountDelta[]): Promise<void> {
  if (deltas.length === 0) return;
  const sorted = [...deltas].sort((a, b) => (a.petitionId < b.petitionId ? -1 : 1));
  const updated = returnedRows<Updated>(
    await queryNamed(m, COUNT, [
      sorted.map((d) => d.petitionId),
      sorted.map((d) => d.online),
      sorted.map((d) => d.offline),
    ]),
  );
  const areaRows = sorted.flatMap((d) =>
    [...(d.areas ?? [])].map(([area, n]) => ({ petitionId: d.petitionId, area, n })),
  );
  if (areaRows.length > 0) {
    const org = new Map(updated.map((u) => [u.id, u.organization_id]));
    const rows = areaRows.filter((r) => org.has(r.petitionId));
    await m.query(
      `INSERT INTO petitions.area_counts (petition_id, area, organization_id, count)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::bigint[])
       ON CONFLICT (petition_id, area) DO UPDATE SET count = petitions.area_counts.count + EXCLUDED.count`,
      [
        rows.map((r) => r.petitionId),
        rows.map((r) => r.area),
        rows.map((r) => org.get(r.petitionId)),
        rows.map((r) => r.n),
      ],
    );
  }
  // Milestones: any threshold now at or under the total that is not yet recorded.
  const candidates = updated.flatMap((u) =>
    (u.milestones ?? [])
      .filter((ms) => Number(u.total) >= ms.threshold)
      .map((ms) => ({
        ...ms,
        petitionId: u.id,
        organizationId: u.organization_id,
        total: u.total,
        petition: u,
      })),
  );
  if (candidates.length === 0) return;
  const reached: { petition_id: string; threshold: string }[] = await m.query(
    `INSERT INTO petitions.milestones_reached (petition_id, threshold, organization_id, count)
     SELECT * FROM unnest($1::uuid[], $2::bigint[], $3::uuid[], $4::bigint[])
     ON CONFLICT DO NOTHING RETURNING petition_id, threshold::text`,
    [
      candidates.map((c) => c.petitionId),
      candidates.map((c) => c.threshold),
      candidates.map((c) => c.organizationId),
      candidates.map((c) => c.total),
    ],
  );
  if (reached.length === 0) return;
  const isNew = new Set(reached.map((r) => `${r.petition_id}:${r.threshold}`));
  const fresh = candidates.filter((c) => isNew.has(`${c.petitionId}:${c.threshold}`));
  await m.query(
    `INSERT INTO petitions.timeline (organization_id, petition_id, kind, detail)
     SELECT o, p, 'milestone', d FROM unnest($1::uuid[], $2::uuid[], $3::jsonb[]) AS t(o, p, d)`,
    [
      fresh.map((c) => c.organizationId),
      fresh.map((c) => c.petitionId),
      fresh.map((c) =>
        JSON.stringify({ threshold: c.threshold, label: c.label, count: Number(c.total) }),
      ),
    ],
  );
  const events: OutgoingEvent<MilestoneReachedJson>[] = fresh.map((c) => ({
    topic: Topics.PetitionsMilestoneReachedV1,
    key: c.petitionId,
    tenantId: c.organizationId,
    schema: 'palabre.petitions.v1.MilestoneReached',
    payload: {
      petitionId: c.petitionId,
      organizationId: c.organizationId,
      threshold: String(c.threshold),
      // The event's label is one text (its schema): French, else the language it was written in.
      label: pickText(c.label, 'fr').text,
      count: c.total,
    },
  }));
  await publishMany(m, 'petitions', events);
  // Its author is told of each milestone, in the transaction that recorded it (once, as above).
  for (const c of fresh)
    await notifyAuthor(m, c.petition, 'petition.milestone', {
      dedupeKey: `petition.milestone:${c.petitionId}:${c.threshold}`,
      params: { milestone: String(c.threshold) },
    });
}
