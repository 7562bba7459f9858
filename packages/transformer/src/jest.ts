// `@pinion/transformer/jest` has two shapes, told apart by who loads it:
//
// - ts-jest (TypeScript 5/6) requires it as an AST transformer and reads `name`, `version` and
//   `factory` (`astTransformers: { before: ['@pinion/transformer/jest'] }`);
// - Jest itself loads it as a code transformer (`transform: { '^.+\\.[cm]?[jt]sx?$':
//   '@pinion/transformer/jest' }`), for any TypeScript (7 included) or none: it reads the
//   module's `default` export, because the CommonJS build marks itself `__esModule` and Jest then
//   takes `module.default` (and `import()`'s `default` for ESM). `createTransformer` there gets the
//   options given in Jest's config.

export {
  createTransformer,
  default,
  getCacheKey,
  type JestTransformedSource,
  type JestTransformOptions,
  type PinionJestOptions,
  type PinionJestTransformer,
  process,
} from './jest/transformer.js';
export { factory, name, version } from './jest/ts-jest.js';
