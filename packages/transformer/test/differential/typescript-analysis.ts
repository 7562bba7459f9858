import type TS from 'typescript';
import { makeDiagnostic, type TransformDiagnostic } from '../../src/core/diagnostics.js';
import { type ClassMetadata, METADATA_KEY, type ParamMetadata } from '../../src/core/metadata.js';

/** A class the transformer will annotate. */
export interface AnalyzedClass {
  node: TS.ClassLikeDeclaration;
  metadata: ClassMetadata;
  /**
   * True when the class definition runs at most once per module load (not inside a function,
   * a loop or an instance field), so the runtime's default class list may hold it.
   */
  register: boolean;
  /** Offset of the closing `}` of the class body. */
  closeBrace: number;
}

export interface Analysis {
  classes: AnalyzedClass[];
  diagnostics: TransformDiagnostic[];
}

/** Decorators exported by `@pinion/runtime` whose methods need parameter names. */
const PINION_DECORATORS = ['provides', 'inject', 'annotateArg'];
const RUNTIME_MODULE = '@pinion/runtime';
const PROVIDER_METHOD = /^provide\p{Lu}/u;

interface Frame {
  node: TS.Node;
  /** The code at this node runs at most once per module load. */
  once: boolean;
  ambient: boolean;
}

/**
 * Finds every class in `sourceFile` and computes its metadata. Purely syntactic: it reads the
 * tree TypeScript's parser built from one file's text, never a Program or type checker.
 *
 * @param ts the TypeScript module whose parser built `sourceFile` (node kinds differ between versions)
 * @param file the path written into locations, relative to the project root
 */
