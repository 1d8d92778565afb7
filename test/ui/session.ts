import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { FakeGitHub } from '../fakeGitHub/server';
import { resultsDir } from '../runner/paths';
import { startServer } from '../runner/vscodeServer';
import { copyWorkspace, launchBrowser, waitForWorkbench } from '../runner/workbench';
import { waitFor } from '../util/waitFor';

/**
 * One real workbench for a UI suite: the VS Code server with this checkout as the extension under
 * development, a copy of a fixture workspace, a fake GitHub, and a Chromium page showing it all.
 */
export class UiSession {
  private constructor(
    readonly page: Page,
    private readonly browser: Browser,
    private readonly cleanups: Array<() => void | Promise<void>>,
    private readonly extensionLog: () => string,
  ) {}

  /**
   * A fresh server on a copy of `fixture`, with a fake GitHub the test can inspect and break.
   * With `workspaceFile` (relative to the fixture), that multi-root workspace is opened instead.
   */
  static async open(fixture = 'test/fixtures/workspace', workspaceFile?: string): Promise<UiSession & { github: FakeGitHub; folder: string }> {
    mkdirSync(resultsDir, { recursive: true });
    const github = await FakeGitHub.start();
    const workspace = copyWorkspace(fixture);
    const serverLog = join(resultsDir, 'ui-server.log');
    writeFileSync(serverLog, '');
    const server = await startServer({ logFile: serverLog, extension: 'installed', userSettings: { 'lwkd.github.apiUrl': github.url } });
    const target = workspaceFile ? `workspace=${encodeURIComponent(join(workspace.folder, workspaceFile))}` : `folder=${encodeURIComponent(workspace.folder)}`;
    const session = await UiSession.attach(
      `${server.url}/?${target}`,
      [() => server.stop(), () => github.close(), () => workspace.dispose()],
      server.extensionLog,
    );
    return Object.assign(session, { github, folder: workspace.folder });
  }

  /** A browser on a workbench someone else serves (e.g. `npm start`). */
  static async attach(url: string, cleanups: Array<() => void | Promise<void>> = [], extensionLog: () => string = () => ''): Promise<UiSession> {
    const browser = await launchBrowser();
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(url);
    await waitForWorkbench(page);
    return new UiSession(page, browser, cleanups, extensionLog);
  }

  /**
   * Opens the command palette filtered by `text` and waits until a row with `expected` shows.
   * Right after start-up the palette may not know the extension's commands yet, and an open
   * palette does not refresh, so it is reopened until they appear.
   */
  async openPalette(text: string, expected: string = text): Promise<void> {
    const input = this.page.locator('.quick-input-widget input');
    const row = this.page.locator('.quick-input-list .monaco-list-row', { hasText: expected }).first();
    await waitFor(
      async () => {
        await this.page.keyboard.press('F1');
        await input.waitFor({ state: 'visible' });
        await input.fill(`>${text}`);
        try {
          await row.waitFor({ state: 'visible', timeout: 1_000 });
          return true;
        } catch {
          await this.page.keyboard.press('Escape');
          return false;
        }
      },
      { timeoutMs: 60_000, message: `the palette to offer "${expected}"` },
    );
  }

  /** Runs a command the way a person does: F1, type its title, Enter. */
  async runCommand(title: string): Promise<void> {
    await this.openPalette(title);
    await this.page.keyboard.press('Enter');
  }

  /**
   * Hovers the editor text containing `text` until a hover containing `expected` shows. Right
   * after start-up the extension host may not answer the first hover, so it is hovered again.
   */
  async hoverText(text: string, expected: string): Promise<Locator> {
    const target = this.page.locator('.view-line span', { hasText: text }).first();
    await target.waitFor({ state: 'visible' });
    const hover = this.page.locator('.monaco-hover', { hasText: expected });
    await waitFor(
      async () => {
        await this.page.mouse.move(0, 0);
        await target.hover();
        return hover.waitFor({ state: 'visible', timeout: 3_000 }).then(
          () => true,
          () => false,
        );
      },
      { timeoutMs: 60_000, message: `a hover with "${expected}"` },
    );
    return hover;
  }

  /** Clicks the LWKD icon in the activity bar, which shows Past Issues. */
  async openPastIssuesView(): Promise<void> {
    await this.page
      .locator('.activitybar .action-item', { has: this.page.locator('[aria-label^="LWKD"]') })
      .first()
      .click();
  }

  /** Opens a file with Quick Open (Ctrl+P), as a person does. */
  async openFile(name: string): Promise<void> {
    await this.page.keyboard.press('Control+P');
    await this.page.locator('.quick-input-widget input').fill(name);
    await this.page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor();
    await this.page.keyboard.press('Enter');
    await this.page.locator('.tab.active', { hasText: name }).waitFor();
  }

  async screenshot(name: string): Promise<string> {
    const path = join(resultsDir, `${name}.png`);
    await this.page.screenshot({ path });
    return path;
  }

  /**
   * For `teardown`: when a test failed, keeps a picture of the workbench and prints what it showed
   * (notifications, the open quick input) and the extension's log, because CI keeps only output.
   */
  async reportIfFailed(test: Mocha.Test | undefined): Promise<void> {
    if (test?.state !== 'failed') {
      return;
    }
    await this.screenshot(`failed-${test.title.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}`).catch(() => undefined);
    const shown = async (selector: string): Promise<string[]> =>
      this.page
        .locator(`${selector}:visible`)
        .allInnerTexts()
        .then(
          (texts) => texts.map((text) => text.replace(/\s+/g, ' ').trim()),
          () => [],
        );
    const lines = [
      `── what the workbench showed when "${test.title}" failed ──`,
      ...(await shown('.notifications-toasts .notification-list-item')).map((text) => `notification: ${text}`),
      ...(await shown('.quick-input-widget')).map((text) => `quick input: ${text.slice(0, 600)}`),
      "── the extension's log (last 40 lines) ──",
      ...this.extensionLog().trimEnd().split('\n').slice(-40),
    ];
    console.log(lines.join('\n'));
  }

  /** The extension's own log so far, for tests that wait on what it did. */
  log(): string {
    return this.extensionLog();
  }

  async close(): Promise<void> {
    await this.browser.close();
    for (const cleanup of this.cleanups) {
      await cleanup();
    }
  }
}

export type OpenSession = Awaited<ReturnType<typeof UiSession.open>>;

/**
 * Registers a suite's hooks: one workbench on a copy of `fixture` for the whole suite, a
 * screenshot of any failing test, and cleanup. Returns the session for the tests to use.
 */
export function useUiSession(fixture?: string, workspaceFile?: string): () => OpenSession {
  let session: OpenSession | undefined;
  suiteSetup(async function () {
    this.timeout(120_000);
    session = await UiSession.open(fixture, workspaceFile);
  });
  teardown(async function () {
    await session?.reportIfFailed(this.currentTest);
  });
  suiteTeardown(async () => {
    await session?.close();
  });
  return () => {
    if (!session) {
      throw new Error('The UI session did not open (see suiteSetup).');
    }
    return session;
  };
}
