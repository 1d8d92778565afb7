import * as assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../util/runCli';
import { FakeGitHub } from '../fakeGitHub/server';
import { projectRoot } from '../runner/paths';

function site(withTemplate = true): string {
  const root = mkdtempSync(join(tmpdir(), 'lwkd-cli-'));
  writeFileSync(join(root, '_config.yml'), 'permalink: /:year/:year:month:day\n');
  if (withTemplate) {
    writeFileSync(join(root, 'template.md'), readFileSync(join(projectRoot, 'test', 'fixtures', 'workspace', 'template.md')));
  }
  return root;
}

suite('lwkd command line', () => {
  test('prints help and exits 0', async () => {
    const { code, stdout } = await runCli(['help']);
    assert.equal(code, 0);
    assert.match(stdout, /Usage: lwkd <command>/);
    assert.match(stdout, /lwkd new/);
    assert.match(stdout, /lwkd stamp/);
  });

  test('no command is a usage error (exit 2) that still shows the help', async () => {
    const { code, stdout } = await runCli([]);
    assert.equal(code, 2);
    assert.match(stdout, /Usage/);
  });

  test('an unknown command or option exits 2 and names it', async () => {
    const unknown = await runCli(['frobnicate']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown command "frobnicate"/);
    const option = await runCli(['check-github', '--frob']);
    assert.equal(option.code, 2);
    assert.match(option.stderr, /unknown option --frob/);
    const missing = await runCli(['check-github', '--api-url']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /--api-url needs a value/);
  });

  test('check-github reports the quota of the given API', async () => {
    const github = await FakeGitHub.start();
    try {
      const viaFlag = await runCli(['check-github', '--api-url', github.url]);
      assert.equal(viaFlag.code, 0, viaFlag.stderr);
      assert.match(viaFlag.stdout, /\(anonymous\): 60 of 60 requests left/);
      const viaEnv = await runCli(['check-github'], { env: { LWKD_GITHUB_API_URL: github.url } });
      assert.equal(viaEnv.code, 0, viaEnv.stderr);
      github.fail({ kind: 'serverError' });
      const failed = await runCli(['check-github', `--api-url=${github.url}`]);
      assert.equal(failed.code, 1);
      assert.match(failed.stderr, /server error \(500\)/);
    } finally {
      await github.close();
    }
  });
});

