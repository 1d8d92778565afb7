import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXTENSION_ID } from '../../src/constants';
import { FakeGitHub } from '../fakeGitHub/server';
import { WEB_SUITE_BANNER } from '../web/banner';
import { WEB_TOKEN } from '../web/token';
import { exitWith } from './exit';
import { projectRoot, resultsDir } from './paths';
import { runSuitePage } from './suitePage';
import { startServer } from './vscodeServer';
import { copyWorkspace, launchBrowser, workbenchUrl } from './workbench';

/**
 * Runs the mocha suite in out/test/web inside the web worker extension host of the same VS Code
 * server the other layers use, on a virtual workspace. What it takes, found by trying:
 *
 * - The workbench runs an extension in its web worker only when the extension's kind says `web`
 *   first. A `browser` entry beside `main` gives the kinds `workspace, web`, so the server's
 *   Node host wins; the manifest's `extensionKind` cannot say `web` (VS Code drops it there), and
 *   the payload's `extensionDevelopmentKind` is ignored by the browser workbench. The user
 *   setting `remote.extensionKind` is honoured as given, `web` included, but is read once at
 *   start-up: it goes into settings.json before the server starts. (The Settings editor would
 *   flag `web` as not in its enum; the workbench does not care.)
 * - The suite runs in the host of the development extension whose folder holds
 *   `extensionTestsPath`, so the web entry lives in this checkout (out/test/web/index.js). The
 *   worker loads one CommonJS file and resolves no module but `vscode`: the suite is one bundle
 *   with mocha's browser build in it (esbuild.mjs).
 * - The worker's console reaches `codeAutomationLog` as the Node host's does (the worker runs in
 *   a same-origin iframe here, even with `--enable-smoke-test-driver`).
 * - The workspace is `lwkd-test://<server>/<copy>`: a browser-only test extension (test/webFs)
 *   serves it. It is installed, not a second development extension: the payload may name several
 *   extensionDevelopmentPaths, but only the last one is loaded. A virtual folder has no ripgrep, so
 *   `workspaceContains:` is answered by that extension's file search provider (a proposed API,
 *   which this server enables for every extension).
 * - The worker cannot start a server, so the fake GitHub runs here; the suite drives it over its
 *   `/_fake/` controls and LWKD reaches it cross-origin, as github.dev reaches api.github.com.
 * - Sign-in and the token prompt are the workbench's: the page answers the password box (only
 *   that one) with the fake's token, as a writer would type it.
 */
async function main(): Promise<number> {
  mkdirSync(resultsDir, { recursive: true });
  const serverLog = join(resultsDir, 'web-server.log');
  writeFileSync(serverLog, '');
  const workspace = copyWorkspace('test/fixtures/workspace');
  // A template that links out of the site, which the browser cannot resolve and must refuse.
  writeFileSync(join(workspace.folder, '..', 'outside-template.md'), "---\ntitle: not the site's\n---\n");
  symlinkSync(join(workspace.folder, '..', 'outside-template.md'), join(workspace.folder, 'linked-template.md'));
  const github = await FakeGitHub.start({ control: true, tokens: [WEB_TOKEN] });
  const server = await startServer({
    logFile: serverLog,
    alsoInstalled: [join(projectRoot, 'out', 'test', 'webFs')],
    userSettings: {
      'remote.extensionKind': { [EXTENSION_ID]: ['web'] },
      'lwkd.github.apiUrl': github.url,
      'lwkd.timeZone': 'UTC',
    },
  });
  const browser = await launchBrowser();
  try {
    return await runSuitePage(browser, {
      url: workbenchUrl(server.url, {
        folder: `lwkd-test://${new URL(server.url).host}${workspace.folder}`,
        extensionTestsPath: join(projectRoot, 'out', 'test', 'web', 'index.js'),
      }),
      layer: 'web',
      banner: WEB_SUITE_BANNER,
      deadlineMs: Number(process.env.LWKD_WEB_TIMEOUT_MS ?? 300_000),
      passwords: { GitHub: WEB_TOKEN },
    });
  } finally {
    await browser.close();
    server.stop();
    await github.close();
    workspace.dispose();
  }
}

exitWith(main);
