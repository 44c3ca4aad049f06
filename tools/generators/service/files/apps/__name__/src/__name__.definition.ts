import type { ServiceDefinition } from '@palabre/service-kit';
import { Create__Name____timestamp__ } from './database/migrations/__timestamp__-Create__Name__';
import { __Name__Module } from './__name__.module';

/**
 * Found by the gateway at apps/__name__/src/__name__.definition.ts (embedded
 * mode, served at /api/__name__) and run alone by main.ts (distributed mode).
 */
export const __nameCamel__Service: ServiceDefinition = {
  name: '__name__',
  schema: '__name_underscored__',
  description: 'The __name__ service.',
  module: __Name__Module,
  entities: [],
  migrations: [Create__Name____timestamp__],
};
