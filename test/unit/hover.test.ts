import * as assert from 'node:assert/strict';
import { buildBatchQuery, MAX_BATCH, readBatchResponse } from '../../src/core/graphqlBatch';
import { escapeMarkdown, renderHover, webBaseFor } from '../../src/core/hoverMarkdown';
import { ItemCache, TTL_MS } from '../../src/core/itemCache';
import type { GitHubItem } from '../../src/core/pullRequests';
import { isCherryPick, readIssue, readPullRequest, relevantLabels } from '../../src/core/pullRequests';
import { FakeGitHub } from '../fakeGitHub/server';

const key = { owner: 'kubernetes', repo: 'kubernetes', number: 140001 };

function restPull(overrides: Record<string, unknown> = {}): unknown {
  return {
    number: 140001, title: 'Example feature', state: 'closed', draft: false, merged_at: '2026-11-05T10:00:00Z',
    closed_at: '2026-11-05T10:00:00Z', user: { login: 'octo' }, labels: [{ name: 'kind/feature' }, { name: 'lgtm' }],
    milestone: { title: 'v1.36' }, base: { ref: 'master' }, html_url: 'https://evil.example/phish', ...overrides,
  };
}

suite('Reading GitHub items without trusting them', () => {
  test('a merged pull request', () => {
    const item = readPullRequest(restPull(), key);
    assert.deepEqual(item, {
      kind: 'pull', owner: 'kubernetes', repo: 'kubernetes', number: 140001, title: 'Example feature', state: 'merged',
      mergedAt: '2026-11-05T10:00:00Z', closedAt: '2026-11-05T10:00:00Z', author: 'octo', labels: ['kind/feature', 'lgtm'],
      milestone: 'v1.36', baseRef: 'master',
    });
  });

  test('open, draft and closed-unmerged states', () => {
    assert.equal(readPullRequest(restPull({ state: 'open', merged_at: null, closed_at: null }), key)?.state, 'open');
    assert.equal(readPullRequest(restPull({ state: 'open', draft: true, merged_at: null, closed_at: null }), key)?.state, 'draft');
    assert.equal(readPullRequest(restPull({ merged_at: null }), key)?.state, 'closed');
  });

  test('a null user (a deleted account) has no author; a 100 KB title is cut', () => {
    const item = readPullRequest(restPull({ user: null, title: 'x'.repeat(100_000) }), key);
    assert.equal(item?.author, undefined);
    assert.ok(item && item.title.length <= 300);
  });

  test('rejects what is not that pull request', () => {
    for (const body of [null, 'text', [], restPull({ number: 7 }), restPull({ title: 42 }), restPull({ state: 'weird' }), '<html>500</html>']) {
      assert.equal(readPullRequest(body, key), undefined, JSON.stringify(body)?.slice(0, 40));
    }
  });

  test('an issue, and a pull request answered through the issues endpoint', () => {
    assert.equal(readIssue({ number: 140001, title: 'Bug', state: 'open', labels: [], user: { login: 'a' } }, key)?.kind, 'issue');
    const pull = readIssue({ number: 140001, title: 'PR', state: 'closed', labels: [], pull_request: { merged_at: '2026-11-05T10:00:00Z' } }, key);
    assert.equal(pull?.kind, 'pull');
    assert.equal(pull?.state, 'merged');
  });

  test('labels that matter to LWKD, at most ten', () => {
    const labels = ['lgtm', 'approved', ...Array.from({ length: 12 }, (_, i) => `sig/s${i}`), 'release-note', 'kind/bug'];
    assert.deepEqual(relevantLabels(labels), { shown: labels.slice(2, 12), more: 4 });
  });

  test('cherry-picks by title or release branch', () => {
    const base = readPullRequest(restPull(), key)!;
    assert.equal(isCherryPick(base), false);
    assert.equal(isCherryPick({ ...base, title: 'Automated cherry pick of #1: fix' }), true);
    assert.equal(isCherryPick({ ...base, baseRef: 'release-1.35' }), true);
  });
});

suite('Hover text from hostile input', () => {
  const render = (item: GitHubItem) => renderHover({
    key, refKind: 'pull', item, coveredIn: [], webBase: 'https://github.com', openCommand: 'lwkd.openLocation',
  });

  test('a title with a command link, HTML and generics is shown literally', () => {
    const title = '[x](command:workbench.action.terminal.new) <img src=x onerror=alert(1)> List<T> & Map<K,V>';
    const markdown = render({ ...readPullRequest(restPull(), key)!, title });
    assert.ok(!markdown.includes('](command:workbench'), markdown);
    assert.ok(!markdown.includes('<img'), markdown);
    assert.ok(markdown.includes('List&lt;T&gt; &amp; Map&lt;K,V&gt;'), markdown);
    assert.ok(markdown.includes('\\[x\\]\\(command\\:workbench'), markdown);
  });

  test('a label named ](command:x) cannot close a link', () => {
    const markdown = render({ ...readPullRequest(restPull(), key)!, labels: ['kind/](command:x)'] });
    assert.ok(!/(?<!\\)\]\(command:x/.test(markdown), markdown);
  });

  test('links are built from owner/repo/number on our host, never from html_url', () => {
    const markdown = render(readPullRequest(restPull(), key)!);
    assert.ok(markdown.includes('(https://github.com/kubernetes/kubernetes/pull/140001)'));
    assert.ok(!markdown.includes('evil.example'));
  });

  test('the only command links are ours, with their arguments encoded', () => {
    const markdown = renderHover({
      key, refKind: 'pull', coveredIn: [{ title: 'Week Ending [x](command:y)', uri: 'file:///w/_posts/2026-11-08-update.md', line: 23 }],
      webBase: 'https://github.com', openCommand: 'lwkd.openLocation', problem: 'GitHub is rate limited',
    });
    const commands = [...markdown.matchAll(/\]\(command:([\w.]+)/g)].map((m) => m[1]);
    assert.deepEqual(commands, ['lwkd.openLocation']);
    assert.match(markdown, /\(line 24\)/);
  });

  test('escapeMarkdown leaves no active character unescaped', () => {
    const escaped = escapeMarkdown('*_`[]()<>&#!|~:');
    assert.equal(escaped, '\\*\\_\\`\\[\\]\\(\\)&lt;&gt;&amp;\\#\\!\\|\\~\\:');
  });

  test('web host for github.com, GitHub Enterprise and a local API', () => {
    assert.equal(webBaseFor('https://api.github.com'), 'https://github.com');
    assert.equal(webBaseFor('https://ghe.example.com/api/v3'), 'https://ghe.example.com');
    assert.equal(webBaseFor('http://127.0.0.1:4000'), 'http://127.0.0.1:4000');
  });
});

