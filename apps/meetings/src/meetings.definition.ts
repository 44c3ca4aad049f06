import type { ServiceDefinition } from '@palabre/service-kit';
import { CreateMeetings1796616058171 } from './database/migrations/1796616058171-CreateMeetings';
import { MeetingsModule } from './meetings.module';

/**
 * Found by the gateway at apps/meetings/src/meetings.definition.ts (embedded
 * mode, served at /api/meetings) and run alone by main.ts (distributed mode).
 */
export const meetingsService: ServiceDefinition = {
  name: 'meetings',
  schema: 'meetings',
  description: 'The meetings service.',
  module: MeetingsModule,
  entities: [],
  migrations: [CreateMeetings1796616058171],
};
