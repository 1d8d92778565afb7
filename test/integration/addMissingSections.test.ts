import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { TEMPLATE_HEADINGS } from '../util/editionShape';

suite('Add Missing Sections', () => {
  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test("inserts the workspace template's missing sections in order, as one undoable edit", async () => {
    const uri = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, '_posts', '2026-11-08-update.md');
    const document = await vscode.workspace.openTextDocument(uri);
    const before = document.getText();
    await vscode.window.showTextDocument(document);
    const added = await vscode.commands.executeCommand<number>('lwkd.addMissingSections');
    // The fixture lacks KEP of the Week, Promotions, Deprecated, Version Updates and Subprojects.
    assert.equal(added, 5);
    const headings = document
      .getText()
      .split('\n')
      .filter((line) => line.startsWith('## '));
    assert.deepEqual(headings, TEMPLATE_HEADINGS);
    await vscode.commands.executeCommand('undo');
    assert.equal(document.getText(), before);
    assert.equal(await vscode.commands.executeCommand<number>('lwkd.addMissingSections'), 5);
  });
});
