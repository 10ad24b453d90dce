/** Kept in step with package.json by the test in test/server/version.test.ts. */
export const VERSION = '0.1.0';
