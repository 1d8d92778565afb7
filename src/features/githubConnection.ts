import * as vscode from 'vscode';
import { Commands } from '../constants';
import type { GitHubFailureKind } from '../core/githubApi';
import { describeRateLimits } from '../core/githubApi';
import type { CommandContext } from '../platform/commands';
import { registerCommand } from '../platform/commands';
import { GitHubClient, GitHubError } from '../platform/githubClient';
import type { ExtensionSettings } from '../platform/settings';

export interface GitHubConnectionDeps extends CommandContext {
  readonly settings: ExtensionSettings;
  readonly userAgent: string;
  readonly auth: { token(): Promise<string | undefined> };
}

/** What the command returns to `executeCommand` callers (and tests), besides what it shows. */
export type ConnectionCheck =
  | { readonly ok: true; readonly apiUrl: string; readonly authenticated: boolean; readonly remaining: number; readonly limit: number }
  | { readonly ok: false; readonly kind: GitHubFailureKind; readonly message: string };

/**
 * LWKD: Check GitHub Connection. Asks `GET /rate_limit` of the configured API (free of charge
 * against the limit) and says what a writer needs to know: reachable, signed in or not, quota left.
 */
export function registerGitHubConnection(deps: GitHubConnectionDeps): vscode.Disposable {
  return registerCommand(Commands.checkGitHubConnection, deps, async (): Promise<ConnectionCheck> => {
    const apiUrl = deps.settings.githubApiUrl;
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Checking GitHub connection'), cancellable: false },
      () => checkConnection(apiUrl, deps),
    );
    if (result.ok) {
      void vscode.window.showInformationMessage(result.summary);
      return { ok: true, apiUrl: result.apiUrl, authenticated: result.authenticated, remaining: result.remaining, limit: result.limit };
    }
    deps.logger.warn(`[github] connection check failed: ${result.kind}: ${result.message}`);
    const openSettings = vscode.l10n.t('Open Settings');
    const showLog = vscode.l10n.t('Show Log');
    void vscode.window.showWarningMessage(result.message, openSettings, showLog).then((choice) => {
      if (choice === openSettings) {
        void vscode.commands.executeCommand('workbench.action.openSettings', 'lwkd.github');
      } else if (choice === showLog) {
        deps.showLog();
      }
    });
    return { ok: false, kind: result.kind, message: result.message };
  });
}

type CheckOutcome =
  | { ok: true; summary: string; apiUrl: string; authenticated: boolean; remaining: number; limit: number }
  | { ok: false; kind: GitHubFailureKind; message: string };

async function checkConnection(apiUrl: string, deps: GitHubConnectionDeps): Promise<CheckOutcome> {
  try {
    const token = await deps.auth.token();
    const client = new GitHubClient({ apiUrl, userAgent: deps.userAgent, logger: deps.logger, ...(token ? { token } : {}) });
    const report = await client.checkConnection();
    const { core } = report.rateLimits;
    return {
      ok: true,
      summary: describeRateLimits(report.endpoints.rest, report.authenticated, report.rateLimits),
      apiUrl: report.endpoints.rest,
      authenticated: report.authenticated,
      remaining: core.remaining,
      limit: core.limit,
    };
  } catch (error) {
    if (error instanceof GitHubError) {
      return { ok: false, kind: error.kind, message: error.message };
    }
    throw error;
  }
}
