import * as vscode from 'vscode';
import { Commands } from '../constants';
import { formatLongDate, parseFrontMatterTime } from '../core/calendar';
import { stampPublicationTime } from '../core/edition';
import { parseFrontMatter } from '../core/frontMatter';
import { permalinkPost, postUrl } from '../core/permalink';
import type { CommandContext } from '../platform/commands';
import { registerCommand } from '../platform/commands';
import type { ExtensionSettings } from '../platform/settings';
import { readSiteConfig } from '../platform/siteConfig';

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
    const value = await stampEditor(editor, args);
    if (value === undefined) {
      return undefined;
    }
    const link = await permalinkFor(deps, editor.document, value);
    const message = link
      ? vscode.l10n.t('Publication time set to {0}. Permalink: {1}', value, link)
      : vscode.l10n.t('Publication time set to {0}.', value);
    const copy = vscode.l10n.t('Copy Permalink');
    void vscode.window.showInformationMessage(message, ...(link ? [copy] : [])).then(async (choice) => {
      if (choice === copy && link) {
        await vscode.env.clipboard.writeText(link);
      }
    });
    return { value, ...(link ? { permalink: link } : {}) };
  });
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
  return result.value;
}

/** The permalink `_config.yml` gives the stamped date; none when it cannot be read (logged). */
async function permalinkFor(deps: StampDeps, document: vscode.TextDocument, value: string): Promise<string | undefined> {
  const folder = vscode.workspace.getWorkspaceFolder(document.uri);
  const time = parseFrontMatterTime(value);
  const site = await readSiteConfig(folder, deps.logger);
  if (!time || site.problem) {
    return undefined;
  }
  try {
    return postUrl(site.config, deps.settings.siteUrl(folder), permalinkPost(parseFrontMatter(document.getText()).data, document.uri.path, time));
  } catch (error) {
    deps.logger.warn(`[stamp] no permalink: ${String(error)}`);
    return undefined;
  }
}
