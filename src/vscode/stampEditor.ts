import * as vscode from 'vscode';
import { formatLongDate } from '../core/calendar';
import { stampPublicationTime } from '../core/edition';
import { applyInEditor } from './textEdits';

export interface StampArgs {
  /** Stamp even when the week has not ended, without asking. */
  readonly force?: boolean;
}

/**
 * Stamps the edition in `editor` (the path LWKD: Stamp Publication Time and Prepare Publication
 * share): asks first when the week has not ended, unless `force`. Returns the value written, or
 * undefined when the writer declined or the file has no front matter (already said).
 */
export async function stampEditor(editor: vscode.TextEditor, args?: StampArgs): Promise<string | undefined> {
  const document = editor.document;
  const result = stampPublicationTime(document.getText(), new Date(), document.uri.path);
  if (!result.ok) {
    void vscode.window.showWarningMessage(result.message);
    return undefined;
  }
  if (result.beforeWeekEnd && !args?.force && result.weekEnding) {
    const stamp = vscode.l10n.t('Stamp Anyway');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t(
        'The week ending {0} has not ended yet in UTC. An edition dated before its week ends is published under the wrong date.',
        formatLongDate(result.weekEnding),
      ),
      { modal: true },
      stamp,
    );
    if (choice !== stamp) {
      return undefined;
    }
  }
  const applied = await applyInEditor(editor, [result.edit]);
  if (!applied) {
    throw new Error(vscode.l10n.t('The editor did not accept the change; the date is unchanged.'));
  }
  return result.value;
}
