/**
 * `@provides`, `@inject` and `@annotateArg` for standard and legacy decorators: they check their
 * arguments and write records (decorator-records.ts) that bindings read.
 */
import {
  DuplicateDecoratorError,
  EmptyProvidesDecoratorError,
  EmptySequenceArgError,
  MultipleAnnotationsForSameArgError,
  NoRemainingArgsToInjectError,
  NoSuchArgError,
  NoSuchArgToInjectError,
  TooManyArgsToInjectDecoratorError,
  WrongArgElementTypeError,
  WrongArgTypeError,
} from '../core/errors.js';
import type { ScopeId } from '../core/scope-ids.js';
import { describeValue, isOptionsObject, isScopeId } from '../core/values.js';
import type { AnyClass } from './class-metadata.js';
import { constructorParams, methodParams, paramNames } from './class-params.js';
import {
  getAnnotationsRecord,
  getInjectRecord,
  getProvidesRecord,
  setAnnotationsRecord,
  setInjectRecord,
  setProvidesRecord,
} from './decorator-records.js';
import { callSite, className } from './locations.js';

/**
 * A decorator that works both with TypeScript's standard decorators and with
 * `experimentalDecorators`; the arguments tell which one is calling.
 */
export type PinionDecorator = (target: any, context?: any, descriptor?: any) => any;

export interface ProvidesOptions {
  /** Binds the method under this annotation. */
  annotatedWith?: unknown;
  /** Scope of the provided object (default `SINGLETON`). */
  inScope?: ScopeId;
}

export interface InjectOptions {
  /** Only these constructor parameters are injected; the others come from a provider function's arguments. */
  argNames?: readonly string[];
  /** Every constructor parameter but these is injected. */
  allExcept?: readonly string[];
}

interface StandardContext {
  kind: string;
  name?: string | symbol;
  addInitializer?(fn: () => void): void;
}

const isStandardContext = (context: unknown): context is StandardContext =>
  typeof context === 'object' && context !== null && typeof (context as StandardContext).kind === 'string';

/**
 * Marks a binding-spec method as a provider: `@provides('greeting')`,
 * `@provides('greeting', { annotatedWith: 'en', inScope: PROTOTYPE })` or
 * `@provides({ inScope: PROTOTYPE })` on a method named `provideX`. The method's parameters are injected.
 */
export function provides(nameOrOptions?: string | ProvidesOptions, maybeOptions?: ProvidesOptions): PinionDecorator {
  const location = callSite(provides);
  const args = providesArgs(nameOrOptions, maybeOptions);
  return (target, context, descriptor) => {
    const standard = isStandardContext(context);
    const method = standard ? target : descriptor?.value;
    const methodName = memberName(standard ? context.name : context);
    // Raised when applied rather than when called, so the message can name the method.
    if (standard ? context.kind !== 'method' : typeof method !== 'function') {
      throw wrongTarget('@provides', 'a method', target, context, descriptor, location);
    }
    if ('wrong' in args) {
      const [arg, expected, actual] = args.wrong;
      throw new WrongArgTypeError(`@provides(${arg}) on method ${methodName}`, expected, actual, location);
    }
    const { name, annotatedWith, inScope } = args;
    if (name === undefined && annotatedWith === undefined && inScope === undefined) {
      throw new EmptyProvidesDecoratorError(`method ${methodName}`, location);
    }
    if (getProvidesRecord(method)) throw new DuplicateDecoratorError('provides', `method ${methodName}`, location);
    setProvidesRecord(method, { name, annotatedWith, inScope, location });
    return standard ? undefined : descriptor;
  };
}

type ProvidesArgs =
  | { name?: string; annotatedWith?: unknown; inScope?: ScopeId }
  /** The argument (`name`, `name, options`, `…, { inScope }`), what it should be, what it is. */
  | { wrong: [string, string, string] };

/** `@provides`' arguments, checked for callers in plain JavaScript. */
function providesArgs(nameOrOptions: unknown, maybeOptions: unknown): ProvidesArgs {
  let name: string | undefined;
  let options: unknown = maybeOptions;
  if (typeof nameOrOptions === 'string' && nameOrOptions !== '') name = nameOrOptions;
  else if (nameOrOptions !== undefined && isOptionsObject(nameOrOptions)) options = nameOrOptions;
  else if (nameOrOptions !== undefined) {
    const expected = 'a binding name (a non-empty string) or an options object ({ annotatedWith?, inScope? })';
    return { wrong: ['name', expected, describeValue(nameOrOptions)] };
  }
  if (!isOptionsObject(options)) {
    return { wrong: ['name, options', 'an object ({ annotatedWith?, inScope? })', describeValue(options)] };
  }
  const inScope = options?.inScope;
  if (inScope !== undefined && !isScopeId(inScope)) {
    return { wrong: ['…, { inScope }', 'a scope id (a string or symbol)', describeValue(inScope)] };
  }
  return { name, annotatedWith: options?.annotatedWith, inScope };
}

