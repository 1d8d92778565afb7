import * as assert from 'node:assert/strict';
import type { GitHubFailure } from '../../src/core/githubApi';
import { ItemCache, TTL_MS } from '../../src/core/itemCache';
import type { GitHubError } from '../../src/services/githubClient';
import { GitHubClient } from '../../src/services/githubClient';
import type { ItemRequest } from '../../src/services/itemFetcher';
import { ItemFetcher } from '../../src/services/itemFetcher';
import { FakeGitHub } from '../fakeGitHub/server';
import { MemoryLogger } from '../util/memoryLogger';

const pull = (number: number): ItemRequest => ({ key: { owner: 'kubernetes', repo: 'kubernetes', number }, kind: 'pull' });

suite('Fetching GitHub items: batching, sharing, failures', () => {
  let github: FakeGitHub;
  let logger: MemoryLogger;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown): void => {
    unhandled.push(reason);
  };

  function fetcher(options: { token?: string; timeoutMs?: number; cache?: ItemCache; apiUrl?: string } = {}): ItemFetcher {
    return new ItemFetcher(
      async () => {
        try {
          const client = new GitHubClient({
            apiUrl: options.apiUrl ?? github.url,
            userAgent: 'test',
            logger,
            timeoutMs: options.timeoutMs ?? 2_000,
            ...(options.token ? { token: options.token } : {}),
          });
          return { client, authenticated: Boolean(options.token) };
        } catch (error) {
          return (error as GitHubError).failure;
        }
      },
      logger,
      options.cache,
    );
  }

  suiteSetup(() => {
    process.on('unhandledRejection', onUnhandled);
  });

  suiteTeardown(() => {
    process.off('unhandledRejection', onUnhandled);
    assert.deepEqual(unhandled, [], 'no unhandled rejection');
  });

  setup(async () => {
    github = await FakeGitHub.start({ tokens: ['t0ken-for-tests'] });
    logger = new MemoryLogger();
    for (let n = 1; n <= 60; n++) {
      github.addPull('kubernetes/kubernetes', { number: n, title: `PR ${n}`, author: 'a', mergedAt: '2026-11-05T10:00:00Z' });
    }
  });

  teardown(async () => {
    await github.close();
  });

  test('an edition of 60 links costs two GraphQL requests with a token, then none', async () => {
    const source = fetcher({ token: 't0ken-for-tests' });
    await source.prefetch(Array.from({ length: 60 }, (_, i) => pull(i + 1)));
    assert.equal(github.requests.length, 2);
    assert.ok(github.requests.every((request) => request.path === '/graphql'));
    for (let n = 1; n <= 60; n++) {
      assert.equal((await source.lookup(pull(n))).item?.title, `PR ${n}`);
    }
    assert.equal(github.requests.length, 2);
  });

  test('without a token: REST, one request per link, never more than four at once', async () => {
    const source = fetcher();
    await source.prefetch(Array.from({ length: 12 }, (_, i) => pull(i + 1)));
    assert.equal(github.requests.length, 12);
    assert.ok(github.maxConcurrent <= 4, `${github.maxConcurrent} at once`);
  });

  test('merged items restored from a saved cache cost nothing after a restart', async () => {
    const first = fetcher();
    await first.prefetch([pull(1), pull(2)]);
    const saved = JSON.parse(JSON.stringify(first.cache.serialize())) as unknown;
    const restored = new ItemCache();
    restored.load(saved);
    const before = github.requests.length;
    const second = fetcher({ cache: restored });
    assert.equal((await second.lookup(pull(2))).item?.state, 'merged');
    assert.equal(github.requests.length, before);
  });

  test('a hover for a link being fetched waits for that fetch; a cancelled waiter does not cancel it', async () => {
    const source = fetcher();
    const controller = new AbortController();
    const first = source.lookup(pull(7), controller.signal);
    const second = source.lookup(pull(7));
    controller.abort();
    await first;
    assert.equal((await second).item?.title, 'PR 7');
    assert.equal(github.requests.length, 1);
  });

  test('an expired open PR is asked again with its ETag; a 304 keeps the cached copy', async () => {
    github.addPull('kubernetes/kubernetes', { number: 61, title: 'Open one', author: 'a', state: 'open' });
    let now = 1_000_000;
    const source = fetcher({ cache: new ItemCache(() => now) });
    assert.equal((await source.lookup(pull(61))).item?.state, 'open');
    now += TTL_MS.open + 1;
    const again = await source.lookup(pull(61));
    assert.equal(again.item?.title, 'Open one');
    assert.equal(again.failure, undefined);
    assert.equal(github.requests.length, 2);
    assert.ok(github.requests[1]?.ifNoneMatch, 'the second request was conditional');
  });

  test('when GitHub fails, what was fetched before is still shown, with its age and the reason', async () => {
    github.addPull('kubernetes/kubernetes', { number: 62, title: 'Still open', author: 'a', state: 'open' });
    let now = 5_000_000;
    const source = fetcher({ cache: new ItemCache(() => now) });
    await source.lookup(pull(62));
    now += TTL_MS.open + 1;
    github.fail({ kind: 'serverError' });
    const lookup = await source.lookup(pull(62));
    assert.equal(lookup.item?.title, 'Still open');
    assert.equal(lookup.failure?.kind, 'server');
    assert.equal(lookup.staleSince?.getTime(), 5_000_000);
  });

  test('a 404 is remembered as "no such item" without asking again', async () => {
    const source = fetcher();
    assert.deepEqual(await source.lookup(pull(999)), { notFound: true });
    await source.lookup(pull(999));
    assert.equal(github.requests.length, 1);
  });

  const failures: Array<[string, Parameters<FakeGitHub['fail']>[0]['kind'], GitHubFailure['kind'], RegExp]> = [
    ['401 bad credentials', 'badCredentials', 'unauthorized', /credentials/],
    ['403 primary rate limit', 'rateLimit', 'rateLimited', /rate limit is reached until \d\d:\d\d UTC/],
    ['403 secondary rate limit with retry-after', 'secondaryRateLimit', 'rateLimited', /rate limit/],
    ['429', 'tooManyRequests', 'rateLimited', /rate limit/],
    ['500 with an HTML page', 'serverError', 'server', /server error \(500\)/],
    ['200 with HTML', 'htmlOk', 'invalidResponse', /unexpected shape/],
    ['200 with truncated JSON', 'invalidJson', 'invalidResponse', /unexpected shape/],
    ['404', 'notFound', 'notFound', /./],
  ];
  for (const [name, fault, kind, message] of failures) {
    test(`${name}: one request, the right one-line message`, async () => {
      const source = fetcher();
      github.fail({ kind: fault });
      const lookup = await source.lookup(pull(3));
      if (kind === 'notFound') {
        assert.deepEqual(lookup, { notFound: true });
      } else {
        assert.equal(lookup.failure?.kind, kind);
        assert.match(lookup.failure?.message ?? '', message);
        assert.doesNotMatch(lookup.failure?.message ?? '', /[<>\n]/);
      }
      assert.equal(github.requests.length, 1);
    });
  }

  test('after a rate limit, nothing more is sent until it lifts', async () => {
    const source = fetcher();
    github.fail({ kind: 'rateLimit', times: 1 });
    await source.lookup(pull(1));
    await source.prefetch([pull(2), pull(3)]);
    const later = await source.lookup(pull(4));
    assert.equal(later.failure?.kind, 'rateLimited');
    assert.equal(github.requests.length, 1);
  });

  test('a hang times out once, with no retry loop, soon after the deadline', async () => {
    const source = fetcher({ timeoutMs: 300 });
    github.fail({ kind: 'hang' });
    const started = Date.now();
    const lookup = await source.lookup(pull(5));
    const elapsed = Date.now() - started;
    assert.equal(lookup.failure?.kind, 'timeout');
    assert.ok(elapsed < 300 + 100 + 200, `${elapsed} ms`);
    assert.equal(github.requests.length, 1);
  });

  test('connection refused is offline', async () => {
    const closed = await FakeGitHub.start();
    const url = closed.url;
    await closed.close();
    const source = fetcher({ apiUrl: url });
    assert.equal((await source.lookup(pull(1))).failure?.kind, 'offline');
  });

  test('a cross-origin redirect is not followed: the other origin never sees the token', async () => {
    const elsewhere = await FakeGitHub.start();
    try {
      github.fail({ kind: 'redirect', location: `${elsewhere.url}/repos/kubernetes/kubernetes/pulls/3` });
      const lookup = await fetcher({ token: 't0ken-for-tests' }).lookup(pull(3));
      assert.equal(lookup.failure?.kind, 'invalidResponse');
      assert.deepEqual(elsewhere.requests, []);
      assert.ok(!logger.lines.some((line) => line.includes('t0ken-for-tests')), 'the token is not logged');
    } finally {
      await elsewhere.close();
    }
  });
});
