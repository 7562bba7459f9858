// Issue 13: the object graph runs on any JavaScript runtime. The fixture app (fixtures/app) is
// bundled with esbuild, the Pinion esbuild plugin and `platform: 'browser'` from the built
// @pinion/runtime main entry, served over HTTP on loopback and opened in Debian's headless
// Chromium. Its wiring is checked from the page, and a context scope there must raise Pinion's
// error naming the missing AsyncLocalStorage, not a TypeError.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { type Browser, chromium, type Page } from 'playwright-core';
import { CHROMIUM_INSTALL_TIMEOUT, chromiumBinary } from '../../../../scripts/chromium.cjs';

const APP = join(__dirname, 'fixtures/app');
const RUNTIME_DIST = resolve(__dirname, '../../dist/esm/index.js');
/** Bounds the build, the browser's start and each check: a hung browser fails, never stalls CI. */
const TIMEOUT = 60_000;
/**
 * As root on this machine Chromium needs `--no-sandbox`; the network flags keep it from calling
 * Google's services, whose connections a closed network refuses, many at a time.
 */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The app's objects, as main.ts publishes them on `globalThis.pinionApp`. */
interface PinionApp {
  graph: {
    get(name: string): any;
    provide(cls: unknown): any;
    runInScope(id: string, fn: () => unknown, options?: unknown): unknown;
    enterScope(id: string): unknown;
  };
  Clock: unknown;
  Visit: unknown;
  settingsGiven: unknown;
}
declare const pinionApp: PinionApp;

let outDir: string;
let server: Server;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

beforeAll(
  async () => {
    // A missing browser is installed (Debian's package) or fails the test, never skips it.
    const executablePath = chromiumBinary();
    if (!existsSync(RUNTIME_DIST)) throw new Error(`build the packages first (pnpm build); missing ${RUNTIME_DIST}`);
    outDir = mkdtempSync(join(tmpdir(), 'pinion-browser-'));
    // In a real node process: the build loads the transformer's built ESM, outside Jest's modules.
    const { stdout } = await promisify(execFile)(process.execPath, [join(APP, 'build.mjs'), outDir], {
      cwd: APP,
      timeout: TIMEOUT,
    });
    const build = JSON.parse(stdout) as { warnings: string[]; inputs: string[] };
    expect(build.warnings).toEqual([]);
    // The built package's main entry went into the bundle, not the TypeScript sources.
    expect(build.inputs.filter((input) => resolve(APP, input) === RUNTIME_DIST)).toHaveLength(1);

    const files: Record<string, [string, string]> = {
      '/': [join(APP, 'index.html'), 'text/html'],
      '/app.js': [join(outDir, 'app.js'), 'text/javascript'],
    };
    server = createServer((request, response) => {
      const file = files[request.url ?? ''];
      if (file === undefined) {
        response.writeHead(404).end();
        return;
      }
      response.writeHead(200, { 'content-type': file[1] }).end(readFileSync(file[0]));
    });
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    const { port } = server.address() as AddressInfo;

    browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, timeout: TIMEOUT });
    page = await browser.newPage();
    page.setDefaultTimeout(TIMEOUT);
    page.on('pageerror', (error) => pageErrors.push(error.stack ?? error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    await page.goto(`http://127.0.0.1:${port}/`);
    // A string: the test compiles without the DOM's types, and this runs only in the page.
    await page.waitForFunction("document.getElementById('status')?.textContent !== 'loading'");
  },
  CHROMIUM_INSTALL_TIMEOUT + 3 * TIMEOUT,
);

afterAll(async () => {
  await browser?.close();
  await new Promise((closed) => (server ? server.close(closed) : closed(undefined)));
  if (outDir) rmSync(outDir, { recursive: true, force: true });
}, TIMEOUT);

describe('the main entry bundled for browsers, in headless Chromium', () => {
  it('loads without errors and wires the app at startup', async () => {
    expect(pageErrors).toEqual([]);
    expect(await page.textContent('#status')).toBe('ready');
    // What main.ts wrote while loading: the handler got the singleton clock, the provider method its parameters.
    expect(JSON.parse((await page.textContent('#wiring')) ?? '')).toEqual({
      clock: 1,
      handlerClock: 1,
      greeting: 'hello from clock #1 at https://api.example.test',
    });
  });

  it('is not running where a context scope could work: the page has no process nor AsyncLocalStorage', async () => {
    expect(
      await page.evaluate(() => [typeof (globalThis as any).process, typeof (globalThis as any).AsyncLocalStorage]),
    ).toEqual(['undefined', 'undefined']);
  });

  it('provides one singleton object each time', async () => {
    expect(
      await page.evaluate(() => {
        const { graph, Clock } = pinionApp;
        const first = graph.provide(Clock);
        return {
          same: first === graph.provide(Clock) && first === graph.get('clock'),
          serial: first.serial,
        };
      }),
    ).toEqual({ same: true, serial: 1 });
  });

  it('creates a PROTOTYPE binding anew each time, with the singleton injected', async () => {
    expect(
      await page.evaluate(() => {
        const { graph, Clock } = pinionApp;
        const [a, b] = [graph.get('requestHandler'), graph.get('requestHandler')];
        return {
          distinct: a !== b,
          sameClock: a.clock === b.clock && a.clock === graph.provide(Clock),
          settings: a.settings.apiUrl,
        };
      }),
    ).toEqual({ distinct: true, sameClock: true, settings: 'https://api.example.test' });
  });

  it('binds a BindingSpec bind().toInstance value as that very object', async () => {
    expect(await page.evaluate(() => pinionApp.graph.get('settings') === pinionApp.settingsGiven)).toBe(true);
  });

  it('binds a provider method provideGreeting, injecting its parameters', async () => {
    expect(await page.evaluate(() => pinionApp.graph.get('greeting'))).toBe(
      'hello from clock #1 at https://api.example.test',
    );
  });

  it('raises AsyncContextUnavailableError, naming the cause and the fix, when a context scope is used', async () => {
    const attempts = await page.evaluate(() => {
      const { graph } = pinionApp;
      const caught = (open: () => unknown) => {
        try {
          open();
          return { threw: false };
        } catch (error: any) {
          return { name: error.name, code: error.code, message: error.message, typeError: error instanceof TypeError };
        }
      };
      let ran = false;
      return {
        runInScope: caught(() =>
          graph.runInScope(
            'request',
            () => {
              ran = true;
            },
            { values: { visitor: 'ann' } },
          ),
        ),
        // A second attempt fails the same way: the first left nothing half made.
        again: caught(() => graph.runInScope('request', () => {})),
        enterScope: caught(() => graph.enterScope('request')),
        ran,
        // Outside any frame, a request object is out of scope, as on Node: no storage is needed to know.
        outside: caught(() => graph.get('visit')),
        // The rest of the graph still works.
        greeting: graph.get('greeting'),
      };
    });
    const unavailable = {
      name: 'AsyncContextUnavailableError',
      code: 'ASYNC_CONTEXT_UNAVAILABLE',
      message: expect.stringMatching(/need AsyncLocalStorage.*Node >= 20\.16, Deno, Bun, or Cloudflare Workers/),
      typeError: false,
    };
    expect(attempts).toEqual({
      runInScope: unavailable,
      again: unavailable,
      enterScope: unavailable,
      ran: false,
      outside: { name: 'OutOfScopeError', code: 'OUT_OF_SCOPE', message: expect.any(String), typeError: false },
      greeting: 'hello from clock #1 at https://api.example.test',
    });
    expect(pageErrors).toEqual([]);
  });
});
