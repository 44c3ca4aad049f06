export * from './health';
export * from './http-tracing';
export * from './logger';
export * from './metrics';
export * from './tracing';
export * from './operations-server';
export * from './request-log';
