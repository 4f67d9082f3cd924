/**
 * Browser tests: the built pages in dist/ served on localhost and driven in Debian's chromium with
 * playwright-core. Run `npm run build` first (npm test does).
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test/browser'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { isolatedModules: true, tsconfig: 'tsconfig.json' }],
  },
  // One browser at a time: the machine running CI may be small.
  maxWorkers: 1,
  testTimeout: 60000,
};
