import { type Node, PINION_DECORATORS, staticKeyName } from './estree.js';
import type { ParamKind, ParamMetadata } from './metadata.js';
import { declaredTypeName, isIdentifierPart, skipTrivia } from './scan.js';

const PROVIDER_METHOD = /^provide\p{Lu}/u;

/** The constructors a class declares itself: `static constructor() {}` is a method, not one of them. */
export function ownConstructors(body: Node[]): Node[] {
  return body.filter((m) => m.type === 'MethodDefinition' && m.kind === 'constructor' && !m.static);
}

/**
 * Each parameter's name, kind and declared type name (SPEC §2). A TypeScript `this` parameter is
 * no parameter; a parameter property (`private readonly db: Db`) is the parameter it declares.
 */
export function parameters(params: Node[], text: string): ParamMetadata[] {
  const result: ParamMetadata[] = [];
  for (const declared of params) {
    const p = declared.type === 'TSParameterProperty' ? declared.parameter : declared;
    if (p.type === 'Identifier') {
      if (p.name === 'this') continue;
      result.push(param(p.name, p.optional || isMarkedOptional(p, text) ? 'optional' : 'plain', text, p.end));
    } else if (p.type === 'AssignmentPattern') {
      const named = p.left.type === 'Identifier';
      result.push(param(named ? p.left.name : undefined, named ? 'default' : 'destructured', text, p.left.end));
    } else if (p.type === 'RestElement') {
      const named = p.argument.type === 'Identifier';
      result.push(param(named ? p.argument.name : undefined, named ? 'rest' : 'destructured', text, p.argument.end));
    } else {
      result.push(param(undefined, 'destructured', text, p.end));
    }
  }
  return result;
}

/**
 * One parameter's metadata; `type` only when the annotation after `nameEnd` is a type reference,
 * so that the metadata of untyped code is no larger than before.
 */
function param(name: string | undefined, kind: ParamKind, text: string, nameEnd: number): ParamMetadata {
  const result: ParamMetadata = name === undefined ? { kind } : { name, kind };
  const type = declaredTypeName(text, nameEnd);
  if (type !== undefined) result.type = type;
  return result;
}

/** `name?` in TypeScript: the `js` AST drops the flag, the text keeps the `?` after the name. */
function isMarkedOptional(identifier: Node, text: string): boolean {
  return text.charCodeAt(skipTrivia(text, identifier.end)) === 63 /* ? */;
}

/**
 * Parameters of the instance methods with a body that are named `provide` + an uppercase letter or
 * carry one of Pinion's decorators (under `decoratorNames`, or as `ns.provides`).
 */
export function methodParameters(
  body: Node[],
  decoratorNames: ReadonlySet<string>,
  text: string,
): Record<string, ParamMetadata[]> | undefined {
  let methods: Record<string, ParamMetadata[]> | undefined;
  for (const member of body) {
    if (member.type !== 'MethodDefinition' || member.kind !== 'method' || member.static) continue;
    if (member.value.body === null) continue;
    const name = staticKeyName(member.key, member.computed);
    if (name === undefined) continue;
    if (!PROVIDER_METHOD.test(name) && !hasPinionDecorator(member, decoratorNames)) continue;
    methods ??= {};
    // defineProperty, not assignment: a method may be named `__proto__`.
    Object.defineProperty(methods, name, {
      value: parameters(member.value.params, text),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return methods;
}

function hasPinionDecorator(member: Node, decoratorNames: ReadonlySet<string>): boolean {
  for (const decorator of member.decorators as Node[]) {
    let callee = decorator.expression;
    if (callee.type === 'CallExpression') callee = callee.callee;
    if (callee.type === 'Identifier' && decoratorNames.has(callee.name)) return true;
    if (callee.type === 'MemberExpression' && !callee.computed && PINION_DECORATORS.has(callee.property.name)) {
      return true;
    }
  }
  return false;
}

/**
 * The name JavaScript gives an anonymous class from where it stands: `const Foo = class {}`,
 * `{ Foo: class {} }`, `Foo = class {}`, `#foo = class {}`, `(Foo = class {}) => …`,
 * `{ Foo = class {} } = o`, `export default class {}` (`default`). Parentheses and type
 * assertions around the class are looked through.
 */
export function contextualName(node: Node, parentOf: (node: Node) => Node | undefined): string | undefined {
  if (node.type === 'ClassDeclaration')
    return parentOf(node)?.type === 'ExportDefaultDeclaration' ? 'default' : undefined;
  let value = node;
  let holder = parentOf(node);
  while (holder && isTransparent(holder.type)) {
    value = holder;
    holder = parentOf(holder);
  }
  if (!holder) return undefined;
  switch (holder.type) {
    case 'VariableDeclarator':
      return holder.init === value && holder.id.type === 'Identifier' ? holder.id.name : undefined;
    case 'Property':
      return holder.value === value && !holder.method && holder.kind === 'init'
        ? staticKeyName(holder.key, holder.computed)
        : undefined;
    case 'PropertyDefinition':
    case 'AccessorProperty':
      return holder.value === value ? staticKeyName(holder.key, holder.computed, true) : undefined;
    case 'AssignmentExpression':
      return holder.right === value && holder.left.type === 'Identifier' && NAMING_ASSIGNMENTS.has(holder.operator)
        ? holder.left.name
        : undefined;
    case 'AssignmentPattern':
      return holder.right === value && holder.left.type === 'Identifier' ? holder.left.name : undefined;
    case 'ExportDefaultDeclaration':
      return 'default';
    default:
      return undefined;
  }
}

const NAMING_ASSIGNMENTS = new Set(['=', '??=', '||=', '&&=']);

/** Expressions that pass their operand through unchanged: parentheses and type assertions. */
export function isTransparent(type: string): boolean {
  return (
    type === 'ParenthesizedExpression' ||
    type === 'TSAsExpression' ||
    type === 'TSSatisfiesExpression' ||
    type === 'TSNonNullExpression' ||
    type === 'TSTypeAssertion'
  );
}

/**
 * The words between a class's decorators and its `class` keyword (`export`, `default`, `abstract`,
 * `declare`), and where the keyword starts: the anonymous class's location, and whether the class
 * is `declare`d (ambient), which the `js` AST does not say.
 */
export function classHead(node: Node, text: string): { keywordStart: number; declared: boolean } {
  const decorators = node.decorators as Node[];
  let pos = decorators.length > 0 ? Math.max(node.start, decorators[decorators.length - 1].end) : node.start;
  let declared = false;
  for (;;) {
    pos = skipTrivia(text, pos);
    if (text.startsWith('class', pos) && !isIdentifierPart(text.charCodeAt(pos + 5)))
      return { keywordStart: pos, declared };
    const word = /^[A-Za-z]+/.exec(text.slice(pos, pos + 16));
    if (!word) return { keywordStart: pos, declared };
    if (word[0] === 'declare') declared = true;
    pos += word[0].length;
  }
}
