/**
 * Jest for `npm test`: every suite under test/ except the browser suite, which needs Debian's
 * chromium and runs as `npm run test:browser` (jest.browser.config.js; .ci/run installs chromium).
 * @type {import('jest').Config}
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/browser/'],
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testTimeout: 60000,
  reporters: ['default', '<rootDir>/test/jest-summary-reporter.js'],
};
