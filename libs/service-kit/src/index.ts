export * from './internal-services';
export * from './problem';
export * from './runtime.module';
export * from './service-app';
export * from './service-definition';
export * from './spaces-authorize';
export * from './validation';
export * from './standalone';
