import * as vscode from 'vscode';
import { Commands } from '../constants';
import { isPlausibleToken } from '../core/githubApi';
import type { CommandContext } from '../platform/commands';
import { registerCommand } from '../platform/commands';
import type { GitHubAuth } from '../platform/githubAuth';

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
      const token = await vscode.window.showInputBox({
        title: vscode.l10n.t('Set GitHub Token'),
        prompt: vscode.l10n.t('A GitHub personal access token; no scopes are needed. It is kept in VS Code\'s secret storage.'),
        password: true,
        ignoreFocusOut: true,
        validateInput: (value) => (isPlausibleToken(value.trim()) ? undefined : vscode.l10n.t('That is not a valid GitHub token.')),
      });
      if (token === undefined) {
        return false;
      }
      await deps.auth.storeToken(token.trim());
      vscode.window.setStatusBarMessage(vscode.l10n.t('GitHub token saved'), 3_000);
      return true;
    }),
    registerCommand(Commands.clearGitHubToken, deps, async () => {
      await deps.auth.clearToken();
      vscode.window.setStatusBarMessage(vscode.l10n.t('GitHub token removed'), 3_000);
      return true;
    }),
    registerCommand(Commands.signInToGitHub, deps, () => deps.auth.signIn()),
  );
}
