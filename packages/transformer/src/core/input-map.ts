import { dirname, isAbsolute, resolve } from 'node:path';
import {
  type EncodedSourceMap,
  originalPositionFor,
  sourceContentFor,
  TraceMap,
  traceSegment,
} from '@jridgewell/trace-mapping';
import { type default as MagicString, SourceMap } from 'magic-string';

/** A version 3 source map, as JSON text or parsed. */
export type InputSourceMap = string | EncodedSourceMap;

/** Where a generated position came from: the original file (absolute), 1-based line and column. */
export interface OriginalPosition {
  path: string;
  line: number;
  column: number;
  /** The original file's text, when the map carries it (`sourcesContent`). */
  content: string | undefined;
}

/** Traces positions of compiled code through the map it arrived with to its original sources. */
export class OriginalPositions {
  private readonly map: TraceMap;

  constructor(
    input: InputSourceMap,
    private readonly fileName: string,
  ) {
    this.map = new TraceMap(input as ConstructorParameters<typeof TraceMap>[0]);
  }

  /** The original position of a generated one, or `undefined` where the map says nothing. */
  trace(generated: { line: number; column: number }): OriginalPosition | undefined {
    const original = originalPositionFor(this.map, { line: generated.line, column: generated.column - 1 });
    if (original.source === null || original.line === null || original.column === null) return undefined;
    return {
      path: this.sourcePath(original.source),
      line: original.line,
      column: original.column + 1,
      content: sourceContentFor(this.map, original.source) ?? undefined,
    };
  }

  /** Sources (already joined with `sourceRoot`) are relative to the compiled file's folder. */
  private sourcePath(source: string): string {
    const path = source.startsWith('file://') ? new URL(source).pathname : source;
    return isAbsolute(path) ? path : resolve(dirname(this.fileName), path);
  }
}

/**
 * The map from the annotated code back to the original sources: each segment of the transform's
 * own map (code → compiled input) traced through the input's map (compiled input → sources).
 * The result keeps the input map's `sources` as they were written, so it can replace the input
 * map where it lies.
 */
export function chainMaps(own: MagicString, fileName: string, input: InputSourceMap): SourceMap {
  const parsed = (typeof input === 'string' ? JSON.parse(input) : input) as EncodedSourceMap;
  const inputMap = new TraceMap(parsed as ConstructorParameters<typeof TraceMap>[0]);
  const decoded = own.generateDecodedMap({ source: fileName, hires: 'boundary' });
  const mappings = decoded.mappings.map((line) => {
    const traced: SourceMapSegment[] = [];
    for (const segment of line) {
      if (segment.length < 4) continue;
      const original = traceSegment(inputMap, segment[2] as number, segment[3] as number);
      if (original === null || original.length < 4) continue;
      const [, source, sourceLine, sourceColumn, name] = original as unknown as number[];
      traced.push(
        name === undefined
          ? [segment[0], source, sourceLine, sourceColumn]
          : [segment[0], source, sourceLine, sourceColumn, name],
      );
    }
    return traced;
  });
  return new SourceMap({
    file: parsed.file ?? undefined,
    sources: parsed.sources.map((source) => source ?? ''),
    sourcesContent: parsed.sourcesContent?.map((content) => content ?? '') as string[] | undefined,
    names: parsed.names ?? [],
    mappings,
  } as ConstructorParameters<typeof SourceMap>[0]);
}

type SourceMapSegment = [number] | [number, number, number, number] | [number, number, number, number, number];
