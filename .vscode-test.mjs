// `npm run test:electron`: the same integration suite under @vscode/test-cli and
// @vscode/test-electron, for machines that can download VS Code from Microsoft's update service
// (ours cannot; `npm test` runs the suite in the VS Code server instead).
import { defineConfig } from '@vscode/test-cli';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// As test/runner/runIntegration.ts does: a copy of the fixture (tests write to it), made a git
// repository so the branch step meets the real Git extension.
const workspace = join(mkdtempSync(join(tmpdir(), 'lwkd-electron-')), 'lwkd');
cpSync('test/fixtures/workspace', workspace, { recursive: true });
const identity = {
  GIT_AUTHOR_NAME: 'Fixture',
  GIT_AUTHOR_EMAIL: 'fixture@example.invalid',
  GIT_COMMITTER_NAME: 'Fixture',
  GIT_COMMITTER_EMAIL: 'fixture@example.invalid',
};
for (const args of [
  ['init', '-q', '-b', 'main'],
  ['add', '-A'],
  ['commit', '-q', '-m', 'fixture'],
]) {
  execFileSync('git', args, { cwd: workspace, stdio: 'ignore', env: { ...process.env, ...identity } });
}

// A user data directory of our own, named to the tests as the server runner does, so a test can
// read what the extension saved in its global storage.
const userData = mkdtempSync(join(tmpdir(), 'lwkd-electron-user-'));

export default defineConfig({
  files: 'out/test/integration/**/*.test.js',
  version: '1.139.1',
  workspaceFolder: workspace,
  launchArgs: [`--user-data-dir=${userData}`],
  env: { LWKD_TEST_USER_DATA_DIR: userData },
  mocha: { ui: 'tdd', timeout: 30_000 },
});
