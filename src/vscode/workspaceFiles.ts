import * as vscode from 'vscode';
import { FileError, notRegularFile, tooLargeFile } from '../core/fileError';
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

/**
 * The local disk under `file:` URIs, where more can be promised than workspace.fs allows: a read
 * checked on the opened file and bounded, links resolved before a template is trusted, a new
 * file linked into place. Only the desktop entry has one (src/desktop/localDisk.ts); in the
 * browser a `file:` URI (vscode.dev's opened local folder) is just another workspace.fs scheme.
 */
export interface LocalDisk {
  /** The bytes, or undefined when nothing is there; FileError `notRegular` or `tooLarge` otherwise. */
  readRegularFile(uri: vscode.Uri, maxBytes: number): Uint8Array | undefined;
  /** `uri` with links resolved, or undefined when it does not exist; FileError `outsideRoot` when it leaves `root`. */
  resolveInside(root: vscode.Uri, uri: vscode.Uri): vscode.Uri | undefined;
  /** Creates the file complete or not at all; FileError `exists` when something is there. */
  createFileExclusive(uri: vscode.Uri, bytes: Uint8Array): void;
}

/** Whether `path` is `root` or below it, for URI paths (always `/`-separated and normalized by joinPath). */
function pathInside(root: string, path: string): boolean {
  const base = root.endsWith('/') ? root : `${root}/`;
  return path === root || path.startsWith(base);
}

/** A writer's files, read and created so that nothing is lost: on the local disk when there is one, else through workspace.fs. */
export class WorkspaceFiles {
  constructor(private readonly disk?: LocalDisk) {}

  private onDisk(uri: vscode.Uri): LocalDisk | undefined {
    return uri.scheme === 'file' ? this.disk : undefined;
  }

  /**
   * The bytes of a regular file of at most `maxBytes`, or undefined when nothing is there. Throws
   * FileError (`notRegular`, `tooLarge`) for anything else. On disk the check is made on the
   * opened file and the read is bounded, so a device or a growing file cannot make it read
   * forever; elsewhere the provider's stat is checked before reading, and the bytes after.
   */
  async readBoundedFile(uri: vscode.Uri, maxBytes: number): Promise<Uint8Array | undefined> {
    const disk = this.onDisk(uri);
    if (disk) {
      return disk.readRegularFile(uri, maxBytes);
    }
    const stat = await statOrUndefined(uri);
    if (!stat) {
      return undefined;
    }
    const name = uri.toString(true);
    if (!(stat.type & vscode.FileType.File)) {
      throw notRegularFile(name);
    }
    if (stat.size > maxBytes) {
      throw tooLargeFile(name, stat.size, maxBytes);
    }
    const bytes = await vscode.workspace.fs.readFile(uri);
    if (bytes.length > maxBytes) {
      throw tooLargeFile(name, bytes.length, maxBytes);
    }
    return bytes;
  }

  /** Reads a file as UTF-8 text, or undefined when it does not exist. Refuses binary, huge and non-regular files. */
  async readTextFile(uri: vscode.Uri, maxBytes = 1024 * 1024): Promise<string | undefined> {
    const bytes = await this.readBoundedFile(uri, maxBytes);
    if (bytes === undefined) {
      return undefined;
    }
    const text = decodeUtf8(bytes);
    if (text === undefined) {
      throw new Error(vscode.l10n.t('{0} is not UTF-8 text.', vscode.workspace.asRelativePath(uri)));
    }
    return text;
  }

  /** The editor's text of `uri` while it is open (unsaved changes included), else the file's; undefined when neither. */
  currentText(uri: vscode.Uri, maxBytes?: number): Promise<string | undefined> {
    const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
    return open ? Promise.resolve(open.getText()) : this.readTextFile(uri, maxBytes);
  }

