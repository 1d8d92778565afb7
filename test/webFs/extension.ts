import * as vscode from 'vscode';

/**
 * A virtual workspace for the web layer, as github.dev's `vscode-vfs:` is one: the folder
 * `lwkd-test://<server>/<path>` is served by this provider, not by any disk the extension could
 * reach. Its contents are the written fixture site, which the runner copies to `<path>` on the
 * VS Code server; every call is passed to that copy through the server's own `vscode-remote:`
 * file system, so the runner can set up and inspect the site and a test can change it "behind
 * VS Code's back". A browser-only extension: it runs in the same web worker as LWKD Author.
 */

const SCHEME = 'lwkd-test';

const served = (uri: vscode.Uri): vscode.Uri => uri.with({ scheme: 'vscode-remote' });
const virtual = (uri: vscode.Uri): vscode.Uri => uri.with({ scheme: SCHEME });

class FixtureFileSystem implements vscode.FileSystemProvider {
  private readonly changes = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changes.event;

  /** The one watcher of the served copy, shared by every watch() while any is open. */
  private watcher: vscode.Disposable | undefined;
  private watching = 0;

  /**
   * Changes to the copy reach VS Code only from here: a provider's events are the only ones its
   * scheme gets. VS Code treats them as global, not per watch() call, so every change is told
   * once, however many watches are open: one watcher per watch() would repeat each change once
   * per watcher, and the workbench answers some changes (a folder's snippets) with a new watch().
   */
  watch(uri: vscode.Uri): vscode.Disposable {
    if (this.watching++ === 0) {
      const root = vscode.workspace.workspaceFolders?.find((folder) => folder.uri.scheme === SCHEME)?.uri ?? uri;
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(served(root), '**'));
      // A watcher matches paths, not schemes: the changes told here (lwkd-test:, the same paths)
      // come back to it, and passed on again they would loop forever.
      const fire = (type: vscode.FileChangeType) => (changed: vscode.Uri) => {
        if (changed.scheme === 'vscode-remote') {
          this.changes.fire([{ type, uri: virtual(changed) }]);
        }
      };
      this.watcher = vscode.Disposable.from(
        watcher,
        watcher.onDidCreate(fire(vscode.FileChangeType.Created)),
        watcher.onDidChange(fire(vscode.FileChangeType.Changed)),
        watcher.onDidDelete(fire(vscode.FileChangeType.Deleted)),
      );
    }
    return new vscode.Disposable(() => {
      if (--this.watching === 0) {
        this.watcher?.dispose();
        this.watcher = undefined;
      }
    });
  }

  stat(uri: vscode.Uri): Thenable<vscode.FileStat> {
    return vscode.workspace.fs.stat(served(uri));
  }

  readDirectory(uri: vscode.Uri): Thenable<Array<[string, vscode.FileType]>> {
    return vscode.workspace.fs.readDirectory(served(uri));
  }

  // Writes tell no change themselves: the copy's watcher tells each one, once.
  async createDirectory(uri: vscode.Uri): Promise<void> {
    await vscode.workspace.fs.createDirectory(served(uri));
  }

  readFile(uri: vscode.Uri): Thenable<Uint8Array> {
    return vscode.workspace.fs.readFile(served(uri));
  }

  /** workspace.fs.writeFile always creates or overwrites; a provider must honour both flags. */
  async writeFile(uri: vscode.Uri, content: Uint8Array, options: { readonly create: boolean; readonly overwrite: boolean }): Promise<void> {
    const existing = await vscode.workspace.fs.stat(served(uri)).then(
      (stat) => stat,
      () => undefined,
    );
    if (existing && !options.overwrite) {
      throw vscode.FileSystemError.FileExists(uri);
    }
    if (!existing && !options.create) {
      throw vscode.FileSystemError.FileNotFound(uri);
    }
    await vscode.workspace.fs.writeFile(served(uri), content);
  }

  async delete(uri: vscode.Uri, options: { readonly recursive: boolean }): Promise<void> {
    await vscode.workspace.fs.delete(served(uri), { recursive: options.recursive, useTrash: false });
  }

  async rename(from: vscode.Uri, to: vscode.Uri, options: { readonly overwrite: boolean }): Promise<void> {
    await vscode.workspace.fs.rename(served(from), served(to), { overwrite: options.overwrite });
  }
}

/** The proposed file search API (enabled for every extension on this server), as much of it as is used. */
interface FileSearchApi {
  registerFileSearchProvider(
    scheme: string,
    provider: { provideFileSearchResults(query: unknown, options: { readonly folder: vscode.Uri }, token: vscode.CancellationToken): Promise<vscode.Uri[]> },
  ): vscode.Disposable;
}

/**
 * Every file of the site. VS Code's search service filters them by the query's globs itself;
 * `workspaceContains:` activation asks through here, since a virtual folder has no ripgrep.
 */
async function allFiles(folder: vscode.Uri, token: vscode.CancellationToken): Promise<vscode.Uri[]> {
  const found: vscode.Uri[] = [];
  const pending = [folder];
  for (let next = pending.pop(); next && !token.isCancellationRequested; next = pending.pop()) {
    for (const [name, type] of await vscode.workspace.fs.readDirectory(served(next))) {
      const child = vscode.Uri.joinPath(next, name);
      if (type & vscode.FileType.Directory) {
        pending.push(child);
      } else if (type & vscode.FileType.File) {
        found.push(child);
      }
    }
  }
  return found;
}

export function activate(context: vscode.ExtensionContext): void {
  context.subscriptions.push(vscode.workspace.registerFileSystemProvider(SCHEME, new FixtureFileSystem(), { isCaseSensitive: true }));
  // Registered second: were the proposal ever refused, the file system still serves, and the
  // web layer's activation test says what is missing.
  const search = vscode.workspace as unknown as FileSearchApi;
  context.subscriptions.push(
    search.registerFileSearchProvider(SCHEME, { provideFileSearchResults: (_query, options, token) => allFiles(options.folder, token) }),
  );
}
