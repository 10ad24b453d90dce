/**
 * Jest runs the TypeScript sources through ts-jest. ESM-only packages (jose, oidc-provider,
 * and strip-bom / uuid inside office-addin-mock) are loaded as they are: Jest 30 on Node 24
 * requires ES modules natively when Node runs with --experimental-vm-modules, which
 * `npm test` passes (package.json).
 */
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
  globalSetup: '<rootDir>/test/global-setup.js',
  testTimeout: 30000,
  reporters: ['default', '<rootDir>/test/reporters/summary.js'],
};
