import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Counters of the abuse limits (sign-in failures per account and per address,
 * account mails per recipient), in identity's database so that every replica
 * sees the same counts. A counter is known by a keyed hash of what it counts
 * (HMAC under IDENTITY_SECRET): no email address or IP address is stored.
 * Rows are short-lived: each says when it may be forgotten (`expires_at`).
 */
export class AbuseCounters1796000002000 implements MigrationInterface {
  name = 'AbuseCounters1796000002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE identity.abuse_counters (
      organization_id uuid NOT NULL REFERENCES identity.organizations(id) ON DELETE CASCADE,
      scope text NOT NULL CHECK (scope IN ('sign-in-account', 'sign-in-address', 'mail')),
      key_hash text NOT NULL,
      hits integer NOT NULL,
      window_started_at timestamptz NOT NULL,
      last_hit_at timestamptz NOT NULL,
      locks integer NOT NULL DEFAULT 0,
      locked_until timestamptz,
      expires_at timestamptz NOT NULL,
      PRIMARY KEY (organization_id, scope, key_hash))`);
    await q.query(
      `CREATE INDEX abuse_counters_expiry ON identity.abuse_counters (organization_id, expires_at)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE identity.abuse_counters`);
  }
}
