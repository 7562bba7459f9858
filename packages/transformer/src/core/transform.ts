import MagicString, { type SourceMap } from 'magic-string';
import type TS from 'typescript';
import defaultTs from 'typescript';
import { analyzeSourceFile } from './analyze.js';
import { makeDiagnostic, type TransformDiagnostic } from './diagnostics.js';
import { renderStaticBlock } from './render.js';
import { projectRelativePath } from './root.js';
import { scriptKindOf } from './script-kind.js';

export interface TransformOptions {
  /** Folder that locations are relative to. Default: the nearest folder with a `package.json`. */
  root?: string;
  /** The TypeScript module to parse with (default: the `typescript` package this one resolves). */
  typescript?: typeof TS;
  /** Produce a source map (default `true`). */
  sourceMap?: boolean;
}

export interface TransformResult {
  /** The annotated code; the input itself when nothing changed. */
  code: string;
  /** Source map from `code` back to the input; `null` when the code is unchanged. */
  map: SourceMap | null;
  /** Warnings; the transform never throws on user code. */
  diagnostics: TransformDiagnostic[];
}

/**
 * Annotates every class in one file with its name, constructor parameters, provider-method
 * parameters and location. Text in, text out: the rest of the code is left byte for byte as it
 * was, and the inserted text contains no line break, so every line keeps its number.
 */
export function transform(code: string, fileName: string, options: TransformOptions = {}): TransformResult {
  const unchanged = (diagnostics: TransformDiagnostic[] = []): TransformResult => ({ code, map: null, diagnostics });
  // Binary input is reported whether or not its bytes happen to spell `class`.
  if (code.includes('\0')) {
    return unchanged([
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
  if (!code.includes('class')) return unchanged();
  const file = projectRelativePath(fileName, options.root);
  const ts = options.typescript ?? defaultTs;
  try {
    const sourceFile = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, false, scriptKindOf(ts, fileName));
    const syntaxError = firstSyntaxError(sourceFile);
    if (syntaxError) {
      const start = syntaxError.start ?? 0;
      const { line, character } = sourceFile.getLineAndCharacterOfPosition(start);
      const text = ts.flattenDiagnosticMessageText(syntaxError.messageText, ' ');
      return unchanged([
        makeDiagnostic(
          'PINION_SYNTAX_ERROR',
          file,
          start,
          syntaxError.length ?? 0,
          { line: line + 1, column: character + 1 },
          `syntax error (TS${syntaxError.code}: ${text}); Pinion left this file unchanged`,
        ),
      ]);
    }
    const { classes, diagnostics } = analyzeSourceFile(ts, sourceFile, file);
    if (classes.length === 0) return unchanged(diagnostics);
    const output = new MagicString(code);
    for (const cls of classes) output.appendLeft(cls.closeBrace, renderStaticBlock(cls.metadata, cls.register));
    return {
      code: output.toString(),
      map:
        options.sourceMap === false
          ? null
          : output.generateMap({ source: fileName, includeContent: true, hires: 'boundary' }),
      diagnostics,
    };
  } catch (error) {
    // A bug of ours must not break the user's build: report it and leave the file alone.
    const message = error instanceof Error ? error.message : String(error);
    return unchanged([
      makeDiagnostic(
        'PINION_INTERNAL_ERROR',
        file,
        0,
        0,
        { line: 1, column: 1 },
        `Pinion could not transform this file (${message}); it was left unchanged`,
      ),
    ]);
  }
}

function firstSyntaxError(sourceFile: TS.SourceFile): TS.DiagnosticWithLocation | undefined {
  // `parseDiagnostics` is not in the public typings, but every TypeScript 4.x–6.x fills it.
  const parseDiagnostics = (sourceFile as { parseDiagnostics?: TS.DiagnosticWithLocation[] }).parseDiagnostics;
  return parseDiagnostics?.[0];
}
