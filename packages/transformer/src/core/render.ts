import { type ClassMetadata, METADATA_KEY, REGISTRY_KEY } from './metadata.js';

/**
 * Source text of the class element the transformer appends to a class body. It stores the
 * metadata as an own, non-enumerable property keyed by `Symbol.for('pinion.metadata')` and, for
 * classes defined once per module load, adds the class to the global registry. No import needed,
 * and every name is a string, so minifiers keep it.
 */
export function renderStaticBlock(metadata: ClassMetadata, register: boolean): string {
  const define = `Object.defineProperty(this, Symbol.for(${JSON.stringify(METADATA_KEY)}), { value: ${renderValue(metadata)} });`;
  const push = register ? ` (globalThis[Symbol.for(${JSON.stringify(REGISTRY_KEY)})] ||= []).push(this);` : '';
  return `; static { ${define}${push} }`;
}

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
