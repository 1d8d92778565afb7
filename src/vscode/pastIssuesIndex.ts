import * as vscode from 'vscode';
import type { CalendarDate } from '../core/calendar';
import { forEachLimited } from '../core/concurrency';
import { weekEndingFromFileName } from '../core/edition';
import type { Logger } from '../core/logger';
import { decodePost, listMarkdownFiles, MAX_POST_BYTES, tooLargeError } from '../core/postFile';
import type { IndexedPost } from '../core/postIndex';
import { indexPost, PostIndex, unreadablePost } from '../core/postIndex';
import { LocalFileError } from '../node/localFiles';
import type { ExtensionSettings } from './settings';
import { KeyedDebouncer } from './debouncer';
import { Disposable, DisposableStore } from './dispose';
import { readBoundedFile } from './workspaceFiles';

export interface IndexChange {
  /** URI strings of the posts that were added, changed or removed; all of them after a rebuild. */
  readonly files: readonly string[];
  readonly rebuilt: boolean;
}

/** How many files are read at once while building. */
const READ_CONCURRENCY = 16;
/** Typing pauses this long before an unsaved post is re-indexed. */
const TYPING_DEBOUNCE_MS = 250;

/**
 * The one index of past editions every feature shares (tree, hover, lint, search). Built on first
 * use, never at activation; kept current from file-system events and from unsaved editor text,
 * one post at a time. Keys are URI strings, so virtual workspaces work through workspace.fs.
 */
export class PastIssuesIndex extends Disposable {
  readonly index = new PostIndex();
  private building: Promise<PostIndex> | undefined;
  /** Counts builds: only the newest may clear and fill the index, and tell listeners. */
  private generation = 0;
  /** The posts folders' watchers, made again by each build. */
  private readonly watchers = this._register(new DisposableStore());
  private readonly typing = this._register(new KeyedDebouncer(TYPING_DEBOUNCE_MS));
  private readonly changeEmitter = this._register(new vscode.EventEmitter<IndexChange>());
  readonly onDidChange = this.changeEmitter.event;

