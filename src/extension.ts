import type * as vscode from 'vscode';
import { localDisk } from './desktop/localDisk';
import type { LwkdAuthorApi, RunningExtension } from './lwkdAuthor';
import { activateLwkdAuthor } from './lwkdAuthor';
import { gitBranches } from './vscode/git';

/**
 * The desktop entry (`main`): VS Code on the writer's machine, in a remote or a Codespace. The
 * extension runs in Node there, so `file:` workspaces get the local disk's safe reads and writes,
 * and New Weekly Issue can make the week's branch through the Git extension.
 */

/** The running extension, whose pending cache save deactivate() finishes. */
let running: RunningExtension | undefined;

export function activate(context: vscode.ExtensionContext): LwkdAuthorApi {
  running = activateLwkdAuthor(context, { disk: localDisk, branches: gitBranches });
  return running.api;
}

/**
 * VS Code calls this before it disposes context.subscriptions (which is where everything else
 * ends), and waits for the promise: the GitHub cache saved 2 s after a change would otherwise
 * be lost when the host exits within them.
 */
export function deactivate(): Promise<void> | undefined {
  return running?.flush();
}
