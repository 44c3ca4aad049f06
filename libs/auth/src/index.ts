export * from './guards';
export * from './identity-token';
export * from './signer-key';
export * from './signer-session-seal';
export * from './service-token';
