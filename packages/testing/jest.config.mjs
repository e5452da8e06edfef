// The jest run of this package's suite: plain ESM against the built package (dist), as a user's jest sees it.
// Run with Node's --experimental-vm-modules (see the "test" script); vitest runs everything else.
export default {
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/jest/**/*.test.mjs'],
  transform: {},
  setupFilesAfterEnv: ['<rootDir>/test/jest/setup.mjs'],
};
