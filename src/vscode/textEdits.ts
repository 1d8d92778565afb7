import * as vscode from 'vscode';
import { firstInsertedBullet, sectionInsertions } from '../core/sectionInsert';
import type { TextEdit } from '../core/textEdit';

/**
 * Core's edits (src/core/textEdit.ts) as VS Code's: the one place the two meet. Lines and
 * columns carry over as they are (both count UTF-16 code units; VS Code clamps a position past
 * the end as `applyEdits` does). Line breaks in the new text become the document's own: core
 * writes `\n` where it does not know the text's endings, and a VS Code document has one ending.
 */
export function toVscodeTextEdits(document: vscode.TextDocument, edits: readonly TextEdit[]): vscode.TextEdit[] {
  const eol = document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
  return edits.map((edit) => new vscode.TextEdit(new vscode.Range(edit.line, edit.column, edit.endLine, edit.endColumn), edit.newText.replace(/\r?\n/g, eol)));
}

/** Core's edits to `document` as a workspace edit (for `workspace.applyEdit` and code actions). */
export function toWorkspaceEdit(document: vscode.TextDocument, edits: readonly TextEdit[]): vscode.WorkspaceEdit {
  const workspaceEdit = new vscode.WorkspaceEdit();
  for (const edit of toVscodeTextEdits(document, edits)) {
    workspaceEdit.replace(document.uri, edit.range, edit.newText);
  }
  return workspaceEdit;
}

/**
 * Applies core's edits in `editor` as one undoable step; false when the editor refused them.
 * An insertion goes in with `insert`, which moves a cursor standing there past the new text
 * (`replace` of an empty range would leave it before).
 */
export function applyInEditor(editor: vscode.TextEditor, edits: readonly TextEdit[]): Thenable<boolean> {
  const changes = toVscodeTextEdits(editor.document, edits);
  return editor.edit((builder) => {
    for (const change of changes) {
      if (change.range.isEmpty) {
        builder.insert(change.range.start, change.newText);
      } else {
        builder.replace(change.range, change.newText);
      }
    }
  });
}

/**
 * Inserts lines into their sections (Insert Merged PRs, Subproject Releases, a News Item) as one
 * undoable edit and shows the first; returns its line, or false when the editor refused the edit.
 */
export async function insertIntoSections(editor: vscode.TextEditor, bySection: ReadonlyMap<string, readonly string[]>): Promise<number | false> {
  const document = editor.document;
  const edits = sectionInsertions(document.getText(), bySection);
  if (!(await vscode.workspace.applyEdit(toWorkspaceEdit(document, edits)))) {
    return false;
  }
  const first = Math.min(firstInsertedBullet(edits) ?? 0, document.lineCount - 1);
  editor.revealRange(new vscode.Range(first, 0, first, 0), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return first;
}
