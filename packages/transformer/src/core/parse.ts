import { type OxcError, type ParserOptions, type Program, parseSync, rawTransferSupported } from 'oxc-parser';

/**
 * oxc-parser, which the package depends on itself: the transform needs no TypeScript installation
 * and parses the same whatever TypeScript the user has (5, 6, 7 or none). Where Node supports it
 * (≥ 22), the AST comes over raw transfer, which is several times faster than the JSON bridge.
 */
const RAW_TRANSFER = rawTransferSupported();

export interface Parsed {
  program: Program;
  /** The first error that makes the file unparsable, if any. */
  syntaxError: OxcError | undefined;
}

/** Parses one file's text in the mode its extension asks for. */
export function parse(fileName: string, code: string): Parsed {
  const options = { ...parserOptionsFor(fileName), experimentalRawTransfer: RAW_TRANSFER } as ParserOptions;
  const result = parseSync(fileName, code, options);
  return { program: result.program, syntaxError: result.errors.find(isSyntaxError) };
}

/** True for `.d.ts`, `.d.mts`, `.d.cts` and `.d.<ext>.ts`: declarations hold no class to annotate. */
export function isDeclarationFile(fileName: string): boolean {
  return /\.d\.([^/\\]+\.)?[cm]?ts$/i.test(fileName);
}

/**
 * The AST is read with `astType: 'js'` and without parentheses nodes: TypeScript's types, which
 * the analysis never reads, are left out of what crosses from Rust to JavaScript, and that makes
 * parsing about half as fast again. What the analysis needs of TypeScript and `js` leaves out —
 * whether a class is `declare`d, whether a parameter is optional (`a?: T`), the name of a
 * parameter's declared type (`db: Db`) — it reads from the text right after the nodes it has
 * (`class-facts.ts`, `scan.ts`).
 *
 * The language by extension, as TypeScript's own `ScriptKind` chooses it: JSX is allowed in
 * `.js`/`.mjs`/`.cjs` (as TypeScript allows it there) but not in `.ts`; an unknown extension (a
 * query string, a virtual module) parses as TypeScript. `.mjs`/`.mts` are modules, `.cjs`/`.cts`
 * CommonJS, the rest decided by their syntax.
 */
function parserOptionsFor(fileName: string): ParserOptions {
  const extension = /\.([cm]?[jt]sx?)$/i.exec(fileName)?.[1].toLowerCase();
  const lang = extension === 'tsx' ? 'tsx' : extension?.includes('j') ? 'jsx' : 'ts';
  const sourceType = extension?.startsWith('m') ? 'module' : extension?.startsWith('c') ? 'commonjs' : 'unambiguous';
  return { lang, sourceType, astType: 'js', preserveParens: false };
}

/**
 * oxc also reports some of what TypeScript leaves to its type checker (codes TS2xxx, such as a
 * `this` parameter on a constructor); TypeScript's parser accepts those files and so does Pinion,
 * whose output the compiler then reports on. Every other error makes the file unparsable.
 */
function isSyntaxError(error: OxcError): boolean {
  if (String(error.severity) !== 'Error') return false;
  const code = /\bTS\((\d+)\)/.exec(error.codeframe ?? '')?.[1];
  return code === undefined || !code.startsWith('2');
}
