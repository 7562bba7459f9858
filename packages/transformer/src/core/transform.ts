/**
 * The transform: text in, annotated text and source map out.
 *
 *   code ─▶ quick exits (binary, no `class`, declaration file)
 *        ─▶ parse (oxc) ─▶ analyzeProgram ─▶ locations traced through the input map, if any
 *        ─▶ render: one static block per class + one helper per file (magic-string)
 *        ─▶ source map, chained with the input map
 */
import { readFileSync } from 'node:fs';
import MagicString, { type SourceMap } from 'magic-string';
import { visitorKeys } from 'oxc-parser';
import { type AnalyzedClass, analyzeProgram } from './analyze.js';
import { makeDiagnostic, type TransformDiagnostic } from './diagnostics.js';
import type { Node } from './estree.js';
import { chainMaps, type InputSourceMap, OriginalPositions } from './input-map.js';
import { LineMap } from './lines.js';
import type { ClassMetadata } from './metadata.js';
import { MAX_NESTING, nestsTooDeep } from './nesting.js';
import { isDeclarationFile, parse } from './parse.js';
import { helperNameFor, renderHelper, renderStaticBlock } from './render.js';
import { projectRelativePath } from './root.js';

export type { InputSourceMap } from './input-map.js';

export interface TransformOptions {
  /** Folder that locations are relative to. Default: the nearest folder with a `package.json`. */
  root?: string;
  /** Produce a source map (default `true`). */
  sourceMap?: boolean;
  /**
   * The source map of `code` as it arrived, when `code` is itself compiled output (`tsc`'s `.js`
   * with its `.js.map`, a loader's output with an inline map): locations then name the original
   * source's file, line and column, and the returned map leads back to the original sources.
   * Relative `sources` are resolved against the folder of `fileName`.
   */
  inputSourceMap?: InputSourceMap;
}

/** The source map of an annotated file, in the version 3 format. */
export type TransformSourceMap = SourceMap;

export interface TransformResult {
  /** The annotated code; the input itself when nothing changed. */
  code: string;
  /** Source map from `code` back to the input (or through `inputSourceMap`); `null` when unchanged. */
  map: TransformSourceMap | null;
  /** Warnings: the transform never throws on user code. */
  diagnostics: TransformDiagnostic[];
}

/** What the analysis of one file found: the classes to annotate and the helper their blocks call. */
export interface FileAnalysis {
  classes: AnalyzedClass[];
  diagnostics: TransformDiagnostic[];
  /** The helper's name. */
  helper: string;
  /** False when a previous pass already appended the helper. */
  addHelper: boolean;
}

/**
 * Annotates every class in one file with its name, constructor parameters, provider-method
 * parameters and location (SPEC §2). The rest of the code is left byte for byte as it was, and
 * no line of it moves: the inserted class elements hold no line break, and the helper they call
 * is appended after the last line.
 */
export function transform(code: string, fileName: string, options: TransformOptions = {}): TransformResult {
  const analysis = analyzeFile(code, fileName, options);
  if (analysis.classes.length === 0) return { code, map: null, diagnostics: analysis.diagnostics };
  const { classes, diagnostics, helper, addHelper } = analysis;
  const output = new MagicString(code);
  for (const cls of classes) output.appendLeft(cls.closeBrace, renderStaticBlock(helper, cls.metadata, cls.register));
  if (addHelper) output.append(`${/[\n\r\u2028\u2029]$/.test(code) ? '' : '\n'}${renderHelper(helper)}\n`);
  if (options.sourceMap === false) return { code: output.toString(), map: null, diagnostics };
  const map =
    options.inputSourceMap === undefined
      ? output.generateMap({ source: fileName, includeContent: true, hires: 'boundary' })
      : chainMaps(output, fileName, options.inputSourceMap);
  return { code: output.toString(), map, diagnostics };
}

