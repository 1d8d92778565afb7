import * as assert from 'node:assert/strict';
import { buildBatchQuery, MAX_BATCH, readBatchResponse } from '../../src/core/graphqlBatch';
import type { GitHubItem } from '../../src/core/pullRequests';
import { FakeGitHub } from '../fakeGitHub/server';
import { key } from '../util/githubItemFixtures';

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
    const keys = [
      key,
      { owner: 'kubernetes', repo: 'enhancements', number: 4009 },
      { owner: 'kubernetes', repo: 'kubernetes', number: 1 },
      { owner: 'nope', repo: 'gone', number: 5 },
    ];
    const batch = buildBatchQuery(keys);
    const response = await fetch(`${github.url}/graphql`, {
      method: 'POST',
      headers: { authorization: 'bearer t' },
      body: JSON.stringify({ query: batch.query }),
    });
    const results = readBatchResponse(await response.json(), batch);
    assert.equal((results.get(keys[0]!) as { item: GitHubItem }).item.state, 'merged');
    assert.equal((results.get(keys[1]!) as { item: GitHubItem }).item.kind, 'issue');
    assert.deepEqual(results.get(keys[2]!), { notFound: true });
    assert.deepEqual(results.get(keys[3]!), { notFound: true });
    assert.equal(github.requests.length, 1);
  });

  test('never puts an invalid name into the query, and stops at 50', () => {
    const batch = buildBatchQuery([
      { owner: 'a") { x } evil: viewer { login } #', repo: 'r', number: 1 },
      ...Array.from({ length: 60 }, (_, i) => ({ owner: 'o', repo: 'r', number: i + 1 })),
    ]);
    assert.ok(!batch.query.includes('evil'));
    assert.equal(batch.aliases.size, MAX_BATCH);
  });
});
