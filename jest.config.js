/** Unit and workbook tests (node). Browser tests have their own config: jest.browser.config.js. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/browser/'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { isolatedModules: true, tsconfig: 'tsconfig.json' }],
  },
  moduleNameMapper: {
    '\\.(css|png|svg)$': '<rootDir>/test/support/fileStub.js',
  },
  setupFiles: ['<rootDir>/test/support/fastCheckSeed.js'],
  testTimeout: 60000,
};
