import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A moderator may dismiss unfounded reports: they stay, marked with who
 * dismissed them and when, so that their author cannot report the same
 * content again (one report per person per content) and the queue no longer
 * shows them. Partial indexes keep the back-office's "to moderate" count to
 * the reported rows.
 */
export class DismissedReports1796000018400 implements MigrationInterface {
  name = 'DismissedReports1796000018400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE proposals.reports ADD COLUMN dismissed_at timestamptz`);
    await q.query(`ALTER TABLE proposals.reports ADD COLUMN dismissed_by uuid`);
    await q.query(
      `CREATE INDEX proposals_reported ON proposals.proposals (organization_id, component_id) WHERE report_count > 0`,
    );
    await q.query(
      `CREATE INDEX comments_reported ON proposals.comments (organization_id, component_id) WHERE report_count > 0`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX proposals.comments_reported`);
    await q.query(`DROP INDEX proposals.proposals_reported`);
    await q.query(`DELETE FROM proposals.reports WHERE dismissed_at IS NOT NULL`);
    await q.query(`ALTER TABLE proposals.reports DROP COLUMN dismissed_by`);
    await q.query(`ALTER TABLE proposals.reports DROP COLUMN dismissed_at`);
  }
}
