import { Module } from '@nestjs/common';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@palabre/service-kit';
import { ScoresController } from './scores/scores.controller';
import { SpamModel } from './scoring/model';
import { loadModel } from './scoring/model.provider';
import { SettingsController } from './settings/settings.controller';
import { SettingsRepository } from './settings/settings.repository';
import { StatusModule } from './status/status.module';

@Module({
  imports: [StatusModule],
  controllers: [ScoresController, SettingsController],
  providers: [
    SettingsRepository,
    {
      provide: SpamModel,
      inject: [SERVICE_RUNTIME],
      useFactory: (runtime: ServiceRuntime) => loadModel(runtime.env),
    },
  ],
})
export class AntispamModule {}
