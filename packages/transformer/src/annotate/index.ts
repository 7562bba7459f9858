import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { TransformDiagnostic } from '../core/diagnostics.js';
import { annotateFile, type FileOutcome } from './annotate-file.js';
import { findOutputFiles } from './find-files.js';

export { AnnotateError, type FileOutcome } from './annotate-file.js';

/** Options of {@link annotateDirectory}. */
export interface AnnotateOptions {
  /** Folder that locations are relative to. Default: {@link defaultRoot} of the output folder. */
  root?: string;
  /** Receives Pinion's warnings about classes, as they come. */
  onDiagnostic?: (diagnostic: TransformDiagnostic, file: string) => void;
  /** Receives warnings about unreadable source maps, as they come. */
  onWarning?: (message: string, file: string) => void;
}

/** What a run of {@link annotateDirectory} did. */
export interface AnnotateSummary {
  /** The folder locations are relative to. */
  root: string;
  /** How many `.js`/`.mjs`/`.cjs` files were read. */
  filesRead: number;
  /** How many of them were rewritten. */
  filesAnnotated: number;
  /** How many classes received metadata, over all files. */
  classesAnnotated: number;
  /** Each file's outcome, in path order. */
  files: FileOutcome[];
}

/**
 * Annotates, in place, every `.js`, `.mjs` and `.cjs` file under `outDir` (skipping
 * `node_modules`): the post-emit step for compilers without a transformer API, such as
 * TypeScript 7's `tsc`. Source maps are chained, so locations name the `.ts` sources. Files whose
 * classes are all annotated already are left untouched, so running it twice is harmless.
 *
 * @throws {AnnotateError} when the transform cannot run on a file.
 */
export function annotateDirectory(outDir: string, options: AnnotateOptions = {}): AnnotateSummary {
  const dir = resolve(outDir);
  const root = resolve(options.root ?? defaultRoot(dir));
  const files = findOutputFiles(dir).map((file) => {
    const outcome = annotateFile(file, root);
    for (const d of outcome.diagnostics) options.onDiagnostic?.(d, file);
    for (const w of outcome.warnings) options.onWarning?.(w, file);
    return outcome;
  });
  return {
    root,
    filesRead: files.length,
    filesAnnotated: files.filter((f) => f.annotated).length,
    classesAnnotated: files.reduce((sum, f) => sum + f.classes, 0),
    files,
  };
}

/**
 * The nearest folder at or above `outDir` with a `package.json` (else `outDir` itself), the project
 * whose sources the output came from. A `package.json` that says nothing but `type` is skipped: it
 * is the module-format marker dual builds put into an output folder (`dist/cjs/package.json`),
 * not a project.
 */
export function defaultRoot(outDir: string): string {
  for (let dir = resolve(outDir); ; dir = dirname(dir)) {
    if (isProjectManifest(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return resolve(outDir);
  }
}

function isProjectManifest(path: string): boolean {
  if (!existsSync(path)) return false;
  try {
    const manifest = JSON.parse(readFileSync(path, 'utf8')) as unknown;
    const keys = manifest && typeof manifest === 'object' ? Object.keys(manifest) : [];
    return !(keys.length === 1 && keys[0] === 'type');
  } catch {
    // Unreadable, but a package.json all the same: as the transform's own default would take it.
    return true;
  }
}