suite('GitHub data cache', () => {
  let now = 0;
  const clock = () => now;
  const merged = readPullRequest(restPull(), key)!;
  const open = { ...merged, state: 'open' as const };

  test('keeps merged items 7 days, open ones 10 minutes, not-found 5 minutes', () => {
    const cache = new ItemCache(clock);
    now = 1_000;
    cache.set({ key: 'a/b#1', item: merged, fetchedAt: now });
    cache.set({ key: 'a/b#2', item: open, fetchedAt: now });
    cache.set({ key: 'a/b#3', notFound: true, fetchedAt: now });
    now += TTL_MS.notFound;
    assert.deepEqual(['a/b#1', 'a/b#2', 'a/b#3'].map((k) => cache.get(k)?.fresh), [true, true, false]);
    now += TTL_MS.open;
    assert.equal(cache.get('a/b#2')?.fresh, false);
    assert.ok(cache.get('a/b#2')?.entry.item, 'stale data stays available to show');
    now = 1_000 + TTL_MS.done;
    assert.equal(cache.get('a/b#1')?.fresh, false);
  });

  test('is bounded, dropping the least recently used', () => {
    const cache = new ItemCache(clock, 2);
    cache.set({ key: 'a/b#1', item: merged, fetchedAt: now });
    cache.set({ key: 'a/b#2', item: merged, fetchedAt: now });
    cache.get('a/b#1');
    cache.set({ key: 'a/b#3', item: merged, fetchedAt: now });
    assert.equal(cache.get('a/b#2'), undefined);
    assert.ok(cache.get('a/b#1'));
  });

  test('survives a restart for what is still fresh, and re-validates what it loads', () => {
    now = 0;
    const cache = new ItemCache(clock);
    cache.set({ key: 'kubernetes/kubernetes#140001', item: merged, fetchedAt: 0, etag: 'W/"1"' });
    cache.set({ key: 'kubernetes/kubernetes#2', item: { ...open, number: 2 }, fetchedAt: 0 });
    now = TTL_MS.open + 1;
    const restored = new ItemCache(clock);
    assert.equal(restored.load(JSON.parse(JSON.stringify(cache.serialize()))), 1);
    assert.deepEqual(restored.get('kubernetes/kubernetes#140001')?.entry.item, merged);
    const hostile = { version: 1, entries: [{ key: 'x/y#1', fetchedAt: 0, item: { kind: 'pull', number: 1, title: { toString: 1 }, state: 'merged' } }, { key: '../../etc#1', fetchedAt: 0, notFound: true }, 'junk'] };
    assert.equal(new ItemCache(clock).load(hostile), 0);
    assert.equal(new ItemCache(clock).load('not json'), 0);
  });
});

suite('Batched GraphQL lookups against the fake GitHub', () => {
  let github: FakeGitHub;
  setup(async () => {
    github = await FakeGitHub.start({ tokens: ['t'] });
    github.addPull('kubernetes/kubernetes', { number: 140001, title: 'Feature', author: 'octo', mergedAt: '2026-11-05T10:00:00Z', labels: ['kind/feature'] });
    github.addIssue('kubernetes/enhancements', { number: 4009, title: 'KEP', author: 'k', labels: ['sig/node'] });
  });
  teardown(async () => {
    await github.close();
  });

  test('one query answers pull requests, issues and misses', async () => {
    const keys = [key, { owner: 'kubernetes', repo: 'enhancements', number: 4009 }, { owner: 'kubernetes', repo: 'kubernetes', number: 1 }, { owner: 'nope', repo: 'gone', number: 5 }];
    const batch = buildBatchQuery(keys);
    const response = await fetch(`${github.url}/graphql`, { method: 'POST', headers: { authorization: 'bearer t' }, body: JSON.stringify({ query: batch.query }) });
    const results = readBatchResponse(await response.json(), batch);
    assert.equal((results.get(keys[0]!) as { item: GitHubItem }).item.state, 'merged');
    assert.equal((results.get(keys[1]!) as { item: GitHubItem }).item.kind, 'issue');
    assert.deepEqual(results.get(keys[2]!), { notFound: true });
    assert.deepEqual(results.get(keys[3]!), { notFound: true });
    assert.equal(github.requests.length, 1);
  });

  test('never puts an invalid name into the query, and stops at 50', () => {
    const batch = buildBatchQuery([{ owner: 'a") { x } evil: viewer { login } #', repo: 'r', number: 1 }, ...Array.from({ length: 60 }, (_, i) => ({ owner: 'o', repo: 'r', number: i + 1 }))]);
    assert.ok(!batch.query.includes('evil'));
    assert.equal(batch.aliases.size, MAX_BATCH);
  });
});
