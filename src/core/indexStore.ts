import { repoIdOf, repoNames } from './compactPost';
import type { IndexedPost, StoredPost } from './postIndex';
import { restoredPost, storedPost } from './postIndex';

/**
 * The index as kept between sessions (workspace storage): each post as the index holds it, with
 * the size and modification time of the file it was read from. At the next start a post whose
 * file has the same size and time is taken from here, not read and parsed again. The store is a
 * cache and nothing more: one that cannot be read, of another version, or with an entry out of
 * shape costs a rebuild (of that entry, or of all), never an error.
 */

/** Bumped whenever what a post keeps, or how it is parsed, changes: an older store is not used. */
export const INDEX_STORE_VERSION = 1;

/**
 * A file changed within this long before the store was written may have changed again without
 * its time moving (file systems keep times to a second or two): it is read again.
 */
const RACY_MS = 2_000;

export interface FileStamp {
  readonly size: number;
  readonly mtime: number;
}

interface StoreFile {
  readonly version: number;
  readonly savedAt: number;
  readonly repos: ReadonlyArray<readonly [string, string]>;
  /** `[size, mtime, post]` */
  readonly posts: ReadonlyArray<readonly [number, number, StoredPost]>;
}

/** The store's text for `posts` (those read from disk, each with its file's stamp). */
export function serializeIndexStore(posts: ReadonlyArray<{ readonly post: IndexedPost; readonly stamp: FileStamp }>, now = Date.now()): string {
  const slots = new Map<number, number>();
  const repos: Array<readonly [string, string]> = [];
  const slotOf = (id: number): number => {
    let slot = slots.get(id);
    if (slot === undefined) {
      slot = repos.length;
      repos.push(repoNames(id));
      slots.set(id, slot);
    }
    return slot;
  };
  const entries: Array<readonly [number, number, StoredPost]> = [];
  for (const { post, stamp } of posts) {
    const stored = storedPost(post, slotOf);
    if (stored) {
      entries.push([stamp.size, stamp.mtime, stored]);
    }
  }
  const store: StoreFile = { version: INDEX_STORE_VERSION, savedAt: now, repos, posts: entries };
  return JSON.stringify(store);
}

/** A post from the store, valid while its file still has this stamp. */
export interface StoredEntry {
  readonly stamp: FileStamp;
  readonly post: IndexedPost;
}

/**
 * The store's posts by file key, or undefined for a store that cannot be used (unreadable,
 * another version, out of shape). Entries too close to the save time to trust are left out,
 * and so are entries out of shape: those files are read again.
 */
export function parseIndexStore(text: string): Map<string, StoredEntry> | undefined {
  let store: Partial<StoreFile>;
  try {
    store = JSON.parse(text) as Partial<StoreFile>;
  } catch {
    return undefined;
  }
  if (
    typeof store !== 'object' ||
    store === null ||
    store.version !== INDEX_STORE_VERSION ||
    typeof store.savedAt !== 'number' ||
    !Array.isArray(store.repos) ||
    !Array.isArray(store.posts)
  ) {
    return undefined;
  }
  const ids: Array<number | undefined> = store.repos.map((names: unknown) =>
    Array.isArray(names) && typeof names[0] === 'string' && typeof names[1] === 'string' ? repoIdOf(names[0], names[1]) : undefined,
  );
  const entries = new Map<string, StoredEntry>();
  for (const entry of store.posts as unknown[]) {
    if (!Array.isArray(entry) || entry.length !== 3) {
      continue;
    }
    const [size, mtime, stored] = entry as [unknown, unknown, unknown];
    if (typeof size !== 'number' || typeof mtime !== 'number' || mtime > store.savedAt - RACY_MS) {
      continue;
    }
    const post = restoredPost(stored, (slot) => ids[slot]);
    if (post) {
      entries.set(post.file, { stamp: { size, mtime }, post });
    }
  }
  return entries;
}
