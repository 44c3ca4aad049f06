import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createMessagingTables, dropMessagingTables } from '@palabre/messaging';

/** The outbox (events published with a state change) and the inbox (events handled once). */
export class CreateSurveys1796662804103 implements MigrationInterface {
  name = 'CreateSurveys1796662804103';

  async up(q: QueryRunner): Promise<void> {
    await createMessagingTables(q, 'surveys');
  }

  async down(q: QueryRunner): Promise<void> {
    await dropMessagingTables(q, 'surveys');
  }
}
