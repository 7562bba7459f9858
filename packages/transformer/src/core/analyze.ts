/**
 * The analysis: one file's AST in, the classes to annotate out. Purely syntactic.
 *
 *   program ──walk──▶ each class ──describe──▶ AnalyzedClass { metadata, register, closeBrace }
 *      │                 │
 *      │                 └─ `once`: not inside a function, loop or instance field, so the
 *      │                    class is defined at most once per module load and may be registered
 *      └─ helper: the `__pinion…` function a previous pass left, whose classes are skipped
 */
import {
  classHead,
  contextualName,
  isTransparent,
  methodParameters,
  ownConstructors,
  parameters,
} from './class-facts.js';
import { makeDiagnostic, type TransformDiagnostic } from './diagnostics.js';
import { type Node, pinionDecoratorNames } from './estree.js';
import type { LineMap } from './lines.js';
import type { ClassMetadata } from './metadata.js';
import { HELPER_NAME } from './render.js';

/** A class the transformer will annotate. */
export interface AnalyzedClass {
  metadata: ClassMetadata;
  /** Defined at most once per module load, so the runtime's default class list may hold it. */
  register: boolean;
  /** Offset of the closing `}` of the class body. */
  closeBrace: number;
  /** Offsets of the class node, for adapters that hold another tree of the same text. */
  start: number;
  end: number;
}

export interface Analysis {
  classes: AnalyzedClass[];
  diagnostics: TransformDiagnostic[];
  /** Name of the helper a previous pass inserted into this file, if any. */
  existingHelper: string | undefined;
}

/** Keys of nodes that hold only types: no class can stand there. */
const TYPE_KEYS = new Set(['typeAnnotation', 'returnType', 'typeParameters', 'typeArguments', 'superTypeArguments']);
/** Statements that hold no class at all. */
const SKIPPED = new Set([
  'ImportDeclaration',
  'TSInterfaceDeclaration',
  'TSTypeAliasDeclaration',
  'TSDeclareFunction',
  'TSIndexSignature',
  'TSImportEqualsDeclaration',
]);
/** Code inside these may run many times per module load. */
const RUNS_REPEATEDLY = new Set([
  'FunctionDeclaration',
  'FunctionExpression',
  'ArrowFunctionExpression',
  'ForStatement',
  'ForInStatement',
  'ForOfStatement',
  'WhileStatement',
  'DoWhileStatement',
]);

/** Per node type, the keys of its children that can hold a class (oxc's keys less the type-only ones). */
const childKeysByType = new Map<string, readonly string[]>();

function childKeysOf(type: string, visitorKeys: Record<string, readonly string[]>): readonly string[] {
  let keys = childKeysByType.get(type);
  if (keys === undefined) {
    keys = (visitorKeys[type] ?? []).filter((key) => !TYPE_KEYS.has(key));
    childKeysByType.set(type, keys);
  }
  return keys;
}

/**
 * Finds every class in `program` and computes its metadata.
 *
 * @param file the path written into locations, relative to the project root
 * @param visitorKeys oxc's child keys per node type, which drive the walk
 */
