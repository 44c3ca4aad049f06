import { Module } from '@nestjs/common';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@palabre/service-kit';
import { CreateOrganizationUseCase } from './create-organization.use-case';
import {
  OrganizationsController,
  OrganizationsInternalController,
} from './organizations.controller';
import { OrganizationSettingsController } from './organization-settings.controller';
import { OrganizationsRepository } from './organizations.repository';
import { PublicOrigin } from './public-origin';
import { UpdateOrganizationSettingsUseCase } from './update-organization-settings.use-case';

@Module({
  controllers: [
    OrganizationsController,
    OrganizationsInternalController,
    OrganizationSettingsController,
  ],
  providers: [
    OrganizationsRepository,
    CreateOrganizationUseCase,
    UpdateOrganizationSettingsUseCase,
    {
      provide: PublicOrigin,
      useFactory: (runtime: ServiceRuntime) => PublicOrigin.load(runtime.env),
      inject: [SERVICE_RUNTIME],
    },
  ],
  exports: [OrganizationsRepository, CreateOrganizationUseCase, PublicOrigin],
})
export class OrganizationsModule {}
