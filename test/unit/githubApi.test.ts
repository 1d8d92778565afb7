import * as assert from 'node:assert/strict';
import {
  classifyHttpFailure,
  describeRateLimits,
  isOwnerName,
  isPlausibleToken,
  isRepoName,
  parseRepoName,
  readNextLink,
  readRateLimits,
  resolveGitHubEndpoints,
  tokenProblem,
} from '../../src/core/githubApi';
import { plainLine, safeText } from '../../src/core/safeText';

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
    const failure = classifyHttpFailure(
      { status: 403, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) }, body: { message: 'API rate limit exceeded for 1.2.3.4.' } },
      now,
    );
    assert.equal(failure.kind, 'rateLimited');
    assert.equal(failure.retryAt?.toISOString(), '2026-11-21T12:34:00.000Z');
    assert.match(failure.message, /12:34 UTC/);
  });

  test('a 403 with Retry-After is the secondary rate limit, lifting after that many seconds', () => {
    const failure = classifyHttpFailure(
      { status: 403, headers: { 'retry-after': '60', 'x-ratelimit-remaining': '4000' }, body: { message: 'You have exceeded a secondary rate limit.' } },
      now,
    );
    assert.equal(failure.kind, 'rateLimited');
    assert.equal(failure.retryAt?.toISOString(), '2026-11-21T12:01:00.000Z');
  });

  test('a 403 that is not about rate limits is a refusal', () => {
    const failure = classifyHttpFailure(
      { status: 403, headers: { 'x-ratelimit-remaining': '10' }, body: { message: 'Resource not accessible by integration' } },
      now,
    );
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
    for (const body of [
      undefined,
      null,
      'text',
      [],
      { resources: {} },
      { resources: { core: { limit: '60', remaining: 1, reset: 1 } } },
      { resources: { core: { limit: -1, remaining: 1, reset: 1 } } },
    ]) {
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

suite('Server text in failure messages', () => {
  test('an API message is quoted without terminal escapes, C1 controls, bidi or zero-width characters', () => {
    const failure = classifyHttpFailure({
      status: 403,
      headers: {},
      body: { message: 'Resource\u001b[2J protected\u009b31m by\u202e\u2066 policy\u200b\u2028!' },
    });
    assert.equal(failure.message, 'GitHub refused access (403: Resource [2J protected 31m by policy !).');
    const other = classifyHttpFailure({ status: 422, headers: {}, body: { message: '\u0085Validation\u2029failed\ufeff' } });
    assert.equal(other.message, 'GitHub answered 422: Validation failed.');
  });
});

suite("The Link header's next page", () => {
  const api = 'https://api.github.com';
  const request = `${api}/search/issues?q=x&per_page=100&page=3`;

  test('a later page on the API is taken, in any case of scheme and host, relative or not', () => {
    assert.deepEqual(
      readNextLink(
        '<https://api.github.com/search/issues?q=x&page=4&per_page=100>; rel="next", <https://api.github.com/search/issues?page=9>; rel="last"',
        request,
        api,
      ),
      { kind: 'next', page: 4 },
    );
    assert.deepEqual(readNextLink('<HTTPS://API.GITHUB.COM/search/issues?page=4>; rel="next"', request, api), { kind: 'next', page: 4 });
    assert.deepEqual(readNextLink('</search/issues?page=4>; rel=next', request, api), { kind: 'next', page: 4 });
    assert.deepEqual(
      readNextLink(
        '<https://api.github.com/repositories/20580498/releases?page=2>; rel="next"',
        `${api}/repos/kubernetes/kubernetes/releases?per_page=100&page=1`,
        api,
      ),
      { kind: 'next', page: 2 },
    );
    assert.deepEqual(readNextLink(undefined, request, api), { kind: 'last' });
    assert.deepEqual(readNextLink('<https://api.github.com/search/issues?page=1>; rel="first"', request, api), { kind: 'last' });
  });

  test('another host, credentials, a path outside the API, an earlier page or no page are refused', () => {
    for (const link of [
      '<https://evil.example/search/issues?page=4>; rel="next"',
      '<https://api.github.com.evil.example/search/issues?page=4>; rel="next"',
      '<http://api.github.com/search/issues?page=4>; rel="next"',
      '<https://user:pw@api.github.com/search/issues?page=4>; rel="next"',
      '<https://api.github.com/search/issues?page=3>; rel="next"',
      '<https://api.github.com/search/issues?page=1>; rel="next"',
      '<https://api.github.com/search/issues>; rel="next"',
      '<https://api.github.com/search/issues?page=99999999999>; rel="next"',
      '<::>; rel="next"',
      `<https://api.github.com/search/issues?page=4>; rel="next"${' '.repeat(10_000)}`,
    ]) {
      assert.deepEqual(readNextLink(link, request, api), { kind: 'refused' }, link);
    }
    const ghes = 'https://ghe.example.com/api/v3';
    assert.deepEqual(readNextLink('<https://ghe.example.com/login?page=2>; rel="next"', `${ghes}/search/issues?page=1`, ghes), { kind: 'refused' });
    assert.deepEqual(readNextLink('<https://ghe.example.com/api/v3/../../login?page=2>; rel="next"', `${ghes}/search/issues?page=1`, ghes), {
      kind: 'refused',
    });
    assert.deepEqual(readNextLink('<https://GHE.example.com/api/v3/search/issues?page=2>; rel="next"', `${ghes}/search/issues?page=1`, ghes), {
      kind: 'next',
      page: 2,
    });
  });

  test('reading a hostile header is linear', () => {
    const started = Date.now();
    readNextLink('<'.repeat(8_000), request, api);
    readNextLink(`<${'a'.repeat(8_000)}`, request, api);
    assert.ok(Date.now() - started < 500);
  });
});

suite('GitHub names and tokens', () => {
  test('owners and repositories: dots inside a name are fine, a path step is not a name', () => {
    assert.ok(isOwnerName('kubernetes-sigs') && isRepoName('.github') && isRepoName('kubernetes.github.io') && isRepoName('...'));
    for (const bad of ['.', '..', '', 'a/b', 'a?b', 'a#b', 'a%2e', ' x']) {
      assert.ok(!isRepoName(bad), bad);
    }
    assert.ok(!isOwnerName('-x') && !isOwnerName('.') && !isOwnerName('a'.repeat(40)));
    assert.deepEqual(parseRepoName(' kubernetes/kops '), { owner: 'kubernetes', repo: 'kops' });
    assert.equal(parseRepoName('kubernetes/..'), undefined);
    assert.equal(parseRepoName('a/b/c'), undefined);
  });

  test('Set GitHub Token accepts what can be sent and is as long as a token', () => {
    assert.ok(isPlausibleToken('ghp_0123456789abcdefABCDEF0123456789abcd'));
    for (const bad of [
      'ghp_0123456789abcdef\nABCDEF0123456789abcd',
      'ghp_0123456789abcdef\u0085ABCDEF0123456789',
      'ghp_0123456789abcdef\u2014ABCDEF0123456789',
      'short',
    ]) {
      assert.ok(!isPlausibleToken(bad), JSON.stringify(bad));
    }
  });

  test('a token is visible ASCII without spaces', () => {
    assert.equal(tokenProblem('ghp_0123456789abcdefABCDEF0123456789abcd'), undefined);
    assert.equal(tokenProblem('github_pat_11AAAAAAA0_xxxxxxxxxxxxxxxxxxxxxxxx'), undefined);
    for (const bad of ['a\nb', 'a\rb', 'a b', 'a\tb', 'ghp_\u2014x', 'ghp_\u00e9', '']) {
      assert.equal(tokenProblem(bad)?.kind, 'invalidToken', JSON.stringify(bad));
    }
  });
});

suite('Safe text', () => {
  test('breaking characters become spaces, invisible ones go, line breaks stay where asked', () => {
    assert.equal(safeText('a\u001b[0mb\u009bc\u2028d\u2029e\u0000f\rg\nh\ti'), 'a [0mb c d e f g\nh\ti');
    assert.equal(plainLine('a\u202eb\u2066c\u2069d\u200be\u200cf\u2060g\ufeffh\u061ci\u200ej\u200fk\nl'), 'abcdefghijk l');
  });

  test('linear on long hostile runs', () => {
    const started = Date.now();
    for (const run of ['\u200d', '\u{1f3f4}', '\u{e0041}', '\u{1f469}\u200d', '\u202e']) {
      safeText(run.repeat(200_000));
    }
    assert.ok(Date.now() - started < 2_000);
  });
});
