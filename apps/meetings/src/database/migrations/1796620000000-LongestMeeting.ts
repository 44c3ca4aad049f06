import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The organization's longest meeting, read at once (the last entry of this
 * index): lists of upcoming meetings bound their start by it, so that their
 * scan by start begins near now rather than at the organization's first
 * meeting (MeetingsRepository.whenSql).
 */
export class LongestMeeting1796620000000 implements MigrationInterface {
  name = 'LongestMeeting1796620000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX meetings_longest ON meetings.meetings (organization_id, (ends_at - starts_at))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS meetings.meetings_longest`);
  }
}
