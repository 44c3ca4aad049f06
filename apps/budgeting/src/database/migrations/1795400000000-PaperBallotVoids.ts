import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A paper-ballot entry found wrong (a station typed twice, a miscount) is
 * voided, never edited or deleted: the entry stays in the audit trail with
 * who voided it, when and why, and stops counting. A correction is a void
 * followed by a new entry.
 */
export class PaperBallotVoids1795400000000 implements MigrationInterface {
  name = 'PaperBallotVoids1795400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE budgeting.paper_ballots ADD COLUMN voided_at timestamptz,
         ADD COLUMN voided_by uuid, ADD COLUMN void_reason text`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE budgeting.paper_ballots DROP COLUMN voided_at, DROP COLUMN voided_by,
         DROP COLUMN void_reason`,
    );
  }
}
