/**
 * Jest for `npm run test:browser`: the suites that drive Debian's chromium (/usr/bin/chromium)
 * through playwright-core. They fail, never skip, when chromium is missing.
 * @type {import('jest').Config}
 */
const base = require('./jest.config.js');

module.exports = { ...base, roots: ['<rootDir>/test/browser'], testPathIgnorePatterns: ['/node_modules/'] };
