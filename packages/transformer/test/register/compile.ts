// Compiles a fixture app to JavaScript the way `tsc` lays it out: `src/x.ts` → `<outDir>/x.js`
// with `x.js.map` beside it (`sources: ["../src/x.ts"]`) and a `//# sourceMappingURL=x.js.map`
// comment. One file at a time (`transpileModule`: no type checking, nothing bundled), with
// relative `.ts` imports rewritten to `.js`, as TypeScript's `rewriteRelativeImportExtensions` does.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import ts from 'typescript';

export type OutputFormat = 'esm' | 'cjs';

/** Compiles every `.ts` file of `appDir/src` into `appDir/outDir`; returns the output folder. */
export function compileApp(appDir: string, outDir: string, format: OutputFormat): string {
  const out = join(appDir, outDir);
  mkdirSync(out, { recursive: true });
  // The output's own module type, whatever the app's package.json says.
  writeFileSync(join(out, 'package.json'), `{ "type": "${format === 'esm' ? 'module' : 'commonjs'}" }\n`);
  for (const file of readdirSync(join(appDir, 'src')).filter((name) => name.endsWith('.ts'))) {
    const name = basename(file, '.ts');
    const result = ts.transpileModule(readFileSync(join(appDir, 'src', file), 'utf8'), {
      fileName: file,
      compilerOptions: {
        target: ts.ScriptTarget.ES2022,
        module: format === 'esm' ? ts.ModuleKind.ESNext : ts.ModuleKind.CommonJS,
        sourceMap: true,
        rewriteRelativeImportExtensions: true,
      },
    });
    const map = JSON.parse(result.sourceMapText ?? '{}') as { sources: string[] };
    map.sources = [`../src/${file}`];
    writeFileSync(join(out, `${name}.js`), result.outputText);
    writeFileSync(join(out, `${name}.js.map`), JSON.stringify(map));
  }
  return out;
}
