export * from './browser';
export * from './citizens';
export * from './local-franceconnect';
