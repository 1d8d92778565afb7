/**
 * Reading the posts folder: one routine for every host, over a small file-system interface, so
 * the command line (Node's file system, src/node/postFiles.ts) and the editor (workspace.fs,
 * src/vscode/workspacePostFiles.ts) list the same files and skip the same ones for the same
 * reasons. They had drifted: a linked folder named `x.md` was an error in one and skipped in the
 * other.
 */
import { forEachLimited } from '../core/concurrency';
import { decodePost, MAX_POST_BYTES, tooLargeError } from '../core/postFile';
import type { IndexedPost } from '../core/postIndex';
import type { FileStamp, StoredEntry } from '../core/indexStore';
import { indexPost, unreadablePost } from '../core/postIndex';

/** The bits of `vscode.FileType` a folder listing reports (the values are VS Code's). */
export const EntryType = { File: 1, Directory: 2, SymbolicLink: 64 } as const;

/** A file's bytes, or why there are none. */
export type FileRead =
  | { readonly bytes: Uint8Array }
  /** Deleted since the folder was listed. */
  | { readonly missing: true }
  | { readonly tooLarge: number }
  /** A device, a pipe or a folder. */
  | { readonly notRegular: true }
  | { readonly failed: string };

/** What the posts routines need from a file system; `T` names a file or folder (a path, a Uri). */
export interface PostFileSystem<T> {
  /**
   * `[name, EntryType bits]` pairs, as `vscode.workspace.fs.readDirectory` gives them (a link has
   * SymbolicLink plus its target's type). Undefined when the folder is not there; throws for any
   * other failure.
   */
  readDirectory(folder: T): Promise<ReadonlyArray<readonly [string, number]> | undefined>;
  child(folder: T, name: string): T;
  /** At most `maxBytes` of a regular file; the bound holds even for a file that grows. */
  readFile(file: T, maxBytes: number): Promise<FileRead>;
  /** Size and modification time (ms), for the index store; undefined when there is no such file. */
  stat(file: T): Promise<FileStamp | undefined>;
}

/** How many files are read at once. */
const READ_CONCURRENCY = 16;

/**
 * Every `.md` file under `folder` and its sub-folders (Jekyll reads `_posts/2018/…` too), in
 * listing order. Linked files count; linked folders are not entered, so a link loop cannot make
 * the listing endless: a linked folder named like a post is listed, and reading it reports it. A missing folder lists nothing; a folder that cannot be listed goes to
 * `onError` and the rest are still listed.
 */
export async function listPosts<T>(files: PostFileSystem<T>, folder: T, onError: (folder: T, error: unknown) => void): Promise<T[]> {
  let entries: ReadonlyArray<readonly [string, number]> | undefined;
  try {
    entries = await files.readDirectory(folder);
  } catch (error) {
    onError(folder, error);
    return [];
  }
  const found: T[] = [];
  for (const [name, type] of entries ?? []) {
    if (type & EntryType.Directory && !(type & EntryType.SymbolicLink)) {
      found.push(...(await listPosts(files, files.child(folder, name), onError)));
    } else if (name.toLowerCase().endsWith('.md')) {
      // Anything else named like a post is listed, so that reading it says what it is (a linked
      // folder, a device, a pipe) rather than the post silently missing from the index.
      found.push(files.child(folder, name));
    }
  }
  return found;
}

/**
 * The post's index entry under `key`: its parsed content, or an entry that says why it could not
 * be read (too large, binary, not UTF-8, not a regular file, unparseable). Undefined when the
 * file has gone since it was listed.
 */
export async function readPost<T>(files: PostFileSystem<T>, file: T, key: string): Promise<IndexedPost | undefined> {
  const read = await files.readFile(file, MAX_POST_BYTES);
  if ('missing' in read) {
    return undefined;
  }
  if ('tooLarge' in read) {
    return unreadablePost(key, tooLargeError(read.tooLarge));
  }
  if ('notRegular' in read) {
    return unreadablePost(key, 'not indexed: not a regular file (a device, a pipe or a folder)');
  }
  if ('failed' in read) {
    return unreadablePost(key, `not indexed: cannot read the file (${read.failed})`);
  }
  const decoded = decodePost(read.bytes);
  if (!('text' in decoded)) {
    return unreadablePost(key, decoded.error);
  }
  try {
    return indexPost(key, decoded.text);
  } catch (error) {
    // A failure on one post's text is that post's entry; the other posts go on.
    return unreadablePost(key, `not indexed: the post could not be read (${error instanceof Error ? error.message : String(error)})`);
  }
}

/** Every listed post read, a few at a time; files gone since the listing are left out. */
export async function readPosts<T>(files: PostFileSystem<T>, list: readonly T[], keyOf: (file: T) => string): Promise<IndexedPost[]> {
  return (await readEach(files, list, keyOf, undefined, false)).posts;
}

export interface ReadWithStore {
  /** The posts, from the store or read now; files gone since the listing are left out. */
  readonly posts: IndexedPost[];
  /** The stamp each post was read at (by key), for the next store. */
  readonly stamps: Map<string, FileStamp>;
  /** How many were read and parsed because the store had no valid entry for them. */
  readonly parsed: number;
}

/**
 * Every listed post, taken from `store` when its file's size and modification time are those
 * the store has, else read and parsed. Without a store, every post is read (and stamped).
 */
export function readPostsWithStore<T>(
  files: PostFileSystem<T>,
  list: readonly T[],
  keyOf: (file: T) => string,
  store: ReadonlyMap<string, StoredEntry> | undefined,
): Promise<ReadWithStore> {
  return readEach(files, list, keyOf, store, true);
}

/** The one reading loop: each post from the store or read; stamped first when `stamp` (the editor saves them). */
async function readEach<T>(
  files: PostFileSystem<T>,
  list: readonly T[],
  keyOf: (file: T) => string,
  store: ReadonlyMap<string, StoredEntry> | undefined,
  stamp: boolean,
): Promise<ReadWithStore> {
  const posts = Array.from<IndexedPost | undefined>({ length: list.length });
  const stamps = new Map<string, FileStamp>();
  let parsed = 0;
  await forEachLimited(
    list.map((file, slot) => ({ file, slot })),
    READ_CONCURRENCY,
    async ({ file, slot }) => {
      const key = keyOf(file);
      // Stamped before reading: a change during the read makes the stamp older than the file, so
      // the next start reads it again rather than trusting what was read here.
      const stamped = stamp ? await files.stat(file).catch(() => undefined) : undefined;
      const kept = store?.get(key);
      if (stamped && kept && kept.stamp.size === stamped.size && kept.stamp.mtime === stamped.mtime) {
        posts[slot] = kept.post;
      } else {
        parsed++;
        posts[slot] = await readPost(files, file, key);
      }
      if (stamped && posts[slot]) {
        stamps.set(key, stamped);
      }
    },
  );
  return { posts: posts.filter((post): post is IndexedPost => post !== undefined), stamps, parsed };
}
