/**
 * The resolution engine's facade, `Resolver`: the public API the graph calls (`provide`, `get`,
 * their async forms, `validate`, `disposeSingletons`), the plan maps of its fast paths, and the
 * state every step shares (`ResolutionContext`: options, plans, singleton cells, disposal). The
 * pipeline, and the file that holds each step:
 *
 *   lookup ──► walk ──► edges ──► checks ──► compile ──► resolve
 *   edges.ts   walk.ts  edges.ts  checks.ts  compile.ts  plan.resolve / plan.resolveAsync:
 *                        │                      │          compile.ts (throughScope, sync),
 *                  kept-walks.ts          construct.ts     async-plans.ts, deep.ts,
 *               (kept between graphs)   provider-functions.ts   codegen.ts (hot plans)
 *
 * Shared vocabulary (Edge, Plan, Cell, Site…) is in plan.ts; shared state and the one way to
 * fill a singleton's cell in context.ts.
 */
import type { Binding } from '../bindings/binding-table.js';
import { BindingKey } from '../core/binding-key.js';
import type { PinionError } from '../core/errors.js';
import { UNSCOPED } from '../core/scope-ids.js';
import { disposeAsync, throwCollected } from '../lifetime/disposal.js';
import type { AnyClass } from '../metadata/class-metadata.js';
import { checkNotPartial, checkScopeEdge } from './checks.js';
import type { ResolutionContext, ResolverOptions } from './context.js';
import { lookUp } from './edges.js';
import { getSite, type Plan } from './plan.js';
import { planBinding, planRootClass, validate } from './walk.js';

export type { ResolverOptions } from './context.js';
export { everyScopeIsUsable, type Plan } from './plan.js';

/**
 * The resolution engine: looks bindings up, compiles plans (checking edges, scopes and cycles
 * iteratively, so 10,000-deep chains are fine) and resolves them.
 */
export class Resolver {
  /** @internal `provide(cls)`'s plans, read directly by the graph's fast path. */
  readonly rootPlans = new Map<AnyClass, Plan>();
  /** @internal `get(name)`'s plans without an annotation, read directly by the graph's fast path. */
  readonly plainNamePlans = new Map<string, Plan>();
  /** `get(name, { annotatedWith })`, by name, then annotation. */
  private readonly namePlans = new Map<string, Map<unknown, Plan>>();
  /** What every step of resolution shares for this graph. */
  private readonly context: ResolutionContext;

  constructor(options: ResolverOptions) {
    const context: ResolutionContext = {
      options,
      plans: new Map(),
      singletons: new Map(),
      disposables: { owned: undefined },
      activeProviderCalls: [],
      contextReach: new Map(),
      disposing: false,
      planBinding: (binding: Binding, site) => planBinding(context, binding, site),
    };
    this.context = context;
  }

  /** `graph.provide(cls)`; `where` tells where the user called it, for messages. */
  provide(cls: AnyClass, where?: () => string): unknown {
    return (this.rootPlans.get(cls) ?? this.newRootPlan(cls, where)).resolve();
  }

  /** `graph.provideAsync(cls)`: a value or a promise. */
  provideAsync(cls: AnyClass, where?: () => string): unknown {
    return (this.rootPlans.get(cls) ?? this.newRootPlan(cls, where)).resolveAsync();
  }

  /** `graph.get(name, { annotatedWith })`; `where` tells where the user called it, for messages. */
  get(name: string, annotation?: unknown, where?: () => string): unknown {
    return this.namePlan(name, annotation, where).resolve();
  }

  /** `graph.getAsync(name, { annotatedWith })`: a value or a promise. */
  getAsync(name: string, annotation?: unknown, where?: () => string): unknown {
    return this.namePlan(name, annotation, where).resolveAsync();
  }

  /**
   * Walks every binding and root without building anything, and returns every problem found
   * instead of stopping at the first.
   */
  validate(roots: readonly AnyClass[]): PinionError[] {
    return validate(this.context, roots);
  }

  /**
   * Runs `first` (the graph clears its keyed scopes), then disposes the singletons in reverse
   * creation order once the creations in flight have arrived. From the call until it settles, no
   * singleton is handed out or created (`GraphDisposingError`); later requests create them anew.
   */
  disposeSingletons(first: () => Promise<void>): Promise<void> {
    const context = this.context;
    context.disposing = true;
    const cells = [...context.singletons.values()];
    for (const cell of cells) {
      cell.done = false;
      cell.value = undefined;
    }
    const errors: unknown[] = [];
    const collect = (error: unknown) => {
      errors.push(error);
    };
    return (async () => {
      try {
        await first().catch(collect);
        await Promise.allSettled(cells.map((cell) => cell.pending));
        await disposeAsync(context.disposables).catch(collect);
      } finally {
        context.disposing = false;
      }
      throwCollected(errors, `disposal failed in ${errors.length} places`);
    })();
  }

  private namePlan(name: string, annotation: unknown, where?: () => string): Plan {
    const known = annotation === undefined ? this.plainNamePlans.get(name) : this.namePlans.get(name)?.get(annotation);
    return known ?? this.newNamePlan(name, annotation, where);
  }

  private newRootPlan(cls: AnyClass, where?: () => string): Plan {
    const plan = planRootClass(this.context, cls, where);
    this.rootPlans.set(cls, plan);
    return plan;
  }

  private newNamePlan(name: string, annotation: unknown, where?: () => string): Plan {
    const options = this.context.options;
    const key = new BindingKey(name, annotation);
    const site = getSite(key, where);
    const binding = lookUp(options, key, site);
    checkScopeEdge(options, binding, UNSCOPED, site);
    checkNotPartial(options, binding, site);
    const plan = planBinding(this.context, binding, site);
    if (annotation === undefined) {
      this.plainNamePlans.set(name, plan);
      return plan;
    }
    let byAnnotation = this.namePlans.get(name);
    if (!byAnnotation) {
      byAnnotation = new Map();
      this.namePlans.set(name, byAnnotation);
    }
    byAnnotation.set(annotation, plan);
    return plan;
  }
}
