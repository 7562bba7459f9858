// `pinionWebpack()` in a webpack 5 production build for Node, configured the CommonJS way many
// webpack users still write (`require`), which loads the plugin's CommonJS build. TypeScript goes
// through ts-loader (`transpileOnly`, as usual with a separate type check), which lowers the standard
// decorators; Pinion's loader runs before it as a pre-loader (`enforce: 'pre'`). The app imports
// `./clock.js` for `clock.ts` (Node's ESM rule), which webpack resolves with `extensionAlias`.
import { EXPECTED_IDENTITIES } from './expected.js';
import {
  buildWithoutMaps,
  describePipelineRuns,
  PIPELINE_TIMEOUT,
  reportOf,
  type Tool,
  webpackStyleScript,
} from './support.js';

const webpackTool: Tool = {
  factory: 'pinionWebpack',
  scriptName: 'build.cjs',
  output: 'main.cjs',
  script: (spec) =>
    webpackStyleScript(spec, {
      header: `const { pinionWebpack } = require('@pinion/transformer/webpack');
const webpack = require('webpack');
`,
      compiler: 'webpack',
      rule: "{ test: /\\.ts$/, loader: 'ts-loader', options: { transpileOnly: true } }",
    }),
};

describe('pinionWebpack() in a webpack build', () => {
  const results = describePipelineRuns('webpack', webpackTool);

  it(
    'annotates a build that wants no source map (devtool: false)',
    async () => {
      const withoutMaps = (script: string) => script.replace("devtool: 'source-map'", 'devtool: false');
      expect(await buildWithoutMaps(results(), webpackTool, withoutMaps)).toEqual(EXPECTED_IDENTITIES);
    },
    PIPELINE_TIMEOUT,
  );

  it('every bundler entry point loads from the CommonJS build as from the ESM one, its factory the named and the default export', async () => {
    const entries = {
      vite: 'pinionVite',
      rollup: 'pinionRollup',
      rolldown: 'pinionRolldown',
      webpack: 'pinionWebpack',
      rspack: 'pinionRspack',
      bun: 'pinionBun',
      esbuild: 'pinionEsbuild',
    };
    const check = `const entries = ${JSON.stringify(entries)};
const { createRequire } = require('node:module');
const load = { require: createRequire(__filename), import: (id) => import(id) };
(async () => {
  const seen = {};
  for (const [entry, factory] of Object.entries(entries)) {
    for (const [how, get] of Object.entries(load)) {
      const module = await get('@pinion/transformer/' + entry);
      seen[entry + ' ' + how] = typeof module[factory] === 'function' && module.default === module[factory];
    }
  }
  console.log(JSON.stringify(seen));
})();
`;
    const seen = reportOf<Record<string, boolean>>(await results().workspace.script('entries.cjs', check));
    expect(Object.keys(seen)).toHaveLength(14);
    expect(Object.entries(seen).filter(([, ok]) => !ok)).toEqual([]);
  });
});