export function analyzeSourceFile(ts: typeof TS, sourceFile: TS.SourceFile, file: string): Analysis {
  const diagnostics: TransformDiagnostic[] = [];
  const classes: AnalyzedClass[] = [];
  if (sourceFile.isDeclarationFile) return { classes, diagnostics };
  const text = sourceFile.text;
  const decoratorNames = pinionDecoratorNames(ts, sourceFile);
  const at = (pos: number) => {
    const { line, character } = sourceFile.getLineAndCharacterOfPosition(pos);
    return { line: line + 1, column: character + 1 };
  };

  // An explicit stack, not recursion: deeply nested code must not overflow ours. The walk sets
  // `parent` itself, so the parser can skip its own parent pass, and compares node kinds with
  // numbers read once (`ts.isX` goes through a getter of a large module object on every call).
  const kinds = kindsOf(ts);
  const stack: Frame[] = [{ node: sourceFile, once: true, ambient: false }];
  while (stack.length > 0) {
    const frame = stack.pop() as Frame;
    const { node } = frame;
    const kind = node.kind;
    if (kind >= kinds.firstTypeNode && kind <= kinds.lastTypeNode) continue;
    if (kinds.skipped.has(kind)) continue;
    let once = frame.once;
    const ambient = frame.ambient || hasModifier(node, kinds.declare);
    if (kind === kinds.classDeclaration || kind === kinds.classExpression) {
      if (!ambient) {
        const found = analyzeClass(node as TS.ClassLikeDeclaration, once);
        if (found) classes.push(found);
      }
    } else if (kinds.runsRepeatedly.has(kind)) {
      once = false;
    } else if (kind === kinds.propertyDeclaration && !hasModifier(node, kinds.static)) {
      once = false;
    }
    ts.forEachChild(node, (child) => {
      (child as { parent: TS.Node }).parent = node;
      stack.push({ node: child, once, ambient });
    });
  }
  return { classes, diagnostics };

  function analyzeClass(node: TS.ClassLikeDeclaration, once: boolean): AnalyzedClass | undefined {
    if (alreadyAnnotated(node)) return undefined;
    const closeBrace = node.end - 1;
    if (text.charCodeAt(closeBrace) !== 125 /* } */) return undefined;
    const ownName = node.name ? node.name.text : undefined;
    const namePos = node.name ? node.name.getStart(sourceFile) : classKeywordStart(node, text);
    // `static constructor() {}` parses as a constructor but is a static method named `constructor`.
    const constructors = node.members.filter(
      (m): m is TS.ConstructorDeclaration =>
        ts.isConstructorDeclaration(m) && !hasModifier(m, ts.SyntaxKind.StaticKeyword),
    );
    const implementation = constructors.find((c) => c.body !== undefined);
    if (constructors.length > 0 && !implementation) {
      const start = constructors[0].getStart(sourceFile);
      diagnostics.push(
        makeDiagnostic(
          'PINION_NO_CONSTRUCTOR_BODY',
          file,
          start,
          constructors[0].end - start,
          at(start),
          `class ${ownName ?? contextualName(ts, node) ?? '(anonymous)'} declares constructor overloads without an implementation; Pinion left it unannotated`,
        ),
      );
      return undefined;
    }
    const metadata: ClassMetadata = {
      name: ownName ?? contextualName(ts, node) ?? '',
      ...(implementation ? { params: parameters(ts, implementation.parameters) } : {}),
      location: { file, ...at(namePos) },
    };
    const methods = methodParameters(node);
    if (methods) metadata.methods = methods;
    return { node, metadata, register: once, closeBrace };
  }

  function alreadyAnnotated(node: TS.ClassLikeDeclaration): boolean {
    return node.members.some(
      (m) => ts.isClassStaticBlockDeclaration(m) && text.slice(m.pos, m.end).includes(METADATA_KEY),
    );
  }

  function methodParameters(node: TS.ClassLikeDeclaration): Record<string, ParamMetadata[]> | undefined {
    let methods: Record<string, ParamMetadata[]> | undefined;
    for (const member of node.members) {
      if (!ts.isMethodDeclaration(member) || !member.body) continue;
      if (hasModifier(member, ts.SyntaxKind.StaticKeyword)) continue;
      const name = staticPropertyName(ts, member.name);
      if (name === undefined) continue;
      if (!PROVIDER_METHOD.test(name) && !hasPinionDecorator(member)) continue;
      methods ??= {};
      Object.defineProperty(methods, name, {
        value: parameters(ts, member.parameters),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return methods;
  }

  function hasPinionDecorator(member: TS.MethodDeclaration): boolean {
    for (const modifier of member.modifiers ?? []) {
      if (!ts.isDecorator(modifier)) continue;
      let callee = modifier.expression;
      if (ts.isCallExpression(callee)) callee = callee.expression;
      if (ts.isIdentifier(callee) && decoratorNames.has(callee.text)) return true;
      if (ts.isPropertyAccessExpression(callee) && PINION_DECORATORS.includes(callee.name.text)) return true;
    }
    return false;
  }
}

function parameters(ts: typeof TS, params: TS.NodeArray<TS.ParameterDeclaration>): ParamMetadata[] {
  const result: ParamMetadata[] = [];
  for (const p of params) {
    if (ts.isIdentifier(p.name) && p.name.text === 'this') continue;
    let param: ParamMetadata;
    if (!ts.isIdentifier(p.name)) param = { kind: 'destructured' };
    else if (p.dotDotDotToken) param = { name: p.name.text, kind: 'rest' };
    else if (p.initializer) param = { name: p.name.text, kind: 'default' };
    else if (p.questionToken) param = { name: p.name.text, kind: 'optional' };
    else param = { name: p.name.text, kind: 'plain' };
    // The declared type's name, from TypeScript's own node for it: only a type reference has one.
    if (p.type && ts.isTypeReferenceNode(p.type)) param.type = entityName(ts, p.type.typeName);
    result.push(param);
  }
  return result;
}

/** `Db`, `ns.Db`: the name as written, without the white space or comments around its dots. */
function entityName(ts: typeof TS, name: TS.EntityName): string {
  return ts.isIdentifier(name) ? name.text : `${entityName(ts, name.left)}.${name.right.text}`;
}

/** Local names under which this file imports Pinion's decorators, plus their own names. */
function pinionDecoratorNames(ts: typeof TS, sourceFile: TS.SourceFile): Set<string> {
  const names = new Set(PINION_DECORATORS);
  for (const statement of sourceFile.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    if (statement.moduleSpecifier.text !== RUNTIME_MODULE) continue;
    const bindings = statement.importClause?.namedBindings;
    if (!bindings || !ts.isNamedImports(bindings)) continue;
    for (const element of bindings.elements) {
      const imported = (element.propertyName ?? element.name).text;
      if (PINION_DECORATORS.includes(imported)) names.add(element.name.text);
    }
  }
  return names;
}

/**
 * The name JavaScript gives an anonymous class from where it stands
 * (`const Foo = class {}`, `{ Foo: class {} }`, `Foo = class {}`, `export default class {}`).
 */
function contextualName(ts: typeof TS, node: TS.ClassLikeDeclaration): string | undefined {
  if (ts.isClassDeclaration(node)) return hasModifier(node, ts.SyntaxKind.DefaultKeyword) ? 'default' : undefined;
  let child: TS.Node = node;
  let parent = node.parent;
  while (
    parent &&
    (ts.isParenthesizedExpression(parent) ||
      ts.isAsExpression(parent) ||
      ts.isSatisfiesExpression(parent) ||
      ts.isNonNullExpression(parent) ||
      ts.isTypeAssertionExpression(parent))
  ) {
    child = parent;
    parent = parent.parent;
  }
  if (!parent) return undefined;
  if (ts.isVariableDeclaration(parent) && parent.initializer === child && ts.isIdentifier(parent.name)) {
    return parent.name.text;
  }
  if ((ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) && parent.initializer === child) {
    return staticPropertyName(ts, parent.name);
  }
  if (ts.isBinaryExpression(parent) && parent.right === child && ts.isIdentifier(parent.left)) {
    const op = parent.operatorToken.kind;
    if (op === ts.SyntaxKind.EqualsToken || op === ts.SyntaxKind.QuestionQuestionEqualsToken) return parent.left.text;
    if (op === ts.SyntaxKind.BarBarEqualsToken || op === ts.SyntaxKind.AmpersandAmpersandEqualsToken) {
      return parent.left.text;
    }
  }
  if (ts.isParameter(parent) && parent.initializer === child && ts.isIdentifier(parent.name)) return parent.name.text;
  if (ts.isBindingElement(parent) && parent.initializer === child && ts.isIdentifier(parent.name)) {
    return parent.name.text;
  }
  if (ts.isExportAssignment(parent) && !parent.isExportEquals) return 'default';
  return undefined;
}

function staticPropertyName(ts: typeof TS, name: TS.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name)) return name.text;
  if (ts.isNoSubstitutionTemplateLiteral(name)) return name.text;
  if (ts.isComputedPropertyName(name)) {
    const e = name.expression;
    if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e) || ts.isNumericLiteral(e)) return e.text;
  }
  return undefined;
}

