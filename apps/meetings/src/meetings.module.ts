import { Module } from '@nestjs/common';
import { OrganizationDirectory, personalDataParts } from '@palabre/service-kit';
import { CalendarController } from './calendar/calendar.controller';
import { ComponentAccess } from './components/component-access';
import { MeetingsController } from './meetings/meetings.controller';
import { MeetingsRepository } from './meetings/meetings.repository';
import { MeetingsService } from './meetings/meetings.service';
import { MeetingNotifications } from './notifications/meeting-notifications';
import { ReminderJob } from './notifications/reminder.job';
import { OpenDataController } from './open-data/open-data.controller';
import { DemoContent } from './maintenance/demo-content';
import { ExpiryJob } from './registrations/expiry.job';
import { RegistrationMails } from './registrations/registration-mails';
import { RegistrationWriter } from './registrations/registration-writer';
import { RegistrationsController } from './registrations/registrations.controller';
import { RegistrationsService } from './registrations/registrations.service';
import { ParticipantsController } from './participants/participants.controller';
import { ParticipantsRepository } from './participants/participants.repository';
import { PrivacyRepository } from './privacy/privacy.repository';

/** The person's rights here: erasure of their name, their part of "download my data". */
const privacy = personalDataParts('meetings', PrivacyRepository);

@Module({
  controllers: [
    OpenDataController,
    MeetingsController,
    RegistrationsController,
    CalendarController,
    ParticipantsController,
    ...privacy.controllers,
  ],
  providers: [
    ComponentAccess,
    OrganizationDirectory,
    MeetingsRepository,
    MeetingsService,
    RegistrationWriter,
    RegistrationMails,
    RegistrationsService,
    ExpiryJob,
    MeetingNotifications,
    ReminderJob,
    DemoContent,
    ParticipantsRepository,
    ...privacy.providers,
  ],
})
export class MeetingsModule {}
