import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { SUITE_BANNER } from '../integration/banner';
import { join } from 'node:path';
import { FAKE_BUTTONDOWN_KEY } from '../fakeButtondown/server';
import { exitWith } from './exit';
import { projectRoot, resultsDir } from './paths';
import { runSuitePage } from './suitePage';
import { startServer } from './vscodeServer';
import { copyWorkspace, launchBrowser, workbenchUrl } from './workbench';

/**
 * Runs the mocha suite in out/test/integration inside a real VS Code extension host: the VS Code
 * server on 127.0.0.1, opened in headless Chromium with the development payload.
 */
async function main(): Promise<number> {
  mkdirSync(resultsDir, { recursive: true });
  const serverLog = join(resultsDir, 'integration-server.log');
  writeFileSync(serverLog, '');
  const workspace = copyWorkspace('test/fixtures/workspace');
  // A git repository, so that the built-in Git extension is really exercised.
  const git = (...args: string[]): void => {
    execFileSync('git', args, {
      cwd: workspace.folder,
      stdio: 'ignore',
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'Fixture',
        GIT_AUTHOR_EMAIL: 'fixture@example.invalid',
        GIT_COMMITTER_NAME: 'Fixture',
        GIT_COMMITTER_EMAIL: 'fixture@example.invalid',
      },
    });
  };
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'fixture');
  const server = await startServer({ logFile: serverLog, env: { LWKD_TEST_WORKSPACE: workspace.folder } });
  const browser = await launchBrowser();
  try {
    return await runSuitePage(browser, {
      url: workbenchUrl(server.url, {
        folder: workspace.folder,
        extensionTestsPath: join(projectRoot, 'out', 'test', 'integration', 'index.js'),
      }),
      layer: 'integration',
      banner: SUITE_BANNER,
      deadlineMs: Number(process.env.LWKD_INTEGRATION_TIMEOUT_MS ?? 300_000),
      passwords: { Buttondown: FAKE_BUTTONDOWN_KEY },
    });
  } finally {
    await browser.close();
    server.stop();
    workspace.dispose();
  }
}

exitWith(main);
