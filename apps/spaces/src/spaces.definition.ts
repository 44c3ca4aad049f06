import type { ServiceDefinition } from '@palabre/service-kit';
import { CreateSpaces1795336142616 } from './database/migrations/1795336142616-CreateSpaces';
import { SpaceImageAlt1795400000000 } from './database/migrations/1795400000000-SpaceImageAlt';
import { PhaseAnnouncedTiming1795500000000 } from './database/migrations/1795500000000-PhaseAnnouncedTiming';
import { AnnounceSpaces1796000020000 } from './database/migrations/1796000020000-AnnounceSpaces';
import { SpacesModule } from './spaces.module';

/**
 * Found by the gateway at apps/spaces/src/spaces.definition.ts (embedded
 * mode, served at /api/spaces) and run alone by main.ts (distributed mode).
 */
export const spacesService: ServiceDefinition = {
  name: 'spaces',
  schema: 'spaces',
  description:
    'Participatory spaces: processes with phases and assemblies, their landing pages, components with settings per phase and permissions per action, the component-type registry, and authorization for the services that own component content.',
  module: SpacesModule,
  entities: [],
  migrations: [
    CreateSpaces1795336142616,
    SpaceImageAlt1795400000000,
    PhaseAnnouncedTiming1795500000000,
    AnnounceSpaces1796000020000,
  ],
};
