// Every TypeScript test file goes through ts-jest with Pinion's own transformer, so each test
// sees classes exactly as users' builds emit them. Decorator tests (`*.decorators.test.ts`) run
// twice: with TypeScript's standard decorators and with `experimentalDecorators`. The runtime's
// tests run once more with every plan compiled to generated code on its first resolution.

const pinionTypeScript = (tsconfig) => [
  'ts-jest',
  { tsconfig: `<rootDir>/${tsconfig}`, astTransformers: { before: ['@pinion/transformer/jest'] } },
];

const shared = {
  testEnvironment: 'node',
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/fixtures/'],
  moduleNameMapper: {
    '^@pinion/runtime$': '<rootDir>/packages/runtime/src/index.ts',
    '^@pinion/runtime/http$': '<rootDir>/packages/runtime/src/http.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
};

// The runtime's own classes are not for injection: compile them without the transformer, so
// they never join the default class list.
const plainRuntime = { '/packages/runtime/src/.+\\.ts$': '<rootDir>/scripts/jest-plain-typescript.cjs' };

/** @type {import('jest').Config} */
export default {
  reporters: ['default', '<rootDir>/scripts/jest-summary-reporter.cjs'],
  projects: [
    {
      ...shared,
      displayName: 'standard-decorators',
      roots: ['<rootDir>/packages', '<rootDir>/examples'],
      testMatch: ['**/test/**/*.test.ts'],
      transform: { ...plainRuntime, '^.+\\.tsx?$': pinionTypeScript('tsconfig.test.json') },
    },
    {
      ...shared,
      displayName: 'generated-code',
      roots: ['<rootDir>/packages/runtime'],
      testMatch: ['**/test/**/*.test.ts'],
      setupFiles: ['<rootDir>/packages/runtime/test/support/generate-at-once.ts'],
      transform: { ...plainRuntime, '^.+\\.tsx?$': pinionTypeScript('tsconfig.test.json') },
    },
    {
      ...shared,
      displayName: 'legacy-decorators',
      roots: ['<rootDir>/packages'],
      testMatch: ['**/test/**/*.decorators.test.ts'],
      transform: { ...plainRuntime, '^.+\\.tsx?$': pinionTypeScript('tsconfig.test.legacy-decorators.json') },
    },
  ],
};
