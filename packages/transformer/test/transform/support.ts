// Shared by the transform core's tests: the TypeScript versions every case runs with, and the
// cases in cases/ (one small input file each, transformed with a fixed root so that every location
// reads `cases/<file>:line:column` whatever the machine). The cases are inputs, kept byte for byte:
// cases/biome.json turns Biome off for them, and each TypeScript case starts with `// @ts-nocheck`
// because it uses names (decorators, types) it never declares.
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import ts from 'typescript';
import ts54 from 'typescript-5.4';
import ts60 from 'typescript-6.0';
import { type TransformOptions, type TransformResult, transform } from '../../src/index.js';

export type TypeScript = typeof ts;

/** The folder locations are relative to in every case. */
export const ROOT = __dirname;
export const CASES_DIR = join(ROOT, 'cases');
export const BASELINES_DIR = join(ROOT, '__baselines__');

/** The TypeScript versions whose parsers must accept the transform's output. */
export const TYPESCRIPTS: ReadonlyArray<readonly [label: string, typescript: TypeScript]> = [
  [`typescript ${ts.version}`, ts],
  [`typescript ${ts54.version}`, ts54 as unknown as TypeScript],
  [`typescript ${ts60.version}`, ts60 as unknown as TypeScript],
];

/** The input extensions the transform accepts. */
export const INPUT_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

/** File names in cases/, sorted. */
export const CASES: readonly string[] = readdirSync(CASES_DIR)
  .filter((name) => INPUT_EXTENSIONS.includes(extname(name)))
  .sort();

export function readCase(name: string): string {
  return readFileSync(join(CASES_DIR, name), 'utf8');
}

/** Transforms cases/<name> exactly as the baselines were made. */
export function transformCase(name: string, options: TransformOptions = {}): TransformResult {
  return transform(readCase(name), join(CASES_DIR, name), { root: ROOT, ...options });
}

/** The parser mode of a file name, decided here independently of the transformer's own choice. */
export function scriptKindOf(typescript: TypeScript, name: string): ts.ScriptKind {
  const kinds: Record<string, ts.ScriptKind> = {
    '.ts': typescript.ScriptKind.TS,
    '.mts': typescript.ScriptKind.TS,
    '.cts': typescript.ScriptKind.TS,
    '.tsx': typescript.ScriptKind.TSX,
    '.js': typescript.ScriptKind.JS,
    '.mjs': typescript.ScriptKind.JS,
    '.cjs': typescript.ScriptKind.JS,
    '.jsx': typescript.ScriptKind.JSX,
  };
  return kinds[extname(name)];
}

/** The syntax errors TypeScript's parser finds in `code` (its `parseDiagnostics`). */
export function parseErrors(typescript: TypeScript, name: string, code: string): string[] {
  const sourceFile = typescript.createSourceFile(
    name,
    code,
    typescript.ScriptTarget.Latest,
    true,
    scriptKindOf(typescript, name),
  );
  const diagnostics = (sourceFile as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics;
  return diagnostics.map(
    (d) => `${d.start}: TS${d.code} ${typescript.flattenDiagnosticMessageText(d.messageText, ' ')}`,
  );
}
