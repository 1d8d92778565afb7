import * as assert from 'node:assert/strict';
import { FakeGitHub } from '../fakeGitHub/server';

/** The fake must answer as GitHub does, or tests built on it prove nothing. */
suite('Fake GitHub speaks the real HTTP API', () => {
  let github: FakeGitHub;

  setup(async () => {
    github = await FakeGitHub.start({ tokens: ['t'] });
    github.addPull('kubernetes/kubernetes', {
      number: 140001,
      title: 'Example feature',
      author: 'octo',
      mergedAt: '2026-11-05T10:00:00Z',
      labels: ['kind/feature', 'sig/node', 'release-note'],
      milestone: 'v1.36',
    });
    github.addIssue('kubernetes/kubernetes', { number: 139000, title: 'Example bug', author: 'octo', labels: ['kind/bug'] });
  });

  teardown(async () => {
    await github.close();
  });

  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${github.url}${path}`, { headers });

  test('serves a pull request with rate-limit headers and an ETag', async () => {
    const response = await get('/repos/kubernetes/kubernetes/pulls/140001');
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
    assert.equal(response.headers.get('x-ratelimit-limit'), '60');
    assert.equal(response.headers.get('x-ratelimit-remaining'), '59');
    assert.equal(response.headers.get('x-ratelimit-resource'), 'core');
    assert.ok(response.headers.get('etag'));
    const body = (await response.json()) as { title: string; merged: boolean; state: string; labels: Array<{ name: string }>; html_url: string };
    assert.equal(body.title, 'Example feature');
    assert.equal(body.state, 'closed');
    assert.equal(body.merged, true);
    assert.deepEqual(
      body.labels.map((label) => label.name),
      ['kind/feature', 'sig/node', 'release-note'],
    );
    assert.equal(body.html_url, 'https://github.com/kubernetes/kubernetes/pull/140001');
  });

  test("answers a browser's preflight and lets it read every header, as api.github.com does", async () => {
    const preflight = await fetch(`${github.url}/repos/kubernetes/kubernetes/pulls/140001`, {
      method: 'OPTIONS',
      headers: { origin: 'http://127.0.0.1:1', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization, if-none-match' },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), '*');
    assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /Authorization.*If-None-Match.*User-Agent/);
    assert.match(preflight.headers.get('access-control-allow-methods') ?? '', /GET, POST/);
    assert.deepEqual(github.requests, [], 'a preflight is not an API request');
    assert.deepEqual(github.preflights, [{ path: '/repos/kubernetes/kubernetes/pulls/140001', headers: 'authorization, if-none-match' }]);
    for (const response of [await get('/repos/kubernetes/kubernetes/pulls/140001'), await get('/repos/kubernetes/kubernetes/pulls/1')]) {
      assert.equal(response.headers.get('access-control-allow-origin'), '*', `on a ${response.status}`);
      const exposed = (response.headers.get('access-control-expose-headers') ?? '').split(/,\s*/);
      for (const header of ['ETag', 'Link', 'X-RateLimit-Remaining', 'X-RateLimit-Reset', 'Retry-After']) {
        assert.ok(exposed.includes(header), `${header} is exposed on a ${response.status}`);
      }
    }
  });

  test('answers If-None-Match with 304, free of charge', async () => {
    const first = await get('/repos/kubernetes/kubernetes/pulls/140001');
    const etag = first.headers.get('etag')!;
    const second = await get('/repos/kubernetes/kubernetes/pulls/140001', { 'if-none-match': etag });
    assert.equal(second.status, 304);
    assert.equal(second.headers.get('x-ratelimit-remaining'), '59');
  });

  test('serves a PR through the issues endpoint with its pull_request field, as GitHub does', async () => {
    const body = (await (await get('/repos/kubernetes/kubernetes/issues/140001')).json()) as { pull_request?: { merged_at: string } };
    assert.equal(body.pull_request?.merged_at, '2026-11-05T10:00:00Z');
    const issue = (await (await get('/repos/kubernetes/kubernetes/issues/139000')).json()) as { pull_request?: unknown };
    assert.equal(issue.pull_request, undefined);
  });

  test("404s with GitHub's body", async () => {
    const response = await get('/repos/kubernetes/kubernetes/pulls/1');
    assert.equal(response.status, 404);
    assert.equal(((await response.json()) as { message: string }).message, 'Not Found');
  });

  test('rejects bad credentials with 401 and charges a token its own bucket', async () => {
    assert.equal((await get('/rate_limit', { authorization: 'token nope' })).status, 401);
    const ok = await get('/repos/kubernetes/kubernetes/pulls/140001', { authorization: 'token t' });
    assert.equal(ok.headers.get('x-ratelimit-limit'), '5000');
  });

  test("runs out of anonymous requests with a 403 like GitHub's", async () => {
    github.setRemaining('core', 1);
    assert.equal((await get('/repos/kubernetes/kubernetes/pulls/140001')).status, 200);
    const limited = await get('/repos/kubernetes/kubernetes/pulls/140001');
    assert.equal(limited.status, 403);
    assert.equal(limited.headers.get('x-ratelimit-remaining'), '0');
    assert.match(((await limited.json()) as { message: string }).message, /rate limit exceeded/);
  });

  test('pages lists with a Link header', async () => {
    for (let i = 1; i <= 5; i++) {
      github.addRelease('kubernetes-sigs/kind', { tag: `v0.${i}.0`, publishedAt: `2026-11-0${i}T00:00:00Z` });
    }
    const first = await get('/repos/kubernetes-sigs/kind/releases?per_page=2');
    const tags = ((await first.json()) as Array<{ tag_name: string }>).map((release) => release.tag_name);
    assert.deepEqual(tags, ['v0.5.0', 'v0.4.0'], 'newest first');
    const link = first.headers.get('link') ?? '';
    const next = /<([^>]+)>; rel="next"/.exec(link)?.[1];
    assert.ok(next, link);
    const second = await fetch(next);
    assert.deepEqual(
      ((await second.json()) as Array<{ tag_name: string }>).map((release) => release.tag_name),
      ['v0.3.0', 'v0.2.0'],
    );
  });

  test('searches merged PRs by date and label, counting against the search bucket', async () => {
    const q = encodeURIComponent('repo:kubernetes/kubernetes is:pr is:merged merged:2026-11-02..2026-11-08 label:kind/feature,kind/api-change');
    const response = await get(`/search/issues?q=${q}`);
    assert.equal(response.headers.get('x-ratelimit-resource'), 'search');
    assert.equal(response.headers.get('x-ratelimit-limit'), '10');
    const body = (await response.json()) as { total_count: number; incomplete_results: boolean; items: Array<{ number: number }> };
    assert.equal(body.total_count, 1);
    assert.equal(body.items[0]?.number, 140001);
    const none = (await (await get(`/search/issues?q=${encodeURIComponent('repo:kubernetes/kubernetes is:pr merged:>2026-11-10')}`)).json()) as {
      total_count: number;
    };
    assert.equal(none.total_count, 0);
  });

  test('answers batched GraphQL lookups by alias, with NOT_FOUND errors, and only when authenticated', async () => {
    const query =
      'query { a: repository(owner: "kubernetes", name: "kubernetes") { pullRequest(number: 140001) { title } } b: repository(owner: "kubernetes", name: "kubernetes") { pullRequest(number: 7) { title } } }';
    const anonymous = await fetch(`${github.url}/graphql`, { method: 'POST', body: JSON.stringify({ query }) });
    assert.equal(anonymous.status, 401);
    const response = await fetch(`${github.url}/graphql`, { method: 'POST', body: JSON.stringify({ query }), headers: { authorization: 'bearer t' } });
    const body = (await response.json()) as {
      data: Record<string, { pullRequest: { title: string; state: string } | null }>;
      errors: Array<{ type: string; path: string[] }>;
    };
    assert.equal(body.data.a?.pullRequest?.title, 'Example feature');
    assert.equal(body.data.a?.pullRequest?.state, 'MERGED');
    assert.equal(body.data.b?.pullRequest, null);
    assert.deepEqual(
      body.errors.map((error) => [error.type, ...error.path]),
      [['NOT_FOUND', 'b', 'pullRequest']],
    );
  });

  test('fails on demand: HTML 500, invalid JSON, a spent fault', async () => {
    github.fail({ kind: 'serverError', path: '/rate_limit', times: 1 });
    const failed = await get('/rate_limit');
    assert.equal(failed.status, 500);
    assert.match(failed.headers.get('content-type') ?? '', /^text\/html/);
    assert.equal((await get('/rate_limit')).status, 200, 'the fault was spent');
    github.fail({ kind: 'invalidJson', path: /\/pulls\// });
    assert.equal(await (await get('/repos/kubernetes/kubernetes/pulls/140001')).text(), '{"title": "truncated');
  });

  test('a hung request stays unanswered until the client gives up', async () => {
    github.fail({ kind: 'hang' });
    await assert.rejects(fetch(`${github.url}/rate_limit`, { signal: AbortSignal.timeout(150) }), { name: 'TimeoutError' });
  });

  test('records what it was asked', async () => {
    await get('/rate_limit?x=1');
    assert.equal(github.requests.at(-1)?.path, '/rate_limit');
    assert.equal(github.requests.at(-1)?.query.get('x'), '1');
  });
});

/** The controls the web layer drives the fake through, from a browser that cannot hold it. */
suite('Fake GitHub controlled over HTTP', () => {
  let github: FakeGitHub;

  setup(async () => {
    github = await FakeGitHub.start({ control: true });
  });

  teardown(async () => {
    await github.close();
  });

  const call = (method: string, ...args: unknown[]) => fetch(`${github.url}/_fake/call`, { method: 'POST', body: JSON.stringify({ method, args }) });

  test('a remote call fills the fake, and the state it reports is what was asked, controls left out', async () => {
    assert.equal((await call('addPull', 'kubernetes/kubernetes', { number: 7, title: 'Remote', author: 'a', labels: [] })).status, 200);
    const pull = await fetch(`${github.url}/repos/kubernetes/kubernetes/pulls/7`, { headers: { origin: 'http://127.0.0.1:9' } });
    assert.equal(((await pull.json()) as { title: string }).title, 'Remote');
    const state = (await (await fetch(`${github.url}/_fake/state`)).json()) as { requests: Array<{ path: string; origin?: string }>; activeRequests: number };
    assert.deepEqual(
      state.requests.map((request) => [request.path, request.origin]),
      [['/repos/kubernetes/kubernetes/pulls/7', 'http://127.0.0.1:9']],
    );
    assert.equal(state.activeRequests, 0);
  });

  test('refuses to call anything but its control methods', async () => {
    const response = await call('close');
    assert.equal(response.status, 400);
    assert.match(((await response.json()) as { message: string }).message, /close is not a control method/);
  });

  test('a fake without controls treats /_fake/ as any unknown path', async () => {
    const plain = await FakeGitHub.start();
    try {
      const response = await fetch(`${plain.url}/_fake/state`);
      assert.equal(response.status, 404);
      assert.equal(plain.requests.length, 1);
    } finally {
      await plain.close();
    }
  });

  test('with CORS off it answers without the headers a browser needs, preflights too, and its controls still carry them', async () => {
    await fetch(`${github.url}/_fake/settings`, { method: 'POST', body: JSON.stringify({ cors: false }) });
    const answer = await fetch(`${github.url}/rate_limit`);
    assert.equal(answer.status, 200);
    assert.equal(answer.headers.get('access-control-allow-origin'), null);
    const preflight = await fetch(`${github.url}/graphql`, { method: 'OPTIONS', headers: { 'access-control-request-method': 'POST' } });
    assert.equal(preflight.headers.get('access-control-allow-methods'), null);
    assert.equal((await fetch(`${github.url}/_fake/state`)).headers.get('access-control-allow-origin'), '*');
  });
});
