import * as vscode from 'vscode';
import { Commands } from '../constants';
import { parseFrontMatterTime } from '../core/calendar';
import { parseFrontMatter } from '../core/frontMatter';
import { permalinkPost, postUrl } from '../core/permalink';
import type { CommandContext } from '../vscode/commands';
import { registerCommand } from '../vscode/commands';
import type { ExtensionSettings } from '../vscode/settings';
import { readSiteConfig } from '../vscode/siteConfig';
import type { WorkspaceFiles } from '../vscode/workspaceFiles';
import type { StampArgs } from '../vscode/stampEditor';
import { stampEditor } from '../vscode/stampEditor';

export interface StampDeps extends CommandContext {
  readonly files: WorkspaceFiles;
  readonly settings: ExtensionSettings;
}

export type { StampArgs } from '../vscode/stampEditor';

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
    const message = link ? vscode.l10n.t('Publication time set to {0}. Permalink: {1}', value, link) : vscode.l10n.t('Publication time set to {0}.', value);
    const copy = vscode.l10n.t('Copy Permalink');
    void vscode.window.showInformationMessage(message, ...(link ? [copy] : [])).then(async (choice) => {
      if (choice === copy && link) {
        await vscode.env.clipboard.writeText(link);
      }
    });
    return { value, ...(link ? { permalink: link } : {}) };
  });
}

/** The permalink `_config.yml` gives the stamped date; none when it cannot be read (logged). */
async function permalinkFor(deps: StampDeps, document: vscode.TextDocument, value: string): Promise<string | undefined> {
  const folder = vscode.workspace.getWorkspaceFolder(document.uri);
  const time = parseFrontMatterTime(value);
  const site = await readSiteConfig(folder, deps.files, deps.logger);
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
