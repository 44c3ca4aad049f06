import type { MigrationInterface, QueryRunner } from 'typeorm';
import { EventHeaders, OUTBOX_CHANNEL } from '@palabre/messaging';

/** The locales of a jsonb text that have one, as `spaceChanged` sends them. */
const texts = (column: string) =>
  `(SELECT coalesce(jsonb_object_agg(t.locale, t.text), '{}') FROM jsonb_each(s.${column}) AS t(locale, text)
     WHERE jsonb_typeof(t.text) = 'string' AND btrim(t.text #>> '{}') <> '')`;

/**
 * Announces every existing space once (spaces.space.changed.v1) to the
 * services that keep a copy (libs/component-host, ADR 0034); from this
 * version on, each write of a space announces it (SpacesRepository).
 *
 * The events are outbox rows, written the way `publish()` writes them
 * (spaces/space-changed.ts gives the same payload), in the migration's
 * transaction: they exist if and only if the upgrade does, once whatever the
 * number of replicas, and the relay ships them when the service starts. A
 * start-up step would need a flag per space and a lock between replicas for
 * the same result. The time of the change is the space's last update: a
 * later write carries a later one.
 *
 * A service that starts hosting after the transport has dropped these events
 * (the PostgreSQL transport keeps a week; Kafka, the topic's retention) needs
 * them again: a migration like this one, with a new name, does it.
 */
export class AnnounceSpaces1796000020000 implements MigrationInterface {
  name = 'AnnounceSpaces1796000020000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `WITH s AS (SELECT gen_random_uuid() AS event_id, s.* FROM spaces.spaces s)
       INSERT INTO spaces.outbox (event_id, topic, key, headers, payload)
       SELECT s.event_id, 'spaces.space.changed.v1', s.id::text,
              jsonb_build_object($1::text, s.event_id, $2::text, s.organization_id,
                                 $3::text, 'palabre.spaces.v1.SpaceChanged'),
              jsonb_build_object('spaceId', s.id, 'organizationId', s.organization_id,
                'slug', s.slug, 'title', ${texts('title')}, 'area', ${texts('area')},
                'state', s.state, 'private', s.private AND NOT s.transparent, 'kind', s.kind,
                'changedAt', to_char(s.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))
         FROM s ORDER BY s.created_at, s.id`,
      [EventHeaders.eventId, EventHeaders.tenantId, EventHeaders.schema],
    );
    await q.query(`SELECT pg_notify($1, 'spaces')`, [OUTBOX_CHANNEL]);
  }

  async down(): Promise<void> {
    // Announcements cannot be taken back, and an older version ignores them.
  }
}
