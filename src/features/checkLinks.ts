import * as vscode from 'vscode';
import { Commands } from '../constants';
import type { CommandContext } from '../vscode/commands';
import { registerCommand } from '../vscode/commands';
import type { LinkChecks, LinkSummary } from '../vscode/linkChecks';
import { LINK_SOURCE } from '../vscode/linkChecks';
import type { PastIssuesIndex } from '../vscode/pastIssuesIndex';

export interface CheckLinksDeps extends CommandContext {
  readonly linkChecks: LinkChecks;
  readonly index: PastIssuesIndex;
}

/**
 * LWKD: Check Links. Checks every link of the edition in the editor (PRs, issues and KEPs
 * through GitHub's API, the rest by asking their sites) and marks the broken, moved and
 * uncheckable ones where they are; a moved link has a quick fix to its new address.
 */
export function registerCheckLinks(deps: CheckLinksDeps): vscode.Disposable {
  return vscode.Disposable.from(
    registerCommand(Commands.checkLinks, deps, async (): Promise<LinkSummary | undefined> => {
      const editor = vscode.window.activeTextEditor;
      if (!editor || !deps.index.editionWeek(editor.document.uri)) {
        void vscode.window.showWarningMessage(vscode.l10n.t('Open the edition whose links to check in the editor first.'));
        return undefined;
      }
      const summary = await deps.linkChecks.check(editor.document);
      const problems = summary.broken + summary.moved;
      void vscode.window.setStatusBarMessage(
        problems === 0
          ? vscode.l10n.t('Links: {0} checked, none broken ({1} could not be checked)', summary.checked, summary.unchecked)
          : vscode.l10n.t('Links: {0} broken, {1} moved, of {2}', summary.broken, summary.moved, summary.checked),
        8_000,
      );
      if (problems > 0) {
        void vscode.commands.executeCommand('workbench.actions.view.problems');
      }
      return summary;
    }),
    vscode.languages.registerCodeActionsProvider(
      { language: 'markdown' },
      {
        provideCodeActions(document, _range, context) {
          return context.diagnostics
            .filter((diagnostic) => diagnostic.source === LINK_SOURCE && diagnostic.code === 'link-moved')
            .flatMap((diagnostic) => {
              const to = deps.linkChecks.movedTarget(document.uri, diagnostic.range);
              if (!to) {
                return [];
              }
              const action = new vscode.CodeAction(vscode.l10n.t('Use the new address {0}', to), vscode.CodeActionKind.QuickFix);
              action.edit = new vscode.WorkspaceEdit();
              action.edit.replace(document.uri, diagnostic.range, to);
              action.diagnostics = [diagnostic];
              action.isPreferred = true;
              return [action];
            });
        },
      },
      { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] },
    ),
  );
}
