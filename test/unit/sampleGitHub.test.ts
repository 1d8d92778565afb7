import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { weekEndingFromFileName } from '../../src/core/edition';
import { silentLogger } from '../../src/core/logger';
import { DEFAULT_RELEASE_REPOS } from '../../src/core/releases';
import { editionWeekWindow } from '../../src/core/weekWindow';
import { GitHubClient } from '../../src/services/githubClient';
import { collectReleases } from '../../src/services/weekCollector';
import { FakeGitHub } from '../fakeGitHub/server';
import { projectRoot } from '../runner/paths';

/** `npm start -- --offline` answers from scripts/sample-github.json: it must cover what the defaults ask. */
suite('The offline sample GitHub', () => {
  let github: FakeGitHub;

  suiteSetup(async () => {
    github = await FakeGitHub.start({ tokens: ['t'] });
    github.seed(JSON.parse(readFileSync(join(projectRoot, 'scripts', 'sample-github.json'), 'utf8')) as Parameters<FakeGitHub['seed']>[0]);
  });

  suiteTeardown(async () => {
    await github.close();
  });

  test('reads every default release repository for each sample edition, and some of them released', async () => {
    const client = new GitHubClient({ apiUrl: github.url, userAgent: 'test', token: 't', logger: silentLogger });
    let released = 0;
    for (const name of readdirSync(join(projectRoot, 'sample-workspace', '_posts'))) {
      const week = weekEndingFromFileName(name)!;
      const result = await collectReleases(client, DEFAULT_RELEASE_REPOS, editionWeekWindow(week, 'UTC'), { logger: silentLogger });
      assert.deepEqual(
        result.failures.map(({ repo }) => repo),
        [],
        name,
      );
      released += result.projects.length;
    }
    assert.ok(released >= 3, `${released} releases in the sample weeks`);
  });
});
