import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who may take each action of a budgets component (spaces' permissions, as
 * ComponentSettingsChanged carries them): the public list says which identity
 * a vote needs, and without spaces to ask, votes are checked against it.
 * Null until the next settings event of the component tells.
 */
export class ComponentPermissions1795345000000 implements MigrationInterface {
  name = 'ComponentPermissions1795345000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE budgeting.components ADD COLUMN permissions jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE budgeting.components DROP COLUMN permissions`);
  }
}
