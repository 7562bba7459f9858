import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { messageOf } from './report.js';

/** What a module's trailing `sourceMappingURL` comment says, and the code without it. */
export interface IncomingSourceMap {
  /** The code with the comment removed (the same lines: only the comment's text goes). */
  code: string;
  /** The map as JSON text; `undefined` when the code names none. */
  map: string | undefined;
  /** Why a map the code names could not be read (the module is annotated without it). */
  problem?: string;
}

/**
 * The last `//# sourceMappingURL=…` (or `/*# … *\/`) comment, when nothing but blank lines and
 * other line comments follow it: where compilers put it (tsx, esbuild, tsc, Babel). One inside a
 * string literal further up is never taken for it.
 */
const TRAILING_COMMENT =
  /(\/\/[#@][ \t]+sourceMappingURL=([^\s'"`]+)[ \t]*|\/\*[#@][ \t]+sourceMappingURL=([^\s*'"`]+)[ \t]*\*\/[ \t]*)(?:\r?\n[ \t]*(?:\/\/(?![#@][ \t]+sourceMappingURL=)[^\n]*)?)*\s*$/;

/**
 * Reads the source map a module arrived with: an inline `data:` URL (tsx, esbuild's `inline`) or a
 * file next to it (tsc's `sourceMap`), resolved against the module's own path.
 */
export function readIncomingSourceMap(code: string, path: string): IncomingSourceMap {
  const match = TRAILING_COMMENT.exec(code);
  if (!match) return { code, map: undefined };
  const url = match[2] ?? match[3];
  const withoutComment = code.slice(0, match.index) + code.slice(match.index + match[1].length);
  try {
    return { code: withoutComment, map: readMapUrl(url, path) };
  } catch (error) {
    const problem = `its source map ${shorten(url)} could not be read (${messageOf(error)})`;
    return { code: withoutComment, map: undefined, problem };
  }
}

function readMapUrl(url: string, path: string): string {
  if (url.startsWith('data:')) return decodeDataUrl(url);
  const resolved = new URL(url, pathToFileURL(path));
  if (resolved.protocol !== 'file:') throw new Error(`only data: and file URLs are read, not ${resolved.protocol}`);
  return readFileSync(fileURLToPath(resolved), 'utf8');
}

function decodeDataUrl(url: string): string {
  const comma = url.indexOf(',');
  if (comma < 0) throw new Error('a data: URL without a comma');
  const header = url.slice(5, comma);
  const body = url.slice(comma + 1);
  return /;base64$/i.test(header) ? Buffer.from(body, 'base64').toString('utf8') : decodeURIComponent(body);
}

function shorten(url: string): string {
  return url.length > 60 ? `${url.slice(0, 57)}...` : url;
}

/**
 * Appends `map` as an inline `data:` URL, which Node reads with `--enable-source-maps` (and when
 * tsx turns source maps on), so stack traces name the original source's lines.
 */
export function withInlineSourceMap(code: string, map: string | object): string {
  const json = typeof map === 'string' ? map : JSON.stringify(map);
  const base64 = Buffer.from(json, 'utf8').toString('base64');
  const separator = code.endsWith('\n') ? '' : '\n';
  return `${code}${separator}//# sourceMappingURL=data:application/json;charset=utf-8;base64,${base64}\n`;
}
