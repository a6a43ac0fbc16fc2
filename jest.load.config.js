// `npm run test:load`: the load, fault, bad-input and security tests at full size (TEST_LOAD=full);
// `npm test` runs the same files at their short size.
import base from './jest.config.js';

process.env.TEST_LOAD = 'full';

/** @type {import('jest').Config} */
export default {
  ...base,
  roots: ['<rootDir>/test/load', '<rootDir>/test/faults', '<rootDir>/test/fuzz', '<rootDir>/test/security'],
  testTimeout: 900000,
};
