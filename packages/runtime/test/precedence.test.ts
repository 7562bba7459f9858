import {
  AmbiguousArgNameError,
  type Bind,
  BindingSpec,
  ConflictingExplicitBindingsError,
  inject,
  newObjectGraph,
  PinionError,
  provides,
} from '@pinion/runtime';
import { errorOf, LOCATION } from './support/assertions.js';

/** A place in this package's test files, as Pinion's messages give it. */

type PinionErrorClass = abstract new (...args: never[]) => PinionError;

/** Asserts the error's class, its `code`, a source location and every fragment the message must name; returns the message. */
function expectPinionError(
  fn: () => unknown,
  errorClass: PinionErrorClass,
  code: string,
  ...mentions: (string | RegExp)[]
): string {
  const error = errorOf(fn);
  expect(error).toBeInstanceOf(errorClass);
  expect(error).toBeInstanceOf(PinionError);
  const { code: actualCode, message } = error as PinionError;
  expect(actualCode).toBe(code);
  expect(message).toMatch(LOCATION);
  for (const mention of mentions) {
    if (typeof mention === 'string') expect(message).toContain(mention);
    else expect(message).toMatch(mention);
  }
  return message;
}

/** `class Db (test/precedence.test.ts:12:11)`: a class named with its location in this file. */
const located = (name: string) => new RegExp(`class ${name} \\(test/precedence\\.test\\.ts:\\d+:\\d+\\)`, 'g');

