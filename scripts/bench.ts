import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../test/runner/paths';

/**
 * `npm run bench`: one JSON object per figure on stdout, `{"name", "value", "unit", ...}`.
 * A benchmark, not a test: it measures and never fails on a number. Times are medians of fresh
 * processes, each set against a baseline measured the same way in the same run, so the ratio
 * survives a noisy machine better than the raw milliseconds do.
 */

interface Figure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly [extra: string]: unknown;
}

function emit(figure: Figure): void {
  process.stdout.write(`${JSON.stringify(figure)}\n`);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * Time to `require()` a module in a fresh Node process, in ms. `vscode` exists only inside the
 * extension host, so a stub stands in for it; nothing is activated, only loaded.
 */
function requireTimes(modulePath: string, runs: number, scratch: string): number[] {
  const probe = join(scratch, 'probe.js');
  writeFileSync(probe, `
const Module = require('node:module');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'vscode' ? require.resolve('./vscode-stub.js') : resolve.call(this, request, ...rest);
};
const started = process.hrtime.bigint();
require(process.argv[2]);
process.stdout.write(String(Number(process.hrtime.bigint() - started) / 1e6));
`);
  writeFileSync(join(scratch, 'vscode-stub.js'), 'module.exports = {};');
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const result = spawnSync(process.execPath, [probe, modulePath], { encoding: 'utf8' });
    if (result.status !== 0) {
      throw new Error(`require(${modulePath}) failed: ${result.stderr}`);
    }
    times.push(Number(result.stdout));
  }
  return times;
}

function main(): void {
  // Measure what ships: the minified production bundle.
  execFileSync(process.execPath, [join(projectRoot, 'esbuild.mjs'), '--production'], { cwd: projectRoot, stdio: 'inherit' });
  const extension = join(projectRoot, 'dist', 'extension.js');
  const cli = join(projectRoot, 'dist', 'cli.js');
  emit({ name: 'bundle.extension.size', value: statSync(extension).size, unit: 'bytes', budget: 150 * 1024 });
  emit({ name: 'bundle.cli.size', value: statSync(cli).size, unit: 'bytes' });

  const scratch = mkdtempSync(join(tmpdir(), 'lwkd-bench-'));
  try {
    const runs = 21;
    const baselineModule = join(scratch, 'empty.js');
    writeFileSync(baselineModule, 'module.exports = {};');
    // Interleave so that drift in machine load affects both alike.
    const baseline: number[] = [];
    const measured: number[] = [];
    for (let i = 0; i < runs; i++) {
      baseline.push(...requireTimes(baselineModule, 1, scratch));
      measured.push(...requireTimes(extension, 1, scratch));
    }
    const value = median(measured);
    const base = median(baseline);
    emit({ name: 'require.extension', value: round(value), unit: 'ms', runs, baseline_ms: round(base), ratio_to_empty_module: round(value / base) });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

main();
