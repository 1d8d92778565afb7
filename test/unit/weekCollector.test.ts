import * as assert from 'node:assert/strict';
import { lintPost } from '../../src/core/lint';
import type { MergedPr } from '../../src/core/mergedPrs';
import { bulletFor, DEFAULT_MERGED_LABELS, kindOf, mergedSearchQuery, readReleaseNote, sectionFor, toCandidates } from '../../src/core/mergedPrs';
import { compareVersions, groupReleases, highlights, releaseLine } from '../../src/core/releases';
import { sectionInsertions } from '../../src/core/sectionInsert';
import { editionWeekWindow, githubDateRange } from '../../src/core/weekWindow';
import { silentLogger } from '../../src/core/logger';
import { GitHubClient } from '../../src/platform/githubClient';
import { collectMergedPrs, collectReleases, SearchPacer } from '../../src/platform/weekCollector';
import { FakeGitHub } from '../fakeGitHub/server';

const week = { year: 2027, month: 3, day: 14 };

suite('Week windows', () => {
  test('Monday 00:00 to the next Monday 00:00 on the writer\'s clock, across the spring DST change', () => {
    // US clocks spring forward on Sunday 2027-03-14: the week starts at -05:00 and ends at -04:00.
    const window = editionWeekWindow(week, 'America/New_York');
    assert.equal(window.start.toISOString(), '2027-03-08T05:00:00.000Z');
    assert.equal(window.end.toISOString(), '2027-03-15T04:00:00.000Z');
    assert.equal(githubDateRange(window), '2027-03-08T05:00:00Z..2027-03-15T03:59:59Z');
  });

  test('the autumn change, UTC, and zones east of UTC', () => {
    const fall = editionWeekWindow({ year: 2026, month: 11, day: 1 }, 'America/Los_Angeles');
    assert.equal(githubDateRange(fall), '2026-10-26T07:00:00Z..2026-11-02T07:59:59Z');
    assert.equal(fall.end.getTime() - fall.start.getTime(), (7 * 24 + 1) * 3600_000, 'a 169-hour week');
    assert.equal(githubDateRange(editionWeekWindow(week, 'UTC')), '2027-03-08T00:00:00Z..2027-03-14T23:59:59Z');
    assert.equal(githubDateRange(editionWeekWindow(week, 'Asia/Kolkata')), '2027-03-07T18:30:00Z..2027-03-14T18:29:59Z');
    assert.equal(editionWeekWindow(week, 'Asia/Tokyo').start.toISOString(), '2027-03-07T15:00:00.000Z');
  });

  test('the search query is CONTRIBUTING\'s, scoped to the repository and the window', () => {
    const q = mergedSearchQuery('kubernetes/kubernetes', editionWeekWindow(week, 'UTC'), [...DEFAULT_MERGED_LABELS, 'needs quoting']);
    assert.equal(q, 'repo:kubernetes/kubernetes is:pr is:merged merged:2027-03-08T00:00:00Z..2027-03-14T23:59:59Z label:release-note,release-note-action-required,kind/deprecation,kind/api-change,kind/feature,size/L,"needs quoting"');
  });
});

const pr = (number: number, title: string, labels: string[] = [], extra: Partial<MergedPr> = {}): MergedPr => ({ owner: 'kubernetes', repo: 'kubernetes', number, title, labels, ...extra });

