/**
 * How a binding's values are made and adopted, synchronously: the function that builds a value
 * from evaluated arguments (`constructorOf`: classes, provider functions and methods, generators,
 * instances, frame values), the null check, how new values join their owner (`adopterOf`), and the
 * specialised `create` closures for the common arities (`specializeNew`, `specialize`).
 */
import type { Binding } from '../bindings/binding-table.js';
import { AsyncProviderError, InjectingNullDisallowedError, OutOfScopeError } from '../core/errors.js';
import { describeScope, type ScopeId } from '../core/scope-ids.js';
import { own } from '../lifetime/disposal.js';
import { activeFrame, FrameScope } from '../lifetime/frames.js';
import { noFrame, type ResolverOptions } from './context.js';
import { type GeneratorProvided, isAsyncFunction, isGeneratorFunction, type Plan } from './plan.js';

/** The function that makes the binding's value from evaluated arguments, synchronously. */
export function constructorOf(
  options: ResolverOptions,
  binding: Binding,
  provider: unknown,
): (args: unknown[]) => unknown {
  const target = binding.target;
  const checkNull = nullCheck(options, binding);
  if (isAsyncFunction(provider)) return asyncProviderNeeded(binding);
  switch (target.kind) {
    case 'class': {
      const Cls = target.cls as new (...args: unknown[]) => unknown;
      return (args) => new Cls(...args);
    }
    case 'method':
    case 'provider': {
      const self = target.kind === 'method' ? target.spec : undefined;
      const fn = provider as (...args: unknown[]) => unknown;
      if (isGeneratorFunction(fn)) {
        return (args) => generated(fn.apply(self, args) as Generator, (g) => g.next(), checkNull);
      }
      return (args) => checkNull(fn.apply(self, args));
    }
    case 'instance': {
      const value = target.value;
      return () => checkNull(value);
    }
    case 'scopeValue':
      return scopeValueReader(options, binding, target.scopeId, checkNull);
  }
}

/** Returns a provided value unless it is `null`/`undefined` and the graph disallows injecting those. */
export function nullCheck(options: ResolverOptions, binding: Binding): <T>(value: T) => T {
  return (value) => {
    if (value == null && !options.allowInjectingNull) {
      throw new InjectingNullDisallowedError(binding.key.toString(), binding.description, value as null | undefined);
    }
    return value;
  };
}

/** Reads a `toScopeValue` binding from the values of the current frame of its scope. */
function scopeValueReader(
  options: ResolverOptions,
  binding: Binding,
  scopeId: ScopeId,
  checkNull: <T>(value: T) => T,
): () => unknown {
  const scope = options.scopes.get(scopeId);
  const id = describeScope(scopeId);
  const key = binding.key.toString();
  const name = binding.key.name;
  if (!(scope instanceof FrameScope)) {
    return () => {
      throw new OutOfScopeError(key, id, { kind: 'valueWithoutFrames', binding: binding.description });
    };
  }
  return () => {
    const frame = activeFrame(scope);
    if (frame === undefined) throw noFrame(binding, scope, scopeId);
    const values = frame.values;
    if (values === undefined || !Object.hasOwn(values, name)) {
      throw new OutOfScopeError(key, id, { kind: 'noValue', binding: binding.description, valueName: name });
    }
    return checkNull(values[name]);
  };
}

/** Steps a generator provider to its first `yield`: the value it provides. */
export function generated<G extends Generator | AsyncGenerator>(
  generator: G,
  step: (g: G) => IteratorResult<unknown> | Promise<IteratorResult<unknown>>,
  checkNull: <T>(value: T) => T,
): GeneratorProvided | Promise<GeneratorProvided> {
  const accept = (result: IteratorResult<unknown>): GeneratorProvided => {
    try {
      return { value: checkNull(result.value), generator };
    } catch (error) {
      void generator.return(undefined);
      throw error;
    }
  };
  const result = step(generator);
  return result instanceof Promise ? result.then(accept) : accept(result);
}

/**
 * How a binding's new values join their owner (`Plan.adopt`): a plain value with the binding's
 * disposer and its own dispose methods, a generator provider's value with its generator.
 */
export function adopterOf(binding: Binding, provider: unknown): Plan['adopt'] {
  const key = binding.key;
  if (isGeneratorFunction(provider)) {
    return (raw, owner) => {
      const { value, generator } = raw as GeneratorProvided;
      if (owner) own(owner, value, key, undefined, generator);
      return value;
    };
  }
  // Values a frame supplies and instances given to `toInstance` belong to whoever made them.
  if (binding.target.kind === 'instance' || binding.target.kind === 'scopeValue') return (raw) => raw;
  const dispose = binding.dispose;
  return (raw, owner) => {
    if (owner) own(owner, raw, key, dispose);
    return raw;
  };
}

/** Synchronous resolution of a binding whose provider is async: `provideAsync`/`getAsync` are needed. */
function asyncProviderNeeded(binding: Binding): () => never {
  return () => {
    throw new AsyncProviderError(binding.key.toString(), binding.description);
  };
}

/** `new Cls(r0(), r1(), …)` for the common arities: no argument array on the hot path. */
export function specializeNew(
  Cls: new (...args: unknown[]) => unknown,
  resolvers: readonly (() => unknown)[],
): () => unknown {
  switch (resolvers.length) {
    case 0:
      return () => new Cls();
    case 1: {
      const [r0] = resolvers;
      return () => new Cls(r0());
    }
    case 2: {
      const [r0, r1] = resolvers;
      return () => new Cls(r0(), r1());
    }
    case 3: {
      const [r0, r1, r2] = resolvers;
      return () => new Cls(r0(), r1(), r2());
    }
    case 4: {
      const [r0, r1, r2, r3] = resolvers;
      return () => new Cls(r0(), r1(), r2(), r3());
    }
    default:
      return () => new Cls(...resolvers.map((r) => r()));
  }
}

/** `construct([r0(), …])` for providers, whose argument count is small. */
export function specialize(
  construct: (args: unknown[]) => unknown,
  resolvers: readonly (() => unknown)[],
): () => unknown {
  switch (resolvers.length) {
    case 0:
      return () => construct([]);
    case 1: {
      const [r0] = resolvers;
      return () => construct([r0()]);
    }
    case 2: {
      const [r0, r1] = resolvers;
      return () => construct([r0(), r1()]);
    }
    case 3: {
      const [r0, r1, r2] = resolvers;
      return () => construct([r0(), r1(), r2()]);
    }
    default:
      return () => construct(resolvers.map((r) => r()));
  }
}
