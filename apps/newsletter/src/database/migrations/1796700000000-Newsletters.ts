import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Newsletters, their audience and their delivery ledger (ADR 0039):
 * - `subscribers`: who consented, as identity announces it
 *   (`identity.newsletter-consent.changed.v1`, blocks, erasures): ids and
 *   states only, never an address (ADR 0038: addresses are asked per batch).
 * - `newsletters`: contents per language, audience, state and schedule.
 * - `deliveries`: one row per newsletter and recipient, written before the
 *   first mail goes; its state is the only truth of what was sent.
 * - `settings`: the organization's sender, pace and own SMTP server.
 */
export class Newsletters1796700000000 implements MigrationInterface {
  name = 'Newsletters1796700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE newsletter.subscribers (
      organization_id uuid NOT NULL,
      user_id uuid NOT NULL,
      state text NOT NULL CHECK (state IN ('pending', 'granted', 'withdrawn')),
      blocked boolean NOT NULL DEFAULT false,
      changed_at timestamptz NOT NULL,
      PRIMARY KEY (organization_id, user_id)
    )`);
    await q.query(
      `CREATE INDEX subscribers_granted ON newsletter.subscribers (organization_id, user_id)
        WHERE state = 'granted' AND NOT blocked`,
    );
    await q.query(`CREATE TABLE newsletter.newsletters (
      id uuid PRIMARY KEY,
      organization_id uuid NOT NULL,
      contents jsonb NOT NULL,
      audience jsonb NOT NULL,
      state text NOT NULL DEFAULT 'draft'
        CHECK (state IN ('draft', 'scheduled', 'sending', 'sent', 'stopped')),
      scheduled_at timestamptz,
      started_at timestamptz,
      finished_at timestamptz,
      recipients integer NOT NULL DEFAULT 0,
      created_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(
      `CREATE INDEX newsletters_by_org ON newsletter.newsletters (organization_id, created_at DESC)`,
    );
    await q.query(
      `CREATE INDEX newsletters_due ON newsletter.newsletters (scheduled_at)
        WHERE state IN ('scheduled', 'sending')`,
    );
    await q.query(`CREATE TABLE newsletter.deliveries (
      newsletter_id uuid NOT NULL REFERENCES newsletter.newsletters (id) ON DELETE CASCADE,
      user_id uuid NOT NULL,
      organization_id uuid NOT NULL,
      state text NOT NULL DEFAULT 'pending'
        CHECK (state IN ('pending', 'sending', 'sent', 'failed', 'skipped', 'stopped')),
      attempts smallint NOT NULL DEFAULT 0,
      next_attempt_at timestamptz NOT NULL DEFAULT now(),
      lease_until timestamptz,
      sent_at timestamptz,
      error text,
      PRIMARY KEY (newsletter_id, user_id)
    )`);
    await q.query(
      `CREATE INDEX deliveries_due ON newsletter.deliveries (newsletter_id, next_attempt_at, user_id)
        WHERE state = 'pending'`,
    );
    await q.query(
      `CREATE INDEX deliveries_leased ON newsletter.deliveries (lease_until) WHERE state = 'sending'`,
    );
    await q.query(`CREATE TABLE newsletter.settings (
      organization_id uuid PRIMARY KEY,
      sender_name text,
      sender_address text,
      reply_to text,
      messages_per_second integer NOT NULL DEFAULT 50,
      smtp jsonb,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE newsletter.settings`);
    await q.query(`DROP TABLE newsletter.deliveries`);
    await q.query(`DROP TABLE newsletter.newsletters`);
    await q.query(`DROP TABLE newsletter.subscribers`);
  }
}
