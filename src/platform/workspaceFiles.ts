import * as vscode from 'vscode';
import { decodeUtf8 } from '../core/postFile';
import type { ExtensionSettings } from './settings';

/** Stat through workspace.fs (virtual workspaces too); undefined when there is nothing there. */
export async function statOrUndefined(uri: vscode.Uri): Promise<vscode.FileStat | undefined> {
  try {
    return await vscode.workspace.fs.stat(uri);
  } catch (error) {
    if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') {
      return undefined;
    }
    throw error;
  }
}

/** Reads a file as UTF-8 text, or undefined when it does not exist. Refuses binary and huge files. */
export async function readTextFile(uri: vscode.Uri, maxBytes = 1024 * 1024): Promise<string | undefined> {
  const stat = await statOrUndefined(uri);
  if (!stat) {
    return undefined;
  }
  if (stat.size > maxBytes) {
    throw new Error(`${vscode.workspace.asRelativePath(uri)} is larger than ${Math.round(maxBytes / 1024)} KB; it does not look like a template.`);
  }
  const text = decodeUtf8(await vscode.workspace.fs.readFile(uri));
  if (text === undefined) {
    throw new Error(`${vscode.workspace.asRelativePath(uri)} is not UTF-8 text.`);
  }
  return text;
}

/** Workspace folders that look like an LWKD site: a posts folder or a template at the top. */
export async function findSiteFolders(settings: ExtensionSettings): Promise<vscode.WorkspaceFolder[]> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const looksLikeSite = await Promise.all(folders.map(async (folder) => {
    const posts = await statOrUndefined(vscode.Uri.joinPath(folder.uri, settings.postsFolder(folder))).catch(() => undefined);
    if (posts && posts.type & vscode.FileType.Directory) {
      return true;
    }
    return Boolean(await statOrUndefined(vscode.Uri.joinPath(folder.uri, settings.templatePath(folder))).catch(() => undefined));
  }));
  return folders.filter((_, i) => looksLikeSite[i]);
}

/**
 * The folder to work in: the only LWKD site, or the one the writer picks when several are open.
 * With no site, the only folder (a new site starts there); undefined when nothing is open or the
 * writer cancels.
 */
export async function chooseSiteFolder(settings: ExtensionSettings, placeHolder: string): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length <= 1) {
    return folders[0];
  }
  const sites = await findSiteFolders(settings);
  if (sites.length === 1) {
    return sites[0];
  }
  const candidates = sites.length > 0 ? sites : folders;
  const picked = await vscode.window.showQuickPick(
    candidates.map((folder) => ({ label: folder.name, description: folder.uri.scheme === 'file' ? folder.uri.fsPath : folder.uri.toString(), folder })),
    { placeHolder },
  );
  return picked?.folder;
}
