/**
 * Every error Pinion raises (SPEC §8). Each has a stable `code` and a message built from the binding
 * keys, classes and source locations involved. Errors thrown by user code (constructors,
 * providers, disposers) are never wrapped in these.
 */

/** Base class of every Pinion error. */
export abstract class PinionError extends Error {
  /** Stable identifier, e.g. `NOTHING_INJECTABLE_FOR_ARG`. */
  abstract readonly code: string;

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    // Each subclass names itself with a string literal too: a minifier renames classes.
    this.name = 'PinionError';
  }
}

/** `provideDb` for `db`: the parameter that would inject a provider function of it (SPEC §3). */
const providerParameter = (name = 'x') => `provide${name.charAt(0).toUpperCase()}${name.slice(1)}`;
const list = (items: readonly string[]) => items.map((item) => `\n  ${item}`).join('');
const at = (location: string | undefined) => (location === undefined ? '' : ` (given at ${location})`);

// ---- raised at graph creation --------------------------------------------------------------

/** Two explicit bindings (bind, provider methods, `@inject` classes) for one key. */
export class ConflictingExplicitBindingsError extends PinionError {
  override readonly name = 'ConflictingExplicitBindingsError';
  readonly code = 'CONFLICTING_EXPLICIT_BINDINGS';
  constructor(
    readonly bindingKey: string,
    readonly bindings: readonly string[],
  ) {
    super(`multiple explicit bindings for ${bindingKey}:${list(bindings)}`);
  }
}

/** A `require()`d key is provided only by several implicit bindings, so it is ambiguous. */
export class ConflictingRequiredBindingError extends PinionError {
  override readonly name = 'ConflictingRequiredBindingError';
  readonly code = 'CONFLICTING_REQUIRED_BINDING';
  constructor(
    readonly bindingKey: string,
    readonly requiredAt: string,
    readonly bindings: readonly string[],
  ) {
    super(`binding required at ${requiredAt} for ${bindingKey} is ambiguous; it could be any of:${list(bindings)}`);
  }
}

/** A `require()`d key has no binding at all. */
export class MissingRequiredBindingError extends PinionError {
  override readonly name = 'MissingRequiredBindingError';
  readonly code = 'MISSING_REQUIRED_BINDING';
  constructor(
    readonly bindingKey: string,
    readonly requiredAt: string,
  ) {
    super(`at ${requiredAt}, a binding is required for ${bindingKey}, but no such binding was ever created`);
  }
}

/** A binding spec with neither a `configure` method nor a provider method. */
export class EmptyBindingSpecError extends PinionError {
  override readonly name = 'EmptyBindingSpecError';
  readonly code = 'EMPTY_BINDING_SPEC';
  constructor(readonly spec: string) {
    super(`binding spec ${spec} must have a configure() method or a provider method, but has neither`);
  }
}

/** A binding names a scope id that `idToScope` does not define. */
export class UnknownScopeError extends PinionError {
  override readonly name = 'UnknownScopeError';
  readonly code = 'UNKNOWN_SCOPE';
  constructor(
    readonly scopeId: string,
    readonly where: string,
    hint = 'define it in newObjectGraph({ idToScope })',
    /** The binding that names the scope, when a binding does. */
    readonly bindingKey?: string,
  ) {
    super(
      `unknown scope ${scopeId} in ${bindingKey === undefined ? '' : `the binding ${bindingKey}, `}${where}; ${hint}`,
    );
  }
}

/** `idToScope` tries to redefine `SINGLETON` or `PROTOTYPE`. */
export class OverridingDefaultScopeError extends PinionError {
  override readonly name = 'OverridingDefaultScopeError';
  readonly code = 'OVERRIDING_DEFAULT_SCOPE';
  constructor(
    readonly scopeId: string,
    /** Where `newObjectGraph` was called: the only place in the user's code an option has. */
    readonly location?: string,
  ) {
    super(`idToScope${at(location)} cannot override the default scope ${scopeId}`);
  }
}

