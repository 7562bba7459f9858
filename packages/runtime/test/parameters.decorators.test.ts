import {
  annotateArg,
  DirectlyPassingInjectedArgsError,
  inject,
  NothingInjectableForArgError,
  newObjectGraph,
  OnlyInstantiableViaProviderFunctionError,
  PROTOTYPE,
} from '@pinion/runtime';
import { errorOf, LOCATION, specOf, where } from './support/assertions.js';

describe('annotated parameters are always injected (SPEC §5)', () => {
  it('injects a parameter with a default value when @annotateArg names it', () => {
    @annotateArg('port', 'http')
    class Server {
      constructor(readonly port = 80) {}
    }
    const graph = newObjectGraph({
      classes: [Server],
      bindingSpecs: [specOf((bind) => bind('port', { annotatedWith: 'http' }).toInstance(8080))],
    });
    expect(graph.provide(Server).port).toBe(8080);
  });

  it('injects an optional parameter when @annotateArg names it', () => {
    class Db {}
    @annotateArg('db', 'primary')
    class Repository {
      constructor(readonly db?: Db) {}
    }
    const primary = new Db();
    const graph = newObjectGraph({
      classes: [Db, Repository],
      bindingSpecs: [specOf((bind) => bind('db', { annotatedWith: 'primary' }).toInstance(primary))],
    });
    expect(graph.provide(Repository).db).toBe(primary);
  });

  it('raises NothingInjectableForArgError for an annotated default parameter with no binding, rather than keeping the default', () => {
    @annotateArg('port', 'http')
    class Server {
      constructor(readonly port = 80) {}
    }
    const graph = newObjectGraph({ classes: [Server] });
    const error = errorOf(() => graph.provide(Server));
    expect(error).toBeInstanceOf(NothingInjectableForArgError);
    expect(error.code).toBe('NOTHING_INJECTABLE_FOR_ARG');
    expect(error.message).toContain('"port" annotated with "http"');
    expect(error.message).toContain(`parameter port of class Server (${where(Server)})`);
    expect(error.message).toMatch(LOCATION);
  });

  it('gives an annotated provideFoo parameter a function that provides the annotated binding', () => {
    class Cache {}
    @annotateArg('provideCache', 'hot')
    class Service {
      constructor(readonly provideCache: () => Cache) {}
    }
    const hot = new Cache();
    const graph = newObjectGraph({
      classes: [Cache, Service],
      bindingSpecs: [specOf((bind) => bind('cache', { annotatedWith: 'hot' }).toInstance(hot))],
    });
    expect(graph.provide(Service).provideCache()).toBe(hot);
    expect(graph.get('cache')).not.toBe(hot);
  });
});

describe('partial injection with @inject({ argNames }) and @inject({ allExcept }) (SPEC §5)', () => {
  class Dep {}

  it('fills the parameters left out of argNames from the provider function’s arguments, in declaration order', () => {
    @inject({ argNames: ['dep'] })
    class Widget {
      constructor(
        readonly size: number,
        readonly dep: Dep,
        readonly color: string,
      ) {}
    }
    class Shop {
      constructor(readonly provideWidget: (size: number, color: string) => Widget) {}
    }
    const graph = newObjectGraph({
      classes: [Dep, Shop],
      bindingSpecs: [specOf((bind) => bind('widget').toClass(Widget, { inScope: PROTOTYPE }))],
    });
    const shop = graph.provide(Shop);
    const small = shop.provideWidget(3, 'red');
    const large = shop.provideWidget(9, 'blue');
    expect([small.size, small.color]).toEqual([3, 'red']);
    expect([large.size, large.color]).toEqual([9, 'blue']);
    expect(small.dep).toBe(graph.get('dep'));
    expect(large.dep).toBe(small.dep);
  });

  it('fills the parameters named in allExcept from the provider function’s arguments, in declaration order', () => {
    @inject({ allExcept: ['size', 'color'] })
    class Widget {
      constructor(
        readonly size: number,
        readonly dep: Dep,
        readonly color: string,
      ) {}
    }
    class Shop {
      constructor(readonly provideWidget: (size: number, color: string) => Widget) {}
    }
    const graph = newObjectGraph({ classes: [Dep, Widget, Shop] });
    const widget = graph.provide(Shop).provideWidget(5, 'green');
    expect([widget.size, widget.dep, widget.color]).toEqual([5, graph.get('dep'), 'green']);
  });

  it('raises DirectlyPassingInjectedArgsError naming the injected parameters when given more arguments than left-out parameters', () => {
    @inject({ argNames: ['dep'] })
    class Widget {
      constructor(
        readonly dep: Dep,
        readonly size: number,
      ) {}
    }
    class Shop {
      constructor(readonly provideWidget: (...args: unknown[]) => Widget) {}
    }
    const graph = newObjectGraph({ classes: [Dep, Widget, Shop] });
    const shop = graph.provide(Shop);
    const error = errorOf(() => shop.provideWidget(3, 'extra'));
    expect(error).toBeInstanceOf(DirectlyPassingInjectedArgsError);
    expect(error.code).toBe('DIRECTLY_PASSING_INJECTED_ARGS');
    expect(error.message).toContain(`class Widget (${where(Widget)})`);
    expect(error.message).toMatch(/injected parameters dep\b/);
    expect(error.message).toMatch(LOCATION);
    expect(shop.provideWidget(3).size).toBe(3);
  });

  describe('a class with parameters left to the caller can only be built through a provider function', () => {
    @inject({ argNames: ['dep'] })
    class Widget {
      constructor(
        readonly dep: Dep,
        readonly size: number,
      ) {}
    }

    it('raises OnlyInstantiableViaProviderFunctionError when it is injected into a parameter', () => {
      class Shop {
        constructor(readonly widget: Widget) {}
      }
      const graph = newObjectGraph({ classes: [Dep, Widget, Shop] });
      const error = errorOf(() => graph.provide(Shop));
      expect(error).toBeInstanceOf(OnlyInstantiableViaProviderFunctionError);
      expect(error.code).toBe('ONLY_INSTANTIABLE_VIA_PROVIDER_FUNCTION');
      expect(error.message).toContain(`class Widget (${where(Widget)})`);
      expect(error.message).toContain(`parameter widget of class Shop (${where(Shop)})`);
      expect(error.message).toMatch(/\bsize\b/);
    });

    it('raises OnlyInstantiableViaProviderFunctionError when it is provided or got directly from the graph', () => {
      const graph = newObjectGraph({ classes: [Dep, Widget] });
      for (const attempt of [() => graph.provide(Widget), () => graph.get('widget')]) {
        const error = errorOf(attempt);
        expect(error).toBeInstanceOf(OnlyInstantiableViaProviderFunctionError);
        expect(error.code).toBe('ONLY_INSTANTIABLE_VIA_PROVIDER_FUNCTION');
        expect(error.message).toContain(`class Widget (${where(Widget)})`);
        expect(error.message).toMatch(LOCATION);
      }
    });
  });
});
