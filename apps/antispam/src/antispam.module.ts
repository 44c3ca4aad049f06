import { Module } from '@nestjs/common';
import { ScoresController } from './scores/scores.controller';
import { Models } from './scoring/model.provider';
import { SettingsController } from './settings/settings.controller';
import { SettingsRepository } from './settings/settings.repository';
import { StatusModule } from './status/status.module';

@Module({
  imports: [StatusModule],
  controllers: [ScoresController, SettingsController],
  providers: [SettingsRepository, Models],
})
export class AntispamModule {}
