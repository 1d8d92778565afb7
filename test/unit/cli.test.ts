import * as assert from 'node:assert/strict';
import { main } from '../../src/cli';
import { FakeGitHub } from '../fakeGitHub/server';

async function runCli(argv: string[], env: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (text) => { stdout += text; }, stderr: (text) => { stderr += text; }, env });
  return { code, stdout, stderr };
}

suite('lwkd command line', () => {
  test('prints help and exits 0', async () => {
    const { code, stdout } = await runCli(['help']);
    assert.equal(code, 0);
    assert.match(stdout, /Usage: lwkd <command>/);
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
      const viaEnv = await runCli(['check-github'], { LWKD_GITHUB_API_URL: github.url });
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
