import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When a meeting's registrants were reminded of it, the day before
 * (ReminderJob, ADR 0040): the job reminds the published meetings starting
 * within a day that have none, and sets it in the same transaction, on the
 * condition that it is still unset (two replicas never both remind).
 */
export class Reminders1796630000000 implements MigrationInterface {
  name = 'Reminders1796630000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE meetings.meetings ADD COLUMN reminded_at timestamptz`);
    await q.query(
      `CREATE INDEX meetings_to_remind ON meetings.meetings (starts_at)
        WHERE state = 'published' AND reminded_at IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS meetings.meetings_to_remind`);
    await q.query(`ALTER TABLE meetings.meetings DROP COLUMN reminded_at`);
  }
}
