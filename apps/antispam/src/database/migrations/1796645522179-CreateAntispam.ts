import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createMessagingTables, dropMessagingTables } from '@palabre/messaging';

/** The outbox (events published with a state change) and the inbox (events handled once). */
export class CreateAntispam1796645522179 implements MigrationInterface {
  name = 'CreateAntispam1796645522179';

  async up(q: QueryRunner): Promise<void> {
    await createMessagingTables(q, 'antispam');
  }

  async down(q: QueryRunner): Promise<void> {
    await dropMessagingTables(q, 'antispam');
  }
}
