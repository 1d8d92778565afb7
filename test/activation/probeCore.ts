import * as vscode from 'vscode';
import { waitFor } from '../util/waitFor';
import { activationRow } from './startupPerformance';

/** The figures for `id` once it has activated by itself (probe.ts and webProbe.ts, one per host). */
export async function readActivation(id: string): Promise<Record<string, unknown>> {
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
  const { navigator } = globalThis as { navigator?: { userAgent: string } };
  const host = typeof process === 'undefined' ? `web worker (${navigator?.userAgent ?? 'browser'})` : `Node ${process.versions.node}`;
  return { ...row, ...markedTimes(id), vscode: vscode.version, node: host, extensionPath: extension.extensionPath };
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
