import * as vscode from 'vscode';
import { registerGitHubConnection } from './features/githubConnection';
import { registerNewWeeklyIssue } from './features/newWeeklyIssue';
import { registerShowLog } from './features/showLog';
import { registerStampPublicationTime } from './features/stampPublicationTime';
import { OutputChannelLogger } from './platform/logger';
import { ExtensionSettings } from './platform/settings';

export function activate(context: vscode.ExtensionContext): void {
  const logger = new OutputChannelLogger('LWKD Author');
  context.subscriptions.push(logger);
  const version = String((context.extension.packageJSON as { version?: unknown }).version ?? '0.0.0');
  const deps = {
    logger,
    showLog: () => logger.show(),
    settings: new ExtensionSettings(),
    userAgent: `lwkd-author/${version}`,
  };
  context.subscriptions.push(
    registerShowLog(deps),
    registerGitHubConnection(deps),
    registerNewWeeklyIssue(deps),
    registerStampPublicationTime(deps),
  );
  logger.info(`[extension] LWKD Author ${version} active in VS Code ${vscode.version}`);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
