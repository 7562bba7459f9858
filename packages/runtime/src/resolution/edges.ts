/**
 * Lookup and edges, the first steps of planning: the binding a key names (or the error for its
 * absence or ambiguity), and how each parameter of a binding's constructor or provider method is
 * filled (`Edge`s), read from class metadata and decoration records, or from the facts kept about
 * the class (see kept-walks.ts).
 */
import type { Binding } from '../bindings/binding-table.js';
import { BindingKey } from '../core/binding-key.js';
import {
  AmbiguousArgNameError,
  MissingMetadataError,
  NothingInjectableForArgError,
  UninjectableParameterError,
} from '../core/errors.js';
import { type AnyClass, getClassMetadata, type ParamMetadata } from '../metadata/class-metadata.js';
import { constructorParams, methodParams } from '../metadata/class-params.js';
import { getAnnotationsRecord, recordsWritten } from '../metadata/decorator-records.js';
import { describeClass } from '../metadata/locations.js';
import { missingBindingClues } from '../metadata/missing-binding.js';
import type { ResolverOptions } from './context.js';
import { type ClassFacts, copyEdges, isBareClass, keepFacts, keepsFacts, keptFacts } from './kept-walks.js';
import { type Edge, injectedParamNames, injectsEveryParam, type Site } from './plan.js';

/**
 * The binding of `key`, or the error for its absence or ambiguity; `site` asked for it.
 * `declaredType`: the type the asking parameter declares, for the message's clues.
 */
export function lookUp(options: ResolverOptions, key: BindingKey, site: Site, declaredType?: string): Binding {
  const table = options.table;
  const found = table.lookup(key.name, key.annotation);
  if (!found) {
    const graph = {
      names: () => Array.from(table.all(), (b) => b.key.name),
      namesOfClass: (c: AnyClass) => table.namesOfClass(c),
    };
    throw new NothingInjectableForArgError(key.toString(), site(), missingBindingClues(key.name, graph, declaredType));
  }
  if ('ambiguous' in found) {
    throw new AmbiguousArgNameError(
      key.toString(),
      site(),
      found.ambiguous.map((b) => b.description),
    );
  }
  return found.binding;
}

/** How each parameter of the binding's constructor or provider method is filled; `site` needs the binding. */
export function edgesOf(options: ResolverOptions, binding: Binding, site: Site): Edge[] {
  const target = binding.target;
  if (target.kind === 'class') {
    const cls = target.cls;
    const kept = keptFacts(options, binding, cls);
    if (kept !== undefined) return copyEdges(kept.edges);
    const records = recordsWritten();
    const params = constructorParams(cls);
    if (!params) throw new MissingMetadataError(describeClass(cls), site());
    const injected = injectedParamNames(cls, params);
    const edges = edgesFor(options, params, getAnnotationsRecord(cls)?.byArg, injected, () => describeClass(cls), site);
    // Parameters from the transformer's metadata never change; `static inject` or a base class's
    // may, and so may the absence of both for a class the metadata gives no constructor.
    const metadata = getClassMetadata(cls);
    const leaf = metadata !== undefined && metadata.params === undefined && params.length === 0 && isBareClass(cls);
    if (keepsFacts(options) && (leaf || (metadata !== undefined && metadata.params === params))) {
      const facts: ClassFacts = {
        recordsWhenRead: records,
        edges: copyEdges(edges),
        injectsEveryParam: injectsEveryParam(cls),
        bareLeaf: leaf,
      };
      keepFacts(binding, cls, facts);
    }
    return edges;
  }
  if (target.kind === 'method') {
    const method = (target.spec as unknown as Record<string, object>)[target.methodName];
    const params = methodParams(target.owner, target.methodName);
    if (!params) throw new MissingMetadataError(describeClass(target.owner), site());
    return edgesFor(options, params, getAnnotationsRecord(method)?.byArg, undefined, () => binding.description, site);
  }
  return [];
}

function edgesFor(
  options: ResolverOptions,
  params: readonly ParamMetadata[],
  annotations: ReadonlyMap<string, unknown> | undefined,
  injected: ReadonlySet<string> | undefined,
  owner: () => string,
  site: Site,
): Edge[] {
  const edges: Edge[] = [];
  for (const [position, param] of params.entries()) {
    const name = param.name;
    if (param.kind === 'rest') break;
    if (injected && (name === undefined || !injected.has(name))) {
      edges.push({ kind: 'direct', param: name ?? `#${position + 1}` });
      continue;
    }
    if (name === undefined) throw new UninjectableParameterError(owner(), position, site());
    const annotation = annotations?.get(name);
    if ((param.kind === 'default' || param.kind === 'optional') && !annotations?.has(name)) {
      edges.push({ kind: 'keepDefault' });
      continue;
    }
    const provided = options.getArgNamesFromProviderFnName(name);
    if (provided.length > 0) {
      edges.push({ kind: 'providerFn', key: new BindingKey(provided[0], annotation), param: name });
    } else {
      const type = param.type;
      edges.push({ kind: 'binding', key: new BindingKey(name, annotation), param: name, type, target: undefined });
    }
  }
  return edges;
}
