/**
 * The few facts the analysis reads from oxc's TS-ESTree nodes. Nodes are typed loosely on purpose:
 * the walk visits every node kind through `visitorKeys`, and each reader checks `type` first.
 */
export type Node = { type: string; start: number; end: number } & Record<string, any>;

/** `@pinion/runtime`'s decorators whose methods need parameter names. */
export const PINION_DECORATORS: ReadonlySet<string> = new Set(['provides', 'inject', 'annotateArg']);
export const RUNTIME_MODULE = '@pinion/runtime';

/**
 * The name a property key spells without running code: `foo`, `'foo'`, `1e3` (as `1000`),
 * `['foo']`, `` [`foo`] ``; `#foo` too when `privateNames` is set. Otherwise `undefined`.
 */
export function staticKeyName(key: Node, computed: boolean, privateNames = false): string | undefined {
  if (!computed && key.type === 'Identifier') return key.name;
  if (!computed && key.type === 'PrivateIdentifier') return privateNames ? `#${key.name}` : undefined;
  if (key.type === 'Literal') {
    if (typeof key.value === 'string') return key.value;
    if (typeof key.value === 'number' && key.bigint === undefined) return String(key.value);
    return undefined;
  }
  if (key.type === 'TemplateLiteral' && key.expressions.length === 0) return key.quasis[0].value.cooked ?? undefined;
  return undefined;
}

/** Local names under which this file imports Pinion's decorators, plus their own names. */
export function pinionDecoratorNames(program: Node): Set<string> {
  const names = new Set(PINION_DECORATORS);
  for (const statement of program.body as Node[]) {
    if (statement.type !== 'ImportDeclaration' || statement.source.value !== RUNTIME_MODULE) continue;
    for (const specifier of statement.specifiers as Node[]) {
      if (specifier.type !== 'ImportSpecifier') continue;
      const imported = specifier.imported.type === 'Identifier' ? specifier.imported.name : specifier.imported.value;
      if (PINION_DECORATORS.has(imported)) names.add(specifier.local.name);
    }
  }
  return names;
}
