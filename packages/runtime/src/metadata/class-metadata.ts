/**
 * Reading what `@pinion/transformer` wrote into classes. The shape mirrors the transformer's
 * `metadata.ts`: it is the contract between build time and run time (SPEC §2).
 */

export type ParamKind = 'plain' | 'default' | 'optional' | 'rest' | 'destructured';

/** One constructor or method parameter; `name` is `undefined` for a destructured one. */
export interface ParamMetadata {
  readonly name?: string;
  readonly kind: ParamKind;
  /** The declared type's name when the annotation is a plain type reference (`Db`, `ns.Db`, `Repo` for `Repo<User>`). */
  readonly type?: string;
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
 *
 * A module evaluated again (Jest's or Vitest's `resetModules`, hot reload, the same file imported
 * with another query string) registers its classes again. Each one then takes the place of the
 * registered class of the same source file and name, wherever its line moved, so the list holds
 * one class per file and name and the new one is injected.
 */
export function loadedClasses(): readonly AnyClass[] {
  // The transformer's inserted code keeps the registry on this realm's `Object` constructor, which it
  // reaches as `{}.constructor`: unlike `globalThis`, no name in user code can shadow that.
  if (!Object.hasOwn(Object, REGISTRY)) return [];
  const registry = (Object as unknown as Record<symbol, AnyClass[]>)[REGISTRY];
  // Graphs are created often and modules rarely load between them: a registry that nothing has
  // been pushed onto since it was last cleaned is returned as it is.
  if (registry !== cleaned || registry.length !== cleanedLength) replaceReevaluated(registry);
  return registry;
}

let cleaned: AnyClass[] | undefined;
let cleanedLength = 0;

/**
 * Drops, in place, each class whose file and name a later registration repeats, putting the later
 * class where the earlier one stood. In place, because the inserted code pushes onto this array and
 * a second copy of this package (its ESM and CommonJS builds in one process) reads the same one;
 * and dropping the old classes lets a reloaded module's previous evaluation be collected.
 *
 * Why "length unchanged since the last clean" means "clean" even when another copy cleaned it
 * meanwhile: cleaning never reduces the number of distinct files and names, pushing only adds, so
 * the array is back at a length this copy saw clean only if nothing was pushed since. Changing an
 * element in place or shortening the array is what makes `copyOfClasses` (graph/options.ts) copy
 * the list anew, so graphs never keep serving a replaced class.
 */
function replaceReevaluated(registry: AnyClass[]): void {
  const slotOf = new Map<string, number>();
  let kept = 0;
  for (let i = 0; i < registry.length; i++) {
    const cls = registry[i];
    const metadata = getClassMetadata(cls);
    // `\0` cannot occur in a file name, so no two different pairs give one key.
    const key = metadata?.location === undefined ? undefined : `${metadata.location.file}\0${metadata.name}`;
    const slot = key === undefined ? undefined : slotOf.get(key);
    if (slot !== undefined) {
      registry[slot] = cls;
      continue;
    }
    if (key !== undefined) slotOf.set(key, kept);
    registry[kept++] = cls;
  }
  registry.length = kept;
  cleaned = registry;
  cleanedLength = kept;
}
