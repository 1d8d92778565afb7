import type * as vscode from 'vscode';
import type { LwkdAuthorApi, RunningExtension } from './lwkdAuthor';
import { activateLwkdAuthor } from './lwkdAuthor';

/**
 * The browser entry (`browser`): github.dev and vscode.dev, where VS Code runs extensions in a
 * web worker. No Node, no disk, no terminal and no Git extension: every file goes through
 * workspace.fs, GitHub through fetch, and New Weekly Issue makes no branch (and says so once).
 */

/** The running extension, whose pending cache save deactivate() finishes. */
let running: RunningExtension | undefined;

export function activate(context: vscode.ExtensionContext): LwkdAuthorApi {
  running = activateLwkdAuthor(context, {});
  return running.api;
}

/** As on the desktop: VS Code waits for the GitHub cache's pending save. */
export function deactivate(): Promise<void> | undefined {
  return running?.flush();
}
