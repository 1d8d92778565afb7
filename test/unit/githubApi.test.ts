import * as assert from 'node:assert/strict';
import { classifyHttpFailure, describeRateLimits, readRateLimits, resolveGitHubEndpoints } from '../../src/core/githubApi';

suite('GitHub endpoints from the API URL setting', () => {
  test('github.com serves GraphQL beside REST', () => {
    assert.deepEqual(resolveGitHubEndpoints('https://api.github.com'), {
      rest: 'https://api.github.com',
      graphql: 'https://api.github.com/graphql',
    });
  });

  test('GitHub Enterprise Server serves REST at /api/v3 and GraphQL at /api/graphql', () => {
    assert.deepEqual(resolveGitHubEndpoints('https://ghe.example.com/api/v3/'), {
      rest: 'https://ghe.example.com/api/v3',
      graphql: 'https://ghe.example.com/api/graphql',
    });
  });

  test('rejects what is not an http(s) URL, or carries credentials', () => {
    for (const bad of ['', 'api.github.com', 'ftp://example.com', 'javascript:alert(1)', 'https://user:pw@example.com', 'https://example.com/?x=1']) {
      const result = resolveGitHubEndpoints(bad);
      assert.ok('kind' in result && result.kind === 'badConfiguration', `${bad} is rejected`);
    }
  });
});

suite('Reading GitHub failures', () => {
  const now = new Date('2026-11-21T12:00:00Z');

  test('a 403 with no requests left is the primary rate limit, lifting at x-ratelimit-reset', () => {
    const reset = Math.floor(new Date('2026-11-21T12:34:00Z').getTime() / 1000);
    const failure = classifyHttpFailure({ status: 403, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) }, body: { message: 'API rate limit exceeded for 1.2.3.4.' } }, now);
    assert.equal(failure.kind, 'rateLimited');
    assert.equal(failure.retryAt?.toISOString(), '2026-11-21T12:34:00.000Z');
    assert.match(failure.message, /12:34 UTC/);
  });

  test('a 403 with Retry-After is the secondary rate limit, lifting after that many seconds', () => {
    const failure = classifyHttpFailure({ status: 403, headers: { 'retry-after': '60', 'x-ratelimit-remaining': '4000' }, body: { message: 'You have exceeded a secondary rate limit.' } }, now);
    assert.equal(failure.kind, 'rateLimited');
    assert.equal(failure.retryAt?.toISOString(), '2026-11-21T12:01:00.000Z');
  });

  test('a 403 that is not about rate limits is a refusal', () => {
    const failure = classifyHttpFailure({ status: 403, headers: { 'x-ratelimit-remaining': '10' }, body: { message: 'Resource not accessible by integration' } }, now);
    assert.equal(failure.kind, 'unauthorized');
  });

  test('401, 404 and 5xx have their own kinds', () => {
    assert.equal(classifyHttpFailure({ status: 401, headers: {} }).kind, 'unauthorized');
    assert.equal(classifyHttpFailure({ status: 404, headers: {} }).kind, 'notFound');
    assert.equal(classifyHttpFailure({ status: 502, headers: {} }).kind, 'server');
  });

  test('never puts an HTML body into the message', () => {
    const failure = classifyHttpFailure({ status: 500, headers: {}, body: '<html><script>alert(1)</script></html>' });
    assert.equal(failure.kind, 'server');
    assert.doesNotMatch(failure.message, /[<>]/);
  });

  test('clips long API messages to one line', () => {
    const failure = classifyHttpFailure({ status: 422, headers: {}, body: { message: `Validation\nfailed ${'x'.repeat(500)}` } });
    assert.equal(failure.kind, 'invalidResponse');
    assert.ok(failure.message.length < 160);
    assert.doesNotMatch(failure.message, /\n/);
  });
});

suite('Reading /rate_limit', () => {
  test('reads core, search and graphql buckets', () => {
    const limits = readRateLimits({
      resources: {
        core: { limit: 60, remaining: 58, used: 2, reset: 1_800_000_000 },
        search: { limit: 10, remaining: 10, used: 0, reset: 1_800_000_000 },
      },
    });
    assert.equal(limits?.core.remaining, 58);
    assert.equal(limits?.search?.limit, 10);
    assert.equal(limits?.graphql, undefined);
    assert.equal(limits?.core.resetAt.toISOString(), '2027-01-15T08:00:00.000Z');
  });

  test('rejects bodies that are not that shape instead of trusting them', () => {
    for (const body of [undefined, null, 'text', [], { resources: {} }, { resources: { core: { limit: '60', remaining: 1, reset: 1 } } }, { resources: { core: { limit: -1, remaining: 1, reset: 1 } } }]) {
      assert.equal(readRateLimits(body), undefined, JSON.stringify(body));
    }
  });

  test('summarises in one line', () => {
    const limits = readRateLimits({ resources: { core: { limit: 5000, remaining: 4990, used: 10, reset: 1_800_000_000 } } })!;
    assert.equal(
      describeRateLimits('https://api.github.com', true, limits),
      'GitHub API at https://api.github.com answers (authenticated): 4990 of 5000 requests left, resets at 08:00 UTC.',
    );
  });
});
