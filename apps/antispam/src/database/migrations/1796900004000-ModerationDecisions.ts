import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A flag closed by a moderator hiding its content ('hidden'): a decision like the others. */
export class ModerationDecisions1796900004000 implements MigrationInterface {
  name = 'ModerationDecisions1796900004000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE antispam.flags DROP CONSTRAINT flags_status_check`);
    await q.query(`ALTER TABLE antispam.flags ADD CONSTRAINT flags_status_check
      CHECK (status IN ('open', 'dismissed', 'blocked', 'unblocked', 'hidden'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE antispam.flags DROP CONSTRAINT flags_status_check`);
    await q.query(`ALTER TABLE antispam.flags ADD CONSTRAINT flags_status_check
      CHECK (status IN ('open', 'dismissed', 'blocked', 'unblocked'))`);
  }
}
