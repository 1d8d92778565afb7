import * as assert from 'node:assert/strict';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { GitHubFailureKind } from '../../src/core/githubApi';
import { GitHubClient, GitHubError } from '../../src/services/githubClient';
import { FakeGitHub } from '../fakeGitHub/server';
import { MemoryLogger } from '../util/memoryLogger';

async function failureKind(promise: Promise<unknown>): Promise<GitHubFailureKind> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof GitHubError, `expected a GitHubError, got ${String(error)}`);
    return error.kind;
  }
  assert.fail('expected the request to fail');
}

/** A fake GitHub that accepts `good-token`, a fresh one per test, and clients that log to memory. */
function useFakeGitHub() {
  const state: { github?: FakeGitHub; logger?: MemoryLogger } = {};
  setup(async () => {
    state.github = await FakeGitHub.start({ tokens: ['good-token'] });
    state.logger = new MemoryLogger();
  });
  teardown(async () => {
    await state.github?.close();
  });
  return {
    github: () => state.github!,
    logger: () => state.logger!,
    client: (options: { token?: string; timeoutMs?: number; maxBodyBytes?: number; fetch?: typeof fetch } = {}) =>
      new GitHubClient({ apiUrl: state.github!.url, userAgent: 'lwkd-author-test', logger: state.logger!, ...options }),
  };
}

suite('GitHub client (octokit) against the fake GitHub', () => {
  const fake = useFakeGitHub();
  const client = fake.client;

  test('requests go through the fetch it is given (the browser entry passes its own)', async () => {
    const sent: string[] = [];
    const report = await client({
      fetch: (input, init) => {
        sent.push(String(input instanceof Request ? input.url : input));
        return fetch(input, init);
      },
    }).checkConnection();
    assert.equal(report.rateLimits.core.limit, 60);
    assert.deepEqual(sent, [`${fake.github().url}/rate_limit`]);
  });

  test('checks the connection anonymously', async () => {
    const report = await client().checkConnection();
    assert.equal(report.authenticated, false);
    assert.equal(report.rateLimits.core.limit, 60);
    assert.equal(fake.github().requests[0]?.authenticated, false);
  });

  test('sends the token and sees the authenticated quota, without logging the token', async () => {
    const report = await client({ token: 'good-token' }).checkConnection();
    assert.equal(report.authenticated, true);
    assert.equal(report.rateLimits.core.limit, 5000);
    assert.equal(fake.github().requests[0]?.authenticated, true);
    assert.ok(!fake.logger().lines.some((line) => line.includes('good-token')));
  });

  test('a wrong token is unauthorized', async () => {
    assert.equal(await failureKind(client({ token: 'stale' }).checkConnection()), 'unauthorized');
  });

  test('a 500 with an HTML body is a server failure', async () => {
    fake.github().fail({ kind: 'serverError' });
    assert.equal(await failureKind(client().checkConnection()), 'server');
  });

  test('invalid JSON is an invalid response, not a crash', async () => {
    fake.github().fail({ kind: 'invalidJson' });
    assert.equal(await failureKind(client().checkConnection()), 'invalidResponse');
  });

  test('an exhausted quota is rate limited, with the time it lifts', async () => {
    fake.github().setRemaining('core', 0);
    try {
      await client().get('GET /repos/{owner}/{repo}/pulls/{number}', { owner: 'kubernetes', repo: 'kubernetes', number: 1 });
      assert.fail('expected a rate limit');
    } catch (error) {
      assert.ok(error instanceof GitHubError);
      assert.equal(error.kind, 'rateLimited');
      assert.ok(error.failure.retryAt && error.failure.retryAt.getTime() > Date.now());
    }
  });

  test('a secondary rate limit is rate limited too', async () => {
    fake.github().fail({ kind: 'secondaryRateLimit' });
    assert.equal(await failureKind(client().checkConnection()), 'rateLimited');
  });

  test("a 404 is not found, and the log names the path asked for, not the route's template", async () => {
    assert.equal(
      await failureKind(client().get('GET /repos/{owner}/{repo}/pulls/{number}', { owner: 'kubernetes', repo: 'kubernetes', number: 424242 })),
      'notFound',
    );
    assert.deepEqual(
      fake.logger().lines.filter((line) => line.includes('failed')),
      ['warn [github] GET /repos/kubernetes/kubernetes/pulls/424242 failed: notFound (404)'],
    );
  });

  test('a GitHub that never answers times out', async () => {
    fake.github().fail({ kind: 'hang' });
    const started = Date.now();
    assert.equal(await failureKind(client({ timeoutMs: 200 }).checkConnection()), 'timeout');
    assert.ok(Date.now() - started < 5_000);
  });

  test('a cancelled request is cancelled, not a timeout', async () => {
    fake.github().fail({ kind: 'hang' });
    const controller = new AbortController();
    const pending = client().checkConnection(controller.signal);
    controller.abort();
    assert.equal(await failureKind(pending), 'cancelled');
  });

  test('nothing listening is offline', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as AddressInfo;
        probe.close(() => resolve(free));
      });
    });
    const offline = new GitHubClient({ apiUrl: `http://127.0.0.1:${port}`, userAgent: 'test', logger: fake.logger() });
    assert.equal(await failureKind(offline.checkConnection()), 'offline');
  });

  test('a bad API URL fails at construction with badConfiguration', () => {
    assert.throws(
      () => new GitHubClient({ apiUrl: 'nope', userAgent: 'test', logger: fake.logger() }),
      (error: unknown) => error instanceof GitHubError && error.kind === 'badConfiguration',
    );
  });
});

