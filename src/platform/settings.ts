import * as vscode from 'vscode';
import { DEFAULT_GITHUB_API_URL, Settings } from '../constants';

/** Typed reads of `lwkd.*`; read at the moment of use so changes apply without a reload. */
export class ExtensionSettings {
  private get config(): vscode.WorkspaceConfiguration {
    return vscode.workspace.getConfiguration(Settings.section);
  }

  get githubApiUrl(): string {
    const value = this.config.get<string>(Settings.githubApiUrl);
    return typeof value === 'string' && value.trim() !== '' ? value : DEFAULT_GITHUB_API_URL;
  }
}
