import { Module } from '@nestjs/common';
import { AccountsModule } from './accounts/accounts.module';
import { OrganizationsModule } from './organizations/organizations.module';

@Module({ imports: [OrganizationsModule, AccountsModule] })
export class IdentityModule {}