  /**
   * The folder's template (`lwkd.templatePath`), or undefined when there is none. Refused unless it
   * lies inside the folder once links are resolved: a cloned repository's template.md (or its
   * workspace settings) pointing elsewhere would otherwise copy any file the writer can read into a
   * new edition, which is then committed.
   */
  async readTemplate(folder: vscode.WorkspaceFolder, settings: ExtensionSettings): Promise<string | undefined> {
    const uri = vscode.Uri.joinPath(folder.uri, settings.templatePath(folder));
    const relative = vscode.workspace.asRelativePath(uri);
    const outside = (cause?: unknown): Error =>
      new Error(vscode.l10n.t('The template {0} resolves outside the workspace folder, so it is not used.', relative), cause ? { cause } : undefined);
    const disk = this.onDisk(uri);
    if (disk && folder.uri.scheme === 'file') {
      try {
        const real = disk.resolveInside(folder.uri, uri);
        return real === undefined ? undefined : await this.readTextFile(real);
      } catch (error) {
        throw error instanceof FileError && error.kind === 'outsideRoot' ? outside(error) : error;
      }
    }
    const stat = await statOrUndefined(uri);
    // Where links cannot be resolved, a linked template cannot be shown to stay inside.
    if (!pathInside(folder.uri.path, uri.path) || (stat && stat.type & vscode.FileType.SymbolicLink)) {
      throw outside();
    }
    return stat ? this.readTextFile(uri) : undefined;
  }

  /**
   * Creates `target` holding all of `bytes`, only if nothing is there: complete or not at all, so a
   * failed write (a full disk) never leaves a partial edition that later runs take for an existing
   * one. On disk through a temporary file linked into place; elsewhere through a temporary file
   * beside it that is checked and then renamed without overwriting. Throws FileError `exists`
   * when the file is there.
   */
  async createNewFile(target: vscode.Uri, bytes: Uint8Array): Promise<void> {
    const parent = vscode.Uri.joinPath(target, '..');
    await vscode.workspace.fs.createDirectory(parent);
    const disk = this.onDisk(target);
    if (disk) {
      disk.createFileExclusive(target, bytes);
      return;
    }
    const name = target.path.slice(target.path.lastIndexOf('/') + 1);
    const temporary = vscode.Uri.joinPath(parent, `.${name}.lwkd-${randomHex()}.tmp`);
    try {
      await vscode.workspace.fs.writeFile(temporary, bytes);
      const written = await vscode.workspace.fs.stat(temporary);
      if (written.size !== bytes.length) {
        throw new Error(`only ${written.size} of ${bytes.length} bytes were written`);
      }
      try {
        await vscode.workspace.fs.rename(temporary, target, { overwrite: false });
      } catch (error) {
        if (error instanceof vscode.FileSystemError && error.code === 'FileExists') {
          throw new FileError('exists', target.toString(true), `${target.toString(true)} already exists.`, { cause: error });
        }
        throw error;
      }
    } finally {
      await vscode.workspace.fs.delete(temporary).then(undefined, () => undefined);
    }
  }
}

/** Eight hex digits from Web Crypto, which desktop and browser hosts both have. */
function randomHex(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(4)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Workspace folders that look like an LWKD site: a posts folder or a template at the top. */
export async function findSiteFolders(settings: ExtensionSettings): Promise<vscode.WorkspaceFolder[]> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const looksLikeSite = await Promise.all(
    folders.map(async (folder) => {
      const posts = await statOrUndefined(vscode.Uri.joinPath(folder.uri, settings.postsFolder(folder))).catch(() => undefined);
      if (posts && posts.type & vscode.FileType.Directory) {
        return true;
      }
      return Boolean(await statOrUndefined(vscode.Uri.joinPath(folder.uri, settings.templatePath(folder))).catch(() => undefined));
    }),
  );
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
    candidates.map((folder) => ({ label: folder.name, description: folder.uri.toString(true), folder })),
    { placeHolder },
  );
  return picked?.folder;
}
