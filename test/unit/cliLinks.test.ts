import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeGitHub } from '../fakeGitHub/server';
import { FakeSite } from '../fakeSite/server';
import { runCli } from '../util/runCli';

suite('lwkd links', () => {
  let github: FakeGitHub;
  let site: FakeSite;
  let folder: string;

  setup(async () => {
    github = await FakeGitHub.start();
    github.addPull('kubernetes/kubernetes', { number: 140001, title: 'Exists', author: 'a', labels: [] });
    site = await FakeSite.start();
    folder = mkdtempSync(join(tmpdir(), 'lwkd-links-'));
    mkdirSync(join(folder, '_posts'));
  });

  teardown(async () => {
    await github.close();
    await site.close();
    rmSync(folder, { recursive: true, force: true });
  });

  const write = (body: string) => writeFileSync(join(folder, '_posts', '2027-03-14-update.md'), `---\ntitle: Week Ending March 14, 2027\n---\n\n${body}\n`);

  test('prints file:line:col verdict url for each link, and exits 1 when one is broken', async () => {
    write(`* [PR](https://github.com/kubernetes/kubernetes/pull/140001) and [gone](${site.url}/gone)\n* [moved](${site.url}/old), [busy](${site.url}/busy)`);
    const { code, stdout } = await runCli(['links', '_posts/2027-03-14-update.md'], {
      env: { LWKD_GITHUB_API_URL: github.url },
      cwd: folder,
      now: '2027-03-20T12:00:00Z',
    });
    assert.equal(code, 1);
    assert.equal(
      stdout,
      [
        '_posts/2027-03-14-update.md:5:8 ok https://github.com/kubernetes/kubernetes/pull/140001',
        `_posts/2027-03-14-update.md:5:${'* [PR](https://github.com/kubernetes/kubernetes/pull/140001) and [gone]('.length + 1} broken ${site.url}/gone (404)`,
        `_posts/2027-03-14-update.md:6:11 moved ${site.url}/old -> ${site.url}/new`,
        `_posts/2027-03-14-update.md:6:${11 + `${site.url}/old`.length + '), [busy]('.length} unchecked ${site.url}/busy (the site answered 429)`,
        '',
      ].join('\n'),
    );
  });

  test('--json gives the same results as data; an edition with nothing broken exits 0', async () => {
    write(`* [ok](${site.url}/ok)`);
    const { code, stdout } = await runCli(['links', '_posts/2027-03-14-update.md', '--json'], {
      env: { LWKD_GITHUB_API_URL: github.url },
      cwd: folder,
      now: '2027-03-20T12:00:00Z',
    });
    assert.equal(code, 0);
    assert.deepEqual(JSON.parse(stdout), [{ url: `${site.url}/ok`, line: 4, column: 7, endColumn: 7 + `${site.url}/ok`.length, verdict: { kind: 'ok' } }]);
  });

  test('a bad --timeout-ms is a usage error', async () => {
    write('* nothing');
    const { code, stderr } = await runCli(['links', '_posts/2027-03-14-update.md', '--timeout-ms', 'soon'], {
      env: {},
      cwd: folder,
      now: '2027-03-20T12:00:00Z',
    });
    assert.equal(code, 2);
    assert.match(stderr, /--timeout-ms takes a number/);
  });
});
