import * as vscode from 'vscode';
import { Commands } from '../constants';
import { formatLongDate, parseFrontMatterTime } from '../core/calendar';
import { permalink, readConfigScalar, stampPublicationTime } from '../core/edition';
import type { CommandContext } from '../platform/commands';
import { registerCommand } from '../platform/commands';
import type { ExtensionSettings } from '../platform/settings';
import { readTextFile } from '../platform/workspaceFiles';

export interface StampDeps extends CommandContext {
  readonly settings: ExtensionSettings;
}

export interface StampArgs {
  /** Stamp even when the week has not ended, without asking. */
  readonly force?: boolean;
}

export type StampOutcome = { readonly value: string; readonly permalink?: string } | undefined;

/**
 * LWKD: Stamp Publication Time. Sets `date:` of the edition in the editor to the current UTC
 * time as one undoable edit, warns first when that is before the week-ending Sunday, and shows
 * the permalink that date gives.
 */
export function registerStampPublicationTime(deps: StampDeps): vscode.Disposable {
  return registerCommand(Commands.stampPublicationTime, deps, async (args?: StampArgs): Promise<StampOutcome> => {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== 'markdown') {
      void vscode.window.showWarningMessage(vscode.l10n.t('Open the edition to stamp in the editor first.'));
      return undefined;
    }
    const document = editor.document;
    const result = stampPublicationTime(document.getText(), new Date(), document.uri.path);
    if (!result.ok) {
      void vscode.window.showWarningMessage(result.message);
      return undefined;
    }
    if (result.beforeWeekEnd && !args?.force && result.weekEnding) {
      const stamp = vscode.l10n.t('Stamp Anyway');
      const choice = await vscode.window.showWarningMessage(
        vscode.l10n.t('The week ending {0} has not ended yet in UTC. An edition dated before its week ends is published under the wrong date.', formatLongDate(result.weekEnding)),
        { modal: true },
        stamp,
      );
      if (choice !== stamp) {
        return undefined;
      }
    }
    const { edit } = result;
    const applied = await editor.edit((builder) => {
      if (edit.insert) {
        builder.insert(new vscode.Position(edit.line, 0), `${edit.newText}${document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n'}`);
      } else {
        builder.replace(document.lineAt(edit.line).range, edit.newText);
      }
    });
    if (!applied) {
      throw new Error(vscode.l10n.t('The editor did not accept the change; the date is unchanged.'));
    }
    const link = await permalinkFor(deps, document, result.value);
    const message = link
      ? vscode.l10n.t('Publication time set to {0}. Permalink: {1}', result.value, link)
      : vscode.l10n.t('Publication time set to {0}.', result.value);
    const copy = vscode.l10n.t('Copy Permalink');
    void vscode.window.showInformationMessage(message, ...(link ? [copy] : [])).then(async (choice) => {
      if (choice === copy && link) {
        await vscode.env.clipboard.writeText(link);
      }
    });
    return { value: result.value, ...(link ? { permalink: link } : {}) };
  });
}

/** The permalink from `_config.yml` of the site the document belongs to, if it has a pattern. */
async function permalinkFor(deps: StampDeps, document: vscode.TextDocument, value: string): Promise<string | undefined> {
  const folder = vscode.workspace.getWorkspaceFolder(document.uri);
  const time = parseFrontMatterTime(value);
  if (!folder || !time) {
    return undefined;
  }
  try {
    const config = await readTextFile(vscode.Uri.joinPath(folder.uri, '_config.yml'));
    const pattern = config === undefined ? undefined : readConfigScalar(config, 'permalink');
    if (!pattern) {
      return undefined;
    }
    const siteUrl = (config && readConfigScalar(config, 'url')) ?? deps.settings.siteUrl(folder);
    return permalink(siteUrl, pattern, time);
  } catch (error) {
    deps.logger.warn(`[stamp] could not read _config.yml: ${String(error)}`);
    return undefined;
  }
}
