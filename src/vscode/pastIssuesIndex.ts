import * as vscode from 'vscode';
import type { CalendarDate } from '../core/calendar';
import { weekEndingFromFileName } from '../core/edition';
import type { Logger } from '../core/logger';
import type { IndexedPost } from '../core/postIndex';
import { indexPost, PostIndex } from '../core/postIndex';
import type { FileStamp, StoredEntry } from '../core/indexStore';
import { parseIndexStore, serializeIndexStore } from '../core/indexStore';
import type { ReadWithStore } from '../services/postFiles';
import { listPosts, readPost, readPostsWithStore } from '../services/postFiles';
import type { ExtensionSettings } from './settings';
import { KeyedDebouncer } from './debouncer';
import { PendingSave } from './pendingSave';
import { Disposable, DisposableStore } from './dispose';
import type { WorkspaceFiles } from './workspaceFiles';
import { WorkspacePostFiles } from './workspacePostFiles';

export interface IndexChange {
  /** URI strings of the posts that were added, changed or removed; all of them after a rebuild. */
  readonly files: readonly string[];
  readonly rebuilt: boolean;
}

/** Typing pauses this long before an unsaved post is re-indexed. */
const TYPING_DEBOUNCE_MS = 250;
/** Changes on disk are written to the index store this long after the last one. */
const STORE_DEBOUNCE_MS = 2_000;
/** The store is a cache of what the posts say; larger than this, it is not read. */
const MAX_STORE_BYTES = 256 * 1024 * 1024;

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
  private readonly files: WorkspacePostFiles;
  private readonly changeEmitter = this._register(new vscode.EventEmitter<IndexChange>());
  readonly onDidChange = this.changeEmitter.event;
  /** Each post as read from disk, with its file's stamp: what the store keeps (not unsaved text). */
  private readonly onDisk = new Map<string, { post: IndexedPost; stamp: FileStamp }>();
  /** The store, written two seconds after the last change on disk. */
  private readonly saved: PendingSave;
  /** What the last build took from the store and what it read: for the log and the tests. */
  lastBuild: { readonly posts: number; readonly parsed: number; readonly fromStore: boolean; readonly ms: number } | undefined;

  constructor(
    private readonly settings: ExtensionSettings,
    private readonly logger: Logger,
    private readonly workspaceFiles: WorkspaceFiles,
    /** The index store in workspace storage; none when VS Code gives no storage (no folder open). */
    private readonly storeFile?: vscode.Uri,
  ) {
    super();
    this.files = new WorkspacePostFiles(workspaceFiles, logger);
    this.saved = new PendingSave(storeFile, () => serializeIndexStore([...this.onDisk.values()]), {
      delayMs: STORE_DEBOUNCE_MS,
      restart: true,
      logger,
      failure: '[index] the index was not saved',
    });
    this._register(vscode.workspace.onDidChangeTextDocument((event) => this.onTyping(event.document)));
    // Closing an editor drops its unsaved text: the file on disk is what counts again.
    this._register(
      vscode.workspace.onDidCloseTextDocument((document) => {
        if (this.building && this.isPost(document.uri)) {
          void this.reindexFromDisk(document.uri);
        }
      }),
    );
    this._register(vscode.workspace.onDidChangeWorkspaceFolders(() => this.rebuildIfBuilt()));
    this._register(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('lwkd.postsFolder')) {
          this.rebuildIfBuilt();
        }
      }),
    );
  }

  get isBuilt(): boolean {
    return this.building !== undefined;
  }

  /** The index, built on first call (from the store where the files have not changed); later calls share that build. */
  ready(): Promise<PostIndex> {
    this.building ??= this.build(true);
    return this.building;
  }

  /** Throws the index away and reads every post again; a build still running then changes nothing. */
  refresh(): Promise<PostIndex> {
    this.building = this.build(false);
    return this.building;
  }

  /** Writes a pending store save now; resolves once it is written (deactivate waits for it). */
  flush(): Promise<void> {
    return this.saved.flush();
  }

  override dispose(): void {
    this.saved.dispose();
    super.dispose();
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

  private async build(useStore: boolean): Promise<PostIndex> {
    const generation = ++this.generation;
    const started = Date.now();
    this.watch();
    const store = useStore ? await this.readStore() : undefined;
    const read = await this.readAllPosts(() => generation !== this.generation, store);
    const posts = read?.posts;
    if (!posts || !read) {
      // Overtaken by a newer build (a refresh while this one listed or read: folders or settings
      // changed): what this one read may be gone. The newest fills the index and tells
      // listeners; this build's callers get its result.
      return this.building!;
    }
    this.index.clear();
    this.onDisk.clear();
    for (const post of posts) {
      this.index.set(post);
      const stamp = read.stamps.get(post.file);
      if (stamp) {
        this.onDisk.set(post.file, { post, stamp });
      }
    }
    // Editors with unsaved changes win over what is on disk.
    for (const document of vscode.workspace.textDocuments) {
      if (document.isDirty && this.isPost(document.uri)) {
        this.index.set(indexPost(document.uri.toString(), document.getText()));
      }
    }
    const ms = Date.now() - started;
    this.lastBuild = { posts: this.index.size, parsed: read.parsed, fromStore: store !== undefined, ms };
    this.logger.info(
      `[index] ${this.index.size} posts indexed in ${ms} ms${store ? `; ${this.index.size - read.parsed} from the store, ${read.parsed} read` : ''}`,
    );
    this.changeEmitter.fire({ files: [...posts.map((post) => post.file)], rebuilt: true });
    // Saved again when it read something, or when posts it held are gone.
    if (read.parsed > 0 || !store || store.size !== this.onDisk.size) {
      this.saved.soon();
    }
    return this.index;
  }

  /** Every post under the posts folders; undefined once `overtaken()` says a newer build started. */
  private async readAllPosts(overtaken: () => boolean, store: ReadonlyMap<string, StoredEntry> | undefined): Promise<ReadWithStore | undefined> {
    const uris: vscode.Uri[] = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      uris.push(...(await this.listPosts(vscode.Uri.joinPath(folder.uri, this.settings.postsFolder(folder)))));
    }
    if (overtaken()) {
      return undefined;
    }
    const read = await readPostsWithStore(this.files, uris, (uri) => uri.toString(), store);
    return overtaken() ? undefined : read;
  }

  /** The store's entries; undefined (and a rebuild) when there is none or it cannot be used. */
  private async readStore(): Promise<ReadonlyMap<string, StoredEntry> | undefined> {
    if (!this.storeFile) {
      return undefined;
    }
    try {
      const bytes = await this.workspaceFiles.readBoundedFile(this.storeFile, MAX_STORE_BYTES);
      const store = bytes === undefined ? undefined : parseIndexStore(bytes);
      if (bytes !== undefined && !store) {
        this.logger.info('[index] the saved index is of another version or damaged; reading every post');
      }
      return store;
    } catch (error) {
      this.logger.info(`[index] the saved index could not be read (${error instanceof Error ? error.message : String(error)}); reading every post`);
      return undefined;
    }
  }

  private listPosts(folder: vscode.Uri): Promise<vscode.Uri[]> {
    return listPosts(this.files, folder, (uri, error) => {
      this.logger.warn(`[index] cannot list ${uri.toString(true)}: ${error instanceof Error ? error.message : String(error)}`);
    });
  }

  private watch(): void {
    this.watchers.clear();
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const watcher = this.watchers.add(
        vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, `${this.settings.postsFolder(folder)}/**/*.md`)),
      );
      this.watchers.add(watcher.onDidCreate((uri) => void this.reindexFromDisk(uri)));
      this.watchers.add(watcher.onDidChange((uri) => void this.reindexFromDisk(uri)));
      this.watchers.add(
        watcher.onDidDelete((uri) => {
          if (this.onDisk.delete(uri.toString())) {
            this.saved.soon();
          }
          if (this.index.delete(uri.toString())) {
            this.changeEmitter.fire({ files: [uri.toString()], rebuilt: false });
          }
        }),
      );
    }
  }

  private async reindexFromDisk(uri: vscode.Uri): Promise<void> {
    await this.building;
    const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
    if (open?.isDirty) {
      return; // The editor's text is the newer truth until it is saved or closed.
    }
    const stamp = await this.files.stat(uri).catch(() => undefined);
    const post = await readPost(this.files, uri, uri.toString());
    if (post && stamp) {
      this.onDisk.set(post.file, { post, stamp });
    } else {
      this.onDisk.delete(uri.toString());
    }
    this.saved.soon();
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
