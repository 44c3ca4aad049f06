import { Module } from '@nestjs/common';
import { CreateOrganizationUseCase } from './create-organization.use-case';
import {
  OrganizationsController,
  OrganizationsInternalController,
} from './organizations.controller';
import { OrganizationSettingsController } from './organization-settings.controller';
import { OrganizationsRepository } from './organizations.repository';
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
  ],
  exports: [OrganizationsRepository, CreateOrganizationUseCase],
})
export class OrganizationsModule {}
