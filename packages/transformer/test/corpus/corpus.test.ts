// Real-world robustness: runs the transform over every TypeScript source file shipped in a few large
// npm packages (rxjs, effect, zod, @effect/platform: about 1,300 files, 30 MB) and checks that it
// never throws, that every output still parses, that everything but the inserted static blocks is
// byte-for-byte the input, and that each inserted block sits on the class the spec says it must,
// with the right name, location and constructor parameters. A second pass cuts each file that has a
// class in the middle of that class and checks that broken input comes back unchanged with a warning.
import { readFileSync, realpathSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import ts from 'typescript';
import { transform } from '../../src/index.js';
import { corpusFiles, MIN_FILES, PACKAGES, REPO_ROOT } from './corpus-files.js';

const METADATA_CALL = '__pinion(this, ';
const BLOCK_START = `; static { ${METADATA_CALL}`;
const BLOCK = /^; static \{ __pinion\(this, (.*?)(, 1)?\); \}$/s;
/** The helper every block calls, appended after the file's last line. */
const HELPER = /function __pinion\(c, m, r\) \{[^\n]*\}\n$/;

interface Param {
  name?: string;
  kind: string;
  type?: string;
}
interface Metadata {
  name: string;
  params?: Param[];
  location: { file: string; line: number; column: number };
  methods?: Record<string, Param[]>;
}
interface Insertion {
  /** Offset in the input before which the block was inserted. */
  at: number;
  text: string;
}
/** A class the transform must annotate, found independently of the transformer's own analysis. */
interface ExpectedClass {
  closeBrace: number;
  name?: string;
  line: number;
  column: number;
  params?: Param[];
}

interface Stats {
  files: number;
  bytes: number;
  changedFiles: number;
  classes: number;
  registered: number;
  throws: string[];
  unparsable: string[];
  mismatches: string[];
  brokenInputs: number;
  brokenMishandled: string[];
  ms: number;
}

function scriptKind(fileName: string): ts.ScriptKind {
  return fileName.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
}

function parse(fileName: string, code: string): { sourceFile: ts.SourceFile; errors: ts.Diagnostic[] } {
  const sourceFile = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, true, scriptKind(fileName));
  // Internal, but always present; if TypeScript ever drops it this test must fail, not pass silently.
  const errors = (sourceFile as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics;
  if (!Array.isArray(errors)) throw new Error('this TypeScript has no SourceFile.parseDiagnostics');
  return { sourceFile, errors };
}

function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  return ts.canHaveModifiers(node) ? (ts.getModifiers(node)?.some((m) => m.kind === kind) ?? false) : false;
}

/** SPEC §2 parameter kinds and declared type names, computed from the AST. */
function expectedParams(parameters: ts.NodeArray<ts.ParameterDeclaration>): Param[] {
  const params: Param[] = [];
  for (const p of parameters) {
    if (ts.isIdentifier(p.name) && p.name.text === 'this') continue;
    let param: Param;
    if (!ts.isIdentifier(p.name)) param = { kind: 'destructured' };
    else if (p.dotDotDotToken) param = { name: p.name.text, kind: 'rest' };
    else if (p.initializer) param = { name: p.name.text, kind: 'default' };
    else if (p.questionToken) param = { name: p.name.text, kind: 'optional' };
    else param = { name: p.name.text, kind: 'plain' };
    if (p.type && ts.isTypeReferenceNode(p.type)) param.type = entityName(p.type.typeName);
    params.push(param);
  }
  return params;
}

/** `Db`, `ns.Db`: a type reference's name without the trivia around its dots. */
function entityName(name: ts.EntityName): string {
  return ts.isIdentifier(name) ? name.text : `${entityName(name.left)}.${name.right.text}`;
}

/**
 * Every class the spec says gets metadata: each class declaration or expression with a body,
 * except ambient ones (`declare class`, or inside `declare module`/`declare namespace`) and ones
 * whose constructor has overloads but no implementation (those get a warning instead).
 */
