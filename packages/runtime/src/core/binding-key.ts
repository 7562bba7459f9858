/**
 * Binding keys (name and annotation), their stable string form, and `KeyMap`, a map by key.
 */
import { describeValue, truncate } from './values.js';

/** A binding's identity: its name and optional annotation (SPEC §6). */
export class BindingKey {
  constructor(
    readonly name: string,
    readonly annotation?: unknown,
  ) {}

  /** `"db"`, or `"db" annotated with "primary"`: stable, for messages and for scopes that key by string. */
  toString(): string {
    // `bind()` and the decorators refuse names that are not strings; a key built by other code
    // with a name of another type (a BigInt breaks JSON.stringify) is still described, never thrown on.
    const name = typeof this.name === 'string' ? JSON.stringify(this.name) : describeValue(this.name);
    return this.annotation === undefined ? name : `${name} annotated with ${describeAnnotation(this.annotation)}`;
  }
}

/**
 * `"primary"`, `Symbol(primary)`, `3`, `10n`, or the string form of an object that has one of its
 * own (`Qualifier(primary)`). Never throws: an annotation is any value, and its description is
 * read while an error message is built, where a second error would hide the first.
 */
export function describeAnnotation(annotation: unknown): string {
  switch (typeof annotation) {
    case 'string':
      return JSON.stringify(annotation);
    case 'symbol':
      return truncate(String(annotation));
    case 'bigint':
      return `${annotation}n`;
    case 'object':
      return annotation === null ? 'null' : describeObjectAnnotation(annotation);
    case 'function':
      // Its string form is its whole source text.
      return describeValue(annotation);
    default:
      return String(annotation);
  }
}

/** An object's own string form when it has one; `an object (Token)` for `[object Object]`, arrays, or none. */
function describeObjectAnnotation(annotation: object): string {
  try {
    // User code (toString, Symbol.toPrimitive, Proxy traps) may throw or return a non-string.
    const text: unknown = Array.isArray(annotation) ? '' : String(annotation);
    if (typeof text === 'string' && text !== '' && !text.startsWith('[object ')) return truncate(text);
  } catch {
    // Described below without its string form.
  }
  return describeValue(annotation);
}

/**
 * A map by (name, annotation). Names live in a `Map`, never in a plain object, so `__proto__`,
 * `constructor` and `toString` are ordinary names.
 */
export class KeyMap<V> {
  private readonly byName = new Map<string, Map<unknown, V>>();

  get(name: string, annotation?: unknown): V | undefined {
    return this.byName.get(name)?.get(annotation);
  }

  set(name: string, annotation: unknown, value: V): void {
    let byAnnotation = this.byName.get(name);
    if (!byAnnotation) {
      byAnnotation = new Map();
      this.byName.set(name, byAnnotation);
    }
    byAnnotation.set(annotation, value);
  }

  *values(): IterableIterator<V> {
    for (const byAnnotation of this.byName.values()) yield* byAnnotation.values();
  }
}
