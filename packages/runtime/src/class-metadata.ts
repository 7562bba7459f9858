/**
 * Reading what `@pinion/transformer` wrote into classes. The shape mirrors the transformer's
 * `metadata.ts`: it is the contract between build time and run time (SPEC §2).
 */

export type ParamKind = 'plain' | 'default' | 'optional' | 'rest' | 'destructured';

/** One constructor or method parameter; `name` is `undefined` for a destructured one. */
export interface ParamMetadata {
  readonly name?: string;
  readonly kind: ParamKind;
}

/** Where a class is declared: path relative to the project root, 1-based line and column. */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

export interface ClassMetadata {
  readonly name: string;
  /** Absent when the class has no constructor of its own (it inherits its base class's). */
  readonly params?: readonly ParamMetadata[];
  readonly location: SourceLocation;
  readonly methods?: Readonly<Record<string, readonly ParamMetadata[]>>;
}

/** Any class, abstract ones included. */
export type AnyClass = Function;

const METADATA = Symbol.for('pinion.metadata');
const REGISTRY = Symbol.for('pinion.classes');

/**
 * The metadata the transformer wrote into `cls`, or `undefined` for a class the transformer never
 * saw. Only the class's own metadata counts: a subclass the transformer did not see does not
 * borrow its base class's.
 */
export function getClassMetadata(cls: AnyClass): ClassMetadata | undefined {
  if (typeof cls !== 'function' || !Object.hasOwn(cls, METADATA)) return undefined;
  return (cls as unknown as Record<symbol, ClassMetadata>)[METADATA];
}

/**
 * Every class the transformer annotated that is defined at module level (not inside a function or
 * loop) and whose module has been loaded, in load order. The default for `newObjectGraph({ classes })`.
 */
export function loadedClasses(): readonly AnyClass[] {
  // The transformer's inserted code keeps the registry on this realm's `Object` constructor, which it
  // reaches as `{}.constructor`: unlike `globalThis`, no name in user code can shadow that.
  return Object.hasOwn(Object, REGISTRY) ? (Object as unknown as Record<symbol, AnyClass[]>)[REGISTRY] : [];
}
