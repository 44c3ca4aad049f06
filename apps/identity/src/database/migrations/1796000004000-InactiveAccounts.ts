import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accounts unused for a long time are warned, then deleted (docs/adr/0018).
 * `inactivity_warned_at` records the warning; a sign-in after it (a newer
 * session `last_seen_at`) cancels the deletion and a later inactivity is
 * warned again. The index answers "last activity of this account" from
 * sessions, which are revoked but never deleted.
 */
export class InactiveAccounts1796000004000 implements MigrationInterface {
  name = 'InactiveAccounts1796000004000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE identity.users ADD COLUMN inactivity_warned_at timestamptz`);
    await q.query(
      `CREATE INDEX sessions_user_seen ON identity.sessions (organization_id, user_id, last_seen_at DESC)
         WHERE user_id IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX identity.sessions_user_seen`);
    await q.query(`ALTER TABLE identity.users DROP COLUMN inactivity_warned_at`);
  }
}
