import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * People's notifications (ADR 0040): one row per person and notification,
 * the cadence it is mailed at (chosen when it arrived), whether it was
 * mailed and read; preferences per kind (absent: the default); accounts
 * told nothing (blocked, or erased: no id of theirs is kept but that one);
 * and the digests already run, so that a period is
 * mailed once even with several replicas or a restart.
 */
export class Notifications1796700100000 implements MigrationInterface {
  name = 'Notifications1796700100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE newsletter.notifications (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL,
      user_id uuid NOT NULL,
      kind text NOT NULL,
      cadence text NOT NULL CHECK (cadence IN ('instant', 'daily', 'weekly')),
      space_id uuid,
      space_title jsonb NOT NULL DEFAULT '{}',
      subject_id text NOT NULL,
      title jsonb NOT NULL,
      path text NOT NULL,
      params jsonb NOT NULL DEFAULT '{}',
      occurred_at timestamptz NOT NULL,
      dedupe_key text NOT NULL,
      read_at timestamptz,
      mailed_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (organization_id, user_id, dedupe_key)
    )`);
    await q.query(
      `CREATE INDEX notifications_of_person ON newsletter.notifications
         (organization_id, user_id, occurred_at DESC, id)`,
    );
    await q.query(
      `CREATE INDEX notifications_unread ON newsletter.notifications (organization_id, user_id)
        WHERE read_at IS NULL`,
    );
    await q.query(
      `CREATE INDEX notifications_to_mail ON newsletter.notifications (cadence, organization_id, user_id)
        WHERE mailed_at IS NULL`,
    );
    // The "at once" mails' queue, oldest first (claimed by the worker in batches).
    await q.query(
      `CREATE INDEX notifications_instant ON newsletter.notifications (created_at)
        WHERE cadence = 'instant' AND mailed_at IS NULL`,
    );
    await q.query(`CREATE TABLE newsletter.notification_preferences (
      organization_id uuid NOT NULL,
      user_id uuid NOT NULL,
      kind text NOT NULL,
      cadence text NOT NULL CHECK (cadence IN ('instant', 'daily', 'weekly', 'never')),
      PRIMARY KEY (organization_id, user_id, kind)
    )`);
    await q.query(`CREATE TABLE newsletter.untold_accounts (
      organization_id uuid NOT NULL,
      user_id uuid NOT NULL,
      reason text NOT NULL CHECK (reason IN ('blocked', 'erased')),
      PRIMARY KEY (organization_id, user_id)
    )`);
    await q.query(`CREATE TABLE newsletter.digest_runs (
      organization_id uuid NOT NULL,
      cadence text NOT NULL,
      period text NOT NULL,
      until timestamptz NOT NULL,
      started_at timestamptz NOT NULL DEFAULT now(),
      finished_at timestamptz,
      PRIMARY KEY (organization_id, cadence, period)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE newsletter.digest_runs`);
    await q.query(`DROP TABLE newsletter.untold_accounts`);
    await q.query(`DROP TABLE newsletter.notification_preferences`);
    await q.query(`DROP TABLE newsletter.notifications`);
  }
}
