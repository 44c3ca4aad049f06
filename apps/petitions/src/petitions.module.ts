import { Module } from '@nestjs/common';
import { personalDataParts } from '@palabre/service-kit';
import { DemoContentConsumer } from './maintenance/demo-content';
import { MaintenanceService } from './maintenance/maintenance.service';
import { OpenDataController } from './open-data/open-data.controller';
import { PetitionsController } from './petitions/petitions.controller';
import { PetitionsRepository } from './petitions/petitions.repository';
import { PetitionsService } from './petitions/petitions.service';
import { PetitionsPersonalData } from './privacy/petitions-personal-data';
import { PrivacyRepository } from './privacy/privacy.repository';
import { SignatureWriter } from './signatures/signature-writer';
import { SignaturesController } from './signatures/signatures.controller';
import { PetitionTypesController } from './types/petition-types.controller';
import { PetitionTypesRepository } from './types/petition-types.repository';

/** The person's rights here: erasure of their name, their part of "download my data". */
const privacy = personalDataParts('petitions', PetitionsPersonalData);

@Module({
  // Fixed paths (types, open-data, signatures/mine) before the `:id` routes.
  controllers: [
    PetitionTypesController,
    OpenDataController,
    SignaturesController,
    PetitionsController,
    ...privacy.controllers,
  ],
  providers: [
    PetitionTypesRepository,
    PetitionsRepository,
    PetitionsService,
    SignatureWriter,
    MaintenanceService,
    DemoContentConsumer,
    PrivacyRepository,
    ...privacy.providers,
  ],
})
export class PetitionsModule {}
