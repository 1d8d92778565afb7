import * as vscode from 'vscode';
import { AUTHORS_FILE } from '../constants';
import type { AuthorsFile } from '../core/authors';
import { parseAuthors } from '../core/authors';
import type { Logger } from '../core/logger';
import { Disposable } from './dispose';
import type { WorkspaceFiles } from './workspaceFiles';

/** authors.md is a short list; a larger file is not an authors list and is not read. */
export const MAX_AUTHORS_BYTES = 256 * 1024;

/**
 * Each workspace folder's authors.md, read once and again when it changes on disk: the style
 * check of signed items and the initials completions read it without waiting. Until a folder's
 * file has been read, `file()` is undefined and signatures go unchecked; `onDidChange` fires
 * when it has.
 */
export class AuthorsIndex extends Disposable {
  private readonly files = new Map<string, AuthorsFile | null>();
  private readonly loading = new Map<string, Promise<AuthorsFile | undefined>>();
  private readonly changeEmitter = this._register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changeEmitter.event;

  constructor(
    private readonly workspaceFiles: WorkspaceFiles,
    private readonly logger: Logger,
  ) {
    super();
    const watcher = this._register(vscode.workspace.createFileSystemWatcher(`**/${AUTHORS_FILE}`));
    const forget = (uri: vscode.Uri): void => {
      const folder = vscode.workspace.getWorkspaceFolder(uri);
      if (folder && vscode.Uri.joinPath(folder.uri, AUTHORS_FILE).toString() === uri.toString()) {
        this.files.delete(folder.uri.toString());
        this.loading.delete(folder.uri.toString());
        void this.load(folder);
      }
    };
    this._register(watcher.onDidCreate(forget));
    this._register(watcher.onDidChange(forget));
    this._register(watcher.onDidDelete(forget));
  }

  /** The folder's authors.md as read so far: null when it has none, undefined while unread (a read starts). */
  file(uri: vscode.Uri): AuthorsFile | null | undefined {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) {
      return null;
    }
    const known = this.files.get(folder.uri.toString());
    if (known === undefined) {
      void this.load(folder);
    }
    return known;
  }

  /** The folder's authors.md, read now if it has not been. */
  async read(folder: vscode.WorkspaceFolder): Promise<AuthorsFile | undefined> {
    const known = this.files.get(folder.uri.toString());
    return known === undefined ? this.load(folder) : (known ?? undefined);
  }

  /** The initials the folder's authors.md lists; undefined when there is none or it is not read yet. */
  initials(uri: vscode.Uri): ReadonlySet<string> | undefined {
    const file = this.file(uri);
    return file ? new Set(file.authors.map((author) => author.initials)) : undefined;
  }

  private load(folder: vscode.WorkspaceFolder): Promise<AuthorsFile | undefined> {
    const key = folder.uri.toString();
    let pending = this.loading.get(key);
    if (!pending) {
      pending = (async () => {
        let file: AuthorsFile | null = null;
        try {
          const text = await this.workspaceFiles.readTextFile(vscode.Uri.joinPath(folder.uri, AUTHORS_FILE), MAX_AUTHORS_BYTES);
          file = text === undefined ? null : parseAuthors(text);
        } catch (error) {
          this.logger.warn(`[authors] ${AUTHORS_FILE} not read: ${error instanceof Error ? error.message : String(error)}`);
        }
        if (this.loading.get(key) === pending) {
          this.files.set(key, file);
          this.changeEmitter.fire();
        }
        return file ?? undefined;
      })();
      this.loading.set(key, pending);
    }
    return pending;
  }
}
