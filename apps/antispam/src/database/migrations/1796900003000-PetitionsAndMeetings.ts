import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Submitted petitions and participants' meetings are scored too (ADR 0041). */
export class PetitionsAndMeetings1796900003000 implements MigrationInterface {
  name = 'PetitionsAndMeetings1796900003000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE antispam.contents DROP CONSTRAINT contents_target_type_check`);
    await q.query(`ALTER TABLE antispam.contents ADD CONSTRAINT contents_target_type_check
      CHECK (target_type IN ('proposal', 'comment', 'petition', 'meeting'))`);
    await q.query(`ALTER TABLE antispam.flags DROP CONSTRAINT flags_subject_type_check`);
    await q.query(`ALTER TABLE antispam.flags ADD CONSTRAINT flags_subject_type_check
      CHECK (subject_type IN ('account', 'proposal', 'comment', 'petition', 'meeting'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE antispam.flags DROP CONSTRAINT flags_subject_type_check`);
    await q.query(`ALTER TABLE antispam.flags ADD CONSTRAINT flags_subject_type_check
      CHECK (subject_type IN ('account', 'proposal', 'comment'))`);
    await q.query(`ALTER TABLE antispam.contents DROP CONSTRAINT contents_target_type_check`);
    await q.query(`ALTER TABLE antispam.contents ADD CONSTRAINT contents_target_type_check
      CHECK (target_type IN ('proposal', 'comment'))`);
  }
}
