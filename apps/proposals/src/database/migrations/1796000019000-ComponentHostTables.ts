import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createComponentTables } from '@palabre/component-host';

/**
 * The component host's tables (libs/component-host, ADR 0034): the same
 * `components` (with each action's permission) and `phases` (titles that
 * name a phase in refusals) in every service that hosts a component type.
 */
export class ComponentHostTables1796000019000 implements MigrationInterface {
  name = 'ComponentHostTables1796000019000';

  async up(q: QueryRunner): Promise<void> {
    await createComponentTables(q, 'proposals');
  }

  async down(): Promise<void> {
    // Nothing to undo that an older version minds: it ignores the extra column or table.
  }
}
