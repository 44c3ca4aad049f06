import { Module } from '@nestjs/common';
import { AccountsModule } from './accounts/accounts.module';
import { ChildOrganizationsModule } from './child-organizations/child-organizations.module';
import { GrantsModule } from './grants/grants.module';
import { OrganizationsModule } from './organizations/organizations.module';

@Module({ imports: [OrganizationsModule, AccountsModule, GrantsModule, ChildOrganizationsModule] })
export class IdentityModule {}
