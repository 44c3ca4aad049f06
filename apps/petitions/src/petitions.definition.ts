import type { ServiceDefinition } from '@palabre/service-kit';
import { CreatePetitions1795327057349 } from './database/migrations/1795327057349-CreatePetitions';
import { SignerKeysPerOrganization1796000001000 } from './database/migrations/1796000001000-SignerKeysPerOrganization';
import { ErasedAuthors1796000004200 } from './database/migrations/1796000004200-ErasedAuthors';
import { PetitionTypeTextPerLanguage1796000005000 } from './database/migrations/1796000005000-PetitionTypeTextPerLanguage';
import { PetitionsModule } from './petitions.module';

/**
 * Found by the gateway at apps/petitions/src/petitions.definition.ts (embedded
 * mode, served at /api/petitions) and run alone by main.ts (distributed mode).
 */
export const petitionsService: ServiceDefinition = {
  name: 'petitions',
  schema: 'petitions',
  description:
    'Petitions: types, authoring, admissibility review, publication, one-person-one-signature signing with FranceConnect, live counts and milestones, answers, open data.',
  module: PetitionsModule,
  entities: [],
  migrations: [
    CreatePetitions1795327057349,
    SignerKeysPerOrganization1796000001000,
    ErasedAuthors1796000004200,
    PetitionTypeTextPerLanguage1796000005000,
  ],
};
