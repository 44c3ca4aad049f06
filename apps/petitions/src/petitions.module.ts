import { Module } from '@nestjs/common';
import { DemoContentConsumer } from './maintenance/demo-content';
import { MaintenanceService } from './maintenance/maintenance.service';
import { OpenDataController } from './open-data/open-data.controller';
import { PetitionsController } from './petitions/petitions.controller';
import { PetitionsRepository } from './petitions/petitions.repository';
import { PetitionsService } from './petitions/petitions.service';
import { PersonalDataController } from './privacy/personal-data.controller';
import { PrivacyRepository } from './privacy/privacy.repository';
import { UserErasedConsumer } from './privacy/user-erased.consumer';
import { SignatureWriter } from './signatures/signature-writer';
import { SignaturesController } from './signatures/signatures.controller';
import { PetitionTypesController } from './types/petition-types.controller';
import { PetitionTypesRepository } from './types/petition-types.repository';

@Module({
  // Fixed paths (types, open-data, signatures/mine) before the `:id` routes.
  controllers: [
    PetitionTypesController,
    OpenDataController,
    SignaturesController,
    PetitionsController,
    PersonalDataController,
  ],
  providers: [
    PetitionTypesRepository,
    PetitionsRepository,
    PetitionsService,
    SignatureWriter,
    MaintenanceService,
    DemoContentConsumer,
    PrivacyRepository,
    UserErasedConsumer,
  ],
})
export class PetitionsModule {}
