import type { MigrationInterface, QueryRunner } from 'typeorm';

/** What the person wrote to contest a block (identity.block.contested.v1), beside the block's flag. */
export class Contests1796900001000 implements MigrationInterface {
  name = 'Contests1796900001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE antispam.flags ADD COLUMN contest text, ADD COLUMN contested_at timestamptz`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE antispam.flags DROP COLUMN contest, DROP COLUMN contested_at`);
  }
}
