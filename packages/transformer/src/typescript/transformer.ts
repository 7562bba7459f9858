import type TS from 'typescript';
import type { AnalyzedClass } from '../core/analyze.js';
import type { TransformDiagnostic } from '../core/diagnostics.js';
import { analyzeFile } from '../core/transform.js';
import { compilerApi } from './load.js';
import { helperDeclaration, staticBlock } from './nodes.js';

export interface PinionTransformerOptions {
  /** Folder that locations are relative to. Default: the nearest folder with a `package.json`. */
  root?: string;
  /**
   * The TypeScript module of the compiler that runs this transformer (5.x or 6.x). Default: the
   * `typescript` package resolved from the working directory.
   */
  typescript?: typeof TS;
  /** Receives each warning. Default: written to standard error. */
  onDiagnostic?: (diagnostic: TransformDiagnostic, sourceFile: TS.SourceFile) => void;
}

/**
 * A TypeScript `before` transformer that annotates every class with Pinion's metadata, for the
 * compiler API, ts-loader, `@rollup/plugin-typescript` and anything that takes `CustomTransformers`.
 * The classes and their metadata come from the same analysis as `transform()` (of the source
 * file's text); this adapter only inserts the same code as nodes. Needs TypeScript 5.x or 6.x and
 * throws at once when handed TypeScript 7, which has no compiler API.
 *
 * ```ts
 * program.emit(undefined, undefined, undefined, false, { before: [pinionTransformer()] });
 * ```
 */
export function pinionTransformer(options: PinionTransformerOptions = {}): TS.TransformerFactory<TS.SourceFile> {
  const ts = compilerApi(options.typescript);
  const report = options.onDiagnostic ?? ((d) => process.stderr.write(`warning ${d.code}: ${d.message}\n`));
  return (context) => (sourceFile) => {
    const { classes, diagnostics, helper, addHelper } = analyzeFile(sourceFile.text, sourceFile.fileName, {
      root: options.root,
    });
    for (const d of diagnostics) report(d, sourceFile);
    if (classes.length === 0) return sourceFile;
    // The analysis found each class by its text; TypeScript's node for it ends at the same `}`.
    const byCloseBrace = new Map<number, AnalyzedClass>(classes.map((c) => [c.closeBrace, c]));
    const f = context.factory;
    let inserted = 0;
    const visit = (node: TS.Node): TS.Node => {
      const visited = ts.visitEachChild(node, visit, context);
      if (!ts.isClassDeclaration(node) && !ts.isClassExpression(node)) return visited;
      const found = byCloseBrace.get(node.end - 1);
      if (!found) return visited;
      inserted++;
      const cls = visited as TS.ClassLikeDeclaration;
      const members = [...cls.members, staticBlock(f, helper, found.metadata, found.register)];
      return ts.isClassDeclaration(cls)
        ? f.updateClassDeclaration(cls, cls.modifiers, cls.name, cls.typeParameters, cls.heritageClauses, members)
        : f.updateClassExpression(
            cls as TS.ClassExpression,
            cls.modifiers,
            cls.name,
            cls.typeParameters,
            cls.heritageClauses,
            members,
          );
    };
    const annotated = ts.visitEachChild(sourceFile, visit, context);
    if (inserted !== classes.length) {
      throw new Error(
        `Pinion found ${classes.length} classes in ${sourceFile.fileName} but TypeScript's tree holds ${inserted} of ` +
          `them: was the file parsed by another TypeScript than the one Pinion was given (${ts.version})? Pass the ` +
          'compiler that runs this transformer as the `typescript` option.',
      );
    }
    if (!addHelper) return annotated;
    return f.updateSourceFile(annotated, [...annotated.statements, helperDeclaration(ts, helper)]);
  };
}
