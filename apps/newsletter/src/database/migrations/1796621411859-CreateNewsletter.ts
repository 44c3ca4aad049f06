import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createMessagingTables, dropMessagingTables } from '@palabre/messaging';

/** The outbox (events published with a state change) and the inbox (events handled once). */
export class CreateNewsletter1796621411859 implements MigrationInterface {
  name = 'CreateNewsletter1796621411859';

  async up(q: QueryRunner): Promise<void> {
    await createMessagingTables(q, 'newsletter');
  }

  async down(q: QueryRunner): Promise<void> {
    await dropMessagingTables(q, 'newsletter');
  }
}
