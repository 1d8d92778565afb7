import * as vscode from 'vscode';
import type { Logger } from '../core/logger';
import type { SiteConfig } from '../core/permalink';
import { LWKD_PERMALINK, parseSiteConfig } from '../core/permalink';
import type { WorkspaceFiles } from './workspaceFiles';

export interface SiteConfigRead {
  readonly config: SiteConfig;
  /** Set when `_config.yml` is missing or cannot be read: `config` is then LWKD's pattern. */
  readonly problem?: string;
}

/** The permalink settings of a workspace folder's `_config.yml`; read as data, never evaluated. */
export async function readSiteConfig(folder: vscode.WorkspaceFolder | undefined, files: WorkspaceFiles, logger: Logger): Promise<SiteConfigRead> {
  let problem: string;
  try {
    const text = folder && (await files.readTextFile(vscode.Uri.joinPath(folder.uri, '_config.yml')));
    const parsed = text === undefined ? { error: vscode.l10n.t('it is not there') } : parseSiteConfig(text);
    if ('config' in parsed) {
      return parsed;
    }
    problem = parsed.error;
  } catch (error) {
    problem = error instanceof Error ? error.message : String(error);
  }
  logger.warn(`[site] _config.yml: ${problem}`);
  return { config: { permalink: LWKD_PERMALINK }, problem: vscode.l10n.t('_config.yml cannot be read ({0})', problem) };
}