suite('Merged PRs: grouping and bullets', () => {
  test('kinds: deprecation over api-change over feature; the rest is other', () => {
    assert.equal(kindOf(pr(1, 'x', ['kind/feature', 'kind/deprecation'])), 'deprecation');
    assert.equal(kindOf(pr(1, 'x', ['kind/feature', 'kind/api-change'])), 'api-change');
    assert.equal(kindOf(pr(1, 'x', ['kind/feature'])), 'feature');
    assert.equal(kindOf(pr(1, 'x', ['kind/bug', 'release-note'])), 'other');
  });

  test('sections: promotions, deprecations, dependency bumps, other merges', () => {
    assert.equal(sectionFor(pr(1, 'Promote PodHostIPs to GA', ['kind/feature'])), 'Promotions');
    assert.equal(sectionFor(pr(1, 'Graduate SidecarContainers feature gate to beta', ['kind/feature'])), 'Promotions');
    assert.equal(sectionFor(pr(1, 'Deprecate the --foo flag', ['kind/deprecation'])), 'Deprecated');
    assert.equal(sectionFor(pr(1, 'Bump etcd to v3.5.10', ['kind/cleanup'])), 'Version Updates');
    assert.equal(sectionFor(pr(1, 'Update cri-tools from v1.28.0 to v1.29.0', [])), 'Version Updates');
    assert.equal(sectionFor(pr(1, 'Some dependency change', ['area/dependency'])), 'Version Updates');
    assert.equal(sectionFor(pr(1, 'Kubelet restarts faster', ['kind/feature'])), 'Other Merges');
  });

  test('bullets take the stylesheet\'s shapes and pass the style checks in their sections', () => {
    const promotion = bulletFor(pr(120001, '[KEP-4444] Promote PodHostIPs to GA.', ['kind/feature']));
    assert.equal(promotion, '* [PodHostIPs to GA](https://github.com/kubernetes/kubernetes/pull/120001)');
    const version = bulletFor(pr(120002, 'Bump etcd from v3.5.9 to v3.5.10', []));
    assert.equal(version, '* [etcd to v3.5.10](https://github.com/kubernetes/kubernetes/pull/120002)');
    assert.equal(bulletFor(pr(120004, 'Bump etcd client to v3.6.1', ['area/dependency'])), '* [etcd client to v3.6.1](https://github.com/kubernetes/kubernetes/pull/120004)');
    assert.equal(bulletFor(pr(120005, 'update golang.org/x/net from v0.30.0 to v0.33.0', [])), '* [golang.org/x/net to v0.33.0](https://github.com/kubernetes/kubernetes/pull/120005)');
    const merge = bulletFor(pr(120003, 'Kubelet [alpha] restarts faster.', []));
    assert.equal(merge, '* [Kubelet \\[alpha\\] restarts faster](https://github.com/kubernetes/kubernetes/pull/120003)');
    const edition = ['---', 'layout: post', 'title: Week Ending March 14, 2027', 'date: 2027-03-14 22:00:00 -0000', 'slug: 2027-03-14-update', '---', '',
      '## Other Merges', '', merge, '', '## Promotions', '', promotion, '', '## Version Updates', '', version, ''].join('\n');
    const findings = lintPost(edition, { fileName: '2027-03-14-update.md' }).filter((finding) => finding.line > 6 && finding.code !== 'section-order');
    assert.deepEqual(findings.map((finding) => `${finding.code}: ${finding.message}`), []);
  });

  test('candidates: grouped feature, api-change, deprecation, other; newest first; covered and cherry-picks unticked', () => {
    const candidates = toCandidates([
      pr(5, 'Other thing', ['release-note'], { mergedAt: '2027-03-10T00:00:00Z' }),
      pr(4, 'Deprecate x', ['kind/deprecation'], { mergedAt: '2027-03-09T00:00:00Z' }),
      pr(3, 'Older feature', ['kind/feature'], { mergedAt: '2027-03-08T00:00:00Z' }),
      pr(2, 'Newer feature', ['kind/feature'], { mergedAt: '2027-03-12T00:00:00Z' }),
      pr(1, 'API change', ['kind/api-change'], { mergedAt: '2027-03-11T00:00:00Z' }),
      pr(6, 'Automated cherry pick of #2: Newer feature', ['kind/feature'], { mergedAt: '2027-03-13T00:00:00Z' }),
      pr(5, 'Other thing', ['release-note'], { mergedAt: '2027-03-10T00:00:00Z' }),
    ], (candidate) => (candidate.number === 3 ? 'Week Ending March 7, 2027' : undefined));
    assert.deepEqual(candidates.map((candidate) => [candidate.number, candidate.kind, candidate.suggested]), [
      [6, 'feature', false], [2, 'feature', true], [3, 'feature', false], [1, 'api-change', true], [4, 'deprecation', true], [5, 'other', true],
    ]);
    assert.equal(candidates.find((candidate) => candidate.number === 3)?.coveredIn, 'Week Ending March 7, 2027');
    assert.equal(candidates[0]?.cherryPick, true);
  });

  test('release notes come from the release-note block; NONE is nothing', () => {
    assert.equal(readReleaseNote('Some text\n```release-note\nKubelet now\n  restarts faster.\n```\n'), 'Kubelet now restarts faster.');
    assert.equal(readReleaseNote('```release-note\nNONE\n```'), undefined);
    assert.equal(readReleaseNote(null), undefined);
  });

  test('bullets go to the end of their section, replace the template\'s empty bullet, or start the missing section in order', () => {
    const text = ['---', 'title: x', '---', '## Featured PRs', '', 'Text.', '', '## Other Merges', '', '* Existing [item](u)', '', '## Promotions', '', '*', '', '## Shoutouts', '', 'Thanks', ''].join('\n');
    const edits = sectionInsertions(text, new Map([
      ['Other Merges', ['* a']], ['Promotions', ['* b']], ['Version Updates', ['* c']], ['Deprecated', ['* d']],
    ]));
    const lines = text.split('\n');
    for (const edit of [...edits].reverse()) {
      lines.splice(edit.line, edit.replace ? 1 : 0, ...edit.lines);
    }
    assert.equal(lines.join('\n'), ['---', 'title: x', '---', '## Featured PRs', '', 'Text.', '', '## Other Merges', '', '* Existing [item](u)', '* a', '',
      '## Promotions', '', '* b', '', '## Deprecated', '', '* d', '', '## Version Updates', '', '* c', '', '## Shoutouts', '', 'Thanks', ''].join('\n'));
  });
});

