/**
 * The parameters Pinion injects for a class or provider method: the transformer's metadata, or
 * `static inject` names given by hand, or a base class's.
 */
import { type AnyClass, getClassMetadata, type ParamMetadata } from './class-metadata.js';

/**
 * A class's constructor parameters: its own from the transformer's metadata, else those it
 * inherits, else the names given by hand in `static inject = ['a', 'b']`. `undefined` when they
 * cannot be known: a class with parameters (`length > 0`) that the transformer never saw.
 */
export function constructorParams(cls: AnyClass): readonly ParamMetadata[] | undefined {
  let current: unknown = cls;
  while (typeof current === 'function' && current !== Function.prototype) {
    const metadata = getClassMetadata(current);
    if (metadata?.params) return metadata.params;
    const byHand = staticInject(current);
    if (byHand) return byHand;
    if (!metadata) return current.length === 0 && inheritsNothing(current) ? [] : undefined;
    current = Object.getPrototypeOf(current);
  }
  return [];
}

/** Parameters of a method of `cls` (or of a base class that defines it), from the metadata. */
export function methodParams(cls: AnyClass, methodName: string): readonly ParamMetadata[] | undefined {
  let current: unknown = cls;
  while (typeof current === 'function' && current !== Function.prototype) {
    const own = Object.hasOwn(current.prototype ?? {}, methodName);
    if (own) {
      const params = getClassMetadata(current)?.methods;
      if (params && Object.hasOwn(params, methodName)) return params[methodName];
      const fn = (current.prototype as Record<string, unknown>)[methodName];
      return typeof fn === 'function' && fn.length === 0 ? [] : undefined;
    }
    current = Object.getPrototypeOf(current);
  }
  return undefined;
}

/** The names of parameters a caller may read: those that have a name. */
export function paramNames(params: readonly ParamMetadata[]): string[] {
  return params.flatMap((p) => (p.name === undefined ? [] : [p.name]));
}

function staticInject(cls: AnyClass): ParamMetadata[] | undefined {
  if (!Object.hasOwn(cls, 'inject')) return undefined;
  const names = (cls as unknown as { inject: unknown }).inject;
  if (!Array.isArray(names) || !names.every((n) => typeof n === 'string')) return undefined;
  return names.map((name) => ({ name, kind: 'plain' as const }));
}

/** A class without metadata and without parameters counts as parameterless only if its base is too. */
function inheritsNothing(cls: AnyClass): boolean {
  const base = Object.getPrototypeOf(cls);
  return base === Function.prototype || base === null;
}
