import type { EntityManager } from 'typeorm';
import { Topics, type MilestoneReachedJson } from '@palabre/contracts';
import { jsonbPayload, outboxCtes, traceContextHeaders, type OutboxRows } from '@palabre/messaging';

export interface CountDelta {
  petitionId: string;
  online: number;
  offline: number;
  /** Per-area change of the online count. */
  areas?: Map<string, number>;
}

/**
 * The part of a statement that applies count changes, for the statement's
 * relations `deltas (id, online, offline)`, one row per petition, and
 * `area_deltas (petition_id, area, n)`, defined before it in the `WITH` list.
 *
 * The petitions' rows are locked in id order first (`counter_locks`: two
 * writers never lock the same rows in opposite orders), and everything else a
 * petition's change writes — its area counts, its milestones — joins that
 * petition's updated row, so it is written under the row's lock: those rows
 * are never contended. A milestone is recorded when the total is at or above
 * its threshold and it is not recorded yet (a threshold a type gains below a
 * petition's total is reached at the next change); once, whatever the number
 * of writers, thanks to the `milestones_reached` key. `milestones_new` holds
 * the milestones this statement recorded, for `MILESTONE_REACHED`.
 */
export const COUNT_CHANGES = `
  counter_locks AS (
    SELECT p.id FROM petitions.petitions p JOIN deltas d ON d.id = p.id
     ORDER BY p.id FOR NO KEY UPDATE OF p),
  counted AS (
    UPDATE petitions.petitions p
       SET signature_count = p.signature_count + d.online, offline_count = p.offline_count + d.offline
      FROM deltas d WHERE p.id = d.id AND p.id IN (SELECT id FROM counter_locks)
    RETURNING p.id, p.organization_id, p.type_id, p.signature_count + p.offline_count AS total),
  area_counted AS (
    INSERT INTO petitions.area_counts (petition_id, area, organization_id, count)
    SELECT a.petition_id, a.area, c.organization_id, a.n
      FROM area_deltas a JOIN counted c ON c.id = a.petition_id
    ON CONFLICT (petition_id, area) DO UPDATE SET count = petitions.area_counts.count + EXCLUDED.count),
  milestones_due AS (
    SELECT c.id AS petition_id, c.organization_id, (ms->>'threshold')::bigint AS threshold,
           ms->>'label' AS label, c.total AS count
      FROM counted c
      JOIN petitions.petition_types t ON t.id = c.type_id
     CROSS JOIN LATERAL jsonb_array_elements(t.milestones) ms
     WHERE (ms->>'threshold')::bigint <= c.total
       AND NOT EXISTS (SELECT FROM petitions.milestones_reached r
                        WHERE r.petition_id = c.id AND r.threshold = (ms->>'threshold')::bigint)),
  milestones_recorded AS (
    INSERT INTO petitions.milestones_reached (petition_id, threshold, organization_id, count)
    SELECT petition_id, threshold, organization_id, count FROM milestones_due
    ON CONFLICT DO NOTHING
    RETURNING petition_id, threshold),
  milestones_new AS (
    SELECT d.* FROM milestones_due d JOIN milestones_recorded r USING (petition_id, threshold)),
  milestones_timeline AS (
    INSERT INTO petitions.timeline (organization_id, petition_id, kind, detail)
    SELECT organization_id, petition_id, 'milestone',
           jsonb_build_object('threshold', threshold, 'label', label, 'count', count)
      FROM milestones_new ORDER BY petition_id, threshold)`;

/** `petitions.milestone.reached.v1` for each milestone of `COUNT_CHANGES`' `milestones_new`. */
export const MILESTONE_REACHED: OutboxRows = {
  from: 'milestones_new',
  topic: Topics.PetitionsMilestoneReachedV1,
  schema: 'palabre.petitions.v1.MilestoneReached',
  key: 'petition_id',
  tenantId: 'organization_id',
  payload: jsonbPayload<MilestoneReachedJson>({
    petitionId: 'petition_id',
    organizationId: 'organization_id',
    // int64 fields are strings in proto3 JSON.
    threshold: 'threshold::text',
    label: 'label',
    count: 'count::text',
  }),
  orderBy: 'petition_id, threshold',
};

const APPLY = `WITH
  deltas AS (SELECT * FROM unnest($1::uuid[], $2::bigint[], $3::bigint[]) AS d(id, online, offline)),
  area_deltas AS (
    SELECT * FROM unnest($4::uuid[], $5::text[], $6::bigint[]) AS a(petition_id, area, n)),
  ${COUNT_CHANGES},
  ${outboxCtes('petitions', [MILESTONE_REACHED], '$7')}
SELECT woken FROM relay_woken`;

/**
 * Applies count changes to petitions, in one statement in the caller's
 * transaction, and records and announces every milestone they reach
 * (`COUNT_CHANGES`).
 */
export async function applyCountDeltas(m: EntityManager, deltas: CountDelta[]): Promise<void> {
  if (deltas.length === 0) return;
  const areas = deltas.flatMap((d) =>
    [...(d.areas ?? [])].map(([area, n]) => ({ petitionId: d.petitionId, area, n })),
  );
  await m.query(APPLY, [
    deltas.map((d) => d.petitionId),
    deltas.map((d) => d.online),
    deltas.map((d) => d.offline),
    areas.map((a) => a.petitionId),
    areas.map((a) => a.area),
    areas.map((a) => a.n),
    traceContextHeaders(),
  ]);
}
