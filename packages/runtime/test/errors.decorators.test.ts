/**
 * SPEC §8: the errors raised when decorating. Runs with standard decorators and with
 * `experimentalDecorators`. Each check asserts the error's class, that it is a `PinionError`, its
 * stable `code`, and that the message names the decorated class or method and the decorator's
 * `file.ts:line:col` location. The one check standard decorators cannot make while decorating (a
 * method's `@annotateArg` needs the method's parameter names, which a standard method decorator
 * cannot reach) is made when a graph takes the spec.
 */
import {
  annotateArg,
  BindingSpec,
  DuplicateDecoratorError,
  EmptyProvidesDecoratorError,
  EmptySequenceArgError,
  inject,
  MultipleAnnotationsForSameArgError,
  NoRemainingArgsToInjectError,
  NoSuchArgError,
  NoSuchArgToInjectError,
  newObjectGraph,
  PinionError,
  provides,
  TooManyArgsToInjectDecoratorError,
} from '@pinion/runtime';
import { errorOf } from './support/assertions.js';

/** Where the decorator was called, as Pinion's messages give it. */
const LOCATION = /test\/errors\.decorators\.test\.ts:\d+:\d+/;

type PinionErrorClass<E extends PinionError> = abstract new (...args: never[]) => E;

/** Which decorators this run compiles with: a standard class decorator gets a context object. */
let standardDecorators = false;
function detectDecorators(_target: unknown, context?: unknown): void {
  standardDecorators = typeof context === 'object' && context !== null && 'kind' in context;
}
@detectDecorators
class DecoratorsProbe {}
void DecoratorsProbe;

/** What `fn` threw; fails the test when it throws nothing. */

/**
 * Asserts that `error` is a `errorClass` and a `PinionError` with `code`, and that its message
 * names a location in this file and every one of `mentions`.
 */
function expectPinionError<E extends PinionError>(
  error: unknown,
  errorClass: PinionErrorClass<E>,
  code: string,
  ...mentions: string[]
): E {
  expect(error).toBeInstanceOf(errorClass);
  expect(error).toBeInstanceOf(PinionError);
  const pinionError = error as E;
  expect(pinionError.code).toBe(code);
  expect(pinionError.message).toMatch(LOCATION);
  for (const mention of mentions) expect(pinionError.message).toContain(mention);
  return pinionError;
}

