import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createMessagingTables, dropMessagingTables } from '@palabre/messaging';

/** The outbox (events published with a state change) and the inbox (events handled once). */
export class CreateMeetings1796616058171 implements MigrationInterface {
  name = 'CreateMeetings1796616058171';

  async up(q: QueryRunner): Promise<void> {
    await createMessagingTables(q, 'meetings');
  }

  async down(q: QueryRunner): Promise<void> {
    await dropMessagingTables(q, 'meetings');
  }
}
