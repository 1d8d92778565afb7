import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { SUITE_BANNER } from '../integration/banner';
import { join } from 'node:path';
import { exitWith } from './exit';
import { projectRoot, resultsDir } from './paths';
import { startServer } from './vscodeServer';
import { copyWorkspace, launchBrowser, workbenchUrl } from './workbench';

/**
 * Runs the mocha suite in out/test/integration inside a real VS Code extension host: the VS Code
 * server on 127.0.0.1, opened in headless Chromium with the development payload. The suite's
 * result comes back through the smoke-test driver's `codeAutomationExit` hook.
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
  const deadline = Number(process.env.LWKD_INTEGRATION_TIMEOUT_MS ?? 300_000);
  try {
    const page = await browser.newPage();
    const exitCode = new Promise<number>((resolve) => {
      void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code));
    });
    // The workbench forwards every console line here, its own offline noise included; that goes
    // to a file, and the terminal shows the suite's lines, which start with its banner.
    const workbenchLog = join(resultsDir, 'integration-workbench.log');
    writeFileSync(workbenchLog, '');
    let suiteStarted = false;
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
      const line = args.map((arg) => (typeof arg === 'string' ? arg : JSON.stringify(arg))).join(' ');
      appendFileSync(workbenchLog, `[${type}] ${line}\n`);
      suiteStarted ||= line.startsWith(SUITE_BANNER);
      if (suiteStarted) {
        (type === 'error' ? process.stderr : process.stdout).write(`${line}\n`);
      }
    });
    page.on('pageerror', (error) => process.stderr.write(`[workbench] ${error.message}\n`));
    await page.goto(
      workbenchUrl(server.url, {
        folder: workspace.folder,
        extensionTestsPath: join(projectRoot, 'out', 'test', 'integration', 'index.js'),
      }),
    );
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<number>((resolve) => {
      timer = setTimeout(() => {
        process.stderr.write(`Integration suite did not finish within ${deadline / 1000} s (logs: ${resultsDir})\n`);
        resolve(1);
      }, deadline);
    });
    const code = await Promise.race([exitCode, timeout]);
    clearTimeout(timer);
    if (code !== 0) {
      await page.screenshot({ path: join(resultsDir, 'integration-failure.png') }).catch(() => undefined);
    }
    return code;
  } finally {
    await browser.close();
    server.stop();
    workspace.dispose();
  }
}

exitWith(main);
