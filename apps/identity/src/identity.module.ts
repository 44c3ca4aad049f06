import { Module } from '@nestjs/common';
import { AccountsModule } from './accounts/accounts.module';
import { GrantsModule } from './grants/grants.module';
import { OrganizationsModule } from './organizations/organizations.module';

@Module({ imports: [OrganizationsModule, AccountsModule, GrantsModule] })
export class IdentityModule {}
