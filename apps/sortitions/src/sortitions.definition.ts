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
  description: 'The sortitions service.',
  module: SortitionsModule,
  entities: [],
  migrations: [CreateSortitions1796662824603],
};
