// altcha-lib's classic (SHA-256) API is exported at `altcha-lib/v1`, which
// TypeScript's node10 resolution does not follow: its own types, re-exported.
declare module 'altcha-lib/v1' {
  export * from 'altcha-lib/dist/cjs/v1/index';
}
