/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  testMatch: ['<rootDir>/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/.build/'],
  modulePathIgnorePatterns: ['<rootDir>/.build/'],
  // The default reporter, plus a summary of the reliability suites' figures (test/reliability).
  reporters: ['default', '<rootDir>/test/reliability/figures-reporter.js'],
};
