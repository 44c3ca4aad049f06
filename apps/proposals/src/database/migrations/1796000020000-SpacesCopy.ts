import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createComponentTables } from '@palabre/component-host';

/**
 * The copy of the organization's spaces that the component host keeps from
 * spaces.space.changed.v1 (ADR 0034), for databases whose ComponentHostTables
 * ran before it created that table (a no-op on the others).
 */
export class SpacesCopy1796000020000 implements MigrationInterface {
  name = 'SpacesCopy1796000020000';

  async up(q: QueryRunner): Promise<void> {
    await createComponentTables(q, 'proposals');
  }

  async down(): Promise<void> {
    // Nothing to undo that an older version minds: it ignores the extra table.
  }
}
