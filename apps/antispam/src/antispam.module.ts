import { Module } from '@nestjs/common';
import { OrganizationDirectory, personalDataParts } from '@palabre/service-kit';
import { AntispamPrivacy } from './review/privacy';
import { FlagsController, LabelsController } from './review/flags.controller';
import { IntakeConsumer } from './review/intake.consumer';
import { ReviewWorker } from './review/review.worker';
import { ScoresController } from './scores/scores.controller';
import { Models } from './scoring/model.provider';
import { SettingsController } from './settings/settings.controller';
import { SettingsRepository } from './settings/settings.repository';
import { StatusModule } from './status/status.module';

/** The person's rights here: their part of "download my data", and erasure (ADR 0018). */
const privacy = personalDataParts('antispam', AntispamPrivacy);

@Module({
  imports: [StatusModule],
  controllers: [
    ScoresController,
    SettingsController,
    FlagsController,
    LabelsController,
    ...privacy.controllers,
  ],
  providers: [
    SettingsRepository,
    Models,
    ReviewWorker,
    IntakeConsumer,
    OrganizationDirectory,
    ...privacy.providers,
  ],
})
export class AntispamModule {}
