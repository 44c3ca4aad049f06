import type { ServiceDefinition } from '@palabre/service-kit';
import { CreateSortitions1796662824603 } from './database/migrations/1796662824603-CreateSortitions';
import { SortitionsModule } from './sortitions.module';

/**
 * Found by the gateway at apps/sortitions/src/sortitions.definition.ts (embedded
 * mode, served at /api/sortitions) and run alone by main.ts (distributed mode).
 */
export const sortitionsService: ServiceDefinition = {
  name: 'sortitions',
  schema: 'sortitions',
  description:
    "Draws by lot anyone can verify: among a component's proposals, or a citizens' panel from a pool of volunteers with quotas (LEXIMIN selection probabilities); the commitment published before the draw, public numbers revealed at it, a script that re-runs it.",
  // A pool of 30,000 volunteers is about 1 MB of CSV.
  bodyLimit: '4mb',
  module: SortitionsModule,
  entities: [],
  migrations: [CreateSortitions1796662824603],
};
