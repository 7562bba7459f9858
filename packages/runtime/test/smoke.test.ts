import { BindingSpec, newObjectGraph, PROTOTYPE, CyclicInjectionError, NothingInjectableForArgError, provides, inject } from '@pinion/runtime';

describe('smoke', () => {
  it('wires by name, singletons shared', () => {
    class DatabaseConnection {}
    class ServiceA { constructor(readonly databaseConnection: DatabaseConnection) {} }
    class ServiceB { constructor(readonly databaseConnection: DatabaseConnection) {} }
    const graph = newObjectGraph({ classes: [DatabaseConnection, ServiceA, ServiceB] });
    const a = graph.provide(ServiceA);
    const b = graph.provide(ServiceB);
    expect(a.databaseConnection).toBeInstanceOf(DatabaseConnection);
    expect(a.databaseConnection).toBe(b.databaseConnection);
    expect(graph.provide(ServiceA)).toBe(a);
    expect(graph.get('databaseConnection')).toBe(a.databaseConnection);
  });
  it('spec with provider methods, prototype', () => {
    class RequestHandler {}
    class WebService { constructor(readonly requestHandler: RequestHandler, readonly port: number, readonly greeting: string) {} }
    class Spec extends BindingSpec {
      configure(bind: any) { bind('requestHandler').toClass(RequestHandler, { inScope: PROTOTYPE }); bind('port').toInstance(8080); }
      provideName() { return 'bob'; }
      @provides('greeting', { inScope: PROTOTYPE })
      makeGreeting(name: string) { return `hello ${name}`; }
    }
    const graph = newObjectGraph({ classes: [RequestHandler, WebService], bindingSpecs: [new Spec()] });
    const w1 = graph.provide(WebService);
    expect(w1.port).toBe(8080);
    expect(w1.greeting).toBe('hello bob');
    expect(graph.get('requestHandler')).not.toBe(graph.get('requestHandler'));
  });
  it('cycles', () => {
    class A { constructor(readonly b: unknown) {} }
    class B { constructor(readonly a: A) {} }
    const graph = newObjectGraph({ classes: [A, B] });
    expect(() => graph.provide(A)).toThrow(CyclicInjectionError);
    try { graph.provide(A) } catch (e: any) { console.log(e.message) }
    expect(() => graph.get('nope')).toThrow(NothingInjectableForArgError);
  });
  it('deep chain', () => {
    const classes: any[] = [];
    for (let i = 0; i < 10000; i++) {
      classes.push(new Function(`return class C${i} { constructor(n) { this.next = n } static inject = [${i === 9999 ? '' : `'c${i + 1}'`}] }`)());
    }
    const graph = newObjectGraph({ classes });
    let x: any = graph.provide(classes[0]);
    let n = 0; while (x) { n++; x = x.next; }
    expect(n).toBe(10000);
  });
  it('partial injection', () => {
    class Dep {}
    @inject({ argNames: ['dep'] })
    class Widget { constructor(readonly dep: Dep, readonly size: number) {} }
    class User { constructor(readonly provideWidget: (size: number) => Widget) {} }
    const graph = newObjectGraph({ classes: [Dep, Widget, User] });
    const u = graph.provide(User);
    const w = u.provideWidget(3);
    expect(w.size).toBe(3);
    expect(w.dep).toBeInstanceOf(Dep);
  });
});
