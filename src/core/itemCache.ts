import type { Clock } from './clock';
import { isOwnerName, isRepoName } from './githubApi';
import type { GitHubItem } from './pullRequests';
import { readGraphqlItem } from './pullRequests';

/**
 * GitHub answers, remembered: merged and closed items for 7 days (they rarely change), open ones
 * for 10 minutes, "no such item" for 5 minutes. Bounded (least recently used goes first) and
 * serialisable, so that merged PRs survive a restart. Times are milliseconds from `now()`.
 */

export const TTL_MS = {
  done: 7 * 24 * 60 * 60 * 1000,
  open: 10 * 60 * 1000,
  notFound: 5 * 60 * 1000,
} as const;

export interface CacheEntry {
  readonly key: string;
  readonly item?: GitHubItem;
  readonly notFound?: true;
  readonly fetchedAt: number;
  /** For conditional requests. */
  readonly etag?: string;
}

export function ttlOf(entry: CacheEntry): number {
  if (entry.notFound || !entry.item) {
    return TTL_MS.notFound;
  }
  return entry.item.state === 'merged' || entry.item.state === 'closed' ? TTL_MS.done : TTL_MS.open;
}

export class ItemCache {
  private readonly entries = new Map<string, CacheEntry>();

  /** `now` is the one clock for fetch times and freshness: callers stamp entries with it. */
  constructor(
    readonly now: Clock = Date.now,
    private readonly maxEntries = 5_000,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** The entry, fresh or not; callers decide whether stale data is worth showing. */
  get(key: string): { entry: CacheEntry; fresh: boolean } | undefined {
    const entry = this.entries.get(key);
    if (!entry) {
      return undefined;
    }
    // Re-insert: Map order is our recency order.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return { entry, fresh: this.now() - entry.fetchedAt < ttlOf(entry) };
  }

  set(entry: CacheEntry): void {
    this.entries.delete(entry.key);
    this.entries.set(entry.key, entry);
    while (this.entries.size > this.maxEntries) {
      this.entries.delete(this.entries.keys().next().value as string);
    }
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }

  /** What is worth keeping across a restart: entries that will still be fresh. */
  serialize(): unknown {
    const now = this.now();
    return {
      version: 1,
      entries: [...this.entries.values()].filter((entry) => now - entry.fetchedAt < ttlOf(entry)),
    };
  }

  /** Whether `value` is what `serialize` writes (whatever its entries hold). */
  static recognises(value: unknown): boolean {
    const body = typeof value === 'object' && value !== null ? (value as { version?: unknown; entries?: unknown }) : undefined;
    return body?.version === 1 && Array.isArray(body.entries);
  }

  /**
   * Loads what `serialize` wrote; anything malformed is skipped, never trusted. An entry dated
   * after now is dropped: it would pass for fresh for ever. At most the bound is kept, the
   * newest first, and what this session fetched already wins over the file.
   */
  load(value: unknown): number {
    if (!ItemCache.recognises(value)) {
      return 0;
    }
    const now = this.now();
    const read: CacheEntry[] = [];
    for (const raw of (value as { entries: unknown[] }).entries) {
      const entry = readEntry(raw);
      if (entry && entry.fetchedAt <= now && !this.entries.has(entry.key)) {
        read.push(entry);
      }
    }
    read.sort((a, b) => a.fetchedAt - b.fetchedAt);
    const merged = new Map<string, CacheEntry>();
    for (const entry of read.slice(-this.maxEntries)) {
      merged.delete(entry.key);
      merged.set(entry.key, entry);
    }
    // Loaded entries are older than this session's, so they come first in recency order.
    const loadedKeys = new Set(merged.keys());
    for (const [key, entry] of this.entries) {
      merged.set(key, entry);
    }
    for (const key of merged.keys()) {
      if (merged.size <= this.maxEntries) {
        break;
      }
      merged.delete(key);
    }
    this.entries.clear();
    for (const [key, entry] of merged) {
      this.entries.set(key, entry);
    }
    return [...loadedKeys].filter((key) => this.entries.has(key)).length;
  }
}

function readEntry(raw: unknown): CacheEntry | undefined {
  if (typeof raw !== 'object' || raw === null) {
    return undefined;
  }
  const value = raw as Record<string, unknown>;
  const key = typeof value.key === 'string' ? /^([A-Za-z0-9-]+)\/([A-Za-z0-9._-]+)#(\d+)$/.exec(value.key) : null;
  if (!key || !isOwnerName(key[1]) || !isRepoName(key[2]) || typeof value.fetchedAt !== 'number' || !Number.isFinite(value.fetchedAt) || value.fetchedAt < 0) {
    return undefined;
  }
  const etag = typeof value.etag === 'string' && value.etag.length < 200 ? value.etag : undefined;
  if (value.notFound === true) {
    return { key: value.key as string, notFound: true, fetchedAt: value.fetchedAt };
  }
  // The stored item is re-validated with the same reader as a GraphQL node would be.
  const stored = value.item as Record<string, unknown> | undefined;
  const item =
    stored &&
    readGraphqlItem(
      {
        __typename: stored.kind === 'pull' ? 'PullRequest' : 'Issue',
        number: stored.number,
        title: stored.title,
        state: stored.state === 'merged' ? 'MERGED' : stored.state === 'closed' ? 'CLOSED' : 'OPEN',
        isDraft: stored.state === 'draft',
        mergedAt: stored.mergedAt,
        closedAt: stored.closedAt,
        author: stored.author === undefined ? null : { login: stored.author },
        labels: { nodes: Array.isArray(stored.labels) ? stored.labels.map((name: unknown) => ({ name })) : [] },
        milestone: stored.milestone === undefined ? null : { title: stored.milestone },
        baseRefName: stored.baseRef,
      },
      { owner: key[1], repo: key[2], number: Number(key[3]) },
    );
  return item ? { key: value.key as string, item, fetchedAt: value.fetchedAt, ...(etag ? { etag } : {}) } : undefined;
}
