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
 * `a string ("port")`, `a number (3)`, `a bigint (10n)`, `null`, `function Port`, `an arrow
 * function`, `an array (length 2)`, `an object (Spec)`, `an object (no prototype)`: how messages
 * about a wrong value name it. Never throws, and reads no getter or `toString` it can avoid: it
 * runs while an error is being reported, and the values it describes come from callers that may
 * pass anything (Proxies whose every trap throws, revoked Proxies included).
 */
export function describeValue(value: unknown): string {
  switch (typeof value) {
    case 'undefined':
      return 'undefined';
    case 'string':
      return `a string (${JSON.stringify(truncate(value))})`;
    case 'number':
      return `a number (${Object.is(value, -0) ? '-0' : String(value)})`;
    case 'bigint':
      return `a bigint (${value}n)`;
    case 'boolean':
      return `a boolean (${value})`;
    case 'symbol':
      return `a symbol (${truncate(String(value))})`;
    case 'function':
      return describeFunction(value as (...args: never[]) => unknown);
    default:
      return value === null ? 'null' : describeObject(value as object);
  }
}

/** Longer strings are cut: a message names a value, it does not reproduce it. */
const MAX_LENGTH = 40;

function truncate(text: string): string {
  if (text.length <= MAX_LENGTH) return text;
  // Not between the two halves of a surrogate pair.
  const end = /[\uD800-\uDBFF]/.test(text[MAX_LENGTH - 1]) ? MAX_LENGTH - 1 : MAX_LENGTH;
  return `${text.slice(0, end)}…`;
}

/** `function Port` (classes and constructor functions), `an arrow function`, `function run (not a constructor)`. */
function describeFunction(fn: (...args: never[]) => unknown): string {
  try {
    const name = typeof fn.name === 'string' && fn.name !== '' ? truncate(fn.name) : '';
    if (Object.hasOwn(fn, 'prototype')) return `function ${name || '(anonymous)'}`;
    // A Proxy's source text is `function () { [native code] }`: reading it runs no trap.
    if (/^(async\s*)?(\(|[\w$]+\s*=>)/.test(Function.prototype.toString.call(fn))) {
      return name ? `an arrow function (${name})` : 'an arrow function';
    }
    // Methods, async functions, bound and built-in functions.
    return `function ${name || '(anonymous)'} (not a constructor)`;
  } catch {
    return 'a function'; // A Proxy whose traps throw, or a revoked one.
  }
}

/** `an array (length 2)`, `an object (Spec)`, `an object (no prototype)`, `a revoked Proxy`. */
function describeObject(object: object): string {
  let isArray: boolean;
  try {
    isArray = Array.isArray(object);
  } catch {
    return 'a revoked Proxy'; // The only object Array.isArray throws on.
  }
  try {
    if (isArray) return `an array (length ${(object as unknown[]).length})`;
    let proto = Object.getPrototypeOf(object);
    if (proto === null) return 'an object (no prototype)';
    // The constructor its prototype chain names, read from property descriptors: no getter runs.
    for (let depth = 0; proto !== null && depth < 16; depth++, proto = Object.getPrototypeOf(proto)) {
      const own = Object.getOwnPropertyDescriptor(proto, 'constructor');
      if (own === undefined) continue;
      const ctor: unknown = own.value; // undefined for a getter, which is not run
      if (typeof ctor !== 'function') break;
      const name: unknown = Object.getOwnPropertyDescriptor(ctor, 'name')?.value;
      if (typeof name === 'string' && name !== '') return `an object (${truncate(name)})`;
      break;
    }
  } catch {
    // A Proxy whose traps throw.
  }
  return isArray ? 'an array' : 'an object';
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
