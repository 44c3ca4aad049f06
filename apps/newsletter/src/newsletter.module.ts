import { Module } from '@nestjs/common';
import {
  OrganizationDirectory,
  personalDataParts,
  SERVICE_RUNTIME,
  type ServiceRuntime,
} from '@palabre/service-kit';
import { Audiences } from './audiences/audiences';
import { NewsletterConfig } from './config/newsletter.config';
import { DeliveryWorker } from './delivery/delivery.worker';
import { NewsletterMails } from './delivery/newsletter-mails';
import { Senders } from './delivery/senders';
import { DemoNewsletterConsumer } from './maintenance/demo-content';
import { NotificationsConsumer } from './notifications/notifications.consumer';
import { NotificationsController } from './notifications/notifications.controller';
import { NotificationsRepository } from './notifications/notifications.repository';
import { NotificationsWorker } from './notifications/notifications.worker';
import { NewslettersController } from './newsletters/newsletters.controller';
import { NewslettersRepository } from './newsletters/newsletters.repository';
import { NewslettersService } from './newsletters/newsletters.service';
import { PrivacyRepository } from './privacy/privacy.repository';
import { SettingsController } from './settings/settings.controller';
import { SettingsRepository } from './settings/settings.repository';
import { StatusModule } from './status/status.module';
import { SubscribersConsumer } from './subscribers/subscribers.consumer';

/** The person's rights here: their part of "download my data" (docs/adr/0018). */
const privacy = personalDataParts('newsletter', PrivacyRepository);

@Module({
  imports: [StatusModule],
  controllers: [
    NewslettersController,
    SettingsController,
    NotificationsController,
    ...privacy.controllers,
  ],
  providers: [
    {
      provide: NewsletterConfig,
      inject: [SERVICE_RUNTIME],
      useFactory: (runtime: ServiceRuntime) => NewsletterConfig.fromRuntime(runtime),
    },
    OrganizationDirectory,
    Audiences,
    NewsletterMails,
    Senders,
    DeliveryWorker,
    NewslettersRepository,
    NewslettersService,
    SettingsRepository,
    SubscribersConsumer,
    NotificationsConsumer,
    DemoNewsletterConsumer,
    NotificationsRepository,
    NotificationsWorker,
    ...privacy.providers,
  ],
})
export class NewsletterModule {}
