import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A source map as JSON holds it (version 3). */
export interface EncodedSourceMap {
  version: 3;
  file?: string;
  sourceRoot?: string;
  sources: (string | null)[];
  sourcesContent?: (string | null)[];
  names: string[];
  mappings: string;
}

/** The source map an emitted file links to, read and made ready to be chained. */
export interface LinkedSourceMap {
  /** The map, its sources made absolute paths (so they no longer depend on where the map lies). */
  map: EncodedSourceMap;
  /** The map's own file, or `undefined` when it is inline (a `data:` URL in the comment). */
  mapFile: string | undefined;
  /** Whether the map carried its sources' text: the chained map carries it only then. */
  hadSourcesContent: boolean;
  /** `sourceRoot` to write back: a URL is kept (its sources name no file here), `""` too. */
  sourceRoot: string | undefined;
}

/** `//# sourceMappingURL=…` (or the old `//@`), the last one in the file. */
const MAPPING_URL = /\/\/[#@][ \t]+sourceMappingURL=([^\s'"]+)[ \t]*$/gm;
const DATA_URL = /^data:[^,]*?(;base64)?,(.*)$/s;
const URL_SCHEME = /^[a-z][a-z\d+.-]+:/i;

/**
 * The source map `code` (the text of `jsFile`) links to, or `undefined` when it links to none.
 * Throws when the link leads nowhere or to something that is not a source map.
 */
export function readLinkedSourceMap(jsFile: string, code: string): LinkedSourceMap | undefined {
  const url = lastMappingUrl(code)?.url;
  if (url === undefined) return undefined;
  const data = DATA_URL.exec(url);
  let text: string;
  let mapFile: string | undefined;
  if (data) {
    text = data[1] ? Buffer.from(data[2], 'base64').toString('utf8') : decodeURIComponent(data[2]);
  } else {
    mapFile = url.startsWith('file:') ? fileURLToPath(url) : resolve(dirname(jsFile), decodeURIComponent(url));
    if (!existsSync(mapFile)) throw new Error(`its source map ${url} does not exist`);
    text = readFileSync(mapFile, 'utf8');
  }
  const parsed = JSON.parse(text) as Partial<EncodedSourceMap>;
  if (parsed.version !== 3 || !Array.isArray(parsed.sources) || typeof parsed.mappings !== 'string') {
    throw new Error(`its source map ${mapFile ? url : '(inline)'} is not a version 3 source map`);
  }
  const map = parsed as EncodedSourceMap;
  const mapDir = dirname(mapFile ?? jsFile);
  const sourceRoot = map.sourceRoot || undefined;
  if (sourceRoot !== undefined && URL_SCHEME.test(sourceRoot) && !sourceRoot.startsWith('file:')) {
    // Sources under a web URL name no file here: nothing to resolve, everything to keep.
    return { map, mapFile, hadSourcesContent: Array.isArray(map.sourcesContent), sourceRoot };
  }
  const base = toPath(sourceRoot ?? '', mapDir);
  return {
    map: { ...map, sourceRoot: undefined, sources: map.sources.map((source) => source && toPath(source, base)) },
    mapFile,
    hadSourcesContent: Array.isArray(map.sourcesContent),
    // tsc writes `"sourceRoot": ""`; a path root is folded into the sources, which are rewritten.
    sourceRoot: map.sourceRoot === '' ? '' : undefined,
  };
}

/**
 * Writes `chained` (the map of the annotated `code` back to the original sources) where the old map
 * was: over its file, or inline in place of the old `data:` URL. Returns the code to write, whose
 * `sourceMappingURL` comment is kept (and updated when inline).
 */
export function writeChainedSourceMap(
  jsFile: string,
  code: string,
  linked: LinkedSourceMap,
  chained: EncodedSourceMap,
): string {
  const mapDir = dirname(linked.mapFile ?? jsFile);
  const sources = chained.sources.map((source) => {
    if (source === null || (URL_SCHEME.test(source) && !isAbsolute(source))) return source;
    const path = resolve(dirname(jsFile), source);
    const rel = relative(mapDir, path);
    return sep === '/' ? rel : rel.split(sep).join('/');
  });
  // Key order and `sourceRoot` as tsc writes them, so the rewritten map reads like the original.
  const map: EncodedSourceMap = {
    version: 3,
    file: linked.map.file,
    sourceRoot: linked.sourceRoot,
    sources,
    ...(linked.hadSourcesContent && chained.sourcesContent ? { sourcesContent: chained.sourcesContent } : {}),
    names: chained.names,
    mappings: chained.mappings,
  };
  const json = JSON.stringify(map);
  if (linked.mapFile !== undefined) {
    writeFileSync(linked.mapFile, json);
    return code;
  }
  const link = lastMappingUrl(code);
  if (!link) return code;
  const url = `data:application/json;charset=utf-8;base64,${Buffer.from(json).toString('base64')}`;
  return code.slice(0, link.start) + url + code.slice(link.start + link.url.length);
}

/** The URL of the last `sourceMappingURL` comment and where it starts in `code`. */
function lastMappingUrl(code: string): { url: string; start: number } | undefined {
  let last: RegExpExecArray | undefined;
  for (const match of code.matchAll(MAPPING_URL)) last = match;
  if (!last) return undefined;
  return { url: last[1], start: (last.index ?? 0) + last[0].indexOf(last[1]) };
}

/** A source as a path: a `file:` URL converted, a relative path resolved against `base`. */
function toPath(source: string, base: string): string {
  if (source.startsWith('file:')) return fileURLToPath(source);
  if (URL_SCHEME.test(source) && !isAbsolute(source)) return source;
  return resolve(base, source);
}
