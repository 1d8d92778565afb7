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

  /** Changes to the copy reach VS Code only from here: a provider's events are the only ones its scheme gets. */
  watch(uri: vscode.Uri, options: { readonly recursive: boolean }): vscode.Disposable {
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(served(uri), options.recursive ? '**' : '*'));
    const fire = (type: vscode.FileChangeType) => (changed: vscode.Uri) => this.changes.fire([{ type, uri: virtual(changed) }]);
    return vscode.Disposable.from(
      watcher,
      watcher.onDidCreate(fire(vscode.FileChangeType.Created)),
      watcher.onDidChange(fire(vscode.FileChangeType.Changed)),
      watcher.onDidDelete(fire(vscode.FileChangeType.Deleted)),
    );
  }

  stat(uri: vscode.Uri): Thenable<vscode.FileStat> {
    return vscode.workspace.fs.stat(served(uri));
  }

  readDirectory(uri: vscode.Uri): Thenable<Array<[string, vscode.FileType]>> {
    return vscode.workspace.fs.readDirectory(served(uri));
  }

  async createDirectory(uri: vscode.Uri): Promise<void> {
    await vscode.workspace.fs.createDirectory(served(uri));
    this.changes.fire([{ type: vscode.FileChangeType.Created, uri }]);
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
    this.changes.fire([{ type: existing ? vscode.FileChangeType.Changed : vscode.FileChangeType.Created, uri }]);
  }

  async delete(uri: vscode.Uri, options: { readonly recursive: boolean }): Promise<void> {
    await vscode.workspace.fs.delete(served(uri), { recursive: options.recursive, useTrash: false });
    this.changes.fire([{ type: vscode.FileChangeType.Deleted, uri }]);
  }

  async rename(from: vscode.Uri, to: vscode.Uri, options: { readonly overwrite: boolean }): Promise<void> {
    await vscode.workspace.fs.rename(served(from), served(to), { overwrite: options.overwrite });
    this.changes.fire([
      { type: vscode.FileChangeType.Deleted, uri: from },
      { type: vscode.FileChangeType.Created, uri: to },
    ]);
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
