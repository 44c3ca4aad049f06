import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { GrantRoleUseCase } from './grant-role.use-case';
import { GrantsController } from './grants.controller';
import { GrantsRepository } from './grants.repository';
import { RevokeRoleUseCase } from './revoke-role.use-case';

/** Roles: who may administer, moderate or evaluate, in an organization or one of its spaces. */
@Module({
  imports: [OrganizationsModule, AccountsModule],
  controllers: [GrantsController],
  providers: [GrantsRepository, GrantRoleUseCase, RevokeRoleUseCase],
  exports: [GrantsRepository, GrantRoleUseCase, RevokeRoleUseCase],
})
export class GrantsModule {}
