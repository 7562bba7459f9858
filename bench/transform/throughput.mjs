// Child process: the transform core's throughput on this Node, and for reference its parser's and
// TypeScript's. Run by bench-transform.mjs (`node throughput.mjs '<json>'` with { projectDir,
// expectedClasses, rounds, parseRounds, corpusStride }).
//
// Every function runs once over all files first, untimed: that pass checks the output (each of the
// generated project's classes annotated; the corpus's outputs hashed, so the parent can check that
// every Node produced the same bytes) and lets the JIT settle, so that the timed rounds measure
// steady-state MB/s. The first pass's time is reported too (`coldMs`): a build sees some of that.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { transform } from '@pinion/transformer';
import { parseSync, rawTransferSupported } from 'oxc-parser';
import ts from 'typescript';
import { corpusFiles, loadFiles, typeScriptFilesUnder } from './corpus.mjs';
import { reportResult } from './spawn-node.mjs';
import { mbPerSecond, round1, summarize } from './stats.mjs';

const input = JSON.parse(process.argv[2]);
/** How every inserted block starts (SPEC §2: one `; static { … }` class element per class). */
const BLOCK = /; static \{/g;
const countBlocks = (text) => text.match(BLOCK)?.length ?? 0;
const raw = rawTransferSupported();

/**
 * Runs `fn` over every file once, untimed, returning its check (which throws when `set.expected`
 * says the output is wrong, so nothing wrong is ever timed), then `rounds` timed times.
 */
function measure(set, rounds, fn, check) {
  let started = performance.now();
  const checked = check(set, fn);
  const coldMs = performance.now() - started;
  const samples = [];
  for (let r = 0; r < rounds; r++) {
    started = performance.now();
    for (let i = 0; i < set.files.length; i++) fn(set.texts[i], set.files[i]);
    samples.push(performance.now() - started);
  }
  const stats = summarize(samples);
  return { ...stats, mbPerSecond: mbPerSecond(set.bytes, stats.median), coldMs: round1(coldMs), ...checked };
}

/** The core's check: blocks inserted (in the output, not the input), diagnostics, a hash of every output. */
function checkTransform(set, fn) {
  const hash = createHash('sha256');
  let blocks = 0;
  let diagnostics = 0;
  for (let i = 0; i < set.files.length; i++) {
    const result = fn(set.texts[i], set.files[i]);
    hash.update(result.code).update('\0');
    blocks += countBlocks(result.code) - countBlocks(set.texts[i]);
    diagnostics += result.diagnostics.length;
  }
  const { expected } = set;
  if (expected && (blocks !== expected.blocks || diagnostics > 0)) {
    throw new Error(
      `transform() on ${set.name}: ${blocks} blocks (expected ${expected.blocks}), ${diagnostics} warnings`,
    );
  }
  return { blocks, diagnostics, hash: hash.digest('hex') };
}

/** A parser's check: how many files it reported syntax errors in (the generated project has none). */
const checkParse = (errorsOf) => (set, fn) => {
  let filesWithErrors = 0;
  for (let i = 0; i < set.files.length; i++) if (errorsOf(fn(set.texts[i], set.files[i])) > 0) filesWithErrors++;
  if (set.expected && filesWithErrors > 0) throw new Error(`a parser reported syntax errors in ${set.name}`);
  return { filesWithErrors };
};

// As the plugins call it.
// As the plugins call it in a build without source maps (esbuild's and Vite's default), and in one
// with them (or where the plugin cannot tell, as in Rollup).
const core = (code, file) => transform(code, file, { sourceMap: false });
const coreWithMap = (code, file) => transform(code, file, { sourceMap: true });
/**
 * The options the core parses a file with: keep in step with packages/transformer/src/core/parse.ts
 * (an ESTree without TypeScript's types and without parentheses nodes, so less crosses from Rust).
 */
function oxcOptions(file) {
  const extension = /\.([cm]?[jt]sx?)$/i.exec(file)?.[1].toLowerCase();
  const lang = extension === 'tsx' ? 'tsx' : extension?.includes('j') ? 'jsx' : 'ts';
  const sourceType = extension?.startsWith('m') ? 'module' : extension?.startsWith('c') ? 'commonjs' : 'unambiguous';
  return { lang, sourceType, astType: 'js', preserveParens: false };
}
// Reading `program` is what builds the JS objects: the JSON path parses lazily on first access.
const oxcRaw = (code, file) => {
  const result = parseSync(file, code, { ...oxcOptions(file), experimentalRawTransfer: true });
  return result.program && result;
};
const oxcJson = (code, file) => {
  const result = parseSync(file, code, oxcOptions(file));
  return result.program && result;
};
const scriptKind = (file) => (file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
const tsParse = (code, file) => ts.createSourceFile(file, code, ts.ScriptTarget.Latest, false, scriptKind(file));

function measureSet(set) {
  const oxcErrors = (r) => r.errors.length;
  return {
    files: set.files.length,
    bytes: set.bytes,
    core: measure(set, input.rounds, core, checkTransform),
    coreWithMap: measure(set, input.parseRounds, coreWithMap, checkTransform),
    oxcRaw: raw ? measure(set, input.parseRounds, oxcRaw, checkParse(oxcErrors)) : null,
    oxcJson: measure(set, input.parseRounds, oxcJson, checkParse(oxcErrors)),
    typescript: measure(
      set,
      input.parseRounds,
      tsParse,
      checkParse((sf) => sf.parseDiagnostics.length),
    ),
  };
}

const project = {
  ...loadFiles([...typeScriptFilesUnder(join(input.projectDir, 'src'))].sort()),
  name: 'the generated project',
  expected: { blocks: input.expectedClasses },
};
const corpus = { ...loadFiles(corpusFiles(input.corpusStride)), name: 'the corpus' };
const require = createRequire(import.meta.url);
reportResult({
  node: process.version,
  rawTransfer: raw,
  oxcParser: require('oxc-parser/package.json').version,
  typescript: ts.version,
  project: measureSet(project),
  corpus: measureSet(corpus),
});
