import * as vscode from 'vscode';

/**
 * Runs a command that shows a quick pick and accepts it as a writer pressing Enter would: the
 * ticked items are what the command proposed. Each round yields one macrotask (a web worker has
 * no setImmediate) so the command can show its picker.
 */
export async function runAccepting<T>(command: string, ...args: unknown[]): Promise<T | undefined> {
  let done = false;
  const pending = Promise.resolve(vscode.commands.executeCommand<T | undefined>(command, ...args)).finally(() => {
    done = true;
  });
  while (!done) {
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await Promise.race([pending, new Promise((resolve) => setTimeout(resolve, 0))]);
  }
  return pending;
}
