// Where does the esbuild plugin's time go? Run after `pnpm build`:
//   node bench/transform/profile-plugin.mjs
// Generates the same project as bench-transform.mjs and bundles it with plugins that each do a part
// of pinionEsbuild()'s work (read files and return them as they are, return precomputed annotated
// code, the full plugin instrumented), a plain build of already-annotated files, and two
// prototypes: the transform in a pool of worker threads, and the plugin given `typescript: { ...ts }`.
// Then it splits transform() into TypeScript's parse and Pinion's analysis, and times the analysis
// walk written with `ts.isX()` calls against one that compares `node.kind` numbers.
// Writes bench/results/transform-profile.json.
// Tunables: BENCH_FILES (2000), BENCH_CLASSES (20), PROFILE_ROUNDS (3).
import { readFileSync as fsReadFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { transform } from '@pinion/transformer';
import { pinionEsbuild } from '@pinion/transformer/esbuild';
import * as esbuild from 'esbuild';
import { generateProject } from './generate-project.mjs';

const env = (name, fallback) => Number(process.env[name] ?? fallback);
const FILES = env('BENCH_FILES', 2000);
const CLASSES_PER_FILE = env('BENCH_CLASSES', 20);
const ROUNDS = env('PROFILE_ROUNDS', 3);
const FILTER = /\.[cm]?[jt]sx?$/;

const ts = createRequire(fileURLToPath(import.meta.resolve('@pinion/transformer')))('typescript');
// TypeScript's CommonJS bundle exports every function through a getter on one object of ~2,000
// properties; a copy holds plain data properties, which makes `ts.isX` lookups much cheaper.
const flatTs = { ...ts };
const resultsFile = fileURLToPath(new URL('../results/transform-profile.json', import.meta.url));
const log = (line) => process.stdout.write(`${line}\n`);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
const ms = (x) => Math.round(x);

/** A plugin whose onLoad runs `load(path, counters)`. */
function timedPlugin(name, load) {
  const counters = {};
  const plugin = {
    name,
    setup(build) {
      build.onLoad({ filter: FILTER }, (args) => load(args.path, counters));
    },
  };
  return { plugin, counters };
}

/** The worker-pool prototype: each file goes to the least busy of `size` workers. */
function workerPool(size) {
  const workerFile = new URL('./transform-worker.mjs', import.meta.url);
  const workers = Array.from({ length: size }, () => ({ worker: new Worker(workerFile), busy: 0 }));
  const pending = new Map();
  let nextId = 0;
  for (const w of workers) {
    w.worker.on('message', (message) => {
      w.busy--;
      const { resolve, reject } = pending.get(message.id);
      pending.delete(message.id);
      if (message.error) reject(new Error(message.error));
      else resolve(message);
    });
  }
  return {
    run(path) {
      const w = workers.reduce((a, b) => (b.busy < a.busy ? b : a));
      w.busy++;
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        w.worker.postMessage({ id, path });
      });
    },
    close: () => Promise.all(workers.map((w) => w.worker.terminate())),
  };
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'pinion-bench-profile-'));
  const pool = workerPool(availableParallelism());
  try {
    const project = generateProject(join(dir, 'project'), { files: FILES, classesPerFile: CLASSES_PER_FILE });
    const texts = new Map(project.sources.map((f) => [f, fsReadFileSync(f, 'utf8')]));
    const bytes = [...texts.values()].reduce((n, t) => n + t.length, 0);
    // The same project, already annotated, for a plain esbuild run and for the "precomputed" plugin.
    const annotated = new Map();
    for (const [file, code] of texts) {
      const out = transform(code, file, { sourceMap: false }).code;
      annotated.set(file, out);
      const copy = join(dir, 'annotated', relative(join(dir, 'project'), file));
      mkdirSync(dirname(copy), { recursive: true });
      writeFileSync(copy, out);
    }
    const annotatedEntry = join(dir, 'annotated', relative(join(dir, 'project'), project.entry));
    log(
      `profiling the esbuild plugin: ${project.sources.length} files, ${(bytes / 1e6).toFixed(1)} MB, ${ROUNDS} rounds`,
    );

    const variants = [
      { name: 'plain esbuild', describe: 'baseline', make: () => ({ plugins: [] }) },
      {
        name: 'onLoad readFile, contents as is',
        describe: 'reading in JS + sending contents back',
        make: () => timedPlugin('read', async (path) => ({ contents: await readFile(path, 'utf8'), loader: 'ts' })),
      },
      {
        name: 'onLoad returns annotated code',
        describe: 'precomputed: IPC of the larger output + esbuild work on it',
        make: () => timedPlugin('cached', async (path) => ({ contents: annotated.get(path), loader: 'ts' })),
      },
      {
        name: 'plain esbuild, annotated files',
        describe: 'esbuild work on the metadata alone',
        entry: annotatedEntry,
        make: () => ({ plugins: [] }),
      },
      {
        name: 'pinionEsbuild(), instrumented copy',
        describe: 'what pinionEsbuild() does, with the (synchronous) transform time summed',
        make: () =>
          timedPlugin('pinion-instrumented', async (path, counters) => {
            const code = await readFile(path, 'utf8');
            const t = performance.now();
            const result = transform(code, path, { sourceMap: false });
            counters.transformMs = (counters.transformMs ?? 0) + performance.now() - t;
            return { contents: result.code, loader: 'ts' };
          }),
      },
      { name: 'pinionEsbuild()', describe: 'the real plugin', make: () => ({ plugins: [pinionEsbuild()] }) },
      {
        name: 'prototype: typescript: { ...ts }',
        describe: 'pinionEsbuild() given a copy of the ts module with plain data properties',
        make: () => ({ plugins: [pinionEsbuild({ typescript: flatTs })] }),
      },
      {
        name: `prototype: ${availableParallelism()} worker threads`,
        describe: 'read + transform in a worker pool',
        make: () =>
          timedPlugin('pinion-workers', async (path) => ({ contents: (await pool.run(path)).code, loader: 'ts' })),
      },
    ];

    const samples = new Map(variants.map((v) => [v.name, []]));
    const counters = new Map(variants.map((v) => [v.name, []]));
    for (let r = 0; r < ROUNDS; r++) {
      // Rotate the order every round.
      const order = variants.map((_, i) => variants[(i + r) % variants.length]);
      for (const v of order) {
        const made = v.make();
        const plugins = made.plugins ?? [made.plugin];
        const started = performance.now();
        const result = await esbuild.build({
          entryPoints: [v.entry ?? project.entry],
          bundle: true,
          write: false,
          platform: 'node',
          format: 'esm',
          logLevel: 'silent',
          plugins,
        });
        samples.get(v.name).push(performance.now() - started);
        if (made.counters) counters.get(v.name).push(made.counters);
        if (result.errors.length > 0) throw new Error(`${v.name}: ${result.errors[0].text}`);
      }
      log(`  round ${r + 1}/${ROUNDS} done`);
    }

    const base = median(samples.get('plain esbuild'));
    const rows = variants.map((v) => {
      const c = counters.get(v.name);
      const sum = (key) => (c.length > 0 && c[0][key] !== undefined ? ms(median(c.map((x) => x[key]))) : undefined);
      return {
        name: v.name,
        describe: v.describe,
        medianMs: ms(median(samples.get(v.name))),
        minMs: ms(Math.min(...samples.get(v.name))),
        ratio: Math.round((median(samples.get(v.name)) / base) * 100) / 100,
        transformMs: sum('transformMs'),
      };
    });
    log('');
    log(`${'variant'.padEnd(38)}${'median ms'.padStart(10)}${'min ms'.padStart(9)}${'ratio'.padStart(7)}  notes`);
    for (const row of rows) {
      const notes = [row.describe];
      if (row.transformMs !== undefined) notes.push(`transform() on the JS thread: ${row.transformMs} ms`);
      log(
        `${row.name.padEnd(38)}${String(row.medianMs).padStart(10)}${String(row.minMs).padStart(9)}${`${row.ratio}x`.padStart(7)}  ${notes.join('; ')}`,
      );
    }

    // transform() split: TypeScript's parse (with and without parent pointers) vs the rest.
    const files = [...texts.keys()];
    const timeAll = (fn) => {
      const started = performance.now();
      for (const f of files) fn(texts.get(f), f);
      return performance.now() - started;
    };
    const split = {
      transformMs: [],
      transformFlatTsMs: [],
      parseWithParentsMs: [],
      parseWithoutParentsMs: [],
    };
    for (let r = 0; r < 2; r++) {
      split.transformFlatTsMs.push(timeAll((code, f) => transform(code, f, { sourceMap: false, typescript: flatTs })));
      split.transformMs.push(timeAll((code, f) => transform(code, f, { sourceMap: false })));
      split.parseWithParentsMs.push(
        timeAll((code, f) => ts.createSourceFile(f, code, ts.ScriptTarget.Latest, true, 3)),
      );
      split.parseWithoutParentsMs.push(
        timeAll((code, f) => ts.createSourceFile(f, code, ts.ScriptTarget.Latest, false, 3)),
      );
    }
    const transformSplit = Object.fromEntries(Object.entries(split).map(([k, v]) => [k, ms(Math.min(...v))]));
    transformSplit.analysisAndRenderMs = transformSplit.transformMs - transformSplit.parseWithParentsMs;
    transformSplit.parentPointersMs = transformSplit.parseWithParentsMs - transformSplit.parseWithoutParentsMs;
    log('');
    log(
      `transform() over all files: ${transformSplit.transformMs} ms = parse ${transformSplit.parseWithParentsMs} ms ` +
        `(of which parent pointers ${transformSplit.parentPointersMs} ms) + analysis/render ${transformSplit.analysisAndRenderMs} ms`,
    );
    log(`transform() with typescript: { ...ts }: ${transformSplit.transformFlatTsMs} ms`);

    // The analysis walk as analyze.ts writes it (ts.isX() through the module object per node) and
    // the same walk comparing node.kind against numbers read once.
    const sourceFiles = files.map((f) => ts.createSourceFile(f, texts.get(f), ts.ScriptTarget.Latest, true, 3));
    const walks = { 'ts.isX() per node (as in analyze.ts)': walkWithIsCalls, 'node.kind numbers': walkWithKinds };
    const walkMs = {};
    for (const [name, walk] of Object.entries(walks)) {
      const runs = [];
      let classes = 0;
      for (let r = 0; r < 3; r++) {
        const started = performance.now();
        classes = 0;
        for (const sf of sourceFiles) classes += walk(sf);
        runs.push(performance.now() - started);
      }
      walkMs[name] = ms(Math.min(...runs));
      log(`analysis walk, ${name}: ${walkMs[name]} ms (${classes} classes)`);
    }

    const results = {
      date: new Date().toISOString(),
      nproc: availableParallelism(),
      loadAverage: loadavg(),
      project: { files: project.sources.length, bytes },
      variants: rows,
      transformSplit,
      walkMs,
    };
    mkdirSync(dirname(resultsFile), { recursive: true });
    writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
    log(`results written to ${resultsFile}`);
  } finally {
    await pool.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function hasModifier(node, kind) {
  return node.modifiers?.some((m) => m.kind === kind) ?? false;
}

/** The traversal of analyze.ts, as written there. */
function walkWithIsCalls(sourceFile) {
  let classes = 0;
  const stack = [{ node: sourceFile, once: true, ambient: false }];
  while (stack.length > 0) {
    const frame = stack.pop();
    const { node } = frame;
    let once = frame.once;
    const ambient = frame.ambient || hasModifier(node, ts.SyntaxKind.DeclareKeyword);
    if (ts.isClassDeclaration(node) || ts.isClassExpression(node)) {
      if (!ambient) classes++;
    } else if (
      ts.isFunctionDeclaration(node) ||
      ts.isFunctionExpression(node) ||
      ts.isArrowFunction(node) ||
      ts.isMethodDeclaration(node) ||
      ts.isConstructorDeclaration(node) ||
      ts.isGetAccessorDeclaration(node) ||
      ts.isSetAccessorDeclaration(node) ||
      ts.isForStatement(node) ||
      ts.isForInStatement(node) ||
      ts.isForOfStatement(node) ||
      ts.isWhileStatement(node) ||
      ts.isDoStatement(node)
    ) {
      once = false;
    } else if (ts.isPropertyDeclaration(node) && !hasModifier(node, ts.SyntaxKind.StaticKeyword)) {
      once = false;
    } else if (ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) {
      continue;
    }
    ts.forEachChild(node, (child) => {
      stack.push({ node: child, once, ambient });
    });
  }
  return classes;
}

const K = ts.SyntaxKind;
const NOT_ONCE = new Set([
  K.FunctionDeclaration,
  K.FunctionExpression,
  K.ArrowFunction,
  K.MethodDeclaration,
  K.Constructor,
  K.GetAccessor,
  K.SetAccessor,
  K.ForStatement,
  K.ForInStatement,
  K.ForOfStatement,
  K.WhileStatement,
  K.DoStatement,
]);
const { forEachChild } = ts;

/** The same traversal, with SyntaxKind numbers read once instead of ts.isX() calls per node. */
function walkWithKinds(sourceFile) {
  let classes = 0;
  const stack = [{ node: sourceFile, once: true, ambient: false }];
  while (stack.length > 0) {
    const frame = stack.pop();
    const { node } = frame;
    const kind = node.kind;
    let once = frame.once;
    const ambient = frame.ambient || hasModifier(node, K.DeclareKeyword);
    if (kind === K.ClassDeclaration || kind === K.ClassExpression) {
      if (!ambient) classes++;
    } else if (NOT_ONCE.has(kind)) {
      once = false;
    } else if (kind === K.PropertyDeclaration && !hasModifier(node, K.StaticKeyword)) {
      once = false;
    } else if (kind === K.InterfaceDeclaration || kind === K.TypeAliasDeclaration) {
      continue;
    }
    forEachChild(node, (child) => {
      stack.push({ node: child, once, ambient });
    });
  }
  return classes;
}

await main();
