import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderHover } from '../src/core/hoverMarkdown';
import { lintPost } from '../src/core/lint';
import { lintCoverage } from '../src/core/lintCoverage';
import { ItemCache } from '../src/core/itemCache';
import { silentLogger } from '../src/core/logger';
import { decodePost, MAX_POST_BYTES } from '../src/core/postFile';
import { ContributionsFetcher } from '../src/services/contributions';
import { parseIndexStore, serializeIndexStore } from '../src/core/indexStore';
import { forEachLimited } from '../src/core/concurrency';
import { nodePostFiles } from '../src/node/postFiles';
import { readPostsWithStore } from '../src/services/postFiles';
import { GitHubClient } from '../src/services/githubClient';
import { ItemFetcher } from '../src/services/itemFetcher';
import { FakeGitHub } from '../test/fakeGitHub/server';
import { bulletFor, coveredBefore, DEFAULT_MERGED_LABELS, toCandidates } from '../src/core/mergedPrs';
import { indexPost, PostIndex } from '../src/core/postIndex';
import { relevantLabels } from '../src/core/pullRequests';
import { editionWeekWindow } from '../src/core/weekWindow';
import { collectMergedPrs, SearchPacer } from '../src/services/weekCollector';
import type { ActivationSample } from '../test/runner/activation';
import { measureActivation } from '../test/runner/activation';
import { lwkdSampleDir, projectRoot, resultsDir } from '../test/runner/paths';
import { HOSTILE_FILE, HOSTILE_SHAPES, scanTimes, totalMs } from '../test/util/hostilePosts';

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
  writeFileSync(
    probe,
    `
const Module = require('node:module');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'vscode' ? require.resolve('./vscode-stub.js') : resolve.call(this, request, ...rest);
};
const started = process.hrtime.bigint();
require(process.argv[2]);
process.stdout.write(String(Number(process.hrtime.bigint() - started) / 1e6));
`,
  );
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

