import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Domains an organization refuses: a contribution linking to one is reported (ADR 0041). */
export class RefusedDomains1796900002000 implements MigrationInterface {
  name = 'RefusedDomains1796900002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE antispam.settings ADD COLUMN refused_domains text[] NOT NULL DEFAULT '{}'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE antispam.settings DROP COLUMN refused_domains`);
  }
}