suite('lwkd new', () => {
  let root: string;
  setup(() => {
    root = site();
  });
  teardown(() => {
    rmSync(root, { recursive: true, force: true });
  });

  test("writes next Sunday's edition from the template and prints its path", async () => {
    const { code, stdout, stderr } = await runCli(['new', '--root', root, '--today', '2026-11-20']);
    assert.equal(code, 0, stderr);
    const path = join(root, '_posts', '2026-11-22-update.md');
    assert.equal(stdout, `${path}\n`);
    const text = readFileSync(path, 'utf8');
    assert.match(text, /^---\nlayout: post\ntitle: Week Ending November 22, 2026\ndate: 2026-11-22 22:00:00 -0000\nslug: 2026-11-22-update\n---\n/);
  });

  test('--last, --week and the clock pick the weeks a writer means', async () => {
    assert.match(
      (await runCli(['new', '--root', root, '--last', '--dry-run'], { now: '2026-11-23T09:00:00Z', env: { TZ: 'UTC' } })).stdout,
      /Week Ending November 22, 2026/,
    );
    assert.match((await runCli(['new', '--root', root, '--week', '2027-01-03', '--dry-run'])).stdout, /Week Ending January 3, 2027/);
    assert.match(
      (await runCli(['new', '--root', root, '--dry-run'], { now: '2026-11-22T23:59:00Z', env: { TZ: 'UTC' } })).stdout,
      /Week Ending November 22, 2026/,
    );
  });

  test("today is the date in the writer's TZ, not the machine's", async () => {
    // 23:59 UTC on Sunday the 22nd is already Monday the 23rd in Tokyo: the next Sunday is the 29th.
    assert.match(
      (await runCli(['new', '--root', root, '--dry-run'], { now: '2026-11-22T23:59:00Z', env: { TZ: 'Asia/Tokyo' } })).stdout,
      /Week Ending November 29, 2026/,
    );
    assert.match(
      (await runCli(['new', '--root', root, '--dry-run'], { now: '2026-11-23T02:00:00Z', env: { TZ: ':America/Los_Angeles' } })).stdout,
      /Week Ending November 22, 2026/,
    );
  });

  test('--dry-run writes nothing', async () => {
    const { code, stdout } = await runCli(['new', '--root', root, '--week', '2026-11-22', '--dry-run']);
    assert.equal(code, 0);
    assert.match(stdout, /## Developer News/);
    assert.equal(existsSync(join(root, '_posts')), false);
  });

  test('never overwrites: exit 1, the file byte-identical', async () => {
    mkdirSync(join(root, '_posts'));
    const path = join(root, '_posts', '2026-11-22-update.md');
    writeFileSync(path, 'my work in progress\r\n');
    const { code, stderr } = await runCli(['new', '--root', root, '--week', '2026-11-22']);
    assert.equal(code, 1);
    assert.match(stderr, /already exists: .*2026-11-22-update\.md/);
    assert.equal(readFileSync(path, 'utf8'), 'my work in progress\r\n');
  });

  test('a week that is not a Sunday is a usage error naming the Sunday of that week', async () => {
    const { code, stderr } = await runCli(['new', '--root', root, '--week', '2026-11-18']);
    assert.equal(code, 2);
    assert.match(stderr, /2026-11-18 is a Wednesday.*ends on 2026-11-22/);
    assert.equal((await runCli(['new', '--root', root, '--week', '2026-02-30'])).code, 2);
    assert.equal((await runCli(['new', '--root', root, '--next', '--last'])).code, 2);
  });

  test('without template.md the built-in template is used', async () => {
    const bare = site(false);
    try {
      const { code, stdout } = await runCli(['new', '--root', bare, '--week', '2026-11-22', '--dry-run']);
      assert.equal(code, 0);
      assert.match(stdout, /## Subprojects and Dependency Updates/);
      assert.equal((await runCli(['new', '--root', bare, '--template', 'missing.md'])).code, 1);
    } finally {
      rmSync(bare, { recursive: true, force: true });
    }
  });

  test('a write that fails names the path and leaves nothing behind', async () => {
    if (process.getuid?.() === 0) {
      // root ignores directory permissions: make the posts "folder" a file instead.
      writeFileSync(join(root, '_posts'), 'not a folder');
    } else {
      mkdirSync(join(root, '_posts'));
      chmodSync(join(root, '_posts'), 0o500);
    }
    const { code, stderr } = await runCli(['new', '--root', root, '--week', '2026-11-22']);
    assert.equal(code, 1);
    assert.match(stderr, /_posts/);
    assert.ok(!existsSync(join(root, '_posts', '2026-11-22-update.md')));
  });
});

suite('lwkd stamp', () => {
  let root: string;
  let path: string;
  const edition =
    '---\nlayout: post\ntitle: Week Ending November 22, 2026\ndate: 2026-11-22 22:00:00 -0000\nslug: 2026-11-22-update\n---\n\n## Developer News\n\nText.\n';
  setup(() => {
    root = site();
    mkdirSync(join(root, '_posts'));
    path = join(root, '_posts', '2026-11-22-update.md');
    writeFileSync(path, edition);
  });
  teardown(() => {
    rmSync(root, { recursive: true, force: true });
  });

  test('sets date: to now in UTC and prints the permalink', async () => {
    const { code, stdout, stderr } = await runCli(['stamp', path, '--now', '2026-11-23T04:12:09Z']);
    assert.equal(code, 0, stderr);
    assert.equal(readFileSync(path, 'utf8'), edition.replace('2026-11-22 22:00:00 -0000', '2026-11-23 04:12:09 -0000'));
    assert.match(stdout, /permalink: https:\/\/lwkd\.info\/2026\/20261123/);
    assert.deepEqual(readdirSync(join(root, '_posts')), ['2026-11-22-update.md'], 'no temporary file is left');
  });

  test('refuses a time before the week ends unless --force', async () => {
    const refused = await runCli(['stamp', path, '--now', '2026-11-20T10:00:00Z']);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /before the end of the week ending November 22, 2026/);
    assert.equal(readFileSync(path, 'utf8'), edition);
    const forced = await runCli(['stamp', path, '--now', '2026-11-20T10:00:00Z', '--force']);
    assert.equal(forced.code, 0);
  });

  test('the permalink follows _config.yml as Jekyll reads it; a broken one leaves the stamp and says why', async () => {
    writeFileSync(join(root, '_config.yml'), 'timezone: America/Los_Angeles\npermalink: /:year/:year:month:day\n');
    const zoned = await runCli(['stamp', path, '--now', '2026-11-23T04:12:09Z']);
    assert.match(zoned.stdout, /permalink: https:\/\/lwkd\.info\/2026\/20261122\n/, 'still November 22 in California');
    writeFileSync(join(root, '_config.yml'), 'permalink: [\n');
    const broken = await runCli(['stamp', path, '--now', '2026-11-23T05:00:00Z']);
    assert.equal(broken.code, 0);
    assert.match(readFileSync(path, 'utf8'), /date: 2026-11-23 05:00:00 -0000/);
    assert.doesNotMatch(broken.stdout, /permalink:/);
    assert.match(broken.stderr, /no permalink: .*_config\.yml: it is not valid YAML/);
  });

  test('bad input: a missing file, no front matter, a bad --now', async () => {
    assert.equal((await runCli(['stamp', join(root, 'nope.md')])).code, 1);
    writeFileSync(join(root, 'notes.md'), '# notes\n');
    const noFrontMatter = await runCli(['stamp', join(root, 'notes.md')]);
    assert.equal(noFrontMatter.code, 1);
    assert.match(noFrontMatter.stderr, /no front matter/);
    assert.equal(readFileSync(join(root, 'notes.md'), 'utf8'), '# notes\n');
    assert.equal((await runCli(['stamp', path, '--now', 'tomorrow'])).code, 2);
    assert.equal((await runCli(['stamp'])).code, 2);
  });

  test('--now without an offset, at an impossible time or past 9999 is refused and nothing changes', async () => {
    for (const [now, why] of [
      ['2026-11-23T04:12:09', /no UTC offset/],
      ['2026-02-30T04:12:09Z', /not a real time/],
      ['9999-12-31T23:00:00-05:00', /years 1 to 9999/],
    ] as const) {
      const run = await runCli(['stamp', path, '--now', now]);
      assert.equal(run.code, 2, now);
      assert.match(run.stderr, why);
      assert.equal(readFileSync(path, 'utf8'), edition);
    }
  });

  test('changes the date and nothing else: the BOM, each line ending and the key as written stay', async () => {
    const original = Buffer.from(`\uFEFF${edition.replace('date:', '"date" :').replace('slug: 2026-11-22-update\n', 'slug: 2026-11-22-update\r\n')}`);
    writeFileSync(path, original);
    const run = await runCli(['stamp', path, '--now', '2026-11-23T04:12:09Z']);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(readFileSync(path), Buffer.from(original.toString('utf8').replace('2026-11-22 22:00:00', '2026-11-23 04:12:09')));
    const lint = await runCli(['lint', path, '--root', root]);
    assert.doesNotMatch(lint.stderr, /Cannot read properties/);
    assert.doesNotMatch(lint.stdout, /duplicated mapping key|front-matter-missing/);
  });
});

suite('lwkd pr', () => {
  let github: FakeGitHub;
  setup(async () => {
    github = await FakeGitHub.start({ tokens: ['cli-token-123'] });
    github.addPull('kubernetes/kubernetes', {
      number: 111090,
      title: 'Automated cherry pick of #1: fix <it>',
      author: 'bot',
      mergedAt: '2026-11-05T10:00:00Z',
      labels: ['kind/bug', 'lgtm'],
      baseRef: 'release-1.35',
    });
  });
  teardown(async () => {
    await github.close();
  });

  test('prints what GitHub says of a PR, by URL or short form', async () => {
    const { code, stdout } = await runCli(['pr', 'https://github.com/kubernetes/kubernetes/pull/111090', '--api-url', github.url]);
    assert.equal(code, 0);
    assert.equal(
      stdout,
      'kubernetes/kubernetes#111090: Automated cherry pick of #1: fix <it>\npull request, merged 2026-11-05, by @bot\nlabels: kind/bug\ncherry-pick: LWKD reports the original PR\n',
    );
    const short = await runCli(['pr', 'k/k#111090', '--json'], { env: { LWKD_GITHUB_API_URL: github.url } });
    assert.equal((JSON.parse(short.stdout) as { state: string }).state, 'merged');
  });

  test('uses GITHUB_TOKEN (GraphQL) and never prints it', async () => {
    const { code, stdout, stderr } = await runCli(['pr', 'k/k#111090', '--api-url', github.url], { env: { GITHUB_TOKEN: 'cli-token-123' } });
    assert.equal(code, 0);
    assert.equal(github.requests[0]?.path, '/graphql');
    assert.ok(!`${stdout}${stderr}`.includes('cli-token-123'));
  });

  test('a missing item, a failing GitHub and a bad reference', async () => {
    const missing = await runCli(['pr', 'k/k#5', '--api-url', github.url]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /no pull request kubernetes\/kubernetes#5|no issue kubernetes\/kubernetes#5/);
    github.fail({ kind: 'serverError' });
    const failing = await runCli(['pr', 'k/k#111090', '--api-url', github.url]);
    assert.equal(failing.code, 1);
    assert.match(failing.stderr, /server error \(500\)/);
    assert.equal((await runCli(['pr', 'not a reference'])).code, 2);
    assert.equal((await runCli(['pr'])).code, 2);
  });
});

suite('lwkd lint', () => {
  let root: string;
  setup(() => {
    root = site();
    mkdirSync(join(root, '_posts'));
  });
  teardown(() => {
    rmSync(root, { recursive: true, force: true });
  });

  test('prints file:line:col code message, exits 1 on errors, and changes nothing', async () => {
    const path = join(root, '_posts', '2026-11-22-update.md');
    const text =
      '---\nlayout: post\ntitle: Week Ending Novemebr 22, 2026\ndate: 2026-11-23 04:12:09 -0000\nslug: 2026-11-22-update\n---\n\n## Other Merges\n\n* A [change](https://github.com/kubernetes/kubernetes/pulls/5).\n';
    writeFileSync(path, text);
    const { code, stdout } = await runCli(['lint', '--root', root], { cwd: root });
    assert.equal(code, 1);
    assert.match(stdout, /^_posts\/2026-11-22-update\.md:3:1 title-form Title should be "Week Ending November 22, 2026"/m);
    assert.match(stdout, /^_posts\/2026-11-22-update\.md:10:\d+ pulls-url /m);
    assert.match(stdout, /^_posts\/2026-11-22-update\.md:10:\d+ bullet-period /m);
    assert.equal(readFileSync(path, 'utf8'), text);
  });

  test('exits 0 with warnings only; JSON lists the findings', async () => {
    const path = join(root, '_posts', '2026-11-22-update.md');
    writeFileSync(
      path,
      '---\nlayout: post\ntitle: Week Ending November 22, 2026\ndate: 2026-11-23 04:12:09 -0000\nslug: 2026-11-22-update\n---\n\n## Other Merges\n\n* A [change](https://github.com/kubernetes/kubernetes/pull/5).\n',
    );
    const { code, stdout } = await runCli(['lint', path, '--format', 'json'], { cwd: root });
    assert.equal(code, 0);
    const results = JSON.parse(stdout) as Array<{ findings: Array<{ code: string; severity: string }> }>;
    assert.deepEqual(
      results[0]!.findings.map((finding) => [finding.code, finding.severity]),
      [['bullet-period', 'warning']],
    );
    assert.equal((await runCli(['lint', '--format', 'xml'])).code, 2);
  });
});

suite('lwkd merged and lwkd releases', () => {
  let github: FakeGitHub;
  let root: string;
  setup(async () => {
    github = await FakeGitHub.start({ tokens: ['cli-token-123'] });
    github.addPull('kubernetes/kubernetes', {
      number: 170001,
      title: 'Promote Foo to beta',
      author: 'a',
      mergedAt: '2027-03-10T10:00:00Z',
      labels: ['kind/feature'],
    });
    github.addPull('kubernetes/kubernetes', {
      number: 170002,
      title: 'Kubelet does a thing',
      author: 'a',
      mergedAt: '2027-03-11T10:00:00Z',
      labels: ['release-note'],
    });
    github.addRelease('cri-o/cri-o', { tag: 'v1.33.1', publishedAt: '2027-03-12T10:00:00Z', body: '* Fix seccomp' });
    root = site();
    mkdirSync(join(root, '_posts'));
    writeFileSync(
      join(root, '_posts', '2027-03-07-update.md'),
      '---\ntitle: Week Ending March 7, 2027\n---\n## Other Merges\n\n* [x](https://github.com/kubernetes/kubernetes/pull/170002)\n',
    );
  });
  teardown(async () => {
    await github.close();
    rmSync(root, { recursive: true, force: true });
  });

  test("merged: the week's candidates with their bullets; one covered last week is marked and unticked", async () => {
    const { code, stdout } = await runCli(['merged', '--week', '2027-03-14', '--api-url', github.url], { cwd: root });
    assert.equal(code, 0);
    assert.equal(
      stdout,
      [
        'Week Ending March 14, 2027: 2 merged PRs',
        '',
        'feature',
        '  [x] Promotions: * [Foo to Beta](https://github.com/kubernetes/kubernetes/pull/170001)',
        '',
        'other',
        '  [ ] Other Merges: * [Kubelet does a thing](https://github.com/kubernetes/kubernetes/pull/170002)  (in Week Ending March 7, 2027)',
        '',
      ].join('\n'),
    );
    const json = JSON.parse((await runCli(['merged', '--week', '2027-03-14', '--json', '--api-url', github.url], { cwd: root })).stdout) as Array<{
      number: number;
      bullet: string;
    }>;
    assert.deepEqual(
      json.map((candidate) => candidate.number),
      [170001, 170002],
    );
  });

  test('releases: one line per project; a missing repository is reported and the exit code says when nothing could be read', async () => {
    const ok = await runCli(['releases', '--week', '2027-03-14', '--repos', 'cri-o/cri-o,gone/missing', '--api-url', github.url]);
    assert.equal(ok.code, 0);
    assert.equal(
      ok.stdout,
      'Week Ending March 14, 2027: 1 of 2 projects released\n* [cri-o v1.33.1](https://github.com/cri-o/cri-o/releases/tag/v1.33.1): Fix seccomp\n',
    );
    assert.match(ok.stderr, /gone\/missing: GitHub has no such resource/);
    github.fail({ kind: 'serverError' });
    assert.equal((await runCli(['releases', '--week', '2027-03-14', '--repos', 'cri-o/cri-o', '--api-url', github.url])).code, 1);
  });

  test('bad weeks, zones and repositories are usage errors', async () => {
    assert.equal((await runCli(['merged'])).code, 2);
    assert.equal((await runCli(['merged', '--week', '2027-03-13'])).code, 2);
    assert.equal((await runCli(['releases', '--week', '2027-03-14', '--time-zone', 'Mars/Olympus'])).code, 2);
    assert.equal((await runCli(['releases', '--week', '2027-03-14', '--repos', 'not a repo'])).code, 2);
  });
});
