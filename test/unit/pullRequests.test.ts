import * as assert from 'node:assert/strict';
import { isCherryPick, readIssue, readPullRequest, relevantLabels } from '../../src/core/pullRequests';
import { key, restPull } from '../util/githubItemFixtures';

suite('Reading GitHub items without trusting them', () => {
  test('a merged pull request', () => {
    const item = readPullRequest(restPull(), key);
    assert.deepEqual(item, {
      kind: 'pull',
      owner: 'kubernetes',
      repo: 'kubernetes',
      number: 140001,
      title: 'Example feature',
      state: 'merged',
      mergedAt: '2026-11-05T10:00:00Z',
      closedAt: '2026-11-05T10:00:00Z',
      author: 'octo',
      labels: ['kind/feature', 'lgtm'],
      milestone: 'v1.36',
      baseRef: 'master',
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
