import * as assert from 'node:assert/strict';
import { DEFAULT_MERGED_LABELS } from '../../src/core/mergedPrs';
import { releaseLine } from '../../src/core/releases';
import { editionWeekWindow } from '../../src/core/weekWindow';
import { silentLogger } from '../../src/core/logger';
import { GitHubClient } from '../../src/services/githubClient';
import { collectMergedPrs, collectReleases, SearchPacer } from '../../src/services/weekCollector';
import { FakeGitHub } from '../fakeGitHub/server';

const week = { year: 2027, month: 3, day: 14 };

suite('Collecting a week from GitHub', () => {
  let github: FakeGitHub;
  const window = editionWeekWindow(week, 'UTC');

  setup(async () => {
    github = await FakeGitHub.start({ tokens: ['t'] });
  });

  teardown(async () => {
    await github.close();
  });

  const client = (token?: string) => new GitHubClient({ apiUrl: github.url, userAgent: 'test', logger: silentLogger, ...(token ? { token } : {}) });
  const addMerged = (count: number, from = 1): void => {
    for (let i = 0; i < count; i++) {
      github.addPull('kubernetes/kubernetes', {
        number: 130000 + from + i,
        title: `Change ${from + i}`,
        author: 'dev',
        mergedAt: `2027-03-1${i % 5}T12:00:00Z`,
        labels: ['release-note', i % 2 ? 'kind/feature' : 'kind/bug'],
      });
    }
  };

  test('250 merged PRs take 3 requests of 100, following the Link header', async () => {
    addMerged(250);
    // Outside the week or without a CONTRIBUTING label: not candidates.
    github.addPull('kubernetes/kubernetes', { number: 129999, title: 'Last week', author: 'dev', mergedAt: '2027-03-07T23:59:59Z', labels: ['release-note'] });
    github.addPull('kubernetes/kubernetes', { number: 129998, title: 'Unlabelled', author: 'dev', mergedAt: '2027-03-10T12:00:00Z', labels: ['kind/cleanup'] });
    const result = await collectMergedPrs(client('t'), ['kubernetes/kubernetes'], window, DEFAULT_MERGED_LABELS, { logger: silentLogger }, new SearchPacer());
    assert.equal(result.requests, 3);
    assert.equal(result.prs.length, 250);
    assert.deepEqual(result.notes, []);
    assert.deepEqual(
      github.requests.map((request) => request.query.get('page')),
      ['1', '2', '3'],
    );
    assert.ok(github.requests.every((request) => request.path === '/search/issues' && request.query.get('per_page') === '100'));
  });

  test("GitHub's 1,000-result cap and incomplete_results are said, not hidden", async () => {
    addMerged(1005);
    github.searchIncomplete = true;
    const result = await collectMergedPrs(client('t'), ['kubernetes/kubernetes'], window, DEFAULT_MERGED_LABELS, { logger: silentLogger }, new SearchPacer());
    assert.equal(result.prs.length, 1000);
    assert.equal(result.requests, 10);
    assert.match(result.notes.join('\n'), /at most 1,000 results; kubernetes\/kubernetes had 1,005/);
    assert.match(result.notes.join('\n'), /timed out .* incomplete/);
  });

  test('anonymous searches keep to 10 a minute: the 11th waits for the oldest to age out', async () => {
    addMerged(1000);
    github.addPull('kubernetes/enhancements', { number: 7, title: 'x', author: 'a', mergedAt: '2027-03-10T00:00:00Z', labels: ['release-note'] });
    const clock = 1_000_000;
    const waits: number[] = [];
    const result = await collectMergedPrs(
      client(),
      ['kubernetes/kubernetes', 'kubernetes/enhancements'],
      window,
      DEFAULT_MERGED_LABELS,
      {
        logger: silentLogger,
        now: () => clock + waits.reduce((sum, ms) => sum + ms, 0),
        wait: async (ms) => {
          waits.push(ms);
          // GitHub's minute has passed too.
          github.setRemaining('search', 10);
        },
      },
      new SearchPacer(),
    );
    assert.equal(result.requests, 11, '10 pages of kubernetes/kubernetes and 1 of kubernetes/enhancements');
    assert.equal(result.prs.length, 1001);
    assert.deepEqual(waits, [60_000], 'only the 11th request waited, for a minute after the first');
    assert.ok(!github.requests.some((request) => request.query.get('q') === null), 'every request was a search');
  });

  test('a search limit that lifts soon is waited out; one that does not stops with a note', async () => {
    addMerged(150);
    github.setRemaining('search', 0, 't');
    const waits: number[] = [];
    const result = await collectMergedPrs(
      client('t'),
      ['kubernetes/kubernetes'],
      window,
      DEFAULT_MERGED_LABELS,
      {
        logger: silentLogger,
        wait: async (ms) => {
          waits.push(ms);
          github.setRemaining('search', 30, 't');
        },
      },
      new SearchPacer(),
    );
    assert.equal(waits.length, 1);
    assert.equal(result.prs.length, 150);
    github.fail({ kind: 'rateLimit', path: '/search/issues' });
    // A primary limit whose reset is an hour away (the fake's 403 carries the bucket's reset).
    const stopped = await collectMergedPrs(
      client('t'),
      ['kubernetes/kubernetes'],
      window,
      DEFAULT_MERGED_LABELS,
      {
        logger: silentLogger,
        now: () => Date.now() - 3600_000,
        wait: async () => assert.fail('must not wait an hour'),
      },
      new SearchPacer(),
    );
    assert.equal(stopped.prs.length, 0);
    assert.equal(stopped.failures[0]?.failure.kind, 'rateLimited');
    assert.match(stopped.notes.join('\n'), /search limit stopped the search .* incomplete/);
  });

  test('cancelling stops the search', async () => {
    addMerged(300);
    const controller = new AbortController();
    await assert.rejects(
      collectMergedPrs(
        client('t'),
        ['kubernetes/kubernetes'],
        window,
        DEFAULT_MERGED_LABELS,
        {
          logger: silentLogger,
          signal: controller.signal,
          onProgress: (message) => (message.includes('page 2') ? controller.abort() : undefined),
        },
        new SearchPacer(),
      ),
    );
    assert.ok(github.requests.length <= 2);
  });

  test('releases: newest first, paging stops once a page reaches back before the week', async () => {
    // 150 releases of one project, one every three days back from the week's end; 3 of them in the week.
    for (let i = 0; i < 150; i++) {
      const day = new Date(Date.UTC(2027, 2, 14, 12) - i * 3 * 86_400_000).toISOString().replace('.000', '');
      github.addRelease('cri-o/cri-o', { tag: `v1.${200 - i}.0`, publishedAt: day });
    }
    github.addRelease('containerd/containerd', { tag: 'v2.0.1', publishedAt: '2027-03-10T00:00:00Z', body: '* Fix a leak (#1)' });
    github.addRelease('containerd/containerd', { tag: 'v1.7.30', publishedAt: '2027-03-11T00:00:00Z' });
    github.addRelease('containerd/containerd', { tag: 'v2.1.0-rc.0', publishedAt: '2027-03-12T00:00:00Z', prerelease: true });
    github.addRelease('containerd/containerd', { tag: 'v2.0.2-draft', publishedAt: '2027-03-12T00:00:00Z', draft: true });
    const result = await collectReleases(client('t'), ['cri-o/cri-o', 'containerd/containerd', 'nobody/missing'], window, { logger: silentLogger });
    assert.equal(github.requests.filter((request) => request.path.includes('cri-o')).length, 1, 'the first page already reaches before the week');
    assert.deepEqual(result.projects.map(releaseLine), [
      '* [cri-o v1.200.0](https://github.com/cri-o/cri-o/releases/tag/v1.200.0); also [v1.199.0](https://github.com/cri-o/cri-o/releases/tag/v1.199.0), [v1.198.0](https://github.com/cri-o/cri-o/releases/tag/v1.198.0)',
      '* [containerd v2.0.1](https://github.com/containerd/containerd/releases/tag/v2.0.1): Fix a leak; also [v1.7.30](https://github.com/containerd/containerd/releases/tag/v1.7.30), [v2.1.0-rc.0](https://github.com/containerd/containerd/releases/tag/v2.1.0-rc.0) (pre-release)',
    ]);
    assert.deepEqual(
      result.failures.map((failure) => [failure.repo, failure.failure.kind]),
      [['nobody/missing', 'notFound']],
    );
  });

  test('releases: a week that spans page boundaries takes pages until one reaches back before it', async () => {
    // Every 30 minutes back from Sunday 23:00: releases 0-334 are in the week, 335-349 before it.
    for (let i = 0; i < 350; i++) {
      const at = new Date(Date.UTC(2027, 2, 14, 23) - i * 1800_000).toISOString().replace('.000', '');
      github.addRelease('etcd-io/etcd', { tag: `v3.${1000 - i}.0`, publishedAt: at });
    }
    const result = await collectReleases(client('t'), ['etcd-io/etcd'], window, { logger: silentLogger });
    assert.equal(result.requests, 4, 'pages 1-3 lie in the week; page 4 reaches before it');
    assert.equal(result.projects[0]!.also.length, 334);
  });
});

