export * from './database';
export * from './pglite-pool';
export * from './tenant';
export * from './test-targets';
export * from './signer-keys';
export * from './named-statement';
export * from './copy-out';
