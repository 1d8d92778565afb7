import * as vscode from 'vscode';
import { Commands } from '../constants';
import { BUILTIN_TEMPLATE } from '../core/edition';
import { missingSectionInsertions } from '../core/missingSections';
import type { CommandContext } from '../vscode/commands';
import { registerCommand } from '../vscode/commands';
import type { ExtensionSettings } from '../vscode/settings';
import { applyInEditor } from '../vscode/textEdits';
import type { WorkspaceFiles } from '../vscode/workspaceFiles';

export interface AddMissingSectionsDeps extends CommandContext {
  readonly files: WorkspaceFiles;
  readonly settings: ExtensionSettings;
}

/**
 * LWKD: Add Missing Sections: the template's sections the edition in the editor lacks, each at
 * its place in the template's order, as one undoable edit that only inserts.
 */
export function registerAddMissingSections(deps: AddMissingSectionsDeps): vscode.Disposable {
  return registerCommand(Commands.addMissingSections, deps, async (): Promise<number> => {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== 'markdown') {
      void vscode.window.showWarningMessage(vscode.l10n.t('Open the edition in the editor first.'));
      return 0;
    }
    const folder = vscode.workspace.getWorkspaceFolder(editor.document.uri);
    const template = (folder && (await deps.files.readTemplate(folder, deps.settings))) ?? BUILTIN_TEMPLATE;
    const document = editor.document;
    const insertions = missingSectionInsertions(document.getText(), template);
    if (insertions.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('This edition already has every section of the template.'));
      return 0;
    }
    const applied = await applyInEditor(
      editor,
      insertions.map((insertion) => insertion.edit),
    );
    if (!applied) {
      throw new Error(vscode.l10n.t('The editor did not accept the change; nothing was inserted.'));
    }
    const titles = insertions.map((insertion) => insertion.title).join(', ');
    void vscode.window.showInformationMessage(
      insertions.length === 1
        ? vscode.l10n.t('Added the missing section {0}.', titles)
        : vscode.l10n.t('Added {0} missing sections: {1}.', insertions.length, titles),
    );
    return insertions.length;
  });
}
