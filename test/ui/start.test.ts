import * as assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from '../runner/paths';
import { waitFor } from '../util/waitFor';
import { UiSession } from './session';

suite('npm start', () => {
  let child: ChildProcess;
  let output = '';
  let session: UiSession;

  suiteSetup(async function () {
    this.timeout(120_000);
    // What `npm start -- --offline` runs after building.
    child = spawn(process.execPath, [join(projectRoot, 'out', 'scripts', 'start.js'), '--offline'], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const url = await waitFor(() => /running in VS Code: (\S+)/.exec(output)?.[1], {
      timeoutMs: 90_000,
      message: `npm start to print its URL (output: ${output})`,
    });
    session = await UiSession.attach(url);
  });

  suiteTeardown(async () => {
    await session?.close();
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  });

  test('serves the workbench with LWKD Author active on the sample workspace', async () => {
    await session.page.locator('.explorer-folders-view .monaco-list-row', { hasText: '_posts' }).waitFor({ state: 'visible' });
    await session.openFile('2026-11-08-update.md');
    await session.runCommand('LWKD: Check GitHub Connection');
    const toast = session.page.locator('.notification-toast', { hasText: 'requests left' });
    await toast.waitFor({ state: 'visible', timeout: 20_000 });
    assert.match(await toast.innerText(), /GitHub API at http:\/\/127\.0\.0\.1:\d+ answers/);
    // The Past Issues view on the sample site; docs/screenshot.png in the README is this picture.
    await session.openPastIssuesView();
    const tree = session.page.locator('.part.sidebar .monaco-list-row');
    await tree.filter({ hasText: '2026' }).first().click();
    await tree.filter({ hasText: 'Week Ending November 1, 2026' }).first().locator('.monaco-tl-twistie').click();
    await tree.filter({ hasText: 'Featured PRs' }).first().locator('.monaco-tl-twistie').click();
    await tree.filter({ hasText: '#150101' }).first().waitFor({ state: 'visible' });
    await session.screenshot('npm-start');
  });
});
