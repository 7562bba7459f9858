// Debian's Chromium for the browser test (packages/runtime/test/browser), installed by the test
// setup when it is missing, as the Node binaries of node-binaries.cjs are: the README's test
// command then needs only Node and npm on a Debian machine. Never a browser download from npm.
// The two Jest projects may ask at once: flock makes the second wait for the first's install.
const { execFileSync } = require('node:child_process');
const { existsSync } = require('node:fs');

const CHROMIUM = '/usr/bin/chromium';
/** apt-get update and the install of chromium and its libraries, on a slow mirror. */
const CHROMIUM_INSTALL_TIMEOUT = 600_000;

/**
 * Path of Debian's `chromium`, installed with apt-get (as root, or through `sudo -n`) when absent.
 * Throws, saying how to install it, where that cannot be done.
 * @returns {string}
 */
function chromiumBinary() {
  if (existsSync(CHROMIUM)) return CHROMIUM;
  const howTo = `install Debian's Chromium (apt-get install chromium) to run the browser test`;
  if (!existsSync('/usr/bin/apt-get') || !existsSync('/usr/bin/flock')) {
    throw new Error(`${CHROMIUM} not found and this is not a Debian machine with apt-get: ${howTo}`);
  }
  const install = `[ -x ${CHROMIUM} ] || { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium; }`;
  const command = ['/usr/bin/flock', '/tmp/pinion-chromium-install.lock', 'sh', '-c', install];
  const asRoot = process.getuid?.() === 0 ? command : ['sudo', '-n', ...command];
  try {
    execFileSync(asRoot[0], asRoot.slice(1), { stdio: 'pipe', timeout: CHROMIUM_INSTALL_TIMEOUT });
  } catch (error) {
    const output = String(error.stderr ?? error.message)
      .trim()
      .split('\n')
      .slice(-3)
      .join('\n');
    throw new Error(`${CHROMIUM} not found, and installing it with apt-get failed:\n${output}\n${howTo}`);
  }
  if (!existsSync(CHROMIUM)) throw new Error(`apt-get installed chromium but ${CHROMIUM} is missing`);
  return CHROMIUM;
}

module.exports = { CHROMIUM_INSTALL_TIMEOUT, chromiumBinary };
