/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  // Rebuilds a cloud function bundle that is missing or older than its sources before any suite runs.
  globalSetup: '<rootDir>/test/helpers/fresh-bundles.ts',
  setupFiles: ['<rootDir>/test/helpers/quiet-sdk.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  testMatch: ['<rootDir>/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/.build/'],
  // Other people's projects kept as fixtures (test/corpus) carry package.json files named like ours.
  modulePathIgnorePatterns: ['<rootDir>/.build/', '<rootDir>/packages/.*/dist/', '<rootDir>/test/corpus/fixtures/'],
  // The workspace's package from its sources, as tsconfig.json's paths give it to tsc and tsx.
  moduleNameMapper: { '^@wx-cloud-login/wxcloud$': '<rootDir>/packages/wxcloud/src/index.ts' },
  // The default reporter, plus a summary of the reliability suites' figures (test/reliability).
  reporters: ['default', '<rootDir>/test/reliability/figures-reporter.js'],
};
