import { Module } from '@nestjs/common';
import { OrganizationDirectory } from '@palabre/service-kit';
import { FlagsController, LabelsController } from './review/flags.controller';
import { IntakeConsumer } from './review/intake.consumer';
import { ReviewWorker } from './review/review.worker';
import { ScoresController } from './scores/scores.controller';
import { Models } from './scoring/model.provider';
import { SettingsController } from './settings/settings.controller';
import { SettingsRepository } from './settings/settings.repository';
import { StatusModule } from './status/status.module';

@Module({
  imports: [StatusModule],
  controllers: [ScoresController, SettingsController, FlagsController, LabelsController],
  providers: [SettingsRepository, Models, ReviewWorker, IntakeConsumer, OrganizationDirectory],
})
export class AntispamModule {}
