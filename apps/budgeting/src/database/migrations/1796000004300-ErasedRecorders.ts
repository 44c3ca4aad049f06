import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The paper-ballot audit keeps every entry; once the staff member who typed
 * or voided one deletes their account, who did it reads "deleted participant"
 * (NULL) instead of their account id (docs/adr/0018).
 */
export class ErasedRecorders1796000004300 implements MigrationInterface {
  name = 'ErasedRecorders1796000004300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE budgeting.paper_ballots ALTER COLUMN recorded_by DROP NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `UPDATE budgeting.paper_ballots SET recorded_by = '00000000-0000-0000-0000-000000000000'
        WHERE recorded_by IS NULL`,
    );
    await q.query(`ALTER TABLE budgeting.paper_ballots ALTER COLUMN recorded_by SET NOT NULL`);
  }
}
