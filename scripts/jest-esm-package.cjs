// A Jest transformer for ES-module-only packages (oxc-parser) that tests import in-process: Node
// ≥ 20.19 loads them with `require()`, but Jest's own module registry does not before Node 24.9.
// esbuild turns each file into CommonJS; `import.meta.url`, which oxc-parser uses to find its
// native binding, becomes the file's own URL.
const { transformSync } = require('esbuild');

module.exports = {
  process(sourceText, sourcePath) {
    const { code } = transformSync(sourceText, {
      format: 'cjs',
      loader: 'js',
      sourcefile: sourcePath,
      target: 'node20',
      banner: 'const __importMetaUrl = require("node:url").pathToFileURL(__filename).href;',
      define: { 'import.meta.url': '__importMetaUrl' },
    });
    return { code };
  },
};