async function main(): Promise<void> {
  // Measure what ships: the minified production bundle.
  const metafiles = join(projectRoot, 'out', 'bundle-meta');
  execFileSync(process.execPath, [join(projectRoot, 'esbuild.mjs'), '--production', '--metafile', metafiles], { cwd: projectRoot, stdio: 'inherit' });
  const extension = join(projectRoot, 'dist', 'extension.js');
  const cli = join(projectRoot, 'dist', 'cli.js');
  const parts = (name: string) => bundleParts(JSON.parse(readFileSync(join(metafiles, `${name}.json`), 'utf8')) as Metafile);
  emit({ name: 'bundle.extension.size', value: statSync(extension).size, unit: 'bytes', budget: 150 * 1024, ...parts('extension') });
  emit({ name: 'bundle.cli.size', value: statSync(cli).size, unit: 'bytes' });
  // What github.dev and vscode.dev load into their web worker.
  emit({
    name: 'bundle.web.size',
    value: statSync(join(projectRoot, 'dist', 'web', 'extension.js')).size,
    unit: 'bytes',
    budget: 200 * 1024,
    ...parts('web-extension'),
  });

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

    const samplePosts = join(lwkdSampleDir, '_posts');
    if (existsSync(samplePosts)) {
      benchIndex('index.sample', listMarkdown(samplePosts), 21, 10);
    } else {
      process.stderr.write(`bench: ${samplePosts} not found; sample-corpus figures left out\n`);
    }
    const synthetic = join(scratch, 'synthetic');
    writeSyntheticCorpus(synthetic, 10_000);
    const files = listMarkdown(synthetic);
    benchIndex('index.synthetic10k', files, 5, 1);
    benchReindex(files);
    await benchWarmRestart(files, scratch);
    benchMemory(files);
    benchLint(existsSync(samplePosts) ? listMarkdown(samplePosts) : []);
    benchHostile();
    await benchGitHub();
    await benchMerged(existsSync(samplePosts) ? listMarkdown(samplePosts) : []);
    await benchContributions();
    await benchActivation(scratch);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * Style checks: one 20 KB edition (the sample's largest posts, repeated to size), median of 201
 * runs after warm-up; and the whole sample corpus once, with the coverage checks over its index.
 */
function benchLint(sampleFiles: string[]): void {
  const seed =
    sampleFiles.length > 0
      ? sampleFiles.map((file) => readFileSync(file, 'utf8')).sort((a, b) => b.length - a.length)[0]!
      : readFileSync(join(projectRoot, 'sample-workspace', '_posts', '2026-11-08-update.md'), 'utf8');
  const body = seed.slice(seed.indexOf('\n---', 3) + 4);
  let edition = seed;
  while (edition.length < 20 * 1024) {
    edition += body;
  }
  const times: number[] = [];
  for (let i = -20; i < 201; i++) {
    const started = process.hrtime.bigint();
    lintPost(edition, { fileName: '_posts/2026-11-22-update.md' });
    if (i >= 0) {
      times.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
  }
  emit({ name: 'lint.edition20k', value: round(median(times)), unit: 'ms', bytes: edition.length, runs: times.length, target_ms: 10 });
  if (sampleFiles.length > 0) {
    const index = new PostIndex();
    const texts = sampleFiles.map((file) => readFileSync(file, 'utf8'));
    const started = process.hrtime.bigint();
    sampleFiles.forEach((file, i) => index.set(indexPost(file, texts[i]!)));
    let findings = 0;
    sampleFiles.forEach((file, i) => {
      findings += lintPost(texts[i]!, { fileName: file }).length + lintCoverage(index.get(file)!, index).length;
    });
    emit({
      name: 'lint.sample_corpus',
      value: round(Number(process.hrtime.bigint() - started) / 1e6),
      unit: 'ms',
      posts: sampleFiles.length,
      findings,
      includes: 'indexing and coverage checks',
    });
  }
}

/**
 * The hostile corpus (test/util/hostilePosts.ts) at the size cap: each shape indexed and linted
 * once, then the five slowest again, median of five. The worst is the figure, with the time every
 * scanner (completions, Find, the Past Issues view, section edits too) took on that post.
 */
function benchHostile(): void {
  const indexAndLint = (text: string): number => {
    const started = process.hrtime.bigint();
    indexPost(HOSTILE_FILE, text);
    lintPost(text, { fileName: HOSTILE_FILE });
    return Number(process.hrtime.bigint() - started) / 1e6;
  };
  const first = HOSTILE_SHAPES.map((shape) => ({ shape, ms: indexAndLint(shape.build(MAX_POST_BYTES)) }));
  const slowest = first
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 5)
    .map(({ shape }) => {
      const text = shape.build(MAX_POST_BYTES);
      return { shape, bytes: Buffer.byteLength(text), ms: median(Array.from({ length: 5 }, () => indexAndLint(text))), all: totalMs(scanTimes(text)) };
    })
    .sort((a, b) => b.ms - a.ms);
  const worst = slowest[0]!;
  emit({
    name: 'scan.hostile.worst_ms',
    value: round(worst.ms),
    unit: 'ms',
    shape: worst.shape.name,
    post_bytes: worst.bytes,
    cap_bytes: MAX_POST_BYTES,
    shapes: HOSTILE_SHAPES.length,
    measures: 'indexing and style checks',
    all_scanners_ms: round(worst.all),
    next: slowest.slice(1).map(({ shape, ms }) => `${shape.name} ${round(ms)} ms`),
    target_ms: 1000,
  });
}

/**
 * GitHub access against the fake server on 127.0.0.1: requests for an edition with 60 distinct
 * PR links (with a token), the cost of a cached hover (the provider's own work: cache lookup and
 * rendering; VS Code's plumbing is not in it), and the time to a message when GitHub hangs.
 */
async function benchGitHub(): Promise<void> {
  const github = await FakeGitHub.start({ tokens: ['bench-token'] });
  const fetcherFor = (timeoutMs: number, cache?: ItemCache, token?: string) =>
    new ItemFetcher(
      async () => ({
        client: new GitHubClient({ apiUrl: github.url, userAgent: 'bench', logger: silentLogger, timeoutMs, ...(token ? { token } : {}) }),
        authenticated: Boolean(token),
      }),
      silentLogger,
      cache,
    );
  try {
    const requests = Array.from({ length: 60 }, (_, i) => {
      github.addPull('kubernetes/kubernetes', {
        number: 130000 + i,
        title: `PR ${i}`,
        author: 'a',
        mergedAt: '2026-11-05T10:00:00Z',
        labels: ['kind/feature', 'sig/node'],
      });
      return { key: { owner: 'kubernetes', repo: 'kubernetes', number: 130000 + i }, kind: 'pull' as const };
    });
    const fetcher = fetcherFor(5_000, undefined, 'bench-token');
    await fetcher.prefetch(requests);
    const cold = github.requests.length;
    for (const request of requests) {
      await fetcher.lookup(request);
    }
    const warm = github.requests.length - cold;
    const restored = new ItemCache();
    restored.load(JSON.parse(JSON.stringify(fetcher.cache.serialize())));
    const afterRestart = fetcherFor(5_000, restored, 'bench-token');
    const before = github.requests.length;
    for (const request of requests) {
      await afterRestart.lookup(request);
    }
    emit({ name: 'github.requests.edition60.cold', value: cold, unit: 'requests', target: 2 });
    emit({ name: 'github.requests.edition60.then_each_hover', value: warm, unit: 'requests', target: 0 });
    emit({ name: 'github.requests.edition60.after_restart', value: github.requests.length - before, unit: 'requests', target: 0 });

    const times: number[] = [];
    for (let i = 0; i < 2_000; i++) {
      const request = requests[i % requests.length]!;
      const started = process.hrtime.bigint();
      const lookup = await fetcher.lookup(request);
      renderHover({
        key: request.key,
        refKind: 'pull',
        ...(lookup.item ? { item: lookup.item } : {}),
        coveredIn: [],
        webBase: 'https://github.com',
        openCommand: 'lwkd.openLocation',
      });
      times.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    times.sort((a, b) => a - b);
    emit({ name: 'hover.cached.p50', value: round(times[Math.floor(times.length * 0.5)]!), unit: 'ms', samples: times.length });
    emit({ name: 'hover.cached.p99', value: round(times[Math.floor(times.length * 0.99)]!), unit: 'ms', samples: times.length, target: 2 });

    const timeoutMs = 1_000;
    github.fail({ kind: 'hang' });
    const started = Date.now();
    const hung = await fetcherFor(timeoutMs).lookup({ key: { owner: 'kubernetes', repo: 'kubernetes', number: 1 }, kind: 'pull' });
    const elapsed = Date.now() - started;
    emit({
      name: 'github.hang.time_to_message_beyond_timeout',
      value: elapsed - timeoutMs,
      unit: 'ms',
      timeout_ms: timeoutMs,
      failure: hung.failure?.kind ?? 'none',
      target: 100,
    });
  } finally {
    await github.close();
  }
}

/**
 * Insert Merged PRs: requests for a week with 250 merged PRs (pages of 100), and the work between
 * a warm cache and the picker: candidates grouped, marked against the sample archive's index
 * (the last 8 weeks), and turned into bullets. VS Code's own rendering of the picker is not in it.
 */
async function benchMerged(sampleFiles: string[]): Promise<void> {
  const github = await FakeGitHub.start({ tokens: ['bench-token'] });
  try {
    for (let i = 0; i < 250; i++) {
      github.addPull('kubernetes/kubernetes', {
        number: 120000 + i,
        title: i % 7 ? `Kubelet change number ${i}` : `Promote Feature${i} to beta`,
        author: 'dev',
        mergedAt: `2022-11-${String(7 + (i % 7)).padStart(2, '0')}T12:00:00Z`,
        labels: ['release-note', i % 3 ? 'kind/feature' : 'kind/bug'],
        body: '```release-note\nA change.\n```',
      });
    }
    const client = new GitHubClient({ apiUrl: github.url, userAgent: 'bench', logger: silentLogger, token: 'bench-token' });
    const week = { year: 2022, month: 11, day: 13 };
    const result = await collectMergedPrs(
      client,
      ['kubernetes/kubernetes'],
      editionWeekWindow(week, 'UTC'),
      DEFAULT_MERGED_LABELS,
      { logger: silentLogger },
      new SearchPacer(),
    );
    emit({ name: 'merged.requests.week250', value: result.requests, unit: 'requests', prs: result.prs.length, target: 3 });
    const index = new PostIndex();
    for (const file of sampleFiles) {
      index.set(indexPost(file, readFileSync(file, 'utf8')));
    }
    const times: number[] = [];
    for (let run = 0; run < 101; run++) {
      const started = process.hrtime.bigint();
      const candidates = toCandidates(result.prs, (pr) => coveredBefore(index, pr, week, 8));
      const items = candidates.map((candidate) => ({
        label: `#${candidate.number} ${candidate.title}`,
        description: `${candidate.section} ${relevantLabels(candidate.labels, 4).shown.join(', ')}`,
        bullet: bulletFor(candidate),
      }));
      times.push(Number(process.hrtime.bigint() - started) / 1e6);
      if (items.length !== 250) {
        throw new Error(`expected 250 candidates, got ${items.length}`);
      }
    }
    emit({ name: 'merged.picker_from_warm_cache', value: round(median(times)), unit: 'ms', prs: 250, index_posts: index.size, runs: times.length });
  } finally {
    await github.close();
  }
}

/**
 * Contributions for one edition, in a repository shaped like kubernetes-sigs/lwkd's: 40 open PRs
 * (25 untouched for months, 8 named for other weeks, 2 README fixes this week, 5 for the week) and
 * 30 open issues (6 News Items this week, 2 from the week before, the rest ordinary). Cold: the
 * two listings and one files list per PR that could be the week's; warm (the tree opened again,
 * Show Contributions): the listings again with their ETags, answered 304, which GitHub does not
 * count against the quota.
 */
async function benchContributions(): Promise<void> {
  const github = await FakeGitHub.start();
  try {
    const week = { year: 2027, month: 3, day: 14 };
    const repo = 'kubernetes-sigs/lwkd';
    const post = '_posts/2027-03-14-update.md';
    const patch = '@@ -1,1 +1,2 @@\n ## Developer News\n+A contributed item';
    for (let i = 0; i < 40; i++) {
      const stale = i < 25;
      const otherWeek = i >= 25 && i < 33;
      const readme = i >= 33 && i < 35;
      github.addPull(repo, {
        number: 900 + i,
        title: otherWeek
          ? `Dev News 2027-0${1 + (i % 2)}-1${i % 7}-update.md`
          : readme
            ? `Fix README ${i}`
            : stale
              ? `Old idea ${i}`
              : `Dev News 2027-03-14-update.md (${i})`,
        author: `contributor${i}`,
        baseRef: i >= 35 ? '20270314' : 'main',
        createdAt: stale ? '2026-10-01T10:00:00Z' : '2027-03-10T10:00:00Z',
        files: [{ filename: readme || stale ? 'README.md' : otherWeek ? '_posts/2027-01-10-update.md' : post, patch }],
      });
    }
    for (let i = 0; i < 30; i++) {
      const news = i < 8;
      github.addIssue(repo, {
        number: 1000 + i,
        title: news ? `News Item: item ${i}` : `Site issue ${i}`,
        author: `reporter${i}`,
        createdAt: news && i < 6 ? '2027-03-11T10:00:00Z' : '2027-03-01T10:00:00Z',
        updatedAt: '2027-03-11T10:00:00Z',
        body: news ? '**What would you like to be added**\nA sentence.\n\n**Section:**\n- [x] Developer News\n' : 'Something on the site.',
      });
    }
    const fetcher = new ContributionsFetcher(() => new GitHubClient({ apiUrl: github.url, userAgent: 'bench', logger: silentLogger }), silentLogger);
    const query = { repo, week, window: editionWeekWindow(week, 'UTC'), postsFolder: '_posts' };
    const cold = await fetcher.fetch(query);
    const warm = await fetcher.fetch(query);
    if (cold.prs.length !== 5 || cold.newsItems.length !== 6) {
      throw new Error(`expected 5 PRs and 6 News Items, got ${cold.prs.length} and ${cold.newsItems.length}`);
    }
    emit({
      name: 'contributions.requests.cold',
      value: cold.requests,
      unit: 'requests',
      quota: cold.requests - cold.notModified,
      prs: 5,
      news_items: 6,
      open_prs: 40,
      open_issues: 30,
    });
    emit({
      name: 'contributions.requests.warm',
      value: warm.requests,
      unit: 'requests',
      quota: warm.requests - warm.notModified,
      not_modified: warm.notModified,
    });
  } finally {
    await github.close();
  }
}

/**
 * Activation in a real extension host (test/runner/activation.ts; test/activation/probe.ts says
 * how VS Code's own figures are read): the median over fresh host launches on the fixture
 * workspace, activated by `workspaceContains:_posts/*.md`, of codeLoadingTime + activateCallTime
 * + activateResolvedTime. Two extensions, launched in turn so that machine load reaches both
 * alike: what ships (dist/extension.js) and an empty extension (the host's own cost of
 * activating anything). Needs the VS Code server that the integration tests install; without
 * it, or if the host cannot start, the figures are left out with a message.
 */
async function benchActivation(scratch: string): Promise<void> {
  const runs = Number(process.env.LWKD_BENCH_ACTIVATION_RUNS ?? 7);
  const manifest = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { publisher: string; name: string };
  // What ships, from a copy laid out as the .vsix installs it: the manifest, what it
  // contributes, and the bundle (without its source map, which the host does not read).
  const shipped = join(scratch, 'activation-shipped');
  for (const entry of ['package.json', 'package.nls.json', 'l10n', 'snippets', 'syntaxes', 'media', 'dist/extension.js', 'dist/web/extension.js']) {
    cpSync(join(projectRoot, entry), join(shipped, entry), { recursive: true });
  }
  const empty = join(scratch, 'activation-empty');
  mkdirSync(empty);
  writeFileSync(
    join(empty, 'package.json'),
    JSON.stringify({
      name: 'empty',
      publisher: 'lwkd-bench',
      version: '0.0.0',
      engines: { vscode: '^1.139.0' },
      main: './extension.js',
      browser: './extension.js',
      activationEvents: ['workspaceContains:_posts/*.md'],
    }),
  );
  writeFileSync(join(empty, 'extension.js'), 'exports.activate = function () {};\n');

  mkdirSync(resultsDir, { recursive: true });
  const log = join(resultsDir, 'bench-activation.log');
  let samples: Map<string, ActivationSample[]>;
  try {
    samples = await measureActivation(
      [
        { name: 'shipped', root: shipped, id: `${manifest.publisher}.${manifest.name}` },
        { name: 'empty', root: empty, id: 'lwkd-bench.empty' },
      ],
      { runs, log },
    );
  } catch (error) {
    process.stderr.write(`bench: activation.real_host_ms left out: ${error instanceof Error ? error.message : String(error)}\n`);
    return;
  }
  const summary = (list: ActivationSample[]) => {
    const totals = list.map((sample) => sample.totalMs);
    const of = (pick: (sample: ActivationSample) => number | undefined) => {
      const values = list.map(pick).filter((value): value is number => value !== undefined);
      return values.length === list.length ? median(values) : undefined;
    };
    return {
      value: median(totals),
      unit: 'ms',
      runs: list.length,
      min_ms: Math.min(...totals),
      max_ms: Math.max(...totals),
      samples_ms: totals,
      code_loading_ms: of((sample) => sample.codeLoadingTime),
      activate_call_ms: of((sample) => sample.activateCallTime),
      activate_resolved_ms: of((sample) => sample.activateResolvedTime),
      require_ms: of((sample) => sample.requireMs),
      event: list[0]!.activationEvent,
    };
  };
  const ours = summary(samples.get('shipped')!);
  const baseline = summary(samples.get('empty')!);
  emit({
    name: 'activation.real_host_ms',
    ...ours,
    source: `VS Code ${samples.get('shipped')![0]!.vscode} ExtensionActivationTimes (codeLoadingTime + activateCallTime + activateResolvedTime), read from Developer: Startup Performance in the extension host`,
    extension_bytes: statSync(join(shipped, 'dist', 'extension.js')).size,
    empty_extension_ms: baseline.value,
    difference_to_empty_ms: ours.value - baseline.value,
  });
  emit({ name: 'activation.real_host_ms.empty_extension', ...baseline, build: "an extension whose activate() does nothing: the host's own cost" });

  // The same in the browser's web worker host (github.dev, vscode.dev), on the virtual workspace.
  let web: Map<string, ActivationSample[]>;
  try {
    web = await measureActivation(
      [
        { name: 'shipped', root: shipped, id: `${manifest.publisher}.${manifest.name}` },
        { name: 'empty', root: empty, id: 'lwkd-bench.empty' },
      ],
      { runs, log, host: 'web' },
    );
  } catch (error) {
    process.stderr.write(`bench: activation.web_worker_ms left out: ${error instanceof Error ? error.message : String(error)}\n`);
    return;
  }
  const webOurs = summary(web.get('shipped')!);
  const webBaseline = summary(web.get('empty')!);
  emit({
    name: 'activation.web_worker_ms',
    ...webOurs,
    host: web.get('shipped')![0]!.node,
    extension_bytes: statSync(join(shipped, 'dist', 'web', 'extension.js')).size,
    empty_extension_ms: webBaseline.value,
    difference_to_empty_ms: webOurs.value - webBaseline.value,
    target_ms: 50,
  });
}

function listMarkdown(folder: string): string[] {
  return readdirSync(folder)
    .filter((name) => name.endsWith('.md'))
    .map((name) => join(folder, name))
    .sort();
}

/**
 * Reads only (the baseline), then reads and indexes, alternately; medians of `rounds` after
 * `warmup` untimed rounds (steady state, as in a long-lived extension host). The very first
 * round, with a cold JIT, is reported too: it is what the first opening of the view costs.
 */
function benchIndex(name: string, files: string[], rounds: number, warmup = 3): void {
  const readOnly: number[] = [];
  const readAndIndex: number[] = [];
  let coldMs = 0;
  // No forced collections here: a full GC shrinks the heap and makes the next loop slower (seen:
  // 190 against 110 ms per 1,000 posts). Both loops run under the same collector.
  for (let round = -warmup; round < rounds; round++) {
    let started = process.hrtime.bigint();
    let bytes = 0;
    for (const file of files) {
      const decoded = decodePost(readFileSync(file));
      bytes += 'text' in decoded ? decoded.text.length : 0;
    }
    readOnly.push(Number(process.hrtime.bigint() - started) / 1e6);
    started = process.hrtime.bigint();
    const index = new PostIndex();
    for (const file of files) {
      const decoded = decodePost(readFileSync(file));
      index.set('text' in decoded ? indexPost(file, decoded.text) : indexPost(file, ''));
    }
    const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
    if (round === -warmup) {
      coldMs = elapsed;
    }
    if (round >= 0) {
      readAndIndex.push(elapsed);
    } else {
      readOnly.pop();
    }
    if (bytes === 0 || index.size !== files.length) {
      throw new Error(`${name}: indexed ${index.size} of ${files.length}`);
    }
  }
  const indexMs = median(readAndIndex);
  const readMs = median(readOnly);
  const perThousand = (ms: number) => round((ms / files.length) * 1000);
  emit({
    name: `${name}.ms_per_1000_posts`,
    value: perThousand(indexMs),
    unit: 'ms',
    posts: files.length,
    rounds,
    read_only_ms_per_1000_posts: perThousand(readMs),
    ratio_to_read: round(indexMs / readMs),
    cold_first_round_ms_per_1000_posts: perThousand(coldMs),
    target_ms_per_1000: 100,
    target_ratio: 5,
  });
}

/**
 * Past Issues after a restart with nothing changed: the saved index read and parsed, every post
 * file stamped (size and time) and its entry taken from the store, the index filled. Against a
 * plain read of the same files through the same file-system routines (the baseline the issue
 * names), alternately, medians of 5 after one warm-up. Also the cold build with its store write.
 */
async function benchWarmRestart(files: string[], scratch: string): Promise<void> {
  const storePath = join(scratch, 'past-issues-index.bin');
  const cold = await readPostsWithStore(nodePostFiles, files, (path) => path, undefined);
  writeFileSync(
    storePath,
    serializeIndexStore(
      cold.posts.map((post) => ({ post, stamp: cold.stamps.get(post.file)! })),
      Date.now() + 60_000,
    ),
  );
  const readOnly: number[] = [];
  const warm: number[] = [];
  let parsed = 0;
  for (let round = -1; round < 5; round++) {
    let started = process.hrtime.bigint();
    let bytes = 0;
    await forEachLimited(files, 16, async (file) => {
      const read = await nodePostFiles.readFile(file, MAX_POST_BYTES);
      bytes += 'bytes' in read ? read.bytes.length : 0;
    });
    const readMs = Number(process.hrtime.bigint() - started) / 1e6;
    started = process.hrtime.bigint();
    const store = parseIndexStore(readFileSync(storePath));
    const restored = await readPostsWithStore(nodePostFiles, files, (path) => path, store);
    const index = new PostIndex();
    restored.posts.forEach((post) => index.set(post));
    const warmMs = Number(process.hrtime.bigint() - started) / 1e6;
    parsed = restored.parsed;
    if (bytes === 0 || index.size !== files.length) {
      throw new Error(`warm restart: ${index.size} of ${files.length}`);
    }
    if (round >= 0) {
      readOnly.push(readMs);
      warm.push(warmMs);
    }
  }
  emit({
    name: 'index.warm_restart',
    value: round(median(warm)),
    unit: 'ms',
    posts: files.length,
    parsed_again: parsed,
    store_bytes: statSync(storePath).size,
    read_only_ms: round(median(readOnly)),
    ratio_to_read: round(median(warm) / median(readOnly)),
    target_ratio: 1.5,
  });
}

/** One changed post re-indexed into a full index: what a save or a pause in typing costs. */
function benchReindex(files: string[]): void {
  const index = new PostIndex();
  const texts = files.map((file) => readFileSync(file, 'utf8'));
  files.forEach((file, i) => index.set(indexPost(file, texts[i]!)));
  const target = files[Math.floor(files.length / 2)]!;
  const text = texts[Math.floor(files.length / 2)]!;
  const times: number[] = [];
  for (let i = 0; i < 201; i++) {
    const edited = `${text}\n* Edit ${i} [links](https://github.com/kubernetes/kubernetes/pull/${900000 + i})\n`;
    const started = process.hrtime.bigint();
    index.set(indexPost(target, edited));
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  emit({
    name: 'index.reindex_one_post',
    value: round(median(times)),
    unit: 'ms',
    index_size: index.size,
    post_bytes: text.length,
    runs: times.length,
    target_ms: 5,
  });
}

function benchMemory(files: string[]): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) {
    process.stderr.write('bench: run with --expose-gc for the memory figure\n');
    return;
  }
  gc();
  const before = process.memoryUsage().heapUsed;
  const index = new PostIndex();
  for (const file of files) {
    index.set(indexPost(file, readFileSync(file, 'utf8')));
  }
  // The reference index is filled by the first lookup (a hover, Find, a coverage check): its
  // cost is reported, and the heap is measured with it built.
  const started = process.hrtime.bigint();
  index.occurrences('kubernetes/kubernetes#100001');
  const firstLookupMs = Number(process.hrtime.bigint() - started) / 1e6;
  gc();
  const after = process.memoryUsage().heapUsed;
  emit({
    name: 'index.synthetic10k.heap',
    value: round((after - before) / 1024 / 1024),
    unit: 'MB',
    posts: index.size,
    includes: 'the reference index',
    target_mb: 60,
  });
  emit({ name: 'index.synthetic10k.first_lookup', value: round(firstLookupMs), unit: 'ms', posts: index.size, builds: 'the reference index, once' });
}

/**
 * Posts shaped like a 2020s edition: front matter, the template's sections, a featured PR, ~30
 * PR links, a KEP, short forms; about 4 KB each.
 */
function writeSyntheticCorpus(folder: string, count: number): void {
  mkdirSync(folder, { recursive: true });
  const sunday = Date.UTC(2018, 0, 7);
  for (let i = 0; i < count; i++) {
    const date = new Date(sunday + i * 7 * 86_400_000).toISOString().slice(0, 10);
    const pr = (n: number) => `https://github.com/kubernetes/kubernetes/pull/${100000 + ((i * 37 + n) % 60000)}`;
    const merges = Array.from({ length: 24 }, (_, n) => `* Component ${n} [gains a behaviour](${pr(n)}) for contributors`).join('\n');
    writeFileSync(
      join(folder, `${date}-update.md`),
      `---
layout: post
title: Week Ending ${date}
date: ${date} 22:00:00 -0000
slug: ${date}-update
---

## Developer News

The steering committee [announced a change](https://groups.google.com/a/kubernetes.io/g/dev/c/x${i}) and k/k#${120000 + i} tracks it.

## Release Schedule

**Next Deadline: Code Freeze, somewhere in week ${i}**

Patch releases are expected this week.

## Featured PRs

### [#${110000 + i}: A featured change](${pr(99)})

A paragraph about the featured change, its history in enhancements#${3000 + (i % 900)}, and [its KEP](https://github.com/kubernetes/enhancements/tree/master/keps/sig-node/${3000 + (i % 900)}-a-kep).

## KEP of the Week

### [KEP-${3000 + (i % 900)}: A KEP](https://github.com/kubernetes/enhancements/tree/master/keps/sig-node/${3000 + (i % 900)}-a-kep)

This KEP implements a thing; see \`code with k/k#1 in it\`.

## Other Merges

${merges}

## Promotions

* [AFeature to Beta](${pr(200)})

## Version Updates

* [etcd to v3.5.${i % 20}](${pr(300)})

## Shoutouts

* No shoutouts this week. Want to thank someone for special efforts to improve Kubernetes? Tag them in the #shoutouts channel.
`,
    );
  }
}

/** The part of an esbuild metafile the bench reads: each input's bytes in the one output. */
interface Metafile {
  readonly outputs: Record<string, { readonly inputs: Record<string, { readonly bytesInOutput: number }> }>;
}

/**
 * Where a bundle's bytes come from: by room (`src/core`, `src/features`, …) and by package, and
 * the largest modules, so a budget overrun points at what would have to go.
 */
function bundleParts(metafile: Metafile): { by_part: Record<string, number>; largest_modules: string[] } {
  const output = Object.entries(metafile.outputs).find(([file]) => !file.endsWith('.map'))![1];
  const inputs = Object.entries(output.inputs).map(([file, { bytesInOutput }]) => ({ file, bytes: bytesInOutput }));
  const byPart = new Map<string, number>();
  for (const { file, bytes } of inputs) {
    const steps = file.split('/');
    const modules = steps.lastIndexOf('node_modules');
    const part =
      modules !== -1
        ? steps.slice(modules + 1, modules + (steps[modules + 1]!.startsWith('@') ? 3 : 2)).join('/')
        : steps.slice(0, steps.length > 2 ? 2 : steps.length).join('/');
    byPart.set(part, (byPart.get(part) ?? 0) + bytes);
  }
  return {
    by_part: Object.fromEntries([...byPart].sort((a, b) => b[1] - a[1])),
    largest_modules: inputs
      .sort((a, b) => b.bytes - a.bytes)
      .slice(0, 8)
      .map(({ file, bytes }) => `${file} ${bytes}`),
  };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
