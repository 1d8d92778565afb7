import { writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { waitFor } from '../util/waitFor';
import { activationRow } from './startupPerformance';

/**
 * Runs inside the extension host as `extensionTestsPath` (test/runner/activation.ts starts it)
 * and reads VS Code's own activation figures for one extension: codeLoadingTime,
 * activateCallTime and activateResolvedTime, the `ExtensionActivationTimes` the extension host
 * measures around `require(main)`, the `activate()` call and the settling of what it returns, and
 * reports to the workbench. The API gives an extension no way to read them; the workbench shows
 * them in Developer: Show Running Extensions and in the "Extension Activation Stats" table of
 * Developer: Startup Performance (`perfview.show`), a read-only Markdown document at
 * `perf:Startup Performance`. That document is a text model the workbench owns, so the extension
 * host can open it like any other and read the table row.
 *
 * The same host also marks, with `code/extHost/willLoadExtensionCode/<id>` and
 * `didLoadExtensionCode/<id>`, the synchronous `require(main)` alone: codeLoadingTime also spans
 * an awaited localization step, during which the host's single thread serves other extensions.
 * Those marks live in the host's own performance-mark store (`globalThis.MonacoPerformanceMarks`,
 * VS Code's perf util, what it reports to Startup Performance as "Raw Perf Marks"); the probe
 * runs in that process and reads them there. All of these are `Date.now()` stamps, whole ms.
 *
 * Environment (set on the server, which passes it to the extension host):
 *   LWKD_ACTIVATION_EXTENSION_ID  the extension to read (it activates by itself, never here)
 *   LWKD_ACTIVATION_OUT           where to write the figures as JSON
 */
export async function run(): Promise<void> {
  const id = required('LWKD_ACTIVATION_EXTENSION_ID');
  const out = required('LWKD_ACTIVATION_OUT');
  const extension = vscode.extensions.getExtension(id);
  if (!extension) {
    throw new Error(`${id} is not loaded in this extension host`);
  }
  // Nothing here activates it: its workspaceContains event must have.
  await waitFor(() => extension.isActive, { timeoutMs: 60_000, message: `${id} to activate` });
  // The document's provider registers when the command first runs.
  await vscode.commands.executeCommand('perfview.show');
  const document = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: 'perf', path: 'Startup Performance' }));
  // It says "Loading..." until the workbench has finished starting (its "Eventually" phase).
  const row = await waitFor(() => activationRow(document.getText(), id), {
    timeoutMs: 60_000,
    intervalMs: 100,
    message: `the activation row of ${id} in Startup Performance`,
  });
  writeFileSync(
    out,
    JSON.stringify({ ...row, ...markedTimes(id), vscode: vscode.version, node: process.versions.node, extensionPath: extension.extensionPath }),
  );
}

interface PerfMarks {
  getMarks(): Array<{ name: string; startTime: number }>;
}

/** `require(main)` and `activate()` (call and resolution) from the host's marks; {} without them. */
function markedTimes(id: string): { requireMs?: number; activateMs?: number } {
  const marks = (globalThis as { MonacoPerformanceMarks?: PerfMarks }).MonacoPerformanceMarks?.getMarks() ?? [];
  const at = (name: string): number | undefined => marks.find((mark) => mark.name === `code/extHost/${name}/${id}`)?.startTime;
  const span = (from: string, to: string): number | undefined => {
    const [start, end] = [at(from), at(to)];
    return start !== undefined && end !== undefined ? end - start : undefined;
  };
  const requireMs = span('willLoadExtensionCode', 'didLoadExtensionCode');
  const activateMs = span('willActivateExtension', 'didActivateExtension');
  return { ...(requireMs !== undefined ? { requireMs } : {}), ...(activateMs !== undefined ? { activateMs } : {}) };
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set`);
  }
  return value;
}
