import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which side of its dates the active phase was on when its components'
 * settings were last announced: the scheduler announces them again when
 * today crosses a date (an active phase outside its dates opens no action).
 * Null: never announced since this column exists (announced at the next run).
 */
export class PhaseAnnouncedTiming1795500000000 implements MigrationInterface {
  name = 'PhaseAnnouncedTiming1795500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE spaces.phases ADD COLUMN announced_timing text
         CHECK (announced_timing IN ('upcoming', 'current', 'ended'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE spaces.phases DROP COLUMN announced_timing`);
  }
}