export function analyzeProgram(
  program: Node,
  text: string,
  file: string,
  lines: LineMap,
  visitorKeys: Record<string, readonly string[]>,
): Analysis {
  const diagnostics: TransformDiagnostic[] = [];
  const classes: AnalyzedClass[] = [];
  const decoratorNames = pinionDecoratorNames(program);
  const existingHelper = findHelper(program);
  // Parents are kept only where a class's contextual name needs them: of class expressions and of
  // the parentheses and type assertions that may wrap one.
  const parents = new Map<Node, Node>();
  const parentOf = (node: Node) => parents.get(node);

  // Only nodes whose text holds the word `class` can hold a class: the walk steps into no other,
  // which leaves out most of a file (function bodies, expressions, names).
  const holdsClass = classWordFinder(text);

  // An explicit stack, not recursion: deeply nested code must not overflow ours. Three parallel
  // arrays instead of an object per node.
  const nodes: Node[] = [program];
  const parentNodes: (Node | undefined)[] = [undefined];
  const onceFlags: boolean[] = [true];
  while (nodes.length > 0) {
    const node = nodes.pop() as Node;
    const parent = parentNodes.pop();
    let once = onceFlags.pop() as boolean;
    const type = node.type;
    if (SKIPPED.has(type) || node.declare === true) continue;
    if (type === 'ClassDeclaration' || type === 'ClassExpression') {
      const head = classHead(node, text);
      // A `declare`d class, and everything in it, is a type only.
      if (head.declared) continue;
      if (parent) parents.set(node, parent);
      const found = describeClass(node, once, head.keywordStart);
      if (found) classes.push(found);
    } else if (isTransparent(type)) {
      if (parent) parents.set(node, parent);
    } else if (RUNS_REPEATEDLY.has(type) || (type === 'PropertyDefinition' && !node.static)) {
      once = false;
    } else if (type === 'AccessorProperty' && !node.static) {
      once = false;
    }
    const keys = childKeysOf(type, visitorKeys);
    // Pushed in reverse so that children are visited in source order.
    for (let k = keys.length - 1; k >= 0; k--) {
      const child = node[keys[k]];
      if (child === null || typeof child !== 'object') continue;
      if (Array.isArray(child)) {
        for (let i = child.length - 1; i >= 0; i--) {
          const item = child[i];
          if (item === null || !holdsClass(item.start, item.end)) continue;
          nodes.push(item);
          parentNodes.push(node);
          onceFlags.push(once);
        }
      } else if (holdsClass(child.start, child.end)) {
        nodes.push(child);
        parentNodes.push(node);
        onceFlags.push(once);
      }
    }
  }
  classes.sort((a, b) => a.start - b.start);
  return { classes, diagnostics, existingHelper };

  function describeClass(node: Node, once: boolean, keywordStart: number): AnalyzedClass | undefined {
    const members = node.body.body as Node[];
    if (existingHelper !== undefined && members.some((m) => isHelperCall(m, existingHelper))) return undefined;
    const closeBrace = node.body.end - 1;
    if (text.charCodeAt(closeBrace) !== 125 /* } */) return undefined;
    const ownName: string | undefined = node.id?.name;
    const constructors = ownConstructors(members);
    const implementation = constructors.find((c) => c.value.body !== null);
    if (constructors.length > 0 && !implementation) {
      const first = constructors[0];
      diagnostics.push(
        makeDiagnostic(
          'PINION_NO_CONSTRUCTOR_BODY',
          file,
          first.start,
          first.end - first.start,
          lines.at(first.start),
          `class ${ownName ?? contextualName(node, parentOf) ?? '(anonymous)'} declares constructor overloads without an implementation; Pinion left it unannotated`,
        ),
      );
      return undefined;
    }
    const namePos = node.id ? node.id.start : keywordStart;
    const metadata: ClassMetadata = {
      name: ownName ?? contextualName(node, parentOf) ?? '',
      ...(implementation ? { params: parameters(implementation.value.params, text) } : {}),
      location: { file, ...lines.at(namePos) },
    };
    const methods = methodParameters(members, decoratorNames, text);
    if (methods) metadata.methods = methods;
    return { metadata, register: once, closeBrace, start: node.start, end: node.end };
  }
}

/** Whether `text` has the word `class` at an offset in [start, end): a binary search of its offsets. */
function classWordFinder(text: string): (start: number, end: number) => boolean {
  const offsets: number[] = [];
  for (let at = text.indexOf('class'); at >= 0; at = text.indexOf('class', at + 5)) offsets.push(at);
  return (start, end) => {
    let low = 0;
    let high = offsets.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (offsets[middle] < start) low = middle + 1;
      else high = middle;
    }
    return low < offsets.length && offsets[low] < end;
  };
}

/** The helper function a previous pass appended: a top-level function named like one. */
function findHelper(program: Node): string | undefined {
  for (const statement of program.body as Node[]) {
    if (statement.type === 'FunctionDeclaration' && statement.id && HELPER_NAME.test(statement.id.name)) {
      return statement.id.name;
    }
  }
  return undefined;
}

/** `static { helper(this, …) }`: the block a previous pass inserted. */
function isHelperCall(member: Node, helper: string): boolean {
  if (member.type !== 'StaticBlock' || member.body.length !== 1) return false;
  const statement = member.body[0];
  if (statement.type !== 'ExpressionStatement' || statement.expression.type !== 'CallExpression') return false;
  const call = statement.expression;
  return (
    call.callee.type === 'Identifier' && call.callee.name === helper && call.arguments[0]?.type === 'ThisExpression'
  );
}
