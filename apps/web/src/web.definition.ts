import type { ServiceDefinition } from '@palabre/service-kit';
import { WebModule } from './web.module';

/**
 * Found by the gateway at apps/web/src/web.definition.ts: in embedded mode the
 * gateway hands it every browser page (not /api, /auth, …). Stateless: no
 * tables, no events; it reads and writes through the gateway's public API.
 */
export const webSite: ServiceDefinition = {
  name: 'web',
  schema: 'web',
  stateless: true,
  description: 'The citizen site, server-rendered (not an API).',
  module: WebModule,
  // A sortition's pool of volunteers is pasted into a form: 30,000 lines are about 1 MB.
  bodyLimit: '4mb',
  entities: [],
  migrations: [],
};
