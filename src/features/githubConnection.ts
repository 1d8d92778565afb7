import * as vscode from 'vscode';
import { Commands } from '../constants';
import type { GitHubFailureKind } from '../core/githubApi';
import { describeRateLimits } from '../core/githubApi';
import type { CommandContext } from '../vscode/commands';
import { registerCommand } from '../vscode/commands';
import { GitHubError } from '../services/githubClient';
import { createGitHubClient } from '../vscode/githubClientFactory';
import type { ExtensionSettings } from '../vscode/settings';

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
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Checking GitHub connection'), cancellable: false },
      () => checkConnection(deps),
    );
    if (result.ok) {
      void vscode.window.showInformationMessage(result.summary);
      return { ok: true, apiUrl: result.apiUrl, authenticated: result.authenticated, remaining: result.remaining, limit: result.limit };
    }
    deps.logger.warn(`[github] connection check failed: ${result.kind}: ${result.message}`);
    void offerRemedies(result.kind, result.message, deps);
    return { ok: false, kind: result.kind, message: result.message };
  });
}

/**
 * The actions that can fix what failed: a refused or malformed token is fixed by another token
 * or a sign-in, never by the settings; an unreachable or misconfigured GitHub by the settings.
 */
async function offerRemedies(kind: GitHubFailureKind, message: string, deps: GitHubConnectionDeps): Promise<void> {
  const tokenProblem = kind === 'unauthorized' || kind === 'invalidToken';
  const actions: Array<{ title: string; run: () => unknown }> = [
    ...(tokenProblem
      ? [
          { title: vscode.l10n.t('Set GitHub Token'), run: () => vscode.commands.executeCommand(Commands.setGitHubToken) },
          { title: vscode.l10n.t('Sign in to GitHub'), run: () => vscode.commands.executeCommand(Commands.signInToGitHub) },
        ]
      : [{ title: vscode.l10n.t('Open Settings'), run: () => vscode.commands.executeCommand('workbench.action.openSettings', 'lwkd.github') }]),
    { title: vscode.l10n.t('Show Log'), run: () => deps.showLog() },
  ];
  const choice = await vscode.window.showWarningMessage(message, ...actions.map((action) => action.title));
  await actions.find((action) => action.title === choice)?.run();
}

type CheckOutcome =
  | { ok: true; summary: string; apiUrl: string; authenticated: boolean; remaining: number; limit: number }
  | { ok: false; kind: GitHubFailureKind; message: string };

async function checkConnection(deps: GitHubConnectionDeps): Promise<CheckOutcome> {
  try {
    const token = await deps.auth.token();
    const client = createGitHubClient(deps.settings, token, deps.logger, deps.userAgent);
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