/** `toClass` given something that is not a class, `toProvider` something that is not a function. */
export class InvalidBindingTargetError extends PinionError {
  override readonly name = 'InvalidBindingTargetError';
  readonly code = 'INVALID_BINDING_TARGET';
  constructor(
    readonly bindingKey: string,
    readonly location: string,
    expected: string,
    actual: string,
  ) {
    super(`${bindingKey} cannot be bound at ${location}: expected ${expected}, got ${actual}`);
  }
}

/** `bind(name)` never followed by `.toClass` / `.toInstance` / `.toProvider` / `.toScopeValue`. */
export class NoBindingTargetError extends PinionError {
  override readonly name = 'NoBindingTargetError';
  readonly code = 'NO_BINDING_TARGET';
  constructor(
    readonly bindingKey: string,
    readonly location: string,
  ) {
    super(
      `bind(${bindingKey}) at ${location} has no target: call .toClass(), .toInstance(), .toProvider() or .toScopeValue()`,
    );
  }
}

/** One `bind(name)` given two targets. */
export class MultipleBindingTargetsError extends PinionError {
  override readonly name = 'MultipleBindingTargetsError';
  readonly code = 'MULTIPLE_BINDING_TARGETS';
  constructor(
    readonly bindingKey: string,
    readonly location: string,
    targets: readonly string[],
  ) {
    super(`bind(${bindingKey}) at ${location} was given several targets: ${targets.join(', ')}; give exactly one`);
  }
}

/** An option or argument of the wrong type. */
export class WrongArgTypeError extends PinionError {
  override readonly name = 'WrongArgTypeError';
  readonly code = 'WRONG_ARG_TYPE';
  constructor(
    readonly argName: string,
    expected: string,
    actual: string,
    /** Where the user called `newObjectGraph` / `provide` / `get` / `validate`. */
    readonly location?: string,
  ) {
    super(`wrong type for ${argName}${at(location)}: expected ${expected} but got ${actual}`);
  }
}

/** An element of an array option of the wrong type. */
export class WrongArgElementTypeError extends PinionError {
  override readonly name = 'WrongArgElementTypeError';
  readonly code = 'WRONG_ARG_ELEMENT_TYPE';
  constructor(
    readonly argName: string,
    readonly index: number,
    expected: string,
    actual: string,
    /** Where the user called `newObjectGraph`. */
    readonly location?: string,
  ) {
    super(`wrong type for element ${index} of ${argName}${at(location)}: expected ${expected} but got ${actual}`);
  }
}

// ---- raised when decorating -----------------------------------------------------------------

/** `@provides()` with nothing to say. */
export class EmptyProvidesDecoratorError extends PinionError {
  override readonly name = 'EmptyProvidesDecoratorError';
  readonly code = 'EMPTY_PROVIDES_DECORATOR';
  constructor(
    readonly target: string,
    readonly location: string,
  ) {
    super(`@provides() on ${target} at ${location} needs a binding name, annotatedWith or inScope`);
  }
}

/** `@inject` given both `argNames` and `allExcept`. */
export class TooManyArgsToInjectDecoratorError extends PinionError {
  override readonly name = 'TooManyArgsToInjectDecoratorError';
  readonly code = 'TOO_MANY_ARGS_TO_INJECT_DECORATOR';
  constructor(
    readonly target: string,
    readonly location: string,
  ) {
    super(`@inject() on ${target} at ${location} takes argNames or allExcept, not both`);
  }
}

/** `@inject({ argNames: [] })` or `@inject({ allExcept: [] })`. */
export class EmptySequenceArgError extends PinionError {
  override readonly name = 'EmptySequenceArgError';
  readonly code = 'EMPTY_SEQUENCE_ARG';
  constructor(
    readonly argName: string,
    readonly target: string,
    readonly location: string,
  ) {
    super(`${argName} given to the decorator on ${target} at ${location} is empty; leave it out instead`);
  }
}

/** `@inject({ argNames | allExcept })` names a constructor parameter that does not exist (as in Pinject). */
export class NoSuchArgError extends PinionError {
  override readonly name = 'NoSuchArgError';
  readonly code = 'NO_SUCH_ARG';
  constructor(
    readonly argName: string,
    readonly target: string,
    readonly location: string,
  ) {
    super(`cannot inject ${JSON.stringify(argName)} into ${target} at ${location}: no such parameter`);
  }
}

