import { type ClassMetadata, METADATA_KEY, type ParamMetadata, REGISTRY_KEY } from './metadata.js';

/**
 * What the transform inserts (SPEC §2). Each class gets one class element before its closing `}`:
 *
 *     ; static { __pinion(this, { name: …, params: […], location: {…} }, 1); }
 *
 * and the file gets one function, appended on a line of its own, which every such block calls:
 * function declarations are hoisted, so it exists before the first class is defined. It depends
 * on no name that user code can shadow — `Object` and `Symbol` are reached through `{}` and `[]`,
 * and the registry of module-level classes is kept on `Object` instead of `globalThis` — and its
 * own name is chosen so that nothing in the file uses it. The metadata is an own, non-enumerable
 * property keyed by `Symbol.for("pinion.metadata")`.
 *
 * A class decorator may replace the class; the static block then runs with `this` bound to the
 * replacement (typically `class extends C`), which may hold metadata of its own already: the
 * metadata then goes to the first class up its prototype chain that has none, which is `C`.
 */
export function renderHelper(name: string): string {
  return (
    `function ${name}(c, m, r) { var o = {}.constructor, f = o.getPrototypeOf(o), ` +
    `s = o.getOwnPropertySymbols([].constructor.prototype)[0].constructor, k = s.for(${JSON.stringify(METADATA_KEY)}), t = c; ` +
    `while (t !== f && o.hasOwn(t, k)) t = o.getPrototypeOf(t); ` +
    `if (t !== f) o.defineProperty(t, k, { value: m }); ` +
    `if (r) { k = s.for(${JSON.stringify(REGISTRY_KEY)}); (o.hasOwn(o, k) ? o[k] : o.defineProperty(o, k, { value: [] })[k]).push(c); } }`
  );
}

/** The class element for one class; `register` adds it to the registry of module-level classes. */
export function renderStaticBlock(helper: string, metadata: ClassMetadata, register: boolean): string {
  return `; static { ${helper}(this, ${renderMetadata(metadata)}${register ? ', 1' : ''}); }`;
}

/** The helper's name: `__pinion`, or `__pinion2`, `__pinion3`, … when the file already uses it. */
export function helperNameFor(code: string): string {
  if (!code.includes(HELPER_PREFIX)) return HELPER_PREFIX;
  for (let n = 2; ; n++) {
    const name = `${HELPER_PREFIX}${n}`;
    if (!new RegExp(`${name}(?![\\w$])`).test(code)) return name;
  }
}

const HELPER_PREFIX = '__pinion';
/** Names the transform gives its helper; how a second pass recognises its own work. */
export const HELPER_NAME = /^__pinion\d*$/;

/**
 * The metadata as an object literal: names as string literals (so minifiers keep them), an own
 * `__proto__` method name as a computed key (a literal one would set the prototype), and U+2028 and
 * U+2029, line terminators to JavaScript that JSON leaves raw, escaped. Written out field by field:
 * this runs for every class of every build.
 */
function renderMetadata(metadata: ClassMetadata): string {
  const { file, line, column } = metadata.location;
  let text = `{ name: ${renderString(metadata.name)}`;
  if (metadata.params) text += `, params: ${renderParams(metadata.params)}`;
  text += `, location: { file: ${renderString(file)}, line: ${line}, column: ${column} }`;
  if (metadata.methods) {
    const methods = Object.keys(metadata.methods).map(
      (name) => `${renderKey(name)}: ${renderParams((metadata.methods as Record<string, ParamMetadata[]>)[name])}`,
    );
    text += `, methods: { ${methods.join(', ')} }`;
  }
  return `${text} }`;
}

function renderParams(params: readonly ParamMetadata[]): string {
  const rendered = params.map((p) => {
    const name = p.name === undefined ? '' : `name: ${renderString(p.name)}, `;
    const type = p.type === undefined ? '' : `, type: ${renderString(p.type)}`;
    return `{ ${name}kind: "${p.kind}"${type} }`;
  });
  return `[${rendered.join(', ')}]`;
}

function renderKey(key: string): string {
  if (key === '__proto__') return '["__proto__"]';
  return /^[A-Za-z_$][\w$]*$/.test(key) ? key : renderString(key);
}

function renderString(value: string): string {
  const json = JSON.stringify(value);
  return json.includes('\u2028') || json.includes('\u2029')
    ? json.replace(/[\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`)
    : json;
}
