import { Module } from '@nestjs/common';
import { GrantsModule } from '../grants/grants.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { ChildOrganizationsController } from './child-organizations.controller';
import { ChildOrganizationsUseCase } from './child-organizations.use-case';

/** Multi-level administration: organizations under an organization, and their administrators. */
@Module({
  imports: [OrganizationsModule, GrantsModule],
  controllers: [ChildOrganizationsController],
  providers: [ChildOrganizationsUseCase],
})
export class ChildOrganizationsModule {}