  constructor(private readonly settings: ExtensionSettings, private readonly logger: Logger) {
    super();
    this._register(vscode.workspace.onDidChangeTextDocument((event) => this.onTyping(event.document)));
    // Closing an editor drops its unsaved text: the file on disk is what counts again.
    this._register(vscode.workspace.onDidCloseTextDocument((document) => {
      if (this.building && this.isPost(document.uri)) {
        void this.reindexFromDisk(document.uri);
      }
    }));
    this._register(vscode.workspace.onDidChangeWorkspaceFolders(() => this.rebuildIfBuilt()));
    this._register(vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('lwkd.postsFolder')) {
        this.rebuildIfBuilt();
      }
    }));
  }

  get isBuilt(): boolean {
    return this.building !== undefined;
  }

  /** The index, built on first call; later calls share that build. */
  ready(): Promise<PostIndex> {
    this.building ??= this.build();
    return this.building;
  }

  /** Throws the index away and reads every post again; a build still running then changes nothing. */
  refresh(): Promise<PostIndex> {
    this.building = this.build();
    return this.building;
  }

  /** The Sunday an edition's week ends, from its file name; undefined for anything but a dated post. */
  editionWeek(uri: vscode.Uri): CalendarDate | undefined {
    return this.isPost(uri) ? weekEndingFromFileName(uri.path) : undefined;
  }

  /** True for a Markdown file under a workspace folder's posts folder. */
  isPost(uri: vscode.Uri): boolean {
    if (!uri.path.toLowerCase().endsWith('.md') || uri.scheme === 'untitled') {
      return false;
    }
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) {
      return false;
    }
    const posts = vscode.Uri.joinPath(folder.uri, this.settings.postsFolder(folder));
    return uri.path.startsWith(`${posts.path}/`);
  }

  private rebuildIfBuilt(): void {
    if (this.building) {
      void this.refresh();
    }
  }

  private async build(): Promise<PostIndex> {
    const generation = ++this.generation;
    const started = Date.now();
    this.watch();
    const posts = await this.readAllPosts(() => generation !== this.generation);
    if (!posts) {
      // Overtaken by a newer build (a refresh while this one listed or read: folders or settings
      // changed): what this one read may be gone. The newest fills the index and tells
      // listeners; this build's callers get its result.
      return this.building!;
    }
    this.index.clear();
    for (const post of posts) {
      this.index.set(post);
    }
    // Editors with unsaved changes win over what is on disk.
    for (const document of vscode.workspace.textDocuments) {
      if (document.isDirty && this.isPost(document.uri)) {
        this.index.set(indexPost(document.uri.toString(), document.getText()));
      }
    }
    this.logger.info(`[index] ${this.index.size} posts indexed in ${Date.now() - started} ms`);
    this.changeEmitter.fire({ files: [...posts.map((post) => post.file)], rebuilt: true });
    return this.index;
  }

  /** Every post under the posts folders; undefined once `overtaken()` says a newer build started. */
  private async readAllPosts(overtaken: () => boolean): Promise<IndexedPost[] | undefined> {
    const uris: vscode.Uri[] = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      uris.push(...await this.listPosts(vscode.Uri.joinPath(folder.uri, this.settings.postsFolder(folder))));
    }
    if (overtaken()) {
      return undefined;
    }
    const posts: IndexedPost[] = [];
    await forEachLimited(uris, READ_CONCURRENCY, async (uri) => {
      const post = await this.readPost(uri);
      if (post) {
        posts.push(post);
      }
    });
    return overtaken() ? undefined : posts;
  }

  /**
   * The Markdown files under the posts folder, listed through workspace.fs. Not findFiles: that
   * goes through VS Code's search service, which in a remote or browser workbench answers only
   * once it has started (6 s on an idle test machine, 15 s on a busy one), and every feature that
   * needs the index waited that long after start-up. A missing posts folder lists nothing.
   */
  private listPosts(folder: vscode.Uri): Promise<vscode.Uri[]> {
    return listMarkdownFiles(folder, (uri) => vscode.workspace.fs.readDirectory(uri), (uri, name) => vscode.Uri.joinPath(uri, name), (uri, error) => {
      if (!(error instanceof vscode.FileSystemError && (error.code === 'FileNotFound' || error.code === 'FileNotADirectory'))) {
        this.logger.warn(`[index] cannot list ${uri.toString(true)}: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
  }

  /** The post's entry, an entry with the reason it could not be read, or undefined if it is gone. */
  private async readPost(uri: vscode.Uri): Promise<IndexedPost | undefined> {
    const file = uri.toString();
    try {
      const bytes = await readBoundedFile(uri, MAX_POST_BYTES);
      if (bytes === undefined) {
        return undefined; // Deleted while we were indexing.
      }
      const decoded = decodePost(bytes);
      return 'text' in decoded ? indexPost(file, decoded.text) : unreadablePost(file, decoded.error);
    } catch (error) {
      if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') {
        return undefined;
      }
      if (error instanceof LocalFileError && error.kind === 'tooLarge') {
        return unreadablePost(file, tooLargeError(error.size ?? MAX_POST_BYTES + 1));
      }
      if (error instanceof LocalFileError && error.kind === 'notRegular') {
        return unreadablePost(file, 'not indexed: not a regular file (a device, a pipe or a folder)');
      }
      this.logger.warn(`[index] cannot read ${uri.toString(true)}: ${error instanceof Error ? error.message : String(error)}`);
      return unreadablePost(file, `not indexed: cannot read the file (${error instanceof Error ? error.message : String(error)})`);
    }
  }

  private watch(): void {
    this.watchers.clear();
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const watcher = this.watchers.add(vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, `${this.settings.postsFolder(folder)}/**/*.md`)));
      this.watchers.add(watcher.onDidCreate((uri) => void this.reindexFromDisk(uri)));
      this.watchers.add(watcher.onDidChange((uri) => void this.reindexFromDisk(uri)));
      this.watchers.add(watcher.onDidDelete((uri) => {
        if (this.index.delete(uri.toString())) {
          this.changeEmitter.fire({ files: [uri.toString()], rebuilt: false });
        }
      }));
    }
  }

  private async reindexFromDisk(uri: vscode.Uri): Promise<void> {
    await this.building;
    const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
    if (open?.isDirty) {
      return; // The editor's text is the newer truth until it is saved or closed.
    }
    const post = await this.readPost(uri);
    if (post) {
      this.index.set(post);
    } else if (!this.index.delete(uri.toString())) {
      return;
    }
    this.changeEmitter.fire({ files: [uri.toString()], rebuilt: false });
  }

  private onTyping(document: vscode.TextDocument): void {
    if (!this.building || !this.isPost(document.uri)) {
      return;
    }
    const key = document.uri.toString();
    this.typing.run(key, () => {
      void this.building?.then(() => {
        if (!document.isClosed) {
          this.index.set(indexPost(key, document.getText()));
          this.changeEmitter.fire({ files: [key], rebuilt: false });
        }
      });
    });
  }
}
