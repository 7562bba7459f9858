import { type ClassMetadata, METADATA_KEY, REGISTRY_KEY } from './metadata.js';

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
  return `; static { ${helper}(this, ${renderValue(metadata)}${register ? ', 1' : ''}); }`;
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

function renderKey(key: string): string {
  if (key === '__proto__') return '["__proto__"]';
  return /^[A-Za-z_$][\w$]*$/.test(key) ? key : renderValue(key);
}

/**
 * JSON-like, except that an own `__proto__` key becomes a computed key (a literal one would set the
 * prototype), and U+2028/U+2029, line terminators to JavaScript that JSON leaves raw, are escaped.
 */
function renderValue(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(renderValue).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${renderKey(k)}: ${renderValue(v)}`);
    return `{ ${entries.join(', ')} }`;
  }
  return JSON.stringify(value).replace(/[\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
}
