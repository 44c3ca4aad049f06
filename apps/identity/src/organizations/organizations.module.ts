import { Module } from '@nestjs/common';
import { CreateOrganizationUseCase } from './create-organization.use-case';
import {
  OrganizationsController,
  OrganizationsInternalController,
} from './organizations.controller';
import { OrganizationsRepository } from './organizations.repository';

@Module({
  controllers: [OrganizationsController, OrganizationsInternalController],
  providers: [OrganizationsRepository, CreateOrganizationUseCase],
  exports: [OrganizationsRepository, CreateOrganizationUseCase],
})
export class OrganizationsModule {}
