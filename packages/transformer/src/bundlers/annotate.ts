import { type TransformResult, transform } from '../core/transform.js';

/**
 * Runs the transform core for a bundler plugin. The core never throws on user code (it warns and
 * leaves a class alone); when it throws anyway, its parser could not load or it has a bug, and
 * every class would miss its metadata. So the build fails here, naming the file and the cause,
 * instead of succeeding and failing at run time with `MissingMetadataError`.
 */
export function annotate(code: string, path: string, root: string | undefined, sourceMap: boolean): TransformResult {
  try {
    return transform(code, path, { root, sourceMap });
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new Error(
      `Pinion could not annotate ${path}: ${reason}. Its transform itself failed (this is not a problem in ` +
        'your code); the build stops because the output would miss the metadata @pinion/runtime needs.',
      { cause },
    );
  }
}