suite('Subproject releases: lines', () => {
  const window = editionWeekWindow(week, 'UTC');
  const release = (tag: string, publishedAt: string, extra: { prerelease?: boolean; highlights?: string[] } = {}) => ({
    tag, url: `https://github.com/cri-o/cri-o/releases/tag/${tag}`, publishedAt, prerelease: extra.prerelease ?? false, highlights: extra.highlights ?? [],
  });

  test('the highest version leads; backports go under "also"; pre-releases are marked; other weeks are left out', () => {
    const group = groupReleases('cri-o/cri-o', [
      release('v1.30.6', '2027-03-10T10:00:00Z'),
      release('v1.31.2', '2027-03-09T10:00:00Z', { highlights: ['Fix seccomp default', 'Bump runc to 1.2'] }),
      release('v1.32.0-rc.1', '2027-03-11T10:00:00Z', { prerelease: true }),
      release('v1.31.1', '2027-03-01T10:00:00Z'),
    ], window)!;
    assert.equal(releaseLine(group), '* [cri-o v1.31.2](https://github.com/cri-o/cri-o/releases/tag/v1.31.2): Fix seccomp default, Bump runc to 1.2; also [v1.30.6](https://github.com/cri-o/cri-o/releases/tag/v1.30.6), [v1.32.0-rc.1](https://github.com/cri-o/cri-o/releases/tag/v1.32.0-rc.1) (pre-release)');
    assert.equal(groupReleases('cri-o/cri-o', [release('v1.31.1', '2027-03-01T10:00:00Z')], window), undefined);
    const onlyPre = groupReleases('cri-o/cri-o', [release('v2.0.0-beta.1', '2027-03-12T10:00:00Z', { prerelease: true })], window)!;
    assert.equal(releaseLine(onlyPre), '* [cri-o v2.0.0-beta.1](https://github.com/cri-o/cri-o/releases/tag/v2.0.0-beta.1) (pre-release)');
  });

  test('versions compare by number; highlights are short plain text without links or mentions', () => {
    assert.ok(compareVersions('v1.31.10', 'v1.31.9') > 0);
    assert.ok(compareVersions('v2.0.0', 'v1.99.99') > 0);
    assert.deepEqual(highlights([
      '## What\'s Changed', '* Fix [the thing](https://x) by @someone in https://github.com/o/r/pull/1',
      '- **Add** `--flag` support (#123)', '* <img src=x onerror=alert(1)>Drop old API', '* Full Changelog: https://x', '* Fourth',
    ].join('\n')), ['Fix the thing', 'Add --flag support', 'Drop old API']);
  });
});

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
      github.addPull('kubernetes/kubernetes', { number: 130000 + from + i, title: `Change ${from + i}`, author: 'dev', mergedAt: `2027-03-1${i % 5}T12:00:00Z`, labels: ['release-note', i % 2 ? 'kind/feature' : 'kind/bug'] });
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
    assert.deepEqual(github.requests.map((request) => request.query.get('page')), ['1', '2', '3']);
    assert.ok(github.requests.every((request) => request.path === '/search/issues' && request.query.get('per_page') === '100'));
  });

  test('GitHub\'s 1,000-result cap and incomplete_results are said, not hidden', async () => {
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
    const result = await collectMergedPrs(client(), ['kubernetes/kubernetes', 'kubernetes/enhancements'], window, DEFAULT_MERGED_LABELS, {
      logger: silentLogger,
      now: () => clock + waits.reduce((sum, ms) => sum + ms, 0),
      wait: async (ms) => {
        waits.push(ms);
        // GitHub's minute has passed too.
        github.setRemaining('search', 10);
      },
    }, new SearchPacer());
    assert.equal(result.requests, 11, '10 pages of kubernetes/kubernetes and 1 of kubernetes/enhancements');
    assert.equal(result.prs.length, 1001);
    assert.deepEqual(waits, [60_000], 'only the 11th request waited, for a minute after the first');
    assert.ok(!github.requests.some((request) => request.query.get('q') === null), 'every request was a search');
  });

  test('a search limit that lifts soon is waited out; one that does not stops with a note', async () => {
    addMerged(150);
    github.setRemaining('search', 0, 't');
    const waits: number[] = [];
    const result = await collectMergedPrs(client('t'), ['kubernetes/kubernetes'], window, DEFAULT_MERGED_LABELS, {
      logger: silentLogger,
      wait: async (ms) => {
        waits.push(ms);
        github.setRemaining('search', 30, 't');
      },
    }, new SearchPacer());
    assert.equal(waits.length, 1);
    assert.equal(result.prs.length, 150);
    github.fail({ kind: 'rateLimit', path: '/search/issues' });
    // A primary limit whose reset is an hour away (the fake's 403 carries the bucket's reset).
    const stopped = await collectMergedPrs(client('t'), ['kubernetes/kubernetes'], window, DEFAULT_MERGED_LABELS, {
      logger: silentLogger, now: () => Date.now() - 3600_000, wait: async () => assert.fail('must not wait an hour'),
    }, new SearchPacer());
    assert.equal(stopped.prs.length, 0);
    assert.equal(stopped.failures[0]?.failure.kind, 'rateLimited');
    assert.match(stopped.notes.join('\n'), /search limit stopped the search .* incomplete/);
  });

  test('cancelling stops the search', async () => {
    addMerged(300);
    const controller = new AbortController();
    await assert.rejects(collectMergedPrs(client('t'), ['kubernetes/kubernetes'], window, DEFAULT_MERGED_LABELS, {
      logger: silentLogger, signal: controller.signal, onProgress: (message) => (message.includes('page 2') ? controller.abort() : undefined),
    }, new SearchPacer()));
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
    assert.deepEqual(result.failures.map((failure) => [failure.repo, failure.failure.kind]), [['nobody/missing', 'notFound']]);
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

  test('a next link that never ends stops at GitHub\'s own cap of 10 pages', async () => {
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
    assert.deepEqual(releases.failures.map((failure) => failure.failure.kind), bad.map(() => 'invalidName'));
    const merged = await collectMergedPrs(client(), bad, window, DEFAULT_MERGED_LABELS, options(), new SearchPacer());
    assert.deepEqual(merged.failures.map((failure) => failure.failure.kind), bad.map(() => 'invalidName'));
    assert.equal(github.requests.length, 0);
  });
});
