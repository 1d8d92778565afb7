import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import { createLineReporter } from '../util/lineReporter';
import { SUITE_BANNER } from './banner';

/**
 * Entry of the integration suite, loaded by VS Code as `extensionTestsPath` (the same contract
 * under our server runner and under @vscode/test-electron): resolve = pass, reject = fail.
 */
export async function run(): Promise<void> {
  // `vscode` resolves only inside an extension host; prove where we are before testing anything.
  if (typeof vscode.version !== 'string' || typeof vscode.commands?.executeCommand !== 'function') {
    throw new Error('The integration suite is not running inside a VS Code extension host.');
  }
  console.log(
    `${SUITE_BANNER} VS Code ${vscode.version} (${vscode.env.appName}, ui ${vscode.UIKind[vscode.env.uiKind]}, extension host Node ${process.versions.node})`,
  );
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 30_000, reporter: createLineReporter('integration') });
  for (const file of readdirSync(__dirname)
    .filter((name) => name.endsWith('.test.js'))
    .sort()) {
    mocha.addFile(join(__dirname, file));
  }
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  if (failures > 0) {
    throw new Error(`${failures} integration test(s) failed.`);
  }
}
