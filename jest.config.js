/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  moduleFileExtensions: ['ts', 'js', 'cjs', 'mjs', 'json', 'html', 'txt'],
  transform: { '\\.(ts|js|mjs|html|txt)$': '<rootDir>/test/support/jest-transform.cjs' },
  transformIgnorePatterns: ['/node_modules/(?!(@middy|jose|canonicalize|@scure|oidc-provider)/)'],
  resolver: '<rootDir>/test/support/jest-resolver.cjs',
  setupFiles: ['<rootDir>/test/support/quiet-logs.ts'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 60000,
  maxWorkers: 2,
};