suite('GitHub client: answers are bounded', () => {
  const fake = useFakeGitHub();
  const client = fake.client;

  test('a body that drips past the deadline is a timeout, not an unexpected shape', async () => {
    fake.github().fail({ kind: 'drip' });
    const started = Date.now();
    assert.equal(await failureKind(client({ timeoutMs: 300 }).checkConnection()), 'timeout');
    assert.ok(Date.now() - started < 5_000);
  });

  test('a body that never ends is cut at the size bound', async () => {
    fake.github().fail({ kind: 'endlessBody' });
    const started = Date.now();
    try {
      await client({ timeoutMs: 8_000, maxBodyBytes: 1024 * 1024 }).checkConnection();
      assert.fail('expected the request to fail');
    } catch (error) {
      assert.ok(error instanceof GitHubError);
      assert.equal(error.kind, 'invalidResponse');
      assert.match(error.message, /longer than 1 MB/);
    }
    assert.ok(Date.now() - started < 4_000, 'stopped reading long before the deadline');
  });

  test('a token with a line break or a character no header can carry is not a valid token, and is never sent', async () => {
    for (const token of ['good-token\nX-Evil: 1', 'good token', 'ghp_abcdefghijklmnopqrstuvwxyz0123456789\u2014', 'good-token\u0085', '']) {
      assert.equal(await failureKind(Promise.resolve().then(() => client({ token }).checkConnection())), 'invalidToken', JSON.stringify(token));
    }
    assert.equal(fake.github().requests.length, 0);
  });

  test('an owner or repository that is a path step or URL-significant never reaches the API path', async () => {
    const route = 'GET /repos/{owner}/{repo}/pulls/{number}';
    const bad: Array<Record<string, unknown>> = [
      { owner: '..', repo: '..', number: 1 },
      { owner: 'kubernetes', repo: '..', number: 1 },
      { owner: 'kubernetes', repo: '.', number: 1 },
      { owner: '.', repo: 'kubernetes', number: 1 },
      { owner: '', repo: 'kubernetes', number: 1 },
      { owner: 'kubernetes', repo: '', number: 1 },
      { owner: 'kubernetes', repo: 'a/b', number: 1 },
      { owner: 'kubernetes', repo: 'x?y', number: 1 },
      { owner: 'kubernetes', repo: 'x#y', number: 1 },
      { owner: 'kubernetes', repo: '%2e%2e', number: 1 },
      { owner: 'kubernetes', repo: 'kubernetes', number: 1.5 },
      { owner: 'kubernetes', repo: 'kubernetes', number: '1/../../x' },
    ];
    for (const parameters of bad) {
      assert.equal(await failureKind(client().get(route, parameters)), 'invalidName', JSON.stringify(parameters));
    }
    assert.equal(fake.github().requests.length, 0);
    fake.github().addPull('kubernetes/.github', { number: 1, title: 'dots inside a name are fine', author: 'a' });
    assert.ok(await client().get(route, { owner: 'kubernetes', repo: '.github', number: 1 }));
  });

  test('an API URL in capitals is the same host', async () => {
    const report = await new GitHubClient({ apiUrl: fake.github().url.toUpperCase(), userAgent: 'test', logger: fake.logger() }).checkConnection();
    assert.equal(report.endpoints.rest, fake.github().url);
  });

  test('server text in what octokit logs reaches the log without control characters', async () => {
    // A header carries Latin-1 only: C1 controls are what a server can put there.
    fake.github().extraHeaders = { deprecation: 'true', sunset: 'soon\u009b2J\u0085' };
    await client().checkConnection();
    const line = fake.logger().lines.find((entry) => entry.includes('deprecated'));
    assert.ok(line, 'octokit logged the deprecation');
    assert.ok(!/[\u0080-\u009f]/.test(line), JSON.stringify(line));
  });
});
