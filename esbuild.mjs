// Bundles the extension and the `lwkd` command line into dist/ (what ships), and with `--tests`
// the test suites and the VS Code runner into out/ (never shipped).
//   --production  minify (what `npm run package` puts in the .vsix)
//   --watch       rebuild on change (for `npm start` sessions)
//   --tests       also build out/test/**
//   --metafile D  write each shipped bundle's esbuild metafile to D (what `npm run bench` reads
//                 to say which modules the bytes are)
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const tests = process.argv.includes('--tests');
const metafileDir = process.argv.includes('--metafile') ? process.argv[process.argv.indexOf('--metafile') + 1] : undefined;
const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

/**
 * js-yaml's loader falls back to its DEFAULT schema (timestamps, binary, sets, ordered maps) when
 * it is given none. We always give it CORE, so the fallback is pointed at CORE too and those types
 * do not ship (3.7 KB of each bundle).
 */
const jsYamlCoreOnly = {
  name: 'js-yaml-core-only',
  setup(build) {
    build.onResolve({ filter: /^\.\/schema\/default$/ }, (args) =>
      /[\\/]js-yaml[\\/]lib[\\/]loader\.js$/.test(args.importer) ? { path: join(dirname(args.importer), 'schema', 'core.js') } : undefined,
    );
  },
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  sourcesContent: false,
  logLevel: 'warning',
  legalComments: 'none',
  define: { __LWKD_VERSION__: JSON.stringify(version) },
  plugins: [jsYamlCoreOnly],
  // octokit parses with json-with-bigint; src/services/plainJson.ts says why plain JSON does.
  // Our code loads js-yaml 4's loader and CORE schema modules directly, so its dumper (which we
  // never use) does not ship.
  alias: {
    'json-with-bigint': fileURLToPath(new URL('./src/services/plainJson.ts', import.meta.url)),
    'js-yaml-loader': fileURLToPath(new URL('./node_modules/js-yaml/lib/loader.js', import.meta.url)),
    'js-yaml-core-schema': fileURLToPath(new URL('./node_modules/js-yaml/lib/schema/core.js', import.meta.url)),
  },
};

function files(dir, pattern) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && pattern.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

// One bundle for the extension. Insert Merged PRs, Insert Subproject Releases and Prepare
// Publication were once a second bundle (dist/onDemand.js, 133 KB, ~107 KB of it repeating
// extension.js) loaded on first use, to keep their own ~25 KB off activation. Measured in a real
// extension host (activation.real_host_ms: VS Code's ExtensionActivationTimes, fresh launches,
// split and one bundle interleaved, a 2-core machine at load 8-11), medians of 7 with the split
// against without: 208 (102-440) against 180 ms (105-528) in one run, 104 (52-245) against
// 147 ms (90-376) in another; pooled, 163 against 162.5 ms. A plain-Node require() of each, 41
// runs: 3.6 ms more CPU without the split (31.8 against 35.5 ms median). Under the ~5 ms a second
// bundle had to earn and inside the noise, so one bundle: 197 KB instead of 174 + 133 KB, which
// puts bundle.extension.size ~23 KB further over its 150 KB budget.
/**
 * Mocha's browser build is a UMD file: bundled as it is, it takes the CommonJS branch and
 * replaces the bundle's own `module.exports` (the suite's `run`) with the mocha object. Hiding
 * `module`, `exports` and `define` from it sends it down its browser branch, which puts `Mocha`
 * and `mocha` on the worker's global, as in a page.
 */
const mochaAsBrowserGlobal = {
  name: 'mocha-as-browser-global',
  setup(build) {
    build.onLoad({ filter: /[\\/]mocha[\\/]mocha\.js$/ }, (args) => ({
      contents: `(function (module, exports, define) {\n${readFileSync(args.path, 'utf8')}\n}).call(globalThis);\n`,
      loader: 'js',
    }));
  },
};

/** The browser entry: one CommonJS file the web worker host loads, with nothing of Node in it. */
const browser = {
  ...common,
  platform: 'browser',
  target: 'es2022',
  external: ['vscode'],
};

const shipped = [
  { ...common, minify: production, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { ...browser, minify: production, entryPoints: ['src/webExtension.ts'], outfile: 'dist/web/extension.js' },
  { ...common, minify: production, entryPoints: ['src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
].map((options) => ({ ...options, metafile: metafileDir !== undefined }));
const builds = [...shipped];
if (tests) {
  // Start clean so a deleted test cannot linger as a stale bundle.
  rmSync('out', { recursive: true, force: true });
  builds.push({
    ...common,
    entryPoints: [
      ...files('test/unit', /\.ts$/),
      ...files('test/sample', /\.ts$/),
      ...files('test/integration', /(index|\.test)\.ts$/),
      ...files('test/ui', /(\.test|reporter)\.ts$/),
      ...files('test/render', /(\.test|reporter)\.ts$/),
      'test/activation/probe.ts',
      'test/runner/runIntegration.ts',
      'test/runner/runWeb.ts',
      ...files('scripts', /\.ts$/),
    ],
    outdir: 'out',
    outbase: '.',
    // Loaded at run time from node_modules: the test framework, the browser driver, the grammar
    // test library (it finds its WebAssembly regex engine there through require.resolve), and the
    // API that only exists inside the extension host.
    external: ['vscode', 'mocha', 'playwright-core', 'vscode-tmgrammar-test'],
  });
  // The web layer: its suite and the test-only virtual file system, each one file for the worker.
  builds.push(
    {
      ...browser,
      entryPoints: ['test/web/index.ts'],
      outfile: 'out/test/web/index.js',
      alias: { ...browser.alias, mocha: fileURLToPath(new URL('./test/web/mochaGlobal.ts', import.meta.url)) },
      plugins: [jsYamlCoreOnly, mochaAsBrowserGlobal],
    },
    { ...browser, entryPoints: ['test/webFs/extension.ts'], outfile: 'out/test/webFs/extension.js' },
    // The activation probe for the web worker host (test/runner/activation.ts).
    { ...browser, entryPoints: ['test/activation/webProbe.ts'], outfile: 'out/test/activation/webProbe.js' },
  );
}

const contexts = await Promise.all(builds.map((options) => esbuild.context(options)));
if (watch) {
  await Promise.all(contexts.map((context) => context.watch()));
} else {
  const results = await Promise.all(contexts.map((context) => context.rebuild()));
  await Promise.all(contexts.map((context) => context.dispose()));
  if (metafileDir !== undefined) {
    mkdirSync(metafileDir, { recursive: true });
    shipped.forEach((options, i) => {
      const name = options.outfile
        .replace(/^dist\//, '')
        .replace(/\.js$/, '')
        .replaceAll('/', '-');
      writeFileSync(join(metafileDir, `${name}.json`), JSON.stringify(results[i].metafile));
    });
  }
}
if (tests) {
  // The test file system's manifest, beside its bundle: out/test/webFs is the extension folder.
  mkdirSync('out/test/webFs', { recursive: true });
  copyFileSync('test/webFs/package.json', 'out/test/webFs/package.json');
}
