import * as vscode from 'vscode';
import { Commands } from '../constants';
import { findTitleSlot, titleEdit } from '../core/prTitleEdit';
import type { CommandContext } from '../vscode/commands';
import { registerCommand } from '../vscode/commands';
import type { GitHubItemSource } from '../vscode/githubItems';
import { toWorkspaceEdit } from '../vscode/textEdits';

export interface InsertPrTitleDeps extends CommandContext {
  readonly items: GitHubItemSource;
}

/**
 * Insert PR Title: a quick fix on a link to a pull request (and on a Featured PR heading) that
 * puts GitHub's title in the link text. Offering it costs nothing; GitHub is asked only when the
 * writer picks it (usually answered from the cache the hover filled).
 */
class InsertPrTitleProvider implements vscode.CodeActionProvider {
  provideCodeActions(document: vscode.TextDocument, range: vscode.Range): vscode.CodeAction[] {
    const line = document.lineAt(range.start.line).text;
    if (!line.includes('/pull')) {
      return [];
    }
    const slot = findTitleSlot(line, range.start.character);
    if (!slot) {
      return [];
    }
    const action = new vscode.CodeAction(vscode.l10n.t('Insert PR Title from GitHub'), vscode.CodeActionKind.RefactorRewrite);
    action.command = {
      title: action.title,
      command: Commands.insertPrTitle,
      arguments: [document.uri.toString(), range.start.line, range.start.character],
    };
    return [action];
  }
}

export function registerInsertPrTitle(deps: InsertPrTitleDeps): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.languages.registerCodeActionsProvider({ language: 'markdown' }, new InsertPrTitleProvider(), {
      providedCodeActionKinds: [vscode.CodeActionKind.RefactorRewrite],
    }),
    registerCommand(Commands.insertPrTitle, deps, async (uri: unknown, line: unknown, character: unknown): Promise<boolean> => {
      if (typeof uri !== 'string' || typeof line !== 'number' || typeof character !== 'number') {
        return false;
      }
      const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
      const slot = findTitleSlot(document.lineAt(line).text, character);
      if (!slot) {
        return false;
      }
      const lookup = await deps.items.lookup(slot.key, 'pull');
      if (!lookup.item) {
        const reason = lookup.notFound
          ? vscode.l10n.t('GitHub has no pull request {0}/{1}#{2}.', slot.key.owner, slot.key.repo, slot.key.number)
          : (lookup.failure?.message ?? vscode.l10n.t('GitHub did not answer.'));
        void vscode.window.showWarningMessage(reason);
        return false;
      }
      // Check the line still has that slot: the document may have changed while GitHub answered.
      const current = findTitleSlot(document.lineAt(line).text, character);
      if (!current || current.key.number !== slot.key.number) {
        return false;
      }
      return vscode.workspace.applyEdit(toWorkspaceEdit(document, [titleEdit(line, current, lookup.item.title)]));
    }),
  );
}
