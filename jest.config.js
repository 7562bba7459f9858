// Every TypeScript test file goes through ts-jest with Pinion's own transformer, so each test
// sees classes exactly as users' builds emit them. Decorator tests (`*.decorators.test.ts`) run
// twice: with TypeScript's standard decorators and with `experimentalDecorators`. The runtime's
// tests run once more with every plan compiled to generated code on its first resolution.

const pinionTypeScript = (tsconfig) => [
  'ts-jest',
  { tsconfig: `<rootDir>/${tsconfig}`, astTransformers: { before: ['@pinion/transformer/jest'] } },
];

// The runtime's own classes are not for injection: compile them without the transformer, so
// they never join the default class list.
const plainRuntime = { '/packages/runtime/src/.+\\.ts$': '<rootDir>/scripts/jest-plain-typescript.cjs' };

// oxc-parser, which the transformer's core imports, is an ES module that Jest's registry cannot
// require before Node 24.9: its files are turned into CommonJS for the tests that import the core.
const esmPackages = {
  transformIgnorePatterns: ['/node_modules/(?!(\\.pnpm/oxc-parser@[^/]+/node_modules/)?oxc-parser/)'],
};
const esmPackageTransform = { '/node_modules/.+/oxc-parser/.+\\.js$': '<rootDir>/scripts/jest-esm-package.cjs' };

const shared = {
  testEnvironment: 'node',
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/fixtures/'],
  ...esmPackages,
  moduleNameMapper: {
    '^@pinion/runtime$': '<rootDir>/packages/runtime/src/index.ts',
    '^@pinion/runtime/http$': '<rootDir>/packages/runtime/src/http.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
};

/** @type {import('jest').Config} */
export default {
  reporters: ['default', '<rootDir>/scripts/jest-summary-reporter.cjs'],
  projects: [
    {
      ...shared,
      displayName: 'standard-decorators',
      roots: ['<rootDir>/packages', '<rootDir>/examples'],
      testMatch: ['**/test/**/*.test.ts'],
      transform: { ...plainRuntime, ...esmPackageTransform, '^.+\\.tsx?$': pinionTypeScript('tsconfig.test.json') },
    },
    {
      ...shared,
      displayName: 'generated-code',
      roots: ['<rootDir>/packages/runtime'],
      testMatch: ['**/test/**/*.test.ts'],
      setupFiles: ['<rootDir>/packages/runtime/test/support/generate-at-once.ts'],
      transform: { ...plainRuntime, ...esmPackageTransform, '^.+\\.tsx?$': pinionTypeScript('tsconfig.test.json') },
    },
    {
      ...shared,
      displayName: 'legacy-decorators',
      roots: ['<rootDir>/packages'],
      testMatch: ['**/test/**/*.decorators.test.ts'],
      transform: {
        ...plainRuntime,
        ...esmPackageTransform,
        '^.+\\.tsx?$': pinionTypeScript('tsconfig.test.legacy-decorators.json'),
      },
    },
  ],
};
