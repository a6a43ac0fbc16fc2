/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  moduleFileExtensions: ['ts', 'js', 'cjs', 'mjs', 'json', 'html', 'txt'],
  transform: { '\\.(ts|js|mjs|html|txt)$': '<rootDir>/test/support/jest-transform.cjs' },
  transformIgnorePatterns: ['/node_modules/(?!(@middy|jose|canonicalize|@scure|oidc-provider)/)'],
  resolver: '<rootDir>/test/support/jest-resolver.cjs',
  setupFiles: ['<rootDir>/test/support/quiet-logs.ts', '<rootDir>/test/support/cdk-context.ts'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  // A full run fails when a route of the table was never answered below 400 (test/support/route-coverage.ts).
  reporters: ['default', '<rootDir>/test/support/route-coverage-reporter.cjs'],
  testTimeout: 60000,
  maxWorkers: 2,
  // A worker's heap grows by 5 to 8 MB per test file it runs (to 1.3 GB by the end of a full run), and
  // every garbage collection walks what it keeps. A worker past this after a file is replaced by a fresh
  // one (a few times per run): the whole run 750 s -> 596 s on the same checkout (docs/performance.md).
  workerIdleMemoryLimit: '500MB',
};
