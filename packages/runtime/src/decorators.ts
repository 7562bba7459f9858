import type { AnyClass } from './class-metadata.js';
import { constructorParams, methodParams, paramNames } from './class-params.js';
import {
  getAnnotationsRecord,
  getInjectRecord,
  getProvidesRecord,
  setAnnotationsRecord,
  setInjectRecord,
  setProvidesRecord,
} from './decorations.js';
import {
  DuplicateDecoratorError,
  EmptyProvidesDecoratorError,
  EmptySequenceArgError,
  MultipleAnnotationsForSameArgError,
  NoRemainingArgsToInjectError,
  NoSuchArgError,
  NoSuchArgToInjectError,
  TooManyArgsToInjectDecoratorError,
} from './errors.js';
import { callSite, className } from './locations.js';
import type { ScopeId } from './scopes/scope.js';

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
  const name = typeof nameOrOptions === 'string' ? nameOrOptions : undefined;
  const options = (typeof nameOrOptions === 'object' ? nameOrOptions : maybeOptions) ?? {};
  const empty = name === undefined && options.annotatedWith === undefined && options.inScope === undefined;
  return (target, context, descriptor) => {
    const method = isStandardContext(context) ? target : descriptor?.value;
    const methodName = isStandardContext(context) ? String(context.name) : String(context);
    // Raised when applied rather than when called, so the message can name the method.
    if (empty) throw new EmptyProvidesDecoratorError(`method ${methodName}`, location);
    if (getProvidesRecord(method)) throw new DuplicateDecoratorError('provides', `method ${methodName}`, location);
    setProvidesRecord(method, { name, annotatedWith: options.annotatedWith, inScope: options.inScope, location });
    return isStandardContext(context) ? undefined : descriptor;
  };
}

/**
 * Class decorator: marks the class explicitly injectable (an explicit binding, and what
 * `onlyUseExplicitBindings` asks for). With `argNames` or `allExcept`, the parameters left out
 * are passed by the caller through a provider function: `provideFoo(a, b)`.
 */
export function inject(options: InjectOptions = {}): PinionDecorator {
  const location = callSite(inject);
  return (target: AnyClass, context?: unknown) => {
    // Raised when applied rather than when called, so the message can name the class.
    const described = `class ${className(target)}`;
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

/**
 * Injects the named parameter from the binding with this annotation. On a class it applies to
 * the constructor; on a binding-spec method, to that method's parameters.
 */
export function annotateArg(argName: string, annotation: unknown): PinionDecorator {
  const location = callSite(annotateArg);
  return (target, context, descriptor) => {
    const standard = isStandardContext(context);
    const isClass = standard ? context.kind === 'class' : descriptor === undefined && typeof target === 'function';
    const holder = isClass ? target : standard ? target : descriptor?.value;
    const existing = getAnnotationsRecord(holder);
    if (existing?.byArg.has(argName)) {
      const name = standard ? String(context.name) : String(context);
      const annotated = isClass ? `class ${className(target)}` : `method ${name}`;
      throw new MultipleAnnotationsForSameArgError(argName, annotated, location);
    }
    const record = existing ?? { byArg: new Map(), location };
    record.byArg.set(argName, annotation);
    setAnnotationsRecord(holder, record); // written again when it grows: caches of records see the change
    if (isClass) whenClassIsDefined(target, context, () => checkClassDecorations(target));
    else if (!standard) checkMethodAnnotations(target.constructor, String(context), holder);
    return standard || isClass ? undefined : descriptor;
  };
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
      if (!names.includes(name))
        throw new NoSuchArgToInjectError(name, `class ${className(cls)}`, injectRecord.location);
    }
    if (injectRecord.allExcept && names.every((n) => injectRecord.allExcept?.includes(n))) {
      throw new NoRemainingArgsToInjectError(`class ${className(cls)}`, injectRecord.location);
    }
  }
  for (const name of annotations?.byArg.keys() ?? []) {
    if (!names.includes(name)) throw new NoSuchArgError(name, `class ${className(cls)}`, annotations?.location ?? '');
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
      throw new NoSuchArgError(name, `method ${className(cls)}.${methodName}`, annotations.location);
    }
  }
}
