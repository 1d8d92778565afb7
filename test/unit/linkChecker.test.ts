import * as assert from 'node:assert/strict';
import { findLinks } from '../../src/core/links';
import { checkEditionLinks, fetcherItems } from '../../src/services/editionLinks';
import { GitHubClient } from '../../src/services/githubClient';
import { ItemFetcher } from '../../src/services/itemFetcher';
import { LinkChecker } from '../../src/services/linkChecker';
import { silentLogger } from '../../src/core/logger';
import { FakeGitHub } from '../fakeGitHub/server';
import { FakeSite } from '../fakeSite/server';

suite("An edition's links", () => {
  test('inline links, <url> targets and autolinks, site-relative ones made absolute; nothing in code', () => {
    const text = [
      'See [the page](https://example.test/a?b=1) and [the archive](/archive "Archive").',
      'An autolink <https://k8s.io/docs>, and [a target](<https://example.test/with space>).',
      '`[not](https://example.test/code)` and a bare https://example.test/bare are not links to check.',
      '```',
      '[fenced](https://example.test/fenced)',
      '```',
    ].join('\n');
    assert.deepEqual(
      findLinks(text, 'https://lwkd.info/').map(({ url, line, column }) => [url, line, column]),
      [
        ['https://example.test/a?b=1', 0, 15],
        ['https://lwkd.info/archive', 0, 61],
        ['https://k8s.io/docs', 1, 13],
        ['https://example.test/with%20space', 1, 51],
      ],
    );
  });
});

suite('Link checker', () => {
  let site: FakeSite;
  const checker = (timeoutMs = 2_000) => new LinkChecker({ timeoutMs, userAgent: 'lwkd-author/test' });

  setup(async () => {
    site = await FakeSite.start();
  });

  teardown(async () => {
    await site.close();
  });

  test('a page is ok; 404 and 410 are broken', async () => {
    const check = checker();
    assert.deepEqual(await check.check(`${site.url}/ok`), { kind: 'ok' });
    assert.deepEqual(await check.check(`${site.url}/gone`), { kind: 'broken', status: 404 });
    assert.deepEqual(await check.check(`${site.url}/removed`), { kind: 'broken', status: 410 });
  });

  test('a permanent redirect is "moved", with the address that answers; a temporary one is ok', async () => {
    assert.deepEqual(await checker().check(`${site.url}/older`), { kind: 'moved', to: `${site.url}/new` });
    assert.deepEqual(await checker().check(`${site.url}/elsewhere`), { kind: 'ok' });
  });

  test('a server that refuses HEAD is asked with GET', async () => {
    assert.deepEqual(await checker().check(`${site.url}/no-head`), { kind: 'ok' });
    assert.deepEqual(
      site.requests.map((request) => request.method),
      ['HEAD', 'GET'],
    );
  });

  test('429, 403, 5xx, a sign-in page, a redirect loop and no answer are "could not check", never broken', async () => {
    const check = checker(300);
    for (const [path, reason] of [
      ['/busy', /answered 429/],
      ['/forbidden', /answered 403/],
      ['/broken-server', /answered 503/],
      ['/private', /sign-in page/],
      ['/loop', /more than 5 redirects/],
      ['/hang', /no answer within/],
    ] as const) {
      const verdict = await check.check(`${site.url}${path}`);
      assert.equal(verdict.kind, 'unchecked', path);
      assert.match(verdict.kind === 'unchecked' ? verdict.reason : '', reason, path);
    }
  });

  test('each address is asked once per checker, and no more than 2 at once of one site', async () => {
    const check = checker();
    const urls = Array.from({ length: 6 }, (_, i) => `${site.url}/slow/${i}`);
    await Promise.all([...urls, ...urls].map((url) => check.check(url)));
    assert.equal(site.requests.length, 6);
    assert.ok(site.maxConcurrent <= 2, `${site.maxConcurrent} at once`);
  });

  test('cancelling stops the check, and the cancelled verdict is not kept', async () => {
    const check = checker(5_000);
    const controller = new AbortController();
    const pending = check.check(`${site.url}/hang`, controller.signal);
    controller.abort();
    assert.deepEqual(await pending, { kind: 'unchecked', reason: 'cancelled' });
    assert.deepEqual(await check.check(`${site.url}/ok`), { kind: 'ok' });
  });
});

suite('Checking an edition: GitHub links through the API, the rest by their sites', () => {
  test('a PR that does not exist is broken, one that does is ok, each asked of the API once; other links of their sites', async () => {
    const github = await FakeGitHub.start();
    const site = await FakeSite.start();
    try {
      github.addPull('kubernetes/kubernetes', { number: 140001, title: 'Exists', author: 'a', labels: [] });
      const fetcher = new ItemFetcher(
        async () => ({ client: new GitHubClient({ apiUrl: github.url, userAgent: 't', logger: silentLogger }), authenticated: false }),
        silentLogger,
      );
      const text = [
        '* [Exists](https://github.com/kubernetes/kubernetes/pull/140001)',
        '* [Missing](https://github.com/kubernetes/kubernetes/pull/149999)',
        `* [A page](${site.url}/ok) and [a gone one](${site.url}/gone) and [moved](${site.url}/old)`,
      ].join('\n');
      const results = await checkEditionLinks(text, 'https://lwkd.info', fetcherItems(fetcher), new LinkChecker({ timeoutMs: 2_000, userAgent: 't' }));
      assert.deepEqual(
        results.map(({ url, line, verdict }) => [url, line, verdict.kind]),
        [
          ['https://github.com/kubernetes/kubernetes/pull/140001', 0, 'ok'],
          ['https://github.com/kubernetes/kubernetes/pull/149999', 1, 'broken'],
          [`${site.url}/ok`, 2, 'ok'],
          [`${site.url}/gone`, 2, 'broken'],
          [`${site.url}/old`, 2, 'moved'],
        ],
      );
      assert.equal(github.requests.length, 2, 'one request per PR, none for their pages');
      assert.ok(site.requests.every((request) => !request.path.includes('github')));
    } finally {
      await github.close();
      await site.close();
    }
  });
});
