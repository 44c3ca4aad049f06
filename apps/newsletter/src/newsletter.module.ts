import { Module } from '@nestjs/common';
import { OrganizationDirectory, SERVICE_RUNTIME, type ServiceRuntime } from '@palabre/service-kit';
import { Audiences } from './audiences/audiences';
import { NewsletterConfig } from './config/newsletter.config';
import { DeliveryWorker } from './delivery/delivery.worker';
import { NewsletterMails } from './delivery/newsletter-mails';
import { Senders } from './delivery/senders';
import { NotificationsConsumer } from './notifications/notifications.consumer';
import { NotificationsController } from './notifications/notifications.controller';
import { NotificationsRepository } from './notifications/notifications.repository';
import { NotificationsWorker } from './notifications/notifications.worker';
import { NewslettersController } from './newsletters/newsletters.controller';
import { NewslettersRepository } from './newsletters/newsletters.repository';
import { NewslettersService } from './newsletters/newsletters.service';
import { SettingsController } from './settings/settings.controller';
import { SettingsRepository } from './settings/settings.repository';
import { StatusModule } from './status/status.module';
import { SubscribersConsumer } from './subscribers/subscribers.consumer';

@Module({
  imports: [StatusModule],
  controllers: [NewslettersController, SettingsController, NotificationsController],
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
    NotificationsRepository,
    NotificationsWorker,
  ],
})
export class NewsletterModule {}
