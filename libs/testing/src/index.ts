export { testDatabaseTargets, type DatabaseTarget } from '@palabre/persistence';
export * from './boot-service';
export * from './wait';
