import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When a proposal's counted supports first reached its component's
 * threshold: its author is told once (ADR 0040), by the transaction that
 * set it (VoteWriter), whatever the supports do afterwards.
 */
export class ThresholdReached1796000022000 implements MigrationInterface {
  name = 'ThresholdReached1796000022000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE proposals.proposals ADD COLUMN threshold_reached_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE proposals.proposals DROP COLUMN threshold_reached_at`);
  }
}
