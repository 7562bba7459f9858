// Preloaded (`node --require`) into the fixture's Jest processes: `require('typescript')` gets
// TypeScript 7, which has no JavaScript compiler API (its main export is its version), as in a
// project whose only TypeScript is 7. ts-jest could not run here; @pinion/transformer/jest must.
const Module = require('node:module');

const typescript7 = require.resolve('typescript-7');
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function resolveTypeScript7(request, ...rest) {
  if (request === 'typescript') return typescript7;
  if (request.startsWith('typescript/')) {
    throw Object.assign(new Error(`Cannot find module '${request}' (TypeScript 7 has no compiler API)`), {
      code: 'MODULE_NOT_FOUND',
    });
  }
  return resolveFilename.call(this, request, ...rest);
};