suite('Collecting a week: paging and names are bounded', () => {
  let github: FakeGitHub;
  let elsewhere: FakeGitHub;
  const window = editionWeekWindow(week, 'UTC');
  const client = () => new GitHubClient({ apiUrl: github.url, userAgent: 'test', logger: silentLogger, token: 't' });
  const withPage = (url: URL, page: number, origin = github.url): string => {
    const target = new URL(url.pathname + url.search, origin);
    target.searchParams.set('page', String(page));
    return `<${target.toString()}>; rel="next"`;
  };
  // An old loop without bounds never ends; this deadline turns that into a failure.
  const options = () => ({ logger: silentLogger, signal: AbortSignal.timeout(6_000), wait: async () => undefined });

  setup(async () => {
    github = await FakeGitHub.start({ tokens: ['t'] });
    elsewhere = await FakeGitHub.start({ tokens: ['t'] });
    github.addPull('kubernetes/kubernetes', { number: 130001, title: 'One', author: 'dev', mergedAt: '2027-03-10T12:00:00Z', labels: ['release-note'] });
  });

  teardown(async () => {
    await github.close();
    await elsewhere.close();
  });

  test("a next link that never ends stops at GitHub's own cap of 10 pages", async () => {
    github.linkOverride = (url) => withPage(url, Number(url.searchParams.get('page') ?? 1) + 1);
    const result = await collectMergedPrs(client(), ['kubernetes/kubernetes'], window, DEFAULT_MERGED_LABELS, options(), new SearchPacer());
    assert.equal(result.requests, 10);
    assert.equal(github.requests.length, 10);
  });

  test('a next link back to a page already fetched ends the paging', async () => {
    github.linkOverride = (url) => withPage(url, 2);
    const result = await collectMergedPrs(client(), ['kubernetes/kubernetes'], window, DEFAULT_MERGED_LABELS, options(), new SearchPacer());
    assert.equal(github.requests.length, 2);
    assert.equal(result.prs.length, 1);
  });

  test('a next link to another host is not followed, and the writer is told', async () => {
    github.linkOverride = (url) => withPage(url, 2, elsewhere.url);
    const result = await collectMergedPrs(client(), ['kubernetes/kubernetes'], window, DEFAULT_MERGED_LABELS, options(), new SearchPacer());
    assert.equal(github.requests.length, 1);
    assert.match(result.notes.join('\n'), /next page .* not followed/);
    assert.equal(elsewhere.requests.length, 0);
  });

  test('a rate limit that keeps coming back is not retried forever', async () => {
    github.fail({ kind: 'tooManyRequests', path: '/search/issues' });
    const result = await collectMergedPrs(client(), ['kubernetes/kubernetes'], window, DEFAULT_MERGED_LABELS, options(), new SearchPacer());
    assert.ok(github.requests.length <= 4, `${github.requests.length} requests`);
    assert.equal(result.failures[0]?.failure.kind, 'rateLimited');
  });

  test('releases: a next link that never ends stops at the page cap', async () => {
    for (let i = 0; i < 100; i++) {
      github.addRelease('etcd-io/etcd', { tag: `v3.${i}.0`, publishedAt: '2027-03-10T00:00:00Z' });
    }
    github.linkOverride = (url) => withPage(url, Number(url.searchParams.get('page') ?? 1) + 1);
    await collectReleases(client(), ['etcd-io/etcd'], window, options());
    assert.ok(github.requests.length <= 5, `${github.requests.length} requests`);
  });

  test('configured repositories that are path steps or not names never reach GitHub', async () => {
    const bad = ['kubernetes/..', '../..', 'kubernetes/.', './x', 'a/b/c', 'kubernetes/', 'ku%2fbe/x'];
    const releases = await collectReleases(client(), bad, window, options());
    assert.deepEqual(
      releases.failures.map((failure) => failure.failure.kind),
      bad.map(() => 'invalidName'),
    );
    const merged = await collectMergedPrs(client(), bad, window, DEFAULT_MERGED_LABELS, options(), new SearchPacer());
    assert.deepEqual(
      merged.failures.map((failure) => failure.failure.kind),
      bad.map(() => 'invalidName'),
    );
    assert.equal(github.requests.length, 0);
  });
});
