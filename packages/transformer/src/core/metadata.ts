/**
 * The metadata the transformer writes into every class, exactly as the runtime's
 * `getClassMetadata(cls)` returns it (SPEC §2). This is the wire format between the two
 * packages: change it only together with `@pinion/runtime`'s `class-metadata.ts`.
 */

/** How a parameter is declared; decides whether the runtime injects it. */
export type ParamKind = 'plain' | 'default' | 'optional' | 'rest' | 'destructured';

/**
 * One constructor or method parameter. `name` is absent for a destructured parameter; `type` is
 * the name of its declared type when the annotation is a type reference (`Db`, `ns.Db`, `Repo` for
 * `Repo<User>`), and absent otherwise (no annotation, keyword, union, array, function or literal
 * type, JavaScript): what the runtime names when a class was only imported as a type (SPEC §8).
 */
export interface ParamMetadata {
  name?: string;
  kind: ParamKind;
  type?: string;
}

/** Where the class is declared: path relative to the project root, 1-based line and column. */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

export interface ClassMetadata {
  name: string;
  /** Absent when the class has no constructor of its own (it inherits its base class's). */
  params?: ParamMetadata[];
  location: SourceLocation;
  /** Parameters of `provideX` methods and of methods carrying a Pinion decorator. */
  methods?: Record<string, ParamMetadata[]>;
}

/** `Symbol.for` key of the own, non-enumerable property that holds a class's metadata. */
export const METADATA_KEY = 'pinion.metadata';
/** `Symbol.for` key of the global array of classes defined at module level. */
export const REGISTRY_KEY = 'pinion.classes';
