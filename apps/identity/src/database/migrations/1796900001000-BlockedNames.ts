import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An account the anti-spam blocks is renamed ("Compte bloqué" / "Blocked
 * account") wherever its name is asked, its own name kept here to be given
 * back when it is unblocked (ADR 0041). Erasure clears it like the name.
 */
export class BlockedNames1796900001000 implements MigrationInterface {
  name = 'BlockedNames1796900001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE identity.users ADD COLUMN display_name_before_block text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE identity.users DROP COLUMN display_name_before_block`);
  }
}
