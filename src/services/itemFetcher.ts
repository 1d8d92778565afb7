import { forEachLimited } from '../core/concurrency';
import type { GitHubFailure } from '../core/githubApi';
import { buildBatchQuery, isValidKey, MAX_BATCH, readBatchResponse } from '../core/graphqlBatch';
import type { CacheEntry } from '../core/itemCache';
import { ItemCache } from '../core/itemCache';
import type { Logger } from '../core/logger';
import { refKey } from '../core/postIndex';
import type { GitHubItem, ItemKey } from '../core/pullRequests';
import { readIssue, readPullRequest } from '../core/pullRequests';
import type { GitHubClient } from './githubClient';
import { GitHubError } from './githubClient';

/** What a caller learns about one reference. */
export interface ItemLookup {
  readonly item?: GitHubItem;
  readonly notFound?: boolean;
  /** Why fresh data is missing; `item` may still hold an older copy. */
  readonly failure?: GitHubFailure;
  /** When `item` comes from an expired cache entry, when it was fetched. */
  readonly staleSince?: Date;
}

export interface ItemRequest {
  readonly key: ItemKey;
  readonly kind: 'pull' | 'issue';
}

/** The index's key for the same item, so cache and index speak of it alike. */
export function itemKeyString(key: ItemKey): string {
  return refKey({ kind: 'pull', ...key });
}

/** REST requests in flight at once without a token. */
const REST_CONCURRENCY = 4;

/**
 * GitHub data for references: from the cache when fresh; otherwise fetched, with a token in
 * GraphQL batches of up to 50, without one over REST four at a time. A lookup for a reference
 * already being fetched waits for that fetch; after a rate-limit answer nothing is sent until it
 * lifts. No `vscode` here: the editor and the command line share it.
 */
export class ItemFetcher {
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly lastFailure = new Map<string, GitHubFailure>();
  private blockedUntil = 0;
  /** Requests sent, for the log and the benchmark. */
  requestCount = 0;

  constructor(
    /** A client for the current settings and token, or the reason there is none. */
    private readonly connect: () => Promise<{ client: GitHubClient; authenticated: boolean } | GitHubFailure>,
    private readonly logger: Logger,
    readonly cache: ItemCache = new ItemCache(),
    /** Called after fetched data changed the cache (to persist it). */
    private readonly onCacheChanged: () => void = () => undefined,
  ) {}

  /** One reference, for a hover. `signal` abandons the wait, never a fetch others share. */
  async lookup(request: ItemRequest, signal?: AbortSignal): Promise<ItemLookup> {
    const id = itemKeyString(request.key);
    if (!this.cache.get(id)?.fresh) {
      const pending = this.inFlight.get(id) ?? this.fetch([request]);
      await abortable(pending, signal);
    }
    return this.describe(id);
  }

  /** Many references (an edition's), fetched together. */
  async prefetch(requests: readonly ItemRequest[]): Promise<void> {
    const seen = new Set<string>();
    const wanted = requests.filter(({ key }) => {
      const id = itemKeyString(key);
      if (seen.has(id) || !isValidKey(key) || this.inFlight.has(id) || this.cache.get(id)?.fresh) {
        return false;
      }
      seen.add(id);
      return true;
    });
    if (wanted.length > 0) {
      await this.fetch(wanted);
    }
  }

  /** What is known now, without fetching. */
  describe(id: string): ItemLookup {
    const cached = this.cache.get(id);
    const failure = this.lastFailure.get(id);
    if (cached?.entry.notFound) {
      return { notFound: true };
    }
    return {
      ...(cached?.entry.item ? { item: cached.entry.item } : {}),
      ...(failure && !cached?.fresh ? { failure } : {}),
      ...(cached && !cached.fresh ? { staleSince: new Date(cached.entry.fetchedAt) } : {}),
    };
  }

  /** Forgets everything fetched and every failure, e.g. after the API URL or the token changed. */
  reset(): void {
    this.cache.clear();
    this.lastFailure.clear();
    this.blockedUntil = 0;
  }

  forgetFailures(): void {
    this.lastFailure.clear();
  }

  private fetch(refs: readonly ItemRequest[]): Promise<void> {
    const run = this.run(refs);
    const shared = run.catch((error: unknown) => this.logger.error('[github] fetch failed', error));
    for (const { key } of refs) {
      const id = itemKeyString(key);
      this.inFlight.set(id, shared);
      void shared.then(() => {
        if (this.inFlight.get(id) === shared) {
          this.inFlight.delete(id);
        }
      });
    }
    return shared;
  }

