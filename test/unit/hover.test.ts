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

suite('GitHub data cache: what a load may bring', () => {
  let now = 1_000_000;
  const clock = () => now;
  const merged = readPullRequest(restPull(), key)!;
  const entry = (number: number, fetchedAt: number) => ({ key: `kubernetes/kubernetes#${number}`, fetchedAt, item: { ...merged, number } });

  test('entries dated in the future are dropped on load', () => {
    now = 1_000_000;
    const cache = new ItemCache(clock);
    assert.equal(cache.load({ version: 1, entries: [entry(1, now + 3600_000), entry(2, now - 1000), entry(3, Number.MAX_SAFE_INTEGER)] }), 1);
    assert.equal(cache.get('kubernetes/kubernetes#1'), undefined);
    assert.equal(cache.get('kubernetes/kubernetes#3'), undefined);
    assert.ok(cache.get('kubernetes/kubernetes#2')?.fresh);
  });

  test('a file with more entries than the bound loads the newest, up to the bound', () => {
    now = 1_000_000;
    const cache = new ItemCache(clock, 3);
    const entries = Array.from({ length: 10 }, (_, i) => entry(i + 1, now - (10 - i) * 1000));
    assert.equal(cache.load({ version: 1, entries }), 3);
    assert.equal(cache.size, 3);
    assert.deepEqual([8, 9, 10].map((n) => Boolean(cache.get(`kubernetes/kubernetes#${n}`))), [true, true, true]);
    const shuffled = new ItemCache(clock, 3);
    shuffled.load({ version: 1, entries: [...entries].reverse() });
    assert.deepEqual([8, 9, 10].map((n) => Boolean(shuffled.get(`kubernetes/kubernetes#${n}`))), [true, true, true]);
  });

  test('the bound holds when a load comes on top of what was fetched meanwhile', () => {
    now = 1_000_000;
    const cache = new ItemCache(clock, 3);
    cache.set(entry(100, now));
    cache.set(entry(101, now));
    cache.load({ version: 1, entries: [entry(1, now - 3000), entry(2, now - 2000), entry(3, now - 1000)] });
    assert.equal(cache.size, 3);
    assert.ok(cache.get('kubernetes/kubernetes#100') && cache.get('kubernetes/kubernetes#101'), 'what was fetched this session stays');
  });

  test('keys that are path steps are not loaded', () => {
    now = 1_000_000;
    const cache = new ItemCache(clock);
    assert.equal(cache.load({ version: 1, entries: [{ key: 'kubernetes/..#1', fetchedAt: now, notFound: true }, { key: 'kubernetes/.#1', fetchedAt: now, notFound: true }] }), 0);
  });
});

suite('Remote text in hovers and items', () => {
  // eslint-disable-next-line no-control-regex
  const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060\u2066-\u2069\ufeff]/;
  const HOSTILE = 'Fix\u001b[31m the\u009b2J kubelet\u202e\u2066gnp.exe\u2069\u200b\u200f\u2028line\u061c\ufeff';

  test('items read from GitHub hold no control, bidi or zero-width characters, nor separators', () => {
    const item = readPullRequest(restPull({ title: HOSTILE, labels: [{ name: 'kind/\u200bfeature' }], milestone: { title: 'v1.36\u2067' }, user: { login: 'dev\u0085' } }), key)!;
    for (const text of [item.title, ...item.labels, item.milestone!, item.author!]) {
      assert.ok(!UNSAFE.test(text), JSON.stringify(text));
    }
    assert.equal(item.title, 'Fix [31m the 2J kubeletgnp.exe line');
    assert.deepEqual(item.labels, ['kind/feature']);
  });

  test('emoji sequences stay whole: joiners between pictographs and flag tags are kept', () => {
    const title = 'Dev \u{1f469}\u200d\u{1f4bb} \u{1f3f3}\ufe0f\u200d\u{1f308} \u{1f3f4}\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f} a\u200db x\u{e0041}\u{e0042}';
    assert.equal(readPullRequest(restPull({ title }), key)!.title, 'Dev \u{1f469}\u200d\u{1f4bb} \u{1f3f3}\ufe0f\u200d\u{1f308} \u{1f3f4}\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f} ab x');
  });

  test('the hover shows no control, bidi or zero-width character from any text it is given', () => {
    const item = { ...readPullRequest(restPull(), key)!, title: HOSTILE, labels: [`kind/${HOSTILE}`], milestone: HOSTILE, author: `dev${HOSTILE}` };
    const markdown = renderHover({
      key, refKind: 'pull', item, problem: `GitHub said ${HOSTILE}`, coveredIn: [{ title: `Week Ending ${HOSTILE}`, uri: 'file:///x.md', line: 3 }],
      webBase: 'https://github.com', openCommand: 'lwkd.openLocation',
    });
    for (const line of markdown.split('\n')) {
      assert.ok(!UNSAFE.test(line), JSON.stringify(line));
    }
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
