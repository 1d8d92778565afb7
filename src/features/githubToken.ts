import * as vscode from 'vscode';
import { Commands } from '../constants';
import { isPlausibleToken } from '../core/githubApi';
import type { CommandContext } from '../vscode/commands';
import { registerCommand } from '../vscode/commands';
import type { GitHubAuth } from '../vscode/githubAuth';
import { askForSecret } from '../vscode/secrets';

export interface GitHubTokenDeps extends CommandContext {
  readonly auth: GitHubAuth;
}

/**
 * LWKD: Set GitHub Token, Clear GitHub Token, Sign in to GitHub. A token raises the rate limit
 * from 60 to 5,000 requests an hour and lets one GraphQL query answer for 50 links. It needs no
 * scopes (LWKD's data is public) and is kept in VS Code's secret storage only.
 */
export function registerGitHubTokenCommands(deps: GitHubTokenDeps): vscode.Disposable {
  return vscode.Disposable.from(
    registerCommand(Commands.setGitHubToken, deps, async () => {
      const token = await askForSecret({
        title: vscode.l10n.t('Set GitHub Token'),
        prompt: vscode.l10n.t("A GitHub personal access token; no scopes are needed. It is kept in VS Code's secret storage."),
        isPlausible: isPlausibleToken,
        notPlausible: vscode.l10n.t('That does not look like a GitHub token.'),
      });
      if (token === undefined) {
        return false;
      }
      await deps.auth.storeToken(token);
      void vscode.window.showInformationMessage(vscode.l10n.t("GitHub token saved in VS Code's secret storage. Hovers and the week's PRs now use it."));
      return true;
    }),
    registerCommand(Commands.clearGitHubToken, deps, async () => {
      const had = await deps.auth.clearToken();
      void vscode.window.showInformationMessage(
        had ? vscode.l10n.t("GitHub token removed from VS Code's secret storage.") : vscode.l10n.t('No GitHub token was set; nothing to remove.'),
      );
      return had;
    }),
    registerCommand(Commands.signInToGitHub, deps, async () => {
      try {
        return await deps.auth.signIn();
      } catch (error) {
        if (isCancelledSignIn(error)) {
          // The writer said no: nothing went wrong, so nothing to show.
          deps.logger.info('[auth] sign-in to GitHub cancelled');
          return false;
        }
        throw error;
      }
    }),
  );
}

/**
 * A sign-in the writer cancelled or declined. The authentication API has no typed error for it:
 * VS Code's GitHub provider rejects with `Error('Cancelled')`, and the consent prompt with
 * "User did not consent…".
 */
function isCancelledSignIn(error: unknown): boolean {
  return (
    error instanceof vscode.CancellationError || (error instanceof Error && (/^cancell?ed\.?$/i.test(error.message) || /did not consent/i.test(error.message)))
  );
}
