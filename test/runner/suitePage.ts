import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { resultsDir } from './paths';

export interface SuitePageOptions {
  /** The workbench URL with the development payload (workbenchUrl()). */
  readonly url: string;
  /** The layer's name, for its log files (`<layer>-workbench.log`, `<layer>-failure.png`). */
  readonly layer: string;
  /** The suite's first line: the terminal shows the console from there on. */
  readonly banner: string;
  readonly deadlineMs: number;
  /**
   * What to type into a password prompt, by a word of its title ("GitHub", "Buttondown"): the
   * suites cannot type, and LWKD asks for secrets only through such a prompt.
   */
  readonly passwords?: Readonly<Record<string, string>>;
}

/**
 * Opens the workbench and waits for the suite's result, which comes back through the smoke-test
 * driver's `codeAutomationExit` hook. The workbench forwards every console line to
 * `codeAutomationLog`, its own offline noise included; that goes to a file, and the terminal
 * shows the suite's lines. Resolves to the suite's exit code (1 when it did not finish in time).
 */
export async function runSuitePage(browser: Browser, { url, layer, banner, deadlineMs, passwords = {} }: SuitePageOptions): Promise<number> {
  const page = await browser.newPage();
  const exitCode = new Promise<number>((resolve) => {
    void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code));
  });
  const workbenchLog = join(resultsDir, `${layer}-workbench.log`);
  writeFileSync(workbenchLog, '');
  let suiteStarted = false;
  await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
    const line = args.map((arg) => (typeof arg === 'string' ? arg : JSON.stringify(arg))).join(' ');
    appendFileSync(workbenchLog, `[${type}] ${line}\n`);
    suiteStarted ||= line.startsWith(banner);
    if (suiteStarted) {
      (type === 'error' ? process.stderr : process.stdout).write(`${line}\n`);
    }
  });
  page.on('pageerror', (error) => process.stderr.write(`[workbench] ${error.message}\n`));
  typePasswordsWhenAsked(page, passwords);
  await page.goto(url);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<number>((resolve) => {
    timer = setTimeout(() => {
      process.stderr.write(`The ${layer} suite did not finish within ${deadlineMs / 1000} s (logs: ${resultsDir})\n`);
      resolve(1);
    }, deadlineMs);
  });
  const code = await Promise.race([exitCode, timeout]);
  clearTimeout(timer);
  if (code !== 0) {
    await page.screenshot({ path: join(resultsDir, `${layer}-failure.png`) }).catch(() => undefined);
  }
  return code;
}

/** Answers each password prompt whose title names one of `passwords`, as a writer would type it. */
function typePasswordsWhenAsked(page: Page, passwords: Readonly<Record<string, string>>): void {
  if (Object.keys(passwords).length === 0) {
    return;
  }
  const box = page.locator('.quick-input-widget input[type="password"]');
  void (async () => {
    for (;;) {
      await box.waitFor({ state: 'visible', timeout: 0 });
      const title = (await page.locator('.quick-input-widget .quick-input-title').textContent()) ?? '';
      const answer = Object.entries(passwords).find(([word]) => title.includes(word))?.[1];
      if (answer === undefined) {
        await box.press('Escape');
      } else {
        await box.fill(answer);
        await box.press('Enter');
      }
      await box.waitFor({ state: 'hidden', timeout: 0 });
    }
  })().catch(() => undefined); // ends when the page closes
}