/** `@annotateArg` names a parameter the function does not have. */
export class NoSuchArgToInjectError extends PinionError {
  override readonly name = 'NoSuchArgToInjectError';
  readonly code = 'NO_SUCH_ARG_TO_INJECT';
  constructor(
    readonly argName: string,
    readonly target: string,
    readonly location: string,
  ) {
    super(`cannot annotate ${JSON.stringify(argName)} at ${location}: ${target} has no such parameter`);
  }
}

/** `@inject({ allExcept })` leaves no parameter to inject. */
export class NoRemainingArgsToInjectError extends PinionError {
  override readonly name = 'NoRemainingArgsToInjectError';
  readonly code = 'NO_REMAINING_ARGS_TO_INJECT';
  constructor(
    readonly target: string,
    readonly location: string,
  ) {
    super(`@inject({ allExcept }) at ${location} leaves no parameter of ${target} to inject`);
  }
}

/** Two `@annotateArg` for one parameter. */
export class MultipleAnnotationsForSameArgError extends PinionError {
  override readonly name = 'MultipleAnnotationsForSameArgError';
  readonly code = 'MULTIPLE_ANNOTATIONS_FOR_SAME_ARG';
  constructor(
    readonly argName: string,
    readonly target: string,
    readonly location: string,
  ) {
    super(`multiple annotations for parameter ${JSON.stringify(argName)} of ${target} at ${location}`);
  }
}

/** The same Pinion decorator twice on one class or method. */
export class DuplicateDecoratorError extends PinionError {
  override readonly name = 'DuplicateDecoratorError';
  readonly code = 'DUPLICATE_DECORATOR';
  constructor(
    readonly decorator: string,
    readonly target: string,
    readonly location: string,
  ) {
    super(`@${decorator} is applied more than once to ${target} (at ${location})`);
  }
}

// ---- raised while providing -----------------------------------------------------------------

/** No binding, explicit or implicit, for an injected name. */
export class NothingInjectableForArgError extends PinionError {
  override readonly name = 'NothingInjectableForArgError';
  readonly code = 'NOTHING_INJECTABLE_FOR_ARG';
  constructor(
    readonly bindingKey: string,
    readonly injectionSite: string,
    /** Nearest names and the cause Pinion could see. */
    readonly clues: MissingBindingClues = { nearest: [] },
  ) {
    const hints: string[] = [];
    if (clues.nearest.length > 0)
      hints.push(`did you mean ${clues.nearest.map((n) => JSON.stringify(n)).join(' or ')}?`);
    if (clues.loadedElsewhere !== undefined) {
      hints.push(
        `${clues.loadedElsewhere} has loaded but is not in this graph's classes: add it to newObjectGraph({ classes })`,
      );
    }
    if (clues.typeOnly !== undefined) {
      hints.push(
        `the parameter's type ${clues.typeOnly} names no class that has loaded: is it imported only as a type (\`import type\`, which verbatimModuleSyntax asks for), so that its module never runs? Import the class as a value (\`import { ${clues.typeOnly} } from …\`), import its module for its side effects (\`import '…'\`), or pass it in newObjectGraph({ classes })`,
      );
    }
    super(`nothing injectable for ${bindingKey}, needed by ${injectionSite}${hints.map((h) => `;\n  ${h}`).join('')}`);
  }
}

/** What a "nothing injectable" message says besides the missing key: its nearest names and cause. */
export interface MissingBindingClues {
  /** The nearest binding names, closest first. */
  readonly nearest: readonly string[];
  /** A loaded class that stands for the missing name but is not among the graph's classes. */
  readonly loadedElsewhere?: string;
  /** The parameter's declared type, when it names no class that has loaded. */
  readonly typeOnly?: string;
}

