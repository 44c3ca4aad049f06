/**
 * One jest run for the whole workspace: unit specs beside the code (*.spec.ts)
 * and integration specs through HTTP against a real database (*.int-spec.ts).
 * NestJS 12 and a few of its dependencies are ESM-only, so node_modules are
 * transformed by SWC as well (see docs/adr/0002-nest12-commonjs-swc.md).
 */
const { readdirSync, existsSync } = require('node:fs');
const { join } = require('node:path');

const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

const aliases = {};
for (const lib of readdirSync(join(__dirname, 'libs'))) {
  if (existsSync(join(__dirname, 'libs', lib, 'src', 'index.ts'))) {
    aliases[`^@palabre/${lib}$`] = `<rootDir>/libs/${lib}/src/index.ts`;
  }
}

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/tools'],
  testMatch: ['**/*.spec.ts', '**/*.int-spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/tools/generators/service/files/'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  transform: { '^.+\\.(t|j|mj|cj)s$': swc },
  transformIgnorePatterns: [],
  moduleNameMapper: aliases,
  setupFiles: ['reflect-metadata', '<rootDir>/tools/scripts/jest-test-env.js'],
  // Two cores shared by parallel suites, Chromium and PostgreSQL: a whole flow in a
  // browser or two platform starts can take over a minute when the machine is slow.
  testTimeout: 120_000,
  globalSetup: '<rootDir>/tools/scripts/jest-global-setup.js',
  globalTeardown: '<rootDir>/tools/scripts/jest-global-teardown.js',
  reporters: ['default', '<rootDir>/tools/scripts/jest-summary-reporter.js'],
  maxWorkers: process.env.CI ? 2 : '50%',
};
