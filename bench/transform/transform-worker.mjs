// Worker for the worker-pool plugin prototype in profile-plugin.mjs: reads and transforms one file
// per message, off esbuild's JavaScript thread.
import { readFile } from 'node:fs/promises';
import { parentPort } from 'node:worker_threads';
import { transform } from '@pinion/transformer';

parentPort.on('message', async ({ id, path }) => {
  try {
    const code = await readFile(path, 'utf8');
    const result = transform(code, path, { sourceMap: false });
    parentPort.postMessage({ id, code: result.code, diagnostics: result.diagnostics });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error) });
  }
});