/** Several implicit bindings (classes of the same derived name) and no explicit one. */
export class AmbiguousArgNameError extends PinionError {
  override readonly name = 'AmbiguousArgNameError';
  readonly code = 'AMBIGUOUS_ARG_NAME';
  constructor(
    readonly bindingKey: string,
    readonly injectionSite: string,
    readonly candidates: readonly string[],
  ) {
    super(
      `when injecting ${injectionSite}, ${bindingKey} ambiguously refers to any of:${list(candidates)}\nbind it explicitly to choose one`,
    );
  }
}

/** A dependency cycle; `path` is the whole cycle, first binding repeated at the end. */
export class CyclicInjectionError extends PinionError {
  override readonly name = 'CyclicInjectionError';
  readonly code = 'CYCLIC_INJECTION';
  /** Each step of the cycle, its class or provider with its location; the first again at the end. */
  readonly path: readonly string[];
  /** The binding keys of the steps, in the same order. */
  readonly bindingKeys: readonly string[];
  constructor(steps: readonly CycleStep[]) {
    const lines = steps.map((step, i) => {
      const line = `${step.bindingKey}: ${step.binding}`;
      return step.param !== undefined && i < steps.length - 1 ? `${line}, whose parameter ${step.param} needs` : line;
    });
    // One edge turned into a provider function breaks the cycle: name the last one known.
    const edge = steps.findLast((step, i) => step.param !== undefined && i < steps.length - 1);
    const hint =
      edge?.param === undefined
        ? 'break the cycle by injecting a provider function (a parameter named provideX) on one edge and calling it when the object is needed'
        : `break the cycle by injecting a provider function on one edge: in ${edge.binding}, take the parameter ${providerParameter(edge.param)} instead of ${edge.param} and call it when the object is needed`;
    super(`cyclic injection:${list(lines)}\n${hint}`);
    this.path = steps.map((step) => step.binding);
    this.bindingKeys = steps.map((step) => step.bindingKey);
  }
}

/** One step of a cycle: a binding, and the parameter by which it needs the next step's. */
export interface CycleStep {
  readonly bindingKey: string;
  /** Its class or provider, with its location. */
  readonly binding: string;
  readonly param?: string;
}

/** `isScopeUsableFromScope(inner, outer)` refused an edge. */
export class BadDependencyScopeError extends PinionError {
  override readonly name = 'BadDependencyScopeError';
  readonly code = 'BAD_DEPENDENCY_SCOPE';
  constructor(
    readonly bindingKey: string,
    readonly innerScope: string,
    readonly outerScope: string,
    readonly injectionSite: string,
    /**
     * Under the safe default (no `isScopeUsableFromScope` given): the chain from the object
     * outside frames to the context-scoped one, each step its binding key, scope and class.
     */
    readonly path?: readonly string[],
    /** The captured binding's name, which names the provider function that would fix it. */
    bindingName?: string,
  ) {
    super(
      path === undefined
        ? `when injecting ${injectionSite}: ${bindingKey} is in scope ${innerScope}, which is not usable from scope ${outerScope}`
        : `when injecting ${injectionSite}: ${bindingKey} is in the context scope ${innerScope}, and an object in scope ${outerScope} would keep the first frame's object for ever:${list(path)}\n` +
            `inject a provider function instead (a parameter named ${providerParameter(bindingName)}, called when the object is needed, gives the current frame's), move the requester into a context scope, or allow it with newObjectGraph({ isScopeUsableFromScope: () => true }) as in Pinject`,
    );
  }
}

/** A provider returned `null` or `undefined` and `allowInjectingNull` is off. */
export class InjectingNullDisallowedError extends PinionError {
  override readonly name = 'InjectingNullDisallowedError';
  readonly code = 'INJECTING_NULL_DISALLOWED';
  constructor(
    readonly bindingKey: string,
    readonly provider: string,
    value: null | undefined,
  ) {
    super(`cannot inject ${value} for ${bindingKey} (from ${provider}) because allowInjectingNull is false`);
  }
}

/** `provide(C)` under `onlyUseExplicitBindings` for a class not marked `@inject`. */
export class NonExplicitlyBoundClassError extends PinionError {
  override readonly name = 'NonExplicitlyBoundClassError';
  readonly code = 'NON_EXPLICITLY_BOUND_CLASS';
  constructor(readonly cls: string) {
    super(`cannot provide ${cls}: it is not marked @inject and onlyUseExplicitBindings is true`);
  }
}