function expectedClasses(sourceFile: ts.SourceFile): { classes: ExpectedClass[]; overloadOnly: number } {
  const classes: ExpectedClass[] = [];
  let overloadOnly = 0;
  // Explicit stack: some generated files nest deeply.
  const stack: { node: ts.Node; ambient: boolean }[] = [{ node: sourceFile, ambient: false }];
  while (stack.length > 0) {
    const { node, ambient: outerAmbient } = stack.pop()!;
    const ambient = outerAmbient || hasModifier(node, ts.SyntaxKind.DeclareKeyword);
    if ((ts.isClassDeclaration(node) || ts.isClassExpression(node)) && !ambient) {
      // `static constructor() {}` parses as a constructor but is a static method.
      const constructors = node.members.filter(
        (m): m is ts.ConstructorDeclaration =>
          ts.isConstructorDeclaration(m) && !hasModifier(m, ts.SyntaxKind.StaticKeyword),
      );
      const implementation = constructors.find((c) => c.body !== undefined);
      if (constructors.length > 0 && !implementation) {
        overloadOnly++;
      } else {
        const keyword = node.getChildren(sourceFile).find((c) => c.kind === ts.SyntaxKind.ClassKeyword)!;
        const anchor = node.name ? node.name.getStart(sourceFile) : keyword.getStart(sourceFile);
        const { line, character } = sourceFile.getLineAndCharacterOfPosition(anchor);
        classes.push({
          closeBrace: node.end - 1,
          name: node.name?.text,
          line: line + 1,
          column: character + 1,
          params: implementation ? expectedParams(implementation.parameters) : undefined,
        });
      }
    }
    ts.forEachChild(node, (child) => {
      stack.push({ node: child, ambient });
    });
  }
  return { classes, overloadOnly };
}

/** End (exclusive) of the `static { ... }` block that starts at `start`, skipping string literals. */
function blockEnd(out: string, start: number): number {
  let depth = 0;
  for (let k = out.indexOf('{', start); k < out.length; k++) {
    const c = out[k];
    if (c === '"') {
      for (k++; out[k] !== '"'; k++) if (out[k] === '\\') k++;
    } else if (c === '{') {
      depth++;
    } else if (c === '}' && --depth === 0) {
      return k + 1;
    }
  }
  return -1;
}

/**
 * Splits `out` into the input plus inserted blocks, or returns a description of where it departs
 * from the input. (An input that itself contains the block text would be reported as a mismatch,
 * a false alarm rather than a false pass; no corpus file does.)
 */
function insertions(input: string, output: string): Insertion[] | string {
  const helper = HELPER.exec(output);
  let out = helper ? output.slice(0, helper.index) : output;
  // The helper goes on a line of its own: after a line break of the input's, or one of its own.
  if (helper && !/[\n\r\u2028\u2029]$/.test(input)) out = out.slice(0, -1);
  if (out !== output && !out.includes(BLOCK_START)) return 'helper appended to a file without static blocks';
  if (out === output && out !== input) return 'static blocks inserted but no helper appended';
  const found: Insertion[] = [];
  let i = 0;
  let j = 0;
  for (;;) {
    const k = out.indexOf(BLOCK_START, j);
    if (k < 0) {
      return out.slice(j) === input.slice(i) ? found : `output differs from input after input offset ${i}`;
    }
    const at = i + (k - j);
    if (out.slice(j, k) !== input.slice(i, at)) return `output differs from input between offsets ${i} and ${at}`;
    const end = blockEnd(out, k);
    if (end < 0) return `unterminated static block at output offset ${k}`;
    found.push({ at, text: out.slice(k, end) });
    i = at;
    j = end;
  }
}

function describeParams(params: Param[] | undefined): string {
  return params === undefined ? 'none' : JSON.stringify(params);
}