/**
 * Class decorator: marks the class explicitly injectable (an explicit binding, and what
 * `onlyUseExplicitBindings` asks for). With `argNames` or `allExcept`, the parameters left out
 * are passed by the caller through a provider function: `provideFoo(a, b)`.
 */
export function inject(options: InjectOptions = {}): PinionDecorator {
  const location = callSite(inject);
  return (target: AnyClass, context?: unknown, descriptor?: unknown) => {
    const isClass = isStandardContext(context)
      ? context.kind === 'class'
      : typeof target === 'function' && context === undefined && descriptor === undefined;
    if (!isClass) throw wrongTarget('@inject', 'a class', target, context, descriptor, location);
    // Raised when applied rather than when called, so the message can name the class.
    const described = `class ${className(target)}`;
    checkInjectOptions(options, described, location);
    if (options.argNames !== undefined && options.allExcept !== undefined) {
      throw new TooManyArgsToInjectDecoratorError(described, location);
    }
    if (options.argNames?.length === 0) throw new EmptySequenceArgError('argNames', described, location);
    if (options.allExcept?.length === 0) throw new EmptySequenceArgError('allExcept', described, location);
    if (getInjectRecord(target)) throw new DuplicateDecoratorError('inject', `class ${className(target)}`, location);
    setInjectRecord(target, { argNames: options.argNames, allExcept: options.allExcept, location });
    whenClassIsDefined(target, context, () => checkClassDecorations(target));
    return undefined;
  };
}

/** `@inject`'s options from plain JavaScript: an object whose `argNames` / `allExcept` are arrays of strings. */
function checkInjectOptions(options: unknown, described: string, location: string): void {
  if (!isOptionsObject(options)) {
    const expected = 'an object ({ argNames? } or { allExcept? })';
    throw new WrongArgTypeError(`@inject(options) on ${described}`, expected, describeValue(options), location);
  }
  for (const key of ['argNames', 'allExcept'] as const) {
    const names = options?.[key];
    if (names === undefined) continue;
    const arg = `@inject({ ${key} }) on ${described}`;
    // A string would otherwise be read as the list of its characters.
    if (!isArray(names))
      throw new WrongArgTypeError(arg, 'an array of parameter names', describeValue(names), location);
    for (const [index, name] of names.entries()) {
      if (typeof name !== 'string' || name === '') {
        throw new WrongArgElementTypeError(
          arg,
          index,
          'a parameter name (a non-empty string)',
          describeValue(name),
          location,
        );
      }
    }
  }
}

/**
 * Injects the named parameter from the binding with this annotation. On a class it applies to
 * the constructor; on a binding-spec method, to that method's parameters.
 */
export function annotateArg(argName: string, annotation: unknown): PinionDecorator {
  const location = callSite(annotateArg);
  return (target, context, descriptor) => {
    const standard = isStandardContext(context);
    // A legacy class decorator is called with the class alone; a static field's with the class and a key.
    const isClass = standard
      ? context.kind === 'class'
      : context === undefined && descriptor === undefined && typeof target === 'function';
    const holder = isClass ? target : standard ? target : descriptor?.value;
    const isMethod = standard ? context.kind === 'method' : typeof holder === 'function';
    if (!isClass && !isMethod) {
      throw wrongTarget('@annotateArg', 'a class or a method', target, context, descriptor, location);
    }
    const annotated = isClass
      ? `class ${className(target)}`
      : `method ${memberName(standard ? context.name : context)}`;
    if (typeof argName !== 'string' || argName === '') {
      const expected = 'a parameter name (a non-empty string)';
      throw new WrongArgTypeError(`@annotateArg(argName) on ${annotated}`, expected, describeValue(argName), location);
    }
    // An undefined annotation is no annotation: the parameter would silently stay unannotated.
    if (annotation === undefined) {
      const arg = `@annotateArg(${JSON.stringify(argName)}, annotation) on ${annotated}`;
      throw new WrongArgTypeError(arg, 'an annotation (any value but undefined)', 'undefined', location);
    }
    const existing = getAnnotationsRecord(holder);
    if (existing?.byArg.has(argName)) throw new MultipleAnnotationsForSameArgError(argName, annotated, location);
    const record = existing ?? { byArg: new Map(), location };
    record.byArg.set(argName, annotation);
    setAnnotationsRecord(holder, record); // written again when it grows: caches of records see the change
    if (isClass) whenClassIsDefined(target, context, () => checkClassDecorations(target));
    else if (!standard) checkMethodAnnotations(target.constructor, String(context), holder);
    return standard || isClass ? undefined : descriptor;
  };
}