/** Offset of the `class` keyword of a class without a name of its own. */
function classKeywordStart(node: TS.ClassLikeDeclaration, text: string): number {
  const modifiers = node.modifiers;
  let pos = modifiers && modifiers.length > 0 ? modifiers[modifiers.length - 1].end : node.pos;
  // Skip white space and comments up to the keyword.
  for (;;) {
    const c = text.charCodeAt(pos);
    if (c === 47 /* / */ && text.charCodeAt(pos + 1) === 47) {
      const end = text.indexOf('\n', pos);
      pos = end < 0 ? text.length : end + 1;
    } else if (c === 47 && text.charCodeAt(pos + 1) === 42 /* * */) {
      const end = text.indexOf('*/', pos + 2);
      pos = end < 0 ? text.length : end + 2;
    } else if (c === 32 || c === 9 || c === 10 || c === 13 || c === 11 || c === 12 || c === 0xfeff || c === 0xa0) {
      pos++;
    } else {
      break;
    }
  }
  return pos;
}

function hasModifier(node: TS.Node, kind: TS.SyntaxKind): boolean {
  const modifiers = (node as { modifiers?: TS.NodeArray<TS.ModifierLike> }).modifiers;
  return modifiers?.some((m) => m.kind === kind) ?? false;
}

interface Kinds {
  classDeclaration: number;
  classExpression: number;
  propertyDeclaration: number;
  declare: number;
  static: number;
  firstTypeNode: number;
  lastTypeNode: number;
  /** Functions, methods, accessors and loops: code in them may run many times. */
  runsRepeatedly: ReadonlySet<number>;
  /** Nodes that hold no class: interfaces, type aliases, imports. */
  skipped: ReadonlySet<number>;
}

const kindsByModule = new WeakMap<typeof TS, Kinds>();

/** The node kinds the walk tests, read once per TypeScript module (their numbers differ between versions). */
function kindsOf(ts: typeof TS): Kinds {
  let kinds = kindsByModule.get(ts);
  if (!kinds) {
    const k = ts.SyntaxKind;
    kinds = {
      classDeclaration: k.ClassDeclaration,
      classExpression: k.ClassExpression,
      propertyDeclaration: k.PropertyDeclaration,
      declare: k.DeclareKeyword,
      static: k.StaticKeyword,
      firstTypeNode: k.FirstTypeNode,
      lastTypeNode: k.LastTypeNode,
      runsRepeatedly: new Set([
        k.FunctionDeclaration,
        k.FunctionExpression,
        k.ArrowFunction,
        k.MethodDeclaration,
        k.Constructor,
        k.GetAccessor,
        k.SetAccessor,
        k.ForStatement,
        k.ForInStatement,
        k.ForOfStatement,
        k.WhileStatement,
        k.DoStatement,
      ]),
      skipped: new Set([k.InterfaceDeclaration, k.TypeAliasDeclaration, k.ImportDeclaration]),
    };
    kindsByModule.set(ts, kinds);
  }
  return kinds;
}
