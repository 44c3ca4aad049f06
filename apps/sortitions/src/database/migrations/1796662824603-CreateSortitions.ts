import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createMessagingTables, dropMessagingTables } from '@palabre/messaging';

/** The outbox (events published with a state change) and the inbox (events handled once). */
export class CreateSortitions1796662824603 implements MigrationInterface {
  name = 'CreateSortitions1796662824603';

  async up(q: QueryRunner): Promise<void> {
    await createMessagingTables(q, 'sortitions');
  }

  async down(q: QueryRunner): Promise<void> {
    await dropMessagingTables(q, 'sortitions');
  }
}
