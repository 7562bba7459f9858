// Every TypeScript file Jest loads goes through ts-jest with Pinion's own transformer, so each
// test sees classes exactly as users' builds emit them.
/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  reporters: ['default', '<rootDir>/scripts/jest-summary-reporter.cjs'],
  roots: ['<rootDir>/packages', '<rootDir>/examples'],
  testMatch: ['**/test/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/fixtures/'],
  transform: {
    '^.+\\.tsx?$': [
      'ts-jest',
      { tsconfig: '<rootDir>/tsconfig.test.json', astTransformers: { before: ['@pinion/transformer/jest'] } },
    ],
  },
  moduleNameMapper: {
    '^@pinion/runtime$': '<rootDir>/packages/runtime/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
};
