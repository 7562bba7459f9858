// Child process: bundles the generated project once, as a user's build script does, and reports
// how long it took and what came out. Run by bench-transform.mjs (`node build-once.mjs '<json>'`
// with { bundler: 'esbuild' | 'vite', plugin: boolean, entry, root, inspect: boolean }).
//
// The clock starts before the bundler and the plugin are imported: loading them is part of every
// build a user runs (for the plugin, that includes its parser), so it is part of what is compared.
// Nothing is reused from an earlier build: each build is a new process.
//
// After the clock stops: a hash of the output (every timed build must produce exactly the bytes of
// its variant's checked build) and, with `inspect`, the check itself: the bundle is run and each
// class it exports is asked for its Pinion metadata. That holds whatever the inserted code looks
// like and however the bundler reprints or renames it.
import { createHash } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { reportResult } from './spawn-node.mjs';

const started = performance.now();
const input = JSON.parse(process.argv[2]);

const bundlers = {
  /** esbuild's JS API, bundling to one ESM file for Node; `pinionEsbuild()` as its README shows. */
  async esbuild({ entry, plugin }) {
    const esbuild = await import('esbuild');
    const plugins = plugin ? [(await import('@pinion/transformer/esbuild')).pinionEsbuild()] : [];
    const imported = performance.now();
    const result = await esbuild.build({
      entryPoints: [entry],
      bundle: true,
      write: false,
      platform: 'node',
      format: 'esm',
      logLevel: 'silent',
      plugins,
    });
    return {
      imported,
      version: esbuild.version,
      code: result.outputFiles.map((f) => f.text),
      problems: [...result.errors, ...result.warnings].map((m) => m.text),
      notes: [],
    };
  },

  /**
   * `vite.build()` in library mode (an app build would drop the entry's exports, and with them the
   * classes); no minification, like the esbuild variant. `pinionVite()` goes in `plugins` as in a
   * vite.config. Warnings are collected rather than printed: a valid build has none, except
   * Rolldown's PLUGIN_TIMINGS, which says how much of the build JavaScript plugins took (users see
   * it too): kept apart as a note.
   */
  async vite({ entry, root, plugin }) {
    const vite = await import('vite');
    const plugins = plugin ? [(await import('@pinion/transformer/vite')).pinionVite()] : [];
    const imported = performance.now();
    const problems = [];
    const notes = [];
    const logger = vite.createLogger('warn');
    logger.warn = logger.warnOnce = (message) => (/PLUGIN_TIMINGS/.test(message) ? notes : problems).push(message);
    logger.error = (message) => problems.push(message);
    const output = await vite.build({
      configFile: false,
      root,
      logLevel: 'warn',
      customLogger: logger,
      plugins,
      build: { write: false, minify: false, lib: { entry, formats: ['es'], fileName: 'index' } },
    });
    const chunks = (Array.isArray(output) ? output : [output]).flatMap((o) => o.output);
    return {
      imported,
      version: vite.version,
      code: chunks.filter((c) => c.type === 'chunk').map((c) => c.code),
      problems,
      notes,
    };
  },
};

/** Imports the bundle; counts the classes it exports and those whose own metadata names them. */
async function inspectBundle(code) {
  if (code.length !== 1) throw new Error(`expected one output chunk, got ${code.length}`);
  const file = join(tmpdir(), `pinion-bench-bundle-${process.pid}.mjs`);
  writeFileSync(file, code[0]);
  try {
    const exported = await import(pathToFileURL(file).href);
    const key = Symbol.for('pinion.metadata');
    let exportedClasses = 0;
    let annotatedClasses = 0;
    for (const [name, value] of Object.entries(exported)) {
      if (typeof value !== 'function') continue;
      exportedClasses++;
      if (Object.hasOwn(value, key) && value[key]?.name === name) annotatedClasses++;
    }
    return { exportedClasses, annotatedClasses };
  } finally {
    rmSync(file, { force: true });
  }
}

const { imported, version, code, problems, notes } = await bundlers[input.bundler](input);
const finished = performance.now();
const hash = createHash('sha256');
for (const chunk of code) hash.update(chunk).update('\0');
reportResult({
  node: process.version,
  bundlerVersion: version,
  totalMs: finished - started,
  importMs: imported - started,
  buildMs: finished - imported,
  outputBytes: code.reduce((n, c) => n + Buffer.byteLength(c), 0),
  outputHash: hash.digest('hex'),
  problems,
  notes,
  ...(input.inspect ? await inspectBundle(code) : {}),
});
// Vite and esbuild may leave handles open; the measurement is over.
process.exit(0);