describe('errors raised when decorating (when the class is defined)', () => {
  it('EmptyProvidesDecoratorError: @provides() with no name, annotatedWith or inScope', () => {
    for (const define of [
      () => {
        class GreetingSpec extends BindingSpec {
          @provides()
          makeGreeting() {
            return 'hello';
          }
        }
        return GreetingSpec;
      },
      () => {
        class GreetingSpec extends BindingSpec {
          @provides({})
          makeGreeting() {
            return 'hello';
          }
        }
        return GreetingSpec;
      },
    ]) {
      const error = expectPinionError(
        errorOf(define),
        EmptyProvidesDecoratorError,
        'EMPTY_PROVIDES_DECORATOR',
        '@provides() on method makeGreeting at ',
        'needs a binding name, annotatedWith or inScope',
      );
      expect(error.location).toMatch(LOCATION);
    }
  });

  it('TooManyArgsToInjectDecoratorError: @inject given both argNames and allExcept', () => {
    const error = expectPinionError(
      errorOf(() => {
        @inject({ argNames: ['palette'], allExcept: ['size'] })
        class Widget {
          constructor(
            readonly palette: unknown,
            readonly size: number,
          ) {}
        }
        return Widget;
      }),
      TooManyArgsToInjectDecoratorError,
      'TOO_MANY_ARGS_TO_INJECT_DECORATOR',
      '@inject() on class Widget at ',
      'argNames or allExcept, not both',
    );
    expect(error.target).toBe('class Widget');
  });

  it('EmptySequenceArgError: @inject({ argNames: [] }) or @inject({ allExcept: [] })', () => {
    const emptyArgNames = expectPinionError(
      errorOf(() => {
        @inject({ argNames: [] })
        class Widget {
          constructor(readonly size: number) {}
        }
        return Widget;
      }),
      EmptySequenceArgError,
      'EMPTY_SEQUENCE_ARG',
      'argNames given to the decorator on class Widget at ',
    );
    expect(emptyArgNames.argName).toBe('argNames');
    const emptyAllExcept = expectPinionError(
      errorOf(() => {
        @inject({ allExcept: [] })
        class Gadget {
          constructor(readonly size: number) {}
        }
        return Gadget;
      }),
      EmptySequenceArgError,
      'EMPTY_SEQUENCE_ARG',
      'allExcept given to the decorator on class Gadget at ',
    );
    expect(emptyAllExcept.argName).toBe('allExcept');
  });

  it('NoSuchArgError: @inject names a constructor parameter that does not exist', () => {
    for (const define of [
      () => {
        @inject({ argNames: ['colour'] })
        class Widget {
          constructor(readonly size: number) {}
        }
        return Widget;
      },
      () => {
        @inject({ allExcept: ['colour'] })
        class Widget {
          constructor(readonly size: number) {}
        }
        return Widget;
      },
    ]) {
      const error = expectPinionError(
        errorOf(define),
        NoSuchArgError,
        'NO_SUCH_ARG',
        'cannot inject "colour" into class Widget at ',
        'no such parameter',
      );
      expect(error.argName).toBe('colour');
    }
  });

  it('NoRemainingArgsToInjectError: @inject({ allExcept }) leaves nothing to inject', () => {
    expectPinionError(
      errorOf(() => {
        @inject({ allExcept: ['palette', 'size'] })
        class Widget {
          constructor(
            readonly palette: unknown,
            readonly size: number,
          ) {}
        }
        return Widget;
      }),
      NoRemainingArgsToInjectError,
      'NO_REMAINING_ARGS_TO_INJECT',
      '@inject({ allExcept }) at ',
      'leaves no parameter of class Widget to inject',
    );
  });

  it('NoSuchArgToInjectError: a class @annotateArg names a constructor parameter that does not exist', () => {
    const error = expectPinionError(
      errorOf(() => {
        @annotateArg('databse', 'primary')
        class Repository {
          constructor(readonly database: unknown) {}
        }
        return Repository;
      }),
      NoSuchArgToInjectError,
      'NO_SUCH_ARG_TO_INJECT',
      'cannot annotate "databse" at ',
      'class Repository has no such parameter',
    );
    expect(error.argName).toBe('databse');
  });

  it("NoSuchArgToInjectError: a method's @annotateArg names a parameter the method does not have", () => {
    let defined = 0;
    const define = () => {
      class GreetingSpec extends BindingSpec {
        @annotateArg('nmae', 'en')
        provideGreeting(name: string) {
          return `hello ${name}`;
        }
      }
      defined++;
      return GreetingSpec;
    };
    const expectNoSuchArgToInject = (error: unknown) =>
      expectPinionError(
        error,
        NoSuchArgToInjectError,
        'NO_SUCH_ARG_TO_INJECT',
        'cannot annotate "nmae" at ',
        'method GreetingSpec.provideGreeting has no such parameter',
      );
    // Either way, nothing gets past a graph taking the spec.
    expectNoSuchArgToInject(errorOf(() => newObjectGraph({ classes: [], bindingSpecs: [new (define())()] })));
    if (standardDecorators) {
      // A standard method decorator cannot reach its class's parameter names: the class is
      // defined, and the graph that takes the spec refuses it.
      const GreetingSpec = define();
      expect(defined).toBe(2);
      expectNoSuchArgToInject(errorOf(() => newObjectGraph({ classes: [], bindingSpecs: [new GreetingSpec()] })));
    } else {
      // experimentalDecorators see the class: it is refused while it is being defined.
      expect(defined).toBe(0);
      expectNoSuchArgToInject(errorOf(define));
      expect(defined).toBe(0);
    }
  });

  it('MultipleAnnotationsForSameArgError: two @annotateArg for one parameter, on a class or on a method', () => {
    expectPinionError(
      errorOf(() => {
        @annotateArg('database', 'primary')
        @annotateArg('database', 'replica')
        class Repository {
          constructor(readonly database: unknown) {}
        }
        return Repository;
      }),
      MultipleAnnotationsForSameArgError,
      'MULTIPLE_ANNOTATIONS_FOR_SAME_ARG',
      'multiple annotations for parameter "database" of class Repository at ',
    );
    expectPinionError(
      errorOf(() => {
        class GreetingSpec extends BindingSpec {
          @annotateArg('name', 'en')
          @annotateArg('name', 'fr')
          provideGreeting(name: string) {
            return `hello ${name}`;
          }
        }
        return GreetingSpec;
      }),
      MultipleAnnotationsForSameArgError,
      'MULTIPLE_ANNOTATIONS_FOR_SAME_ARG',
      'multiple annotations for parameter "name" of method provideGreeting at ',
    );
  });

  it('DuplicateDecoratorError: the same Pinion decorator twice on one class or method', () => {
    const onClass = expectPinionError(
      errorOf(() => {
        @inject()
        @inject()
        class Widget {}
        return Widget;
      }),
      DuplicateDecoratorError,
      'DUPLICATE_DECORATOR',
      '@inject is applied more than once to class Widget (at ',
    );
    expect(onClass.decorator).toBe('inject');
    const onMethod = expectPinionError(
      errorOf(() => {
        class GreetingSpec extends BindingSpec {
          @provides('greeting')
          @provides('salutation')
          makeGreeting() {
            return 'hello';
          }
        }
        return GreetingSpec;
      }),
      DuplicateDecoratorError,
      'DUPLICATE_DECORATOR',
      '@provides is applied more than once to method makeGreeting (at ',
    );
    expect(onMethod.decorator).toBe('provides');
  });

  it('a class defined with sound decorators raises nothing', () => {
    @inject({ argNames: ['palette'] })
    @annotateArg('palette', 'dark')
    class Widget {
      constructor(
        readonly palette: unknown,
        readonly size: number,
      ) {}
    }
    class PaletteSpec extends BindingSpec {
      @provides('palette', { annotatedWith: 'dark' })
      @annotateArg('name', 'dark')
      makePalette(name: string) {
        return { name };
      }
      @provides('name', { annotatedWith: 'dark' })
      makeDarkName() {
        return 'midnight';
      }
    }
    const graph = newObjectGraph({ classes: [Widget], bindingSpecs: [new PaletteSpec()] });
    expect(graph.get('palette', { annotatedWith: 'dark' })).toEqual({ name: 'midnight' });
  });
});
