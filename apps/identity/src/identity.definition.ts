import type { ServiceDefinition } from '@palabre/service-kit';
import { CreateIdentity1763780000000 } from './database/migrations/1763780000000-CreateIdentity';
import { Accounts1763790000000 } from './database/migrations/1763790000000-Accounts';
import { FranceConnectFlows1763800000000 } from './database/migrations/1763800000000-FranceConnectFlows';
import { FranceConnectLogout1763810000000 } from './database/migrations/1763810000000-FranceConnectLogout';
import { OrganizationBranding1795336100000 } from './database/migrations/1795336100000-OrganizationBranding';
import { SessionAge1795340000000 } from './database/migrations/1795340000000-SessionAge';
import { OrganizationPrimaryHost1796000006000 } from './database/migrations/1796000006000-OrganizationPrimaryHost';
import { SignerRevocations1796000008000 } from './database/migrations/1796000008000-SignerRevocations';
import { OrganizationTimeZoneAndMap1796000010000 } from './database/migrations/1796000010000-OrganizationTimeZoneAndMap';
import { NewsletterConsents1796000012000 } from './database/migrations/1796000012000-NewsletterConsents';
import { BlockContests1796900000000 } from './database/migrations/1796900000000-BlockContests';
import { BlockedNames1796900001000 } from './database/migrations/1796900001000-BlockedNames';
import { AbuseCounters1796000002000 } from './database/migrations/1796000002000-AbuseCounters';
import { InactiveAccounts1796000004000 } from './database/migrations/1796000004000-InactiveAccounts';
import { SignerSessionsUnlinkable1796000001000 } from './database/migrations/1796000001000-SignerSessionsUnlinkable';
import { IdentityModule } from './identity.module';
import { Organization } from './organizations/organization.entity';
import { seedDemoOrganization } from './organizations/demo-organization.seed';

/** Identity owns organizations (tenants, resolved by host), accounts, sessions and grants. */
export const identityService: ServiceDefinition = {
  name: 'identity',
  schema: 'identity',
  description: 'Organizations (tenants), accounts, sessions, roles and FranceConnect links.',
  module: IdentityModule,
  entities: [Organization],
  migrations: [
    CreateIdentity1763780000000,
    Accounts1763790000000,
    FranceConnectFlows1763800000000,
    FranceConnectLogout1763810000000,
    OrganizationBranding1795336100000,
    SessionAge1795340000000,
    OrganizationPrimaryHost1796000006000,
    SignerRevocations1796000008000,
    SignerSessionsUnlinkable1796000001000,
    AbuseCounters1796000002000,
    InactiveAccounts1796000004000,
    OrganizationTimeZoneAndMap1796000010000,
    NewsletterConsents1796000012000,
    BlockContests1796900000000,
    BlockedNames1796900001000,
  ],
  seed: seedDemoOrganization,
};
