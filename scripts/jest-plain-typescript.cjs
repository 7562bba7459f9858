// Compiles the runtime's own sources for Jest without Pinion's transformer (with esbuild), so the
// runtime's classes never join the default class list the transformer's registry feeds.
const { createHash } = require('node:crypto');
const { transformSync } = require('esbuild');

module.exports = {
  process(source, filename) {
    const { code } = transformSync(source, {
      loader: 'ts',
      format: 'cjs',
      target: 'node20',
      sourcemap: 'inline',
      sourcefile: filename,
    });
    return { code };
  },
  getCacheKey(source, filename) {
    return createHash('sha1').update('plain-typescript-1\0').update(filename).update('\0').update(source).digest('hex');
  },
};