describe('SPEC §5 precedence of bindings', () => {
  describe('explicit bindings beat implicit ones', () => {
    class Db {}
    class FakeDb {}
    class Repo {
      constructor(readonly db: Db) {}
    }

    it('injects the explicit binding, not the class of the same name', () => {
      class Spec extends BindingSpec {
        configure(bind: Bind) {
          bind('db').toClass(FakeDb);
        }
      }
      const graph = newObjectGraph({ classes: [Db, FakeDb, Repo], bindingSpecs: [new Spec()] });

      expect(graph.provide(Repo).db).toBeInstanceOf(FakeDb);
      expect(graph.get('db')).toBeInstanceOf(FakeDb);
      // `provide(Db)` finds no binding of `db` targeting Db, so it builds Db directly: new each call.
      expect(graph.provide(Db)).toBeInstanceOf(Db);
      expect(graph.provide(Db)).not.toBe(graph.provide(Db));
    });

    it('counts provider methods as explicit', () => {
      class Spec extends BindingSpec {
        provideDb() {
          return 'db from a provider method';
        }
      }
      const graph = newObjectGraph({ classes: [Db, Repo], bindingSpecs: [new Spec()] });

      expect(graph.provide(Repo).db).toBe('db from a provider method');
    });

    it('clears the ambiguity of two implicit bindings of the same key', () => {
      const FirstDb = class Db {};
      const SecondDb = class Db {};
      class Spec extends BindingSpec {
        configure(bind: Bind) {
          bind('db').toClass(SecondDb);
        }
      }
      const graph = newObjectGraph({ classes: [FirstDb, SecondDb, Repo], bindingSpecs: [new Spec()] });

      expect(graph.provide(Repo).db).toBeInstanceOf(SecondDb);
    });

    it('counts @inject classes as explicit', () => {
      @inject()
      class Mailer {}
      const ImplicitMailer = class Mailer {};
      class Outbox {
        constructor(readonly mailer: Mailer) {}
      }
      const graph = newObjectGraph({ classes: [ImplicitMailer, Mailer, Outbox] });

      expect(graph.provide(Outbox).mailer).toBeInstanceOf(Mailer);
      expect(graph.provide(Outbox).mailer).not.toBeInstanceOf(ImplicitMailer);
    });
  });

  describe('two implicit bindings of one key are ambiguous only when that key is injected', () => {
    const FirstDb = class Db {};
    const SecondDb = class Db {};
    class Clock {}
    class Repo {
      constructor(readonly db: unknown) {}
    }
    const graph = () => newObjectGraph({ classes: [FirstDb, SecondDb, Clock, Repo] });

    it('creates the graph, and provides what does not need the key', () => {
      const g = graph();

      expect(g.get('clock')).toBeInstanceOf(Clock);
    });

    it('raises AmbiguousArgNameError when injected, listing both classes with their locations', () => {
      const message = expectPinionError(
        () => graph().provide(Repo),
        AmbiguousArgNameError,
        'AMBIGUOUS_ARG_NAME',
        '"db"',
        'parameter db of class Repo (test/precedence.test.ts:',
      );
      expect(message.match(located('Db'))).toHaveLength(2);
    });

    it('raises it for graph.get too, with both candidates', () => {
      const error = errorOf(() => graph().get('db')) as AmbiguousArgNameError;

      expect(error).toBeInstanceOf(AmbiguousArgNameError);
      expect(error.code).toBe('AMBIGUOUS_ARG_NAME');
      expect(error.message).toContain('"db"');
      expect(error.message.match(located('Db'))).toHaveLength(2);
    });
  });

  describe('two explicit bindings of one key are ConflictingExplicitBindingsError at graph creation', () => {
    it('for two bind() calls, naming both call sites', () => {
      class FirstSpec extends BindingSpec {
        configure(bind: Bind) {
          bind('port').toInstance(80);
        }
      }
      class SecondSpec extends BindingSpec {
        configure(bind: Bind) {
          bind('port').toInstance(8080);
        }
      }

      const message = expectPinionError(
        () => newObjectGraph({ classes: [], bindingSpecs: [new FirstSpec(), new SecondSpec()] }),
        ConflictingExplicitBindingsError,
        'CONFLICTING_EXPLICIT_BINDINGS',
        '"port"',
      );
      expect(message.match(/bind\("port"\) at [\w./-]*test\/precedence\.test\.ts:\d+:\d+/g)).toHaveLength(2);
    });

    it('for bind() and a provider method', () => {
      class Spec extends BindingSpec {
        configure(bind: Bind) {
          bind('port').toInstance(80);
        }
        providePort() {
          return 8080;
        }
      }

      expectPinionError(
        () => newObjectGraph({ classes: [], bindingSpecs: [new Spec()] }),
        ConflictingExplicitBindingsError,
        'CONFLICTING_EXPLICIT_BINDINGS',
        '"port"',
        'bind("port") at ',
        'Spec.providePort (test/precedence.test.ts:',
      );
    });

    it('for a provideX method and an @provides method of the same name', () => {
      class Spec extends BindingSpec {
        providePort() {
          return 80;
        }
        @provides('port')
        httpPort() {
          return 8080;
        }
      }

      expectPinionError(
        () => newObjectGraph({ classes: [], bindingSpecs: [new Spec()] }),
        ConflictingExplicitBindingsError,
        'CONFLICTING_EXPLICIT_BINDINGS',
        '"port"',
        'Spec.providePort',
        'Spec.httpPort',
      );
    });

    it('for an @inject class and a bind() of its name', () => {
      @inject()
      class Mailer {}
      class FakeMailer {}
      class Spec extends BindingSpec {
        configure(bind: Bind) {
          bind('mailer').toClass(FakeMailer);
        }
      }

      expectPinionError(
        () => newObjectGraph({ classes: [Mailer], bindingSpecs: [new Spec()] }),
        ConflictingExplicitBindingsError,
        'CONFLICTING_EXPLICIT_BINDINGS',
        '"mailer"',
        'class Mailer (test/precedence.test.ts:',
        'bind("mailer") at ',
      );
    });

    it('for two @inject classes of the same name', () => {
      @inject()
      class Mailer {}
      const SecondMailer = (() => {
        @inject()
        class Mailer {}
        return Mailer;
      })();

      const message = expectPinionError(
        () => newObjectGraph({ classes: [Mailer, SecondMailer] }),
        ConflictingExplicitBindingsError,
        'CONFLICTING_EXPLICIT_BINDINGS',
        '"mailer"',
      );
      expect(message.match(located('Mailer'))).toHaveLength(2);
    });

    it('but not for explicit bindings of the same name under different annotations', () => {
      class Spec extends BindingSpec {
        configure(bind: Bind) {
          bind('port').toInstance(80);
          bind('port', { annotatedWith: 'tls' }).toInstance(443);
        }
      }
      const graph = newObjectGraph({ classes: [], bindingSpecs: [new Spec()] });

      expect(graph.get('port')).toBe(80);
      expect(graph.get('port', { annotatedWith: 'tls' })).toBe(443);
    });
  });
});
