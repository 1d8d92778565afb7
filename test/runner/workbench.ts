import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { projectRoot } from './paths';

/** Debian's Chromium; Playwright's own browser download cannot work on our machines. */
export const CHROMIUM_PATH = process.env.LWKD_CHROMIUM ?? '/usr/bin/chromium';

/**
 * `offline`: the browser resolves no host name but 127.0.0.1 and localhost, so the workbench's
 * own calls out (the extension gallery, GitHub) fail at once instead of reaching the internet.
 */
export async function launchBrowser({ offline = false }: { offline?: boolean } = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      ...(offline ? ['--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost'] : []),
    ],
  });
}

export interface WorkbenchOptions {
  /** Absolute path of the folder to open on the server, or the URI of a virtual one (`lwkd-test://…`). */
  readonly folder: string;
  /** Absolute path of the mocha entry to run in the extension host (omit to drive the UI). */
  readonly extensionTestsPath?: string;
  /** Absolute path of the extension to develop; default: this checkout. */
  readonly extensionDevelopmentPath?: string;
}

/**
 * The URL that opens the workbench on `folder` with this checkout (or `extensionDevelopmentPath`)
 * loaded as the extension under development. `--enable-smoke-test-driver` makes the server
 * honour the development payload.
 */
export function workbenchUrl(serverUrl: string, { folder, extensionTestsPath, extensionDevelopmentPath = projectRoot }: WorkbenchOptions): string {
  const authority = new URL(serverUrl).host;
  const remote = (path: string): string => `vscode-remote://${authority}${path}`;
  const payload: string[][] = [
    ['extensionDevelopmentPath', remote(extensionDevelopmentPath)],
    ['skipWelcome', 'true'],
    ['skipReleaseNotes', 'true'],
  ];
  if (extensionTestsPath) {
    payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  }
  return `${serverUrl}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

/** Copies a fixture workspace to a throw-away folder so tests may write to it. */
export function copyWorkspace(fixture: string): { folder: string; dispose: () => void } {
  const parent = mkdtempSync(join(tmpdir(), 'lwkd-workspace-'));
  const folder = join(parent, 'lwkd');
  mkdirSync(folder);
  cpSync(join(projectRoot, fixture), folder, { recursive: true });
  return { folder, dispose: () => rmSync(parent, { recursive: true, force: true }) };
}

/** Waits until the workbench has rendered and the extension host has started. */
export async function waitForWorkbench(page: Page): Promise<void> {
  await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
  await page.locator('.statusbar').waitFor({ state: 'visible', timeout: 60_000 });
}
