import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a person whose account the anti-spam blocked writes to contest it
 * (ADR 0041): their message, for the organization's administrators, who see
 * it beside the block on the anti-spam page. At most one a day per account.
 */
export class BlockContests1796900000000 implements MigrationInterface {
  name = 'BlockContests1796900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE identity.block_contests (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL,
      user_id uuid NOT NULL REFERENCES identity.users(id) ON DELETE CASCADE,
      message text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(
      `CREATE INDEX block_contests_by_user ON identity.block_contests (organization_id, user_id, created_at DESC)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE identity.block_contests`);
  }
}
