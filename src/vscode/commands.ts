import * as vscode from 'vscode';
import type { Logger } from '../core/logger';

export interface CommandContext {
  readonly logger: Logger;
  readonly showLog: () => void;
}

/**
 * Registers a command whose failures are caught, logged whole, and shown as one short message
 * with a "Show Log" action. The handler's result is returned to `executeCommand` callers.
 */
export function registerCommand<Args extends unknown[], Result>(
  id: string,
  context: CommandContext,
  handler: (...args: Args) => Promise<Result> | Result,
): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: Args) => {
    try {
      return await handler(...args);
    } catch (error) {
      context.logger.error(`[command] ${id} failed`, error);
      const message = error instanceof Error ? error.message : String(error);
      void showErrorWithLog(message, context);
      return undefined;
    }
  });
}

export async function showErrorWithLog(message: string, context: CommandContext): Promise<void> {
  const showLog = vscode.l10n.t('Show Log');
  const choice = await vscode.window.showErrorMessage(message, showLog);
  if (choice === showLog) {
    context.showLog();
  }
}
