import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each organization's anti-spam decisions: above `flag_threshold` a
 * contribution or an account is reported to moderators, above
 * `block_threshold` — only where `auto_block` is on (off by default) — the
 * account is blocked. Absent row: the defaults.
 */
export class Settings1796800000000 implements MigrationInterface {
  name = 'Settings1796800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE antispam.settings (
      organization_id uuid PRIMARY KEY,
      flag_threshold double precision NOT NULL DEFAULT 0.7,
      block_threshold double precision NOT NULL DEFAULT 0.99,
      auto_block boolean NOT NULL DEFAULT false,
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (flag_threshold > 0 AND flag_threshold < block_threshold AND block_threshold < 1)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE antispam.settings`);
  }
}