/** A class with parameters left to the caller (`@inject({ argNames | allExcept })`) injected directly. */
export class OnlyInstantiableViaProviderFunctionError extends PinionError {
  override readonly name = 'OnlyInstantiableViaProviderFunctionError';
  readonly code = 'ONLY_INSTANTIABLE_VIA_PROVIDER_FUNCTION';
  constructor(
    readonly cls: string,
    readonly directParams: readonly string[],
    readonly injectionSite: string,
  ) {
    super(
      `${cls}, needed by ${injectionSite}, can only be built through a provider function, since its parameters ${directParams.join(', ')} are not injected`,
    );
  }
}

/** A provider function was given more direct arguments than there are non-injected parameters. */
export class DirectlyPassingInjectedArgsError extends PinionError {
  override readonly name = 'DirectlyPassingInjectedArgsError';
  readonly code = 'DIRECTLY_PASSING_INJECTED_ARGS';
  constructor(
    readonly target: string,
    readonly injectedParams: readonly string[],
  ) {
    super(
      `too many arguments passed to the provider function of ${target}: they would replace the injected parameters ${injectedParams.join(', ')}`,
    );
  }
}

/** A class with constructor parameters that the transformer never saw. */
export class MissingMetadataError extends PinionError {
  override readonly name = 'MissingMetadataError';
  readonly code = 'MISSING_METADATA';
  constructor(
    readonly cls: string,
    readonly injectionSite: string,
  ) {
    super(
      `${cls}, needed by ${injectionSite}, has constructor parameters but no Pinion metadata: the transformer is not configured for the file that declares it.\n` +
        'Configure @pinion/transformer in your build: a bundler plugin (Vite/Vitest: pinionVite() from @pinion/transformer/vite; ' +
        'esbuild: pinionEsbuild(); also /rollup, /rolldown, /webpack, /rspack, /bun); Node without a build: ' +
        'node --import @pinion/transformer/register; Jest: transform with @pinion/transformer/jest; ' +
        'tsc (TypeScript 7 included): run `pinion-annotate <outDir>` after it. ' +
        "Or name the parameters by hand with `static inject = ['a', 'b']`",
    );
  }
}

/** A destructured constructor parameter has no name to inject by. */
export class UninjectableParameterError extends PinionError {
  override readonly name = 'UninjectableParameterError';
  readonly code = 'UNINJECTABLE_PARAMETER';
  constructor(
    readonly target: string,
    readonly position: number,
    readonly injectionSite: string,
  ) {
    super(
      `parameter ${position + 1} of ${target}, needed by ${injectionSite}, is destructured and so has no name to inject by; give it a name, or build the object in a provider method`,
    );
  }
}

/** A context-scoped binding requested with no frame of that scope open. */
export class OutOfScopeError extends PinionError {
  override readonly name = 'OutOfScopeError';
  readonly code = 'OUT_OF_SCOPE';
  constructor(
    readonly bindingKey: string,
    /** The scope as messages show it (`"request"`), or `of ContextScope` for a scope used outside a graph. */
    readonly scopeId: string,
    cause: OutOfScopeCause,
  ) {
    super(`${bindingKey} is in scope ${scopeId}, ${outOfScopeDetail(scopeId, cause)}`);
  }
}

/** Why a context-scoped binding has no object here: the facts `OutOfScopeError` words. */
export type OutOfScopeCause =
  /** No frame of the binding's scope is open; `keyed`: a `KeyedScope`, whose frames need a key. */
  | { readonly kind: 'noFrame'; readonly binding: string; readonly keyed: boolean }
  /** The same, for a scope object used through the `Scope` interface outside a graph. */
  | { readonly kind: 'noFrameOutsideGraph' }
  /** A `toScopeValue` binding whose scope has no frames at all. */
  | { readonly kind: 'valueWithoutFrames'; readonly binding: string }
  /** The active frame supplies no value of that name. */
  | { readonly kind: 'noValue'; readonly binding: string; readonly valueName: string };

