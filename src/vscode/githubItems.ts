import * as vscode from 'vscode';
import { ItemCache } from '../core/itemCache';
import type { Logger } from '../core/logger';
import type { ItemKey } from '../core/pullRequests';
import { GitHubError } from '../services/githubClient';
import { Disposable } from './dispose';
import { PendingSave } from './pendingSave';
import { createGitHubClient } from './githubClientFactory';
import type { ItemLookup, ItemRequest } from '../services/itemFetcher';
import { ItemFetcher, itemKeyString } from '../services/itemFetcher';
import type { ExtensionSettings } from './settings';

export type { ItemLookup };

export interface TokenSource {
  token(): Promise<string | undefined>;
  readonly onDidChange: vscode.Event<void>;
}

const SAVE_DELAY_MS = 2_000;
/** A saved cache of 5,000 entries is a few megabytes; a larger file is not one of ours. */
const MAX_CACHE_FILE_BYTES = 16 * 1024 * 1024;

/**
 * The editor's side of GitHub data: an ItemFetcher configured from the settings and the token,
 * its cache restored from and saved to global storage (so merged PRs cost nothing after a
 * restart), and forgotten when the API URL changes.
 */
export class GitHubItemSource extends Disposable {
  readonly fetcher: ItemFetcher;
  private loaded: Promise<void> | undefined;
  /** The cache file, saved two seconds after the first change since the last save. */
  private readonly save: PendingSave;

  constructor(
    settings: ExtensionSettings,
    auth: TokenSource,
    private readonly logger: Logger,
    userAgent: string,
    private readonly storageFile?: vscode.Uri,
  ) {
    super();
    this.save = new PendingSave(storageFile, () => new TextEncoder().encode(JSON.stringify(this.fetcher.cache.serialize())), {
      delayMs: SAVE_DELAY_MS,
      restart: false,
      logger,
      failure: '[github] cache not saved',
    });
    this.fetcher = new ItemFetcher(
      async () => {
        const token = await auth.token();
        try {
          const client = createGitHubClient(settings, token, logger, userAgent);
          return { client, authenticated: Boolean(token) };
        } catch (error) {
          if (error instanceof GitHubError) {
            return error.failure;
          }
          throw error;
        }
      },
      logger,
      undefined,
      () => this.save.soon(),
    );
    this._register(auth.onDidChange(() => this.fetcher.forgetFailures()));
    this._register(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('lwkd.github.apiUrl')) {
          // Another GitHub: nothing cached is known to be true there.
          this.fetcher.reset();
        }
      }),
    );
  }

  async lookup(key: ItemKey, kind: 'pull' | 'issue', signal?: AbortSignal): Promise<ItemLookup> {
    await this.load();
    return this.fetcher.lookup({ key, kind }, signal);
  }

  async prefetch(requests: readonly ItemRequest[]): Promise<void> {
    await this.load();
    await this.fetcher.prefetch(requests);
  }

  /** Resolves once the cache saved by an earlier session is loaded; `describe` then has it. */
  ready(): Promise<void> {
    return this.load();
  }

  /** What is cached for a reference, without fetching (completions must never wait on GitHub). */
  describe(key: ItemKey): ItemLookup {
    return this.fetcher.describe(itemKeyString(key));
  }

  async refresh(): Promise<void> {
    this.fetcher.reset();
    this.save.soon();
  }

  private load(): Promise<void> {
    this.loaded ??= this.restore();
    return this.loaded;
  }

  /**
   * Restores the saved cache. A file that is not one (corrupt, of another shape, too large, not
   * a regular file, unreadable) is set aside beside itself, with a log line, so the writer can
   * look at it and the next save starts clean; the editor carries on either way.
   */
  private async restore(): Promise<void> {
    const file = this.storageFile;
    if (!file) {
      return;
    }
    let problem: string;
    try {
      const stat = await vscode.workspace.fs.stat(file);
      if ((stat.type & vscode.FileType.File) === 0) {
        problem = 'it is not a regular file';
      } else if (stat.size > MAX_CACHE_FILE_BYTES) {
        problem = `it is larger than ${MAX_CACHE_FILE_BYTES / (1024 * 1024)} MB`;
      } else {
        const value: unknown = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(file)));
        if (ItemCache.recognises(value)) {
          const count = this.fetcher.cache.load(value);
          this.logger.info(`[github] ${count} cached items restored`);
          return;
        }
        problem = 'it is not a saved cache';
      }
    } catch (error) {
      if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') {
        return;
      }
      problem = error instanceof Error ? error.message : String(error);
    }
    const aside = file.with({ path: `${file.path}.corrupt-${Date.now()}` });
    try {
      await vscode.workspace.fs.rename(file, aside, { overwrite: false });
      this.logger.warn(`[github] cache file set aside as ${aside.path.slice(aside.path.lastIndexOf('/') + 1)}: ${problem}`);
    } catch (error) {
      this.logger.warn(`[github] cache file ignored (${problem}); it could not be set aside: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /**
   * Saves now what a pending save would have saved; resolves once it (and any save under way)
   * is written. deactivate() returns this, so the host waits for it before shutting down.
   */
  flush(): Promise<void> {
    return this.save.flush();
  }

  /** Starts the pending save, if any: flush() still returns it after this. Nothing is scheduled after. */
  override dispose(): void {
    this.save.dispose();
    super.dispose();
  }
}
