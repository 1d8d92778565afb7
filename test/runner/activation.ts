import { appendFileSync, copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import type { ActivationRow } from '../activation/startupPerformance';
import { WEB_ACTIVATION_MARKER } from '../activation/marker';
import { projectRoot } from './paths';
import { installedServer, startServer } from './vscodeServer';
import { copyWorkspace, launchBrowser, workbenchUrl } from './workbench';

/** One fresh extension host's figures for the extension, as VS Code measured them. */
export interface ActivationSample extends ActivationRow {
  /** codeLoadingTime + activateCallTime + activateResolvedTime, in ms. */
  readonly totalMs: number;
  readonly vscode: string;
  readonly node: string;
  readonly extensionPath: string;
  /** `require(main)` alone, from the host's performance marks (when it has them). */
  readonly requireMs?: number;
  /** `activate()` called and settled, from the host's performance marks. */
  readonly activateMs?: number;
}

export interface ActivationTarget {
  readonly name: string;
  /** The extension folder (package.json and its main), loaded as the extension under development. */
  readonly root: string;
  /** publisher.name, as in its package.json. */
  readonly id: string;
}

/**
 * Launches a fresh VS Code server, extension host and workbench page on a copy of `fixture` for
 * each target in turn, `runs` times (interleaved, so that drift in machine load reaches every
 * target alike), and collects what test/activation/probe.ts reads from VS Code for each.
 * Nothing reaches the internet: the browser resolves only 127.0.0.1 and the server's requests
 * go to a closed local proxy port. Throws with a readable message if the host cannot start.
 */
export async function measureActivation(
  targets: readonly ActivationTarget[],
  { runs, fixture = 'test/fixtures/workspace', log, host = 'node' }: { runs: number; fixture?: string; log: string; host?: 'node' | 'web' },
): Promise<Map<string, ActivationSample[]>> {
  if (!installedServer()) {
    throw new Error('the VS Code server is not installed under .vscode-test/ (npm test -- integration installs it)');
  }
  const probe = join(projectRoot, 'out', 'test', 'activation', host === 'web' ? 'webProbe.js' : 'probe.js');
  if (!existsSync(probe)) {
    throw new Error(`${probe} is missing (node esbuild.mjs --tests builds it)`);
  }
  writeFileSync(log, '');
  const samples = new Map<string, ActivationSample[]>(targets.map((target) => [target.name, []]));
  const browser = await launchBrowser({ offline: true });
  try {
    for (let run = 0; run < runs; run++) {
      for (const target of targets) {
        appendFileSync(log, `\n=== ${target.name}, launch ${run + 1} of ${runs} ===\n`);
        samples.get(target.name)!.push(await launchOnce(browser, target, probe, fixture, log, host));
      }
    }
  } finally {
    await browser.close();
  }
  return samples;
}

/**
 * One fresh server and workbench. In the `web` host the extension runs in the browser's web worker
 * (the runner maps its kind to `web`, as runWeb.ts does), on the fixture served through the test
 * file system (lwkd-test:), and the probe prints its figures on the console, which the
 * workbench forwards to `codeAutomationLog`: a worker can write no file.
 */
async function launchOnce(
  browser: Browser,
  target: ActivationTarget,
  probe: string,
  fixture: string,
  log: string,
  host: 'node' | 'web',
): Promise<ActivationSample> {
  const scratch = mkdtempSync(join(tmpdir(), 'lwkd-activation-'));
  const out = join(scratch, 'activation.json');
  const workspace = copyWorkspace(fixture);
  const cleanup = (): void => {
    workspace.dispose();
    rmSync(scratch, { recursive: true, force: true });
  };
  const offline = 'http://127.0.0.1:9';
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer({
      logFile: log,
      env: {
        LWKD_ACTIVATION_EXTENSION_ID: target.id,
        LWKD_ACTIVATION_OUT: out,
        HTTP_PROXY: offline,
        HTTPS_PROXY: offline,
        http_proxy: offline,
        https_proxy: offline,
        NO_PROXY: '127.0.0.1,localhost',
        no_proxy: '127.0.0.1,localhost',
      },
      userSettings: { 'lwkd.github.apiUrl': offline, ...(host === 'web' ? { 'remote.extensionKind': { [target.id]: ['web'] } } : {}) },
      ...(host === 'web' ? { alsoInstalled: [join(projectRoot, 'out', 'test', 'webFs')] } : {}),
    });
  } catch (error) {
    cleanup();
    throw error;
  }
  let context: BrowserContext | undefined;
  try {
    context = await browser.newContext();
    const page = await context.newPage();
    const exited = new Promise<number>((resolve) => {
      void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code));
    });
    let printed: string | undefined;
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
      const line = args.map((arg) => (typeof arg === 'string' ? arg : JSON.stringify(arg))).join(' ');
      const marker = line.indexOf(`${WEB_ACTIVATION_MARKER} `);
      if (marker !== -1) {
        printed = line.slice(marker + WEB_ACTIVATION_MARKER.length + 1);
      }
      appendFileSync(log, `[${type}] ${line}\n`);
    });
    const folder = host === 'web' ? `lwkd-test://${new URL(server.url).host}${workspace.folder}` : workspace.folder;
    // The workbench runs the tests in the host of the development extension whose folder holds
    // them: in the web case that must be the worker, so the probe goes into the target's folder.
    const tests = host === 'web' ? join(target.root, 'activation-probe.js') : probe;
    if (host === 'web') {
      copyFileSync(probe, tests);
    }
    await page.goto(workbenchUrl(server.url, { folder, extensionTestsPath: tests, extensionDevelopmentPath: target.root }));
    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([
      exited,
      new Promise<number>((resolve) => {
        timer = setTimeout(() => resolve(-1), 180_000);
      }),
    ]);
    clearTimeout(timer);
    const result = host === 'web' ? printed : existsSync(out) ? readFileSync(out, 'utf8') : undefined;
    if (code !== 0 || result === undefined) {
      throw new Error(`the activation probe for ${target.name} ${code === -1 ? 'did not finish within 180 s' : `exited with ${code}`} (log: ${log})`);
    }
    const row = JSON.parse(result) as ActivationSample;
    return { ...row, totalMs: row.codeLoadingTime + row.activateCallTime + row.activateResolvedTime };
  } finally {
    await context?.close();
    server.stop();
    cleanup();
  }
}
