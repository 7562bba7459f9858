// S5 and S7 need hundreds of classes, written as source (so Pinion's classes go through its
// esbuild plugin like any user's): `generate.mjs` writes them to bench/di/generated/ before each
// build (not in git). esbuild bundles every file the template matches.

/** The module `bench/di/generated/<name>.ts`. */
export function loadGenerated(name: string): Promise<unknown> {
  return import(`../generated/${name}.ts`);
}
