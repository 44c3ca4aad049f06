import type { ServiceDefinition } from '@palabre/service-kit';
import { CreateMeetings1796616058171 } from './database/migrations/1796616058171-CreateMeetings';
import { LongestMeeting1796620000000 } from './database/migrations/1796620000000-LongestMeeting';
import { Reminders1796630000000 } from './database/migrations/1796630000000-Reminders';
import { MeetingsModule } from './meetings.module';

/**
 * Found by the gateway at apps/meetings/src/meetings.definition.ts (embedded
 * mode, served at /api/meetings) and run alone by main.ts (distributed mode).
 */
export const meetingsService: ServiceDefinition = {
  name: 'meetings',
  schema: 'meetings',
  description:
    'Meetings of a space: in person, online or hybrid, with agendas and services offered; registrations with or without an account (confirmed by a mailed link), capacity, reserved seats, waiting lists promoted in order, codes at the door and attendance; minutes and linked proposals; a directory across spaces, iCalendar feeds and open data.',
  module: MeetingsModule,
  entities: [],
  migrations: [CreateMeetings1796616058171, LongestMeeting1796620000000, Reminders1796630000000],
};