/**
 * The classes of one file and their metadata, for `transform` and for adapters that insert the
 * same blocks into a tree of their own. Locations are traced through `options.inputSourceMap`.
 */
export function analyzeFile(code: string, fileName: string, options: TransformOptions = {}): FileAnalysis {
  const nothing = (diagnostics: TransformDiagnostic[] = []): FileAnalysis => ({
    classes: [],
    diagnostics,
    helper: '',
    addHelper: false,
  });
  // Binary input is reported whether or not its bytes happen to spell `class`.
  if (code.includes('\0')) {
    return nothing([
      makeDiagnostic(
        'PINION_BINARY_INPUT',
        projectRelativePath(fileName, options.root),
        0,
        0,
        { line: 1, column: 1 },
        'the file looks binary (it contains NUL characters); Pinion left it unchanged',
      ),
    ]);
  }
  // Fast path: no class keyword, no class.
  if (!code.includes('class') || isDeclarationFile(fileName)) return nothing();
  const file = projectRelativePath(fileName, options.root);
  if (nestsTooDeep(code)) {
    return nothing([
      makeDiagnostic(
        'PINION_NESTING_TOO_DEEP',
        file,
        0,
        0,
        { line: 1, column: 1 },
        `the code nests brackets more than ${MAX_NESTING} deep, deeper than Pinion parses; Pinion left this file unchanged`,
      ),
    ]);
  }
  const lines = new LineMap(code);
  const parsed = parse(fileName, code);
  if (parsed.syntaxError) {
    const start = parsed.syntaxError.labels[0]?.start ?? 0;
    const end = parsed.syntaxError.labels[0]?.end ?? start;
    return nothing([
      makeDiagnostic(
        'PINION_SYNTAX_ERROR',
        file,
        start,
        end - start,
        lines.at(start),
        `syntax error (${parsed.syntaxError.message}); Pinion left this file unchanged`,
      ),
    ]);
  }
  const { classes, diagnostics, existingHelper } = analyzeProgram(
    parsed.program as unknown as Node,
    code,
    file,
    lines,
    visitorKeys,
  );
  if (classes.length > 0 && options.inputSourceMap !== undefined) {
    const positions = new OriginalPositions(options.inputSourceMap, fileName);
    const originals = new Map<string, Map<string, ClassMetadata>>();
    for (const cls of classes) cls.metadata = fromOriginal(cls.metadata, positions, originals, options.root);
  }
  return {
    classes,
    diagnostics,
    helper: existingHelper ?? helperNameFor(code),
    addHelper: existingHelper === undefined,
  };
}

/**
 * The metadata of a class of compiled code, from the original source it was compiled from. The
 * compiler may have renamed the class (`_AppSpec`), lowered its decorators into helper calls or
 * its parameter properties into assignments: the original class at the traced position says what
 * the user wrote. Where no original class stands there (the original cannot be read, or the class
 * was made by the compiler), the compiled class's own metadata is kept, located at the original
 * position when the map gives one.
 */
function fromOriginal(
  compiled: ClassMetadata,
  positions: OriginalPositions,
  originals: Map<string, Map<string, ClassMetadata>>,
  root: string | undefined,
): ClassMetadata {
  const traced = positions.trace(compiled.location);
  if (!traced) return compiled;
  let byPosition = originals.get(traced.path);
  if (!byPosition) {
    const text = traced.content ?? readIfPresent(traced.path);
    const found = text === undefined ? [] : analyzeFile(text, traced.path, { root, sourceMap: false }).classes;
    byPosition = new Map(found.map((c) => [`${c.metadata.location.line}:${c.metadata.location.column}`, c.metadata]));
    originals.set(traced.path, byPosition);
  }
  const original = byPosition.get(`${traced.line}:${traced.column}`);
  if (original) return { ...original };
  return {
    ...compiled,
    location: { file: projectRelativePath(traced.path, root), line: traced.line, column: traced.column },
  };
}

function readIfPresent(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
