// Runs one of this folder's child scripts under a given Node binary. Each measurement runs in a
// process of its own: that is how users run a build (a fresh process, nothing warm but the OS file
// cache), and it is the only way to compare Node 20 and Node 24 in one run.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The line prefix a child prints its result after, so stray output (a plugin's log) cannot break parsing. */
export const RESULT_PREFIX = 'PINION_BENCH_RESULT ';

/** For child scripts: prints `result` for the parent. */
export function reportResult(result) {
  process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(result)}\n`);
}

/**
 * Runs `./<script>` with `node`, passing `input` as JSON in argv; resolves the result it reports.
 * Rejects with the child's stderr when it exits non-zero or reports nothing.
 */
export function runChild(node, script, input) {
  const file = fileURLToPath(new URL(`./${script}`, import.meta.url));
  return new Promise((resolve, reject) => {
    const child = spawn(node, [file, JSON.stringify(input)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s) => {
      stdout += s;
    });
    child.stderr.setEncoding('utf8').on('data', (s) => {
      stderr += s;
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const line = stdout.split('\n').find((l) => l.startsWith(RESULT_PREFIX));
      if (code === 0 && line) resolve(JSON.parse(line.slice(RESULT_PREFIX.length)));
      else {
        const why = signal ? `signal ${signal}` : `exit code ${code}${line ? '' : ', no result'}`;
        reject(new Error(`${script} under ${node} failed (${why}):\n${stderr.slice(-4000)}`));
      }
    });
  });
}
