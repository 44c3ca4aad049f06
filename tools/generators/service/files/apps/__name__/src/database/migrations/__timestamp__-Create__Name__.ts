import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createMessagingTables, dropMessagingTables } from '@palabre/messaging';

/** The outbox (events published with a state change) and the inbox (events handled once). */
export class Create__Name____timestamp__ implements MigrationInterface {
  name = 'Create__Name____timestamp__';

  async up(q: QueryRunner): Promise<void> {
    await createMessagingTables(q, '__name_underscored__');
  }

  async down(q: QueryRunner): Promise<void> {
    await dropMessagingTables(q, '__name_underscored__');
  }
}