function outOfScopeDetail(id: string, cause: OutOfScopeCause): string {
  switch (cause.kind) {
    case 'noFrame': {
      const key = cause.keyed ? ', { key }' : '';
      return `but no frame of scope ${id} is active (${cause.binding}): open one with graph.runInScope(${id}, fn${key}) or \`using frame = graph.enterScope(${id}${key})\``;
    }
    case 'noFrameOutsideGraph':
      return 'but no frame of that scope is active: open one with graph.runInScope(scopeId, fn)';
    case 'valueWithoutFrames':
      return `whose values come from an open frame (${cause.binding}), but no frame of scope ${id} is active: open one with graph.runInScope(${id}, fn, { values }) on a ContextScope or KeyedScope`;
    case 'noValue':
      return `whose value comes from the frame's values (${cause.binding}), but the active frame of scope ${id} has no value ${JSON.stringify(cause.valueName)}: pass it with graph.runInScope(${id}, fn, { values: { ${safeProperty(cause.valueName)}: … } })`;
  }
}

/** `user` as it may stand in an object literal. */
function safeProperty(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name);
}

/** Synchronous `provide`/`get` of something that needs an async provider. */
export class AsyncProviderError extends PinionError {
  override readonly name = 'AsyncProviderError';
  readonly code = 'ASYNC_PROVIDER';
  constructor(
    readonly bindingKey: string,
    readonly provider: string,
  ) {
    super(
      `${bindingKey} comes from the async provider ${provider}: provide it with graph.provideAsync() or graph.getAsync() (synchronous provide can use an async singleton only once it has been created)`,
    );
  }
}

/**
 * A singleton was requested while `graph.dispose()` was disposing the graph's singletons: it is
 * neither handed out (it is being disposed) nor created (nothing would dispose it).
 */
export class GraphDisposingError extends PinionError {
  override readonly name = 'GraphDisposingError';
  readonly code = 'GRAPH_DISPOSING';
  constructor(
    readonly bindingKey: string,
    readonly binding: string,
  ) {
    super(
      `${bindingKey} (${binding}) was requested while graph.dispose() was disposing the graph's singletons: wait for dispose() to settle (singletons requested after it are created anew), or end the frames and work that use the graph before disposing it`,
    );
  }
}

/** A synchronously ended frame holds objects that can only be disposed asynchronously. */
export class AsyncDisposalRequiredError extends PinionError {
  override readonly name = 'AsyncDisposalRequiredError';
  readonly code = 'ASYNC_DISPOSAL_REQUIRED';
  constructor(
    readonly disposal: Promise<void>,
    what: string,
    /** The binding keys of the objects that need async disposal, last created first. */
    readonly bindings: readonly string[] = [],
  ) {
    super(
      `${what} holds objects that can only be disposed asynchronously${bindings.length > 0 ? ` (${bindings.join(', ')})` : ''}; use \`await using\` or an async function`,
    );
  }
}

/** Everything `validate()` found, each problem its own Pinion error. */
export class GraphValidationError extends PinionError {
  override readonly name = 'GraphValidationError';
  readonly code = 'GRAPH_VALIDATION';
  constructor(readonly problems: readonly PinionError[]) {
    super(
      `the object graph has ${problems.length} problem${problems.length === 1 ? '' : 's'}:${list(problems.map((p) => `${p.code}: ${p.message.replace(/\n/g, '\n    ')}`))}`,
    );
  }
}

/**
 * A frame of a context scope was opened on a JavaScript runtime without `AsyncLocalStorage` (a
 * browser, say): frames follow the async context, which only that API can track.
 */
export class AsyncContextUnavailableError extends PinionError {
  override readonly name = 'AsyncContextUnavailableError';
  readonly code = 'ASYNC_CONTEXT_UNAVAILABLE';
  constructor() {
    super(
      'context scopes (graph.runInScope, graph.enterScope) need AsyncLocalStorage, which this JavaScript runtime does not provide: run them on Node >= 20.16, Deno, Bun, or Cloudflare Workers with the nodejs_als or nodejs_compat flag; singleton, PROTOTYPE and custom scopes need nothing of it',
    );
  }
}