/** `Array.isArray`, false for a revoked Proxy (on which it throws). */
function isArray(value: unknown): value is unknown[] {
  try {
    return Array.isArray(value);
  } catch {
    return false;
  }
}

/** A member's name for messages, whatever a plain JavaScript caller passed as the decorator's context. */
function memberName(key: unknown): string {
  return typeof key === 'string' ? key : typeof key === 'symbol' ? `[${String(key)}]` : describeValue(key);
}

/**
 * A decorator applied to what it cannot decorate (a field, a parameter, …): what it was applied
 * to is the wrong "argument", in the terms of each decorator protocol.
 */
function wrongTarget(
  decorator: string,
  expected: string,
  target: unknown,
  context: unknown,
  descriptor: unknown,
  location: string,
): WrongArgTypeError {
  let actual: string;
  if (isStandardContext(context)) actual = `a ${context.kind} (${memberName(context.name)})`;
  else if (typeof descriptor === 'number')
    actual = `parameter ${descriptor + 1} of ${memberName(context ?? 'constructor')}`;
  else if (typeof descriptor === 'object' && descriptor !== null) {
    const kind = typeof (descriptor as PropertyDescriptor).value === 'function' ? 'a method' : 'an accessor';
    actual = `${kind} (${memberName(context)})`;
  } else if (context !== undefined) actual = `a property (${memberName(context)})`;
  else actual = describeValue(target);
  return new WrongArgTypeError(`the target of ${decorator}`, expected, actual, location);
}

/**
 * Runs `check` once the class's metadata exists: at once under `experimentalDecorators` (the
 * class is complete when its decorators run), after the class's static blocks under standard ones.
 */
function whenClassIsDefined(_cls: AnyClass, context: unknown, check: () => void): void {
  if (isStandardContext(context) && context.addInitializer) context.addInitializer(check);
  else check();
}

/**
 * The checks of `@inject` and class-level `@annotateArg` that need the constructor's parameter
 * names. Run when decorating and again when a graph takes the class (standard method decorators
 * cannot see their class's metadata while decorating).
 */
export function checkClassDecorations(cls: AnyClass): void {
  const injectRecord = getInjectRecord(cls);
  const annotations = getAnnotationsRecord(cls);
  if (!injectRecord && !annotations) return; // Nothing to check (the common case).
  const params = constructorParams(cls);
  if (!params) return; // MissingMetadataError is raised when the class is injected.
  const names = paramNames(params);
  if (injectRecord) {
    const listed = injectRecord.argNames ?? injectRecord.allExcept ?? [];
    for (const name of listed) {
      if (!names.includes(name)) throw new NoSuchArgError(name, `class ${className(cls)}`, injectRecord.location);
    }
    if (injectRecord.allExcept && names.every((n) => injectRecord.allExcept?.includes(n))) {
      throw new NoRemainingArgsToInjectError(`class ${className(cls)}`, injectRecord.location);
    }
  }
  for (const name of annotations?.byArg.keys() ?? []) {
    if (!names.includes(name))
      throw new NoSuchArgToInjectError(name, `class ${className(cls)}`, annotations?.location ?? '');
  }
}

/** `@annotateArg` on a method names parameters the method has. */
export function checkMethodAnnotations(cls: AnyClass, methodName: string, method: object): void {
  const annotations = getAnnotationsRecord(method);
  if (!annotations) return;
  const params = methodParams(cls, methodName);
  if (!params) return;
  const names = paramNames(params);
  for (const name of annotations.byArg.keys()) {
    if (!names.includes(name)) {
      throw new NoSuchArgToInjectError(name, `method ${className(cls)}.${methodName}`, annotations.location);
    }
  }
}
