/**
 * `node --import @pinion/transformer/register app.js`: annotates every module of your own as Node
 * loads it, so `@pinion/runtime` can inject by argument name without a build step. Works on plain
 * JavaScript, after `--import tsx`, and with Node's own type stripping (Node ≥ 22.18), for ES
 * modules and CommonJS. Modules under `node_modules` and `@pinion/runtime` itself are left alone.
 *
 * Each class's location names the original source: when the code arrives with a source map
 * (tsx's inline one, or a `.js.map` next to compiled output) locations are traced back through
 * it, and the annotated code carries the chained map inline, so stack traces (with
 * `--enable-source-maps`, which tsx turns on) name the `.ts` lines too.
 *
 * Importing this module installs the hooks; it exports nothing else. Warnings go to standard
 * error as `file:line:column: message [CODE]`; a transform that cannot run stops the load with an
 * error. See docs/register.md for what each Node version covers.
 * @module
 */
import { installPinionHooks } from './node/install.js';

installPinionHooks();
