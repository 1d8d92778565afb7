// `npm test`: type-check, lint, build, then the test layers: unit (plain Node), sample (checks
// against the real LWKD archive, when it is beside the checkout), grammar (our injection grammar
// within VS Code's own Markdown grammar), render (drafted lines built by the real Jekyll and
// kramdown, and by a CommonMark renderer), integration (inside a real VS Code extension host), web
// (inside the browser's web worker extension host, on a virtual workspace) and UI (Playwright on
// the real workbench). Every step runs even when an earlier one fails, so one
// run shows everything; the exit code is non-zero if any failed.
// `npm test -- unit` (or sample, grammar, render, integration, web, ui) runs the build and that layer only.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const layers = {
  unit: ['npx', ['mocha', '--config', '.mocharc.json']],
  sample: ['npx', ['mocha', '--config', '.mocharc.sample.json']],
  grammar: ['node', ['out/scripts/grammarTest.js']],
  render: ['npx', ['mocha', '--config', '.mocharc.render.json']],
  integration: ['node', ['out/test/runner/runIntegration.js']],
  web: ['node', ['out/test/runner/runWeb.js']],
  ui: ['npx', ['mocha', '--config', '.mocharc.ui.json']],
};
const chosen = process.argv.slice(2);
for (const name of chosen) {
  if (!(name in layers)) {
    console.error(`Unknown test layer "${name}"; choose from ${Object.keys(layers).join(', ')}.`);
    process.exit(2);
  }
}

const running = chosen.length ? chosen : Object.keys(layers);
const prerequisites = [
  ...(running.some((name) => !['unit', 'sample', 'render'].includes(name)) ? ['vscode'] : []),
  ...(running.includes('render') ? ['render'] : []),
];

// The LWKD archive (CC BY 4.0) is not part of this repository: CI places it beside the checkout
// as ../shared/lwkd-sample, and LWKD_SAMPLE_DIR points elsewhere (test/runner/paths.ts agrees).
const sampleDir = process.env.LWKD_SAMPLE_DIR ?? join(import.meta.dirname, '..', '..', 'shared', 'lwkd-sample');
const sampleMissing = !existsSync(join(sampleDir, '_posts'));
const steps = [
  ...(prerequisites.length ? [['prerequisites', 'node', ['scripts/prerequisites.mjs', ...prerequisites]]] : []),
  ...(chosen.length
    ? []
    : [
        ['typecheck', 'npx', ['tsc', '-p', 'tsconfig.json']],
        ['lint', 'npx', ['eslint', '.']],
        ['format', 'npx', ['prettier', '--check', '.']],
      ]),
  ['build', 'node', ['esbuild.mjs', '--tests']],
  ...Object.entries(layers)
    .filter(([name]) => !chosen.length || chosen.includes(name))
    .map(([name, [command, args]]) => [name, command, args]),
];

function run(name, command, args) {
  return new Promise((resolve) => {
    const started = Date.now();
    console.log(`\n── ${name} ──`);
    if (name === 'sample' && sampleMissing) {
      console.log(`sample: did not run: the LWKD archive is not at ${sampleDir} (set LWKD_SAMPLE_DIR to a copy of the LWKD repository)`);
      resolve({ name, code: 0, seconds: 0, passed: 0, failed: 0 });
      return;
    }
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let tail = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      tail = (tail + chunk.toString()).slice(-4000);
    });
    child.on('close', (code) => {
      const counts = new RegExp(`^${name}: (\\d+) passed, (\\d+) failed`, 'm').exec(tail);
      resolve({ name, code: code ?? 1, seconds: (Date.now() - started) / 1000, passed: Number(counts?.[1] ?? 0), failed: Number(counts?.[2] ?? 0) });
    });
  });
}

const results = [];
for (const [name, command, args] of steps) {
  const result = await run(name, command, args);
  results.push(result);
  if ((name === 'build' || name === 'prerequisites') && result.code !== 0) {
    break; // Nothing to test without a build.
  }
}

console.log('\n── summary ──');
for (const { name, code, seconds } of results) {
  console.log(`${code === 0 ? 'ok  ' : 'FAIL'} ${name.padEnd(12)} ${seconds.toFixed(1)} s`);
}
const passed = results.reduce((sum, result) => sum + result.passed, 0);
const failed = results.reduce((sum, result) => sum + result.failed, 0);
const broken = results.filter((result) => result.code !== 0);
// A layer that crashed before its reporter ran counts as one failure so the total never hides it.
const uncounted = broken.filter((result) => result.failed === 0).length;
console.log(`${passed} passed, ${failed + uncounted} failed`);
process.exitCode = broken.length ? 1 : 0;
