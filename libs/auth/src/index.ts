export * from './guards';
export * from './identity-token';
