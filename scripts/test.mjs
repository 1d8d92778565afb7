// `npm test`: type-check, lint, build, then the five test layers: unit (plain Node), grammar (our
// injection grammar within VS Code's own Markdown grammar), render (drafted lines built by the
// real Jekyll and kramdown, and by a CommonMark renderer), integration (inside a real VS Code
// extension host) and UI (Playwright on the real workbench). Every step runs even when an earlier
// one fails, so one run shows everything; the exit code is non-zero if any failed.
// `npm test -- unit` (or grammar, render, integration, ui) runs the build and that layer only.
import { spawn } from 'node:child_process';

const layers = {
  unit: ['npx', ['mocha', '--config', '.mocharc.json']],
  grammar: ['node', ['out/scripts/grammarTest.js']],
  render: ['npx', ['mocha', '--config', '.mocharc.render.json']],
  integration: ['node', ['out/test/runner/runIntegration.js']],
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
  ...(running.some((name) => name !== 'unit' && name !== 'render') ? ['vscode'] : []),
  ...(running.includes('render') ? ['render'] : []),
];
const steps = [
  ...(prerequisites.length ? [['prerequisites', 'node', ['scripts/prerequisites.mjs', ...prerequisites]]] : []),
  ...(chosen.length ? [] : [['typecheck', 'npx', ['tsc', '-p', 'tsconfig.json']], ['lint', 'npx', ['eslint', '.']]]),
  ['build', 'node', ['esbuild.mjs', '--tests']],
  ...Object.entries(layers).filter(([name]) => !chosen.length || chosen.includes(name)).map(([name, [command, args]]) => [name, command, args]),
];

function run(name, command, args) {
  return new Promise((resolve) => {
    const started = Date.now();
    console.log(`\n── ${name} ──`);
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