function checkFile(fileName: string, code: string, stats: Stats): void {
  const input = parse(fileName, code);
  let result: ReturnType<typeof transform>;
  try {
    result = transform(code, fileName);
  } catch (error) {
    stats.throws.push(`${fileName}: ${error instanceof Error ? error.stack : String(error)}`);
    return;
  }
  const mismatch = (text: string) => stats.mismatches.push(`${fileName}: ${text}`);
  if (input.errors.length > 0) {
    // Not expected in the published corpus; the broken-input pass below covers this branch.
    if (result.code !== code) mismatch('input has syntax errors but the output differs from it');
    if (!result.diagnostics.some((d) => d.code === 'PINION_SYNTAX_ERROR')) mismatch('no PINION_SYNTAX_ERROR reported');
    return;
  }
  const output = parse(fileName, result.code);
  if (output.errors.length > 0) {
    const first = output.errors[0];
    const where = first.start === undefined ? '' : ` at offset ${first.start}`;
    stats.unparsable.push(`${fileName}${where}: ${ts.flattenDiagnosticMessageText(first.messageText, ' ')}`);
    return;
  }
  const unexpected = result.diagnostics.filter((d) => d.code !== 'PINION_NO_CONSTRUCTOR_BODY');
  for (const d of unexpected) mismatch(`unexpected diagnostic ${d.code}: ${d.message}`);

  const inserted = insertions(code, result.code);
  if (typeof inserted === 'string') return void mismatch(inserted);
  if ((result.map === null) !== (inserted.length === 0)) mismatch('source map present iff the code changed: violated');
  const metadataCalls = (s: string) => s.split(METADATA_CALL).length - 1;
  if (metadataCalls(result.code) - metadataCalls(code) !== inserted.length) mismatch('stray Symbol.for call in output');

  const { classes, overloadOnly } = expectedClasses(input.sourceFile);
  const warned = result.diagnostics.length - unexpected.length;
  if (warned !== overloadOnly) mismatch(`${overloadOnly} overload-only constructors but ${warned} warnings`);
  const expectedAt = new Map(classes.map((c) => [c.closeBrace, c]));
  if (inserted.length !== classes.length) mismatch(`${classes.length} classes but ${inserted.length} static blocks`);
  stats.classes += inserted.length;
  if (inserted.length > 0) stats.changedFiles++;

  for (const { at, text } of inserted) {
    const match = BLOCK.exec(text);
    const cls = expectedAt.get(at);
    if (!match || text.includes('\n') || text.includes('\r')) {
      mismatch(`malformed static block before offset ${at}: ${text.slice(0, 200)}`);
      continue;
    }
    if (!cls || code[at] !== '}') {
      mismatch(`static block inserted at offset ${at}, which closes no class`);
      continue;
    }
    if (match[2]) stats.registered++;
    // The block's value is an object literal of names and numbers written by the transformer.
    const metadata = new Function(`"use strict"; return (${match[1]});`)() as Metadata;
    const label = `class ${cls.name ?? '(anonymous)'} at ${cls.line}:${cls.column}`;
    if (cls.name !== undefined && metadata.name !== cls.name) mismatch(`${label} is named ${metadata.name}`);
    const { file, line, column } = metadata.location;
    if (line !== cls.line || column !== cls.column) mismatch(`${label} is located at ${line}:${column}`);
    if (file.startsWith('..') || file.startsWith('/') || file.includes('\\') || basename(file) !== basename(fileName)) {
      mismatch(`${label} has location file ${file}`);
    }
    if (describeParams(metadata.params) !== describeParams(cls.params)) {
      mismatch(`${label} has params ${describeParams(metadata.params)}, expected ${describeParams(cls.params)}`);
    }
  }

  // Broken input: cut the file just before the first class's closing brace, so that class is
  // never closed. The transform must leave such a file exactly as it was and say why.
  if (classes.length === 0) return;
  const broken = code.slice(0, Math.min(...classes.map((c) => c.closeBrace)));
  if (parse(fileName, broken).errors.length === 0) return;
  stats.brokenInputs++;
  try {
    const r = transform(broken, fileName);
    if (r.code !== broken || r.map !== null || !r.diagnostics.some((d) => d.code === 'PINION_SYNTAX_ERROR')) {
      stats.brokenMishandled.push(`${fileName} cut at ${broken.length}: changed or not reported`);
    }
  } catch (error) {
    stats.throws.push(`${fileName} cut at ${broken.length}: ${error instanceof Error ? error.stack : String(error)}`);
  }
}

const list = (items: string[]) => items.slice(0, 20).join('\n');

describe('transform over a real-world corpus', () => {
  const stats: Stats = {
    files: 0,
    bytes: 0,
    changedFiles: 0,
    classes: 0,
    registered: 0,
    throws: [],
    unparsable: [],
    mismatches: [],
    brokenInputs: 0,
    brokenMishandled: [],
    ms: 0,
  };

  beforeAll(() => {
    const started = performance.now();
    for (const fileName of corpusFiles()) {
      const code = readFileSync(fileName, 'utf8');
      stats.files++;
      stats.bytes += code.length;
      checkFile(fileName, code, stats);
    }
    stats.ms = Math.round(performance.now() - started);
    const roots = PACKAGES.map((p) => dirname(realpathSync(join(REPO_ROOT, 'node_modules', p, 'package.json'))));
    console.log(
      [
        `corpus: ${stats.files} files (${(stats.bytes / 1e6).toFixed(1)} MB) from ${roots.map((r) => basename(r)).join(', ')}`,
        `transformed ${stats.files} files, ${stats.changedFiles} changed; annotated ${stats.classes} classes (${stats.registered} registered)`,
        `throws: ${stats.throws.length}, unparsable outputs: ${stats.unparsable.length}, mismatches: ${stats.mismatches.length}`,
        `broken inputs: ${stats.brokenInputs}, mishandled: ${stats.brokenMishandled.length}; ${stats.ms} ms`,
      ].join('\n'),
    );
  }, 180_000);

  it(`finds at least ${MIN_FILES} source files`, () => {
    expect(stats.files).toBeGreaterThanOrEqual(MIN_FILES);
  });

  it('never throws', () => {
    expect(list(stats.throws)).toBe('');
  });

  it('always produces output that parses', () => {
    expect(list(stats.unparsable)).toBe('');
  });

  it('annotates classes, and only inserts static blocks where the spec puts them', () => {
    expect(stats.classes).toBeGreaterThan(0);
    expect(list(stats.mismatches)).toBe('');
  });

  it('leaves files with syntax errors unchanged and reports them', () => {
    expect(stats.brokenInputs).toBeGreaterThan(0);
    expect(list(stats.brokenMishandled)).toBe('');
  });
});
