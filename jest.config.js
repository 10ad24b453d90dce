/** Jest runs the TypeScript sources through ts-jest. The ESM-only packages (jose, and
 * strip-bom / uuid inside office-addin-mock, cookie inside
 * light-my-request) are transformed too, because Jest on Node 20
 * cannot require them. */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  transform: {
    '^.+\\.(t|j)sx?$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }],
  },
  // A relative import ending in .js names the compiled file; Jest runs the TypeScript source.
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transformIgnorePatterns: ['^(?!.*/node_modules/(strip-bom|uuid|jose|cookie)/).*/node_modules/'],
  globalSetup: '<rootDir>/test/global-setup.js',
  testTimeout: 30000,
  reporters: ['default', '<rootDir>/test/reporters/summary.js'],
};
