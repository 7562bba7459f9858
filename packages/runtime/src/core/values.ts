/**
 * Describing and recognizing the values JavaScript callers pass: what messages say of a wrong
 * value, and the shapes every entry point checks. Imports nothing of Pinion but scope ids.
 */
import type { ScopeId } from './scope-ids.js';

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

/** Scope ids are strings or symbols (`ScopeId`): no other value can name a scope of `idToScope`. */
export const isScopeId = (value: unknown): value is ScopeId => typeof value === 'string' || typeof value === 'symbol';

/**
 * An options argument: absent, or an object that is not an array. False for a revoked Proxy,
 * whose every read would throw a TypeError.
 */
export function isOptionsObject(value: unknown): value is Record<string, unknown> | undefined {
  if (value === undefined) return true;
  if (typeof value !== 'object' || value === null) return false;
  try {
    return !Array.isArray(value);
  } catch {
    return false;
  }
}

/** Longer strings are cut: a message names a value, it does not reproduce it. */
const MAX_LENGTH = 40;

export function truncate(text: string): string {
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