  private async run(refs: readonly ItemRequest[]): Promise<void> {
    if (this.cache.now() < this.blockedUntil) {
      const failure: GitHubFailure = {
        kind: 'rateLimited',
        message: `GitHub's rate limit is reached until ${new Date(this.blockedUntil).toISOString().slice(11, 16)} UTC.`,
        retryAt: new Date(this.blockedUntil),
      };
      refs.forEach(({ key }) => this.lastFailure.set(itemKeyString(key), failure));
      return;
    }
    const connection = await this.connect();
    if ('kind' in connection) {
      refs.forEach(({ key }) => this.lastFailure.set(itemKeyString(key), connection));
      return;
    }
    const { client } = connection;
    if (connection.authenticated) {
      for (let i = 0; i < refs.length; i += MAX_BATCH) {
        await this.fetchBatch(
          client,
          refs.slice(i, i + MAX_BATCH).map((ref) => ref.key),
        );
      }
    } else {
      await forEachLimited(refs, REST_CONCURRENCY, (ref) => this.fetchOne(client, ref.key, ref.kind));
    }
    this.onCacheChanged();
  }

  private async fetchBatch(client: GitHubClient, keys: readonly ItemKey[]): Promise<void> {
    const batch = buildBatchQuery(keys);
    try {
      this.requestCount++;
      const results = readBatchResponse(await client.graphql(batch.query), batch);
      for (const [key, result] of results) {
        const id = itemKeyString(key);
        if ('item' in result) {
          this.store({ key: id, item: result.item, fetchedAt: this.cache.now() });
        } else if ('notFound' in result) {
          this.store({ key: id, notFound: true, fetchedAt: this.cache.now() });
        } else {
          this.lastFailure.set(id, { kind: 'invalidResponse', message: 'GitHub answered with data of an unexpected shape.' });
        }
      }
    } catch (error) {
      this.recordFailure(keys, error);
    }
  }

  private async fetchOne(client: GitHubClient, key: ItemKey, kind: 'pull' | 'issue'): Promise<void> {
    const id = itemKeyString(key);
    if (this.cache.now() < this.blockedUntil) {
      this.recordFailure(
        [key],
        new GitHubError({
          kind: 'rateLimited',
          message: `GitHub's rate limit is reached until ${new Date(this.blockedUntil).toISOString().slice(11, 16)} UTC.`,
          retryAt: new Date(this.blockedUntil),
        }),
      );
      return;
    }
    const cached = this.cache.get(id)?.entry;
    const route = kind === 'pull' ? 'GET /repos/{owner}/{repo}/pulls/{number}' : 'GET /repos/{owner}/{repo}/issues/{number}';
    try {
      this.requestCount++;
      const answer = await client.getConditional(route, { owner: key.owner, repo: key.repo, number: key.number }, cached?.item ? cached.etag : undefined);
      if (answer.notModified && cached) {
        this.store({ ...cached, fetchedAt: this.cache.now() });
        return;
      }
      const item = answer.notModified ? undefined : kind === 'pull' ? readPullRequest(answer.data, key) : readIssue(answer.data, key);
      if (!item) {
        this.lastFailure.set(id, { kind: 'invalidResponse', message: 'GitHub answered with data of an unexpected shape.' });
        return;
      }
      this.store({ key: id, item, fetchedAt: this.cache.now(), ...(!answer.notModified && answer.etag ? { etag: answer.etag } : {}) });
    } catch (error) {
      if (error instanceof GitHubError && error.kind === 'notFound') {
        this.store({ key: id, notFound: true, fetchedAt: this.cache.now() });
        return;
      }
      this.recordFailure([key], error);
    }
  }

  private store(entry: CacheEntry): void {
    this.cache.set(entry);
    this.lastFailure.delete(entry.key);
  }

  private recordFailure(keys: readonly ItemKey[], error: unknown): void {
    const failure: GitHubFailure = error instanceof GitHubError ? error.failure : { kind: 'invalidResponse', message: 'GitHub could not be read.' };
    if (failure.kind === 'rateLimited') {
      // Until it lifts, nothing is sent: every request would only extend the penalty.
      this.blockedUntil = Math.max(this.blockedUntil, failure.retryAt?.getTime() ?? this.cache.now() + 60_000);
    }
    keys.forEach((key) => this.lastFailure.set(itemKeyString(key), failure));
  }
}

/** Waits for `promise` unless `signal` aborts first; the promise itself runs on for others. */
function abortable(promise: Promise<void>, signal: AbortSignal | undefined): Promise<void> {
  if (!signal) {
    return promise;
  }
  if (signal.aborted) {
    return Promise.resolve();
  }
  return new Promise<void>((resolve) => {
    const onAbort = (): void => resolve();
    signal.addEventListener('abort', onAbort, { once: true });
    void promise.then(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    });
  });
}
