import type TS from 'typescript';
import defaultTs from 'typescript';
import { type AnalyzedClass, analyzeSourceFile } from './core/analyze.js';
import { makeDiagnostic, type TransformDiagnostic } from './core/diagnostics.js';
import { METADATA_KEY, REGISTRY_KEY } from './core/metadata.js';
import { projectRelativePath } from './core/root.js';

export interface PinionTransformerOptions {
  /** Folder that locations are relative to. Default: the nearest folder with a `package.json`. */
  root?: string;
  /**
   * The TypeScript module of the compiler that runs this transformer. Node kinds differ between
   * TypeScript versions, so pass it when it is not the `typescript` package this one resolves.
   */
  typescript?: typeof TS;
  /** Receives each warning. Default: written to standard error. */
  onDiagnostic?: (diagnostic: TransformDiagnostic, sourceFile: TS.SourceFile) => void;
}

/**
 * A TypeScript `before` transformer that annotates every class with Pinion's metadata, for the
 * compiler API, ts-loader, `@rollup/plugin-typescript` and anything that takes `CustomTransformers`.
 *
 * ```ts
 * program.emit(undefined, undefined, undefined, false, { before: [pinionTransformer()] });
 * ```
 */
export function pinionTransformer(options: PinionTransformerOptions = {}): TS.TransformerFactory<TS.SourceFile> {
  const ts = options.typescript ?? defaultTs;
  const report = options.onDiagnostic ?? ((d) => process.stderr.write(`warning ${d.code}: ${d.message}\n`));
  return (context) => (sourceFile) => {
    if (!sourceFile.text.includes('class')) return sourceFile;
    const file = projectRelativePath(sourceFile.fileName, options.root);
    // Node kinds are plain numbers that differ between TypeScript versions: a tree built by
    // another compiler than `ts` would silently look class-less, so say so instead.
    if (sourceFile.kind !== ts.SyntaxKind.SourceFile) {
      report(
        internalError(
          file,
          `the file was parsed by another TypeScript than the one Pinion was given (${ts.version}); ` +
            'pass the compiler that runs this transformer as the `typescript` option. Pinion left the file unchanged',
        ),
        sourceFile,
      );
      return sourceFile;
    }
    try {
      return annotate(context, sourceFile, file);
    } catch (error) {
      // A bug of ours must not break the user's build: report it and leave the file alone.
      const message = error instanceof Error ? error.message : String(error);
      report(
        internalError(file, `Pinion could not transform this file (${message}); it was left unchanged`),
        sourceFile,
      );
      return sourceFile;
    }
  };

  function annotate(context: TS.TransformationContext, sourceFile: TS.SourceFile, file: string): TS.SourceFile {
    const { classes, diagnostics } = analyzeSourceFile(ts, sourceFile, file);
    for (const d of diagnostics) report(d, sourceFile);
    if (classes.length === 0) return sourceFile;
    const byNode = new Map<TS.Node, AnalyzedClass>(classes.map((c) => [c.node, c]));
    const f = context.factory;
    const visit = (node: TS.Node): TS.Node => {
      const visited = ts.visitEachChild(node, visit, context);
      const found = byNode.get(node);
      if (!found) return visited;
      const cls = visited as TS.ClassLikeDeclaration;
      const members = [...cls.members, staticBlock(ts, f, found)];
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
    return ts.visitEachChild(sourceFile, visit, context);
  }
}

function internalError(file: string, text: string): TransformDiagnostic {
  return makeDiagnostic('PINION_INTERNAL_ERROR', file, 0, 0, { line: 1, column: 1 }, text);
}

/** The same class element as `renderStaticBlock`, built as nodes. */
function staticBlock(ts: typeof TS, f: TS.NodeFactory, cls: AnalyzedClass): TS.ClassStaticBlockDeclaration {
  const symbolFor = (key: string) =>
    f.createCallExpression(f.createPropertyAccessExpression(f.createIdentifier('Symbol'), 'for'), undefined, [
      f.createStringLiteral(key),
    ]);
  const statements: TS.Statement[] = [
    f.createExpressionStatement(
      f.createCallExpression(
        f.createPropertyAccessExpression(f.createIdentifier('Object'), 'defineProperty'),
        undefined,
        [
          f.createThis(),
          symbolFor(METADATA_KEY),
          f.createObjectLiteralExpression([f.createPropertyAssignment('value', valueToExpression(f, cls.metadata))]),
        ],
      ),
    ),
  ];
  if (cls.register) {
    const registry = f.createBinaryExpression(
      f.createElementAccessExpression(f.createIdentifier('globalThis'), symbolFor(REGISTRY_KEY)),
      f.createToken(ts.SyntaxKind.BarBarEqualsToken),
      f.createArrayLiteralExpression([]),
    );
    statements.push(
      f.createExpressionStatement(
        f.createCallExpression(
          f.createPropertyAccessExpression(f.createParenthesizedExpression(registry), 'push'),
          undefined,
          [f.createThis()],
        ),
      ),
    );
  }
  return f.createClassStaticBlockDeclaration(f.createBlock(statements, false));
}

function valueToExpression(f: TS.NodeFactory, value: unknown): TS.Expression {
  if (typeof value === 'string') return f.createStringLiteral(value);
  if (typeof value === 'number') return f.createNumericLiteral(value);
  if (Array.isArray(value)) return f.createArrayLiteralExpression(value.map((v) => valueToExpression(f, v)));
  const properties = Object.entries(value as object)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) =>
      f.createPropertyAssignment(
        k === '__proto__' ? f.createComputedPropertyName(f.createStringLiteral(k)) : f.createStringLiteral(k),
        valueToExpression(f, v),
      ),
    );
  return f.createObjectLiteralExpression(properties, false);
}
