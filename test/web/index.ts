// Order matters: setup defines the suite globals, then each test file registers its suites.
import './setup';
import './host.test';
import './newWeeklyIssue.test';
import './editing.test';
import './publication.test';
import './pastIssues.test';
import './github.test';
import './weeklyMaterial.test';
import './contributions.test';
import * as vscode from 'vscode';
import { WEB_SUITE_BANNER } from './banner';

/**
 * Entry of the web layer, loaded by VS Code as `extensionTestsPath` into the host of the
 * extension under test: the web worker extension host, since the runner maps LWKD Author's
 * kind to `web` (test/runner/runWeb.ts). One CommonJS bundle, tests included: the worker loads
 * no other module. resolve = pass, reject = fail.
 */
export async function run(): Promise<void> {
  const { navigator } = globalThis as { navigator?: { userAgent: string } };
  const where = typeof process === 'undefined' && navigator ? `web worker (${navigator.userAgent})` : 'a Node extension host';
  console.log(`${WEB_SUITE_BANNER} VS Code ${vscode.version} (${vscode.env.appName}, ui ${vscode.UIKind[vscode.env.uiKind]}), extension host: ${where}`);
  // Mocha.prototype.run, not the browser build's mocha.run: that one reads the page's
  // location.search for a grep, and this worker's global has no location.
  const failures = await new Promise<number>((resolve) => Mocha.prototype.run.call(mocha, resolve));
  if (failures > 0) {
    throw new Error(`${failures} web test(s) failed.`);
  }
}
