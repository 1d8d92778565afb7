import * as assert from 'node:assert/strict';
import { FakeGitHub } from '../fakeGitHub/server';
import { runCli } from '../util/runCli';

/** What must never reach a terminal from remote text: C0 (ESC) and C1 controls, bidi, zero-width, separators. */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060\u2066-\u2069\ufeff]/;
const HOSTILE = 'Fix\u001b]0;pwned\u0007 the\u009b2J kubelet\u202e\u2066gnp.exe\u2069\u200b\u200f\u2028second line\ufeff';

suite('lwkd GitHub commands: tokens and remote text', () => {
  let github: FakeGitHub;

  setup(async () => {
    github = await FakeGitHub.start({ tokens: ['cli-token-123'] });
    github.addPull('kubernetes/kubernetes', {
      number: 130001,
      title: HOSTILE,
      author: 'dev',
      mergedAt: '2027-03-10T12:00:00Z',
      labels: ['release-note', `kind/\u009bfeature`],
      milestone: 'v1.36\u202e',
    });
    github.addRelease('cri-o/cri-o', { tag: 'v1.31.2\u202e', publishedAt: '2027-03-10T12:00:00Z', body: `* ${HOSTILE}` });
  });

  teardown(async () => {
    await github.close();
  });

  test('check-github uses GITHUB_TOKEN like the other GitHub commands, and never prints it', async () => {
    const { code, stdout } = await runCli(['check-github'], {
      env: { GITHUB_TOKEN: 'cli-token-123', LWKD_GITHUB_API_URL: github.url },
      now: '2027-03-20T12:00:00Z',
    });
    assert.equal(code, 0);
    assert.match(stdout, /of 5000 requests left/);
    assert.ok(!stdout.includes('cli-token-123'));
    assert.equal(github.requests[0]?.authenticated, true);
  });

  test('a GITHUB_TOKEN with a line break is "not a valid token" for pr, merged and releases', async () => {
    const env = { GITHUB_TOKEN: 'cli-token-123\nX-Injected: 1', LWKD_GITHUB_API_URL: github.url };
    for (const argv of [
      ['pr', 'k/k#130001'],
      ['merged', '--week', '2027-03-14'],
      ['releases', '--week', '2027-03-14', '--repos', 'cri-o/cri-o'],
    ]) {
      const { code, stderr } = await runCli(argv, { env: env, now: '2027-03-20T12:00:00Z' });
      assert.equal(code, 1, argv.join(' '));
      assert.match(stderr, /not a valid token/, argv.join(' '));
      assert.doesNotMatch(stderr, /Cannot reach GitHub/);
      assert.ok(!stderr.includes('cli-token-123'), 'the token is never printed');
    }
    assert.equal(github.requests.length, 0);
  });

  test('lwkd pr prints remote text without controls, bidi, zero-width characters or separators', async () => {
    for (const argv of [
      ['pr', 'k/k#130001'],
      ['pr', 'k/k#130001', '--json'],
    ]) {
      const { code, stdout } = await runCli(argv, { env: { LWKD_GITHUB_API_URL: github.url }, now: '2027-03-20T12:00:00Z' });
      assert.equal(code, 0);
      assert.ok(!UNSAFE.test(stdout), JSON.stringify(stdout));
      assert.match(stdout, /kubelet/);
    }
  });

  test('lwkd merged and lwkd releases print remote text safely', async () => {
    const merged = await runCli(['merged', '--week', '2027-03-14', '--root', '/nonexistent'], {
      env: { LWKD_GITHUB_API_URL: github.url },
      now: '2027-03-20T12:00:00Z',
    });
    assert.equal(merged.code, 0, merged.stderr);
    assert.match(merged.stdout, /kubelet/);
    assert.ok(!UNSAFE.test(merged.stdout), JSON.stringify(merged.stdout));
    const releases = await runCli(['releases', '--week', '2027-03-14', '--repos', 'cri-o/cri-o'], {
      env: { LWKD_GITHUB_API_URL: github.url },
      now: '2027-03-20T12:00:00Z',
    });
    assert.equal(releases.code, 0, releases.stderr);
    assert.match(releases.stdout, /v1\.31\.2/);
    assert.ok(!UNSAFE.test(releases.stdout), JSON.stringify(releases.stdout));
  });

  test('--repos refuses path steps as repository names', async () => {
    const { code, stderr } = await runCli(['releases', '--week', '2027-03-14', '--repos', 'kubernetes/..'], {
      env: { LWKD_GITHUB_API_URL: github.url },
      now: '2027-03-20T12:00:00Z',
    });
    assert.equal(code, 2);
    assert.match(stderr, /--repos/);
    assert.equal(github.requests.length, 0);
  });
});
