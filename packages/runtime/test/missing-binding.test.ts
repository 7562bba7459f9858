/**
 * "Nothing injectable" says the cause and the fix (SPEC §8): the nearest binding names, a loaded
 * class that is not in the graph's classes, a declared type whose class never loaded.
 */
import { NothingInjectableForArgError, newObjectGraph } from '@pinion/runtime';
import type { PaymentGateway } from './fixtures/type-only/payment-gateway.js';
import { errorOf, expectPinionError } from './support/assertions.js';

// Module level: the transformer registers them, as it does users' classes.
class DatabaseConnection {}
class AuditLog {}

describe('NothingInjectableForArgError', () => {
  it('suggests the nearest binding names for a typo', () => {
    class ServiceA {
      constructor(readonly databaseConection: DatabaseConnection) {}
    }
    const graph = newObjectGraph({ classes: [ServiceA, DatabaseConnection, AuditLog] });
    expectPinionError(
      () => graph.provide(ServiceA),
      NothingInjectableForArgError,
      'NOTHING_INJECTABLE_FOR_ARG',
      'nothing injectable for "databaseConection", needed by parameter databaseConection of class ServiceA',
      'did you mean "databaseConnection"?',
    );
  });

  it('puts a name equal but for case first, and suggests nothing far away', () => {
    class ServiceB {
      constructor(readonly DatabaseConnection: unknown) {}
    }
    const graph = newObjectGraph({ classes: [ServiceB, DatabaseConnection, AuditLog] });
    const error = errorOf(() => graph.provide(ServiceB));
    expect(error.clues.nearest).toEqual(['databaseConnection']);
    expect(error.message).not.toContain('auditLog');
  });

  it('names a loaded class of that name that is not in the graph', () => {
    class ServiceC {
      constructor(readonly auditLog: AuditLog) {}
    }
    const graph = newObjectGraph({ classes: [ServiceC] });
    expectPinionError(
      () => graph.provide(ServiceC),
      NothingInjectableForArgError,
      'NOTHING_INJECTABLE_FOR_ARG',
      '"auditLog"',
      "class AuditLog (test/missing-binding.test.ts:11:7) has loaded but is not in this graph's classes: add it to newObjectGraph({ classes })",
    );
  });

  it('asks whether a declared type whose class never loaded was imported only as a type', () => {
    class Checkout {
      constructor(readonly paymentGateway: PaymentGateway) {}
    }
    const graph = newObjectGraph({ classes: [Checkout] });
    expectPinionError(
      () => graph.provide(Checkout),
      NothingInjectableForArgError,
      'NOTHING_INJECTABLE_FOR_ARG',
      '"paymentGateway"',
      "the parameter's type PaymentGateway names no class that has loaded: is it imported only as a type (`import type`",
      'Import the class as a value (`import { PaymentGateway } from …`)',
    );
  });

  it('gives the same clues in validate()', () => {
    class Checkout {
      constructor(readonly paymentGateway: PaymentGateway) {}
    }
    const graph = newObjectGraph({ classes: [Checkout] });
    const error = errorOf(() => graph.validate());
    expect(error.problems[0]).toBeInstanceOf(NothingInjectableForArgError);
    expect(error.message).toContain('imported only as a type');
  });

  it('says nothing of types when the declared type is a loaded class or a global', () => {
    class Reporter {
      constructor(
        readonly report: DatabaseConnection,
        readonly when: Date,
      ) {}
    }
    const graph = newObjectGraph({ classes: [Reporter] });
    const report = errorOf(() => graph.provide(Reporter));
    expect(report.clues.typeOnly).toBeUndefined();
    expect(report.message).not.toContain('only as a type');
  });
});
