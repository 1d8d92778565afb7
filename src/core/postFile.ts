/**
 * Turning a post's bytes into text, or a reason not to. Shared by the editor and the command
 * line so both skip the same files for the same reasons.
 */

/**
 * Larger files are not posts: the largest LWKD edition is about 30 KB, so 1 MiB leaves room for
 * 30 of them, and at this size every scan stays well under a second whatever the text holds
 * (`npm run bench`, scan.hostile.worst_ms). A larger file is reported, not read.
 */
export const MAX_POST_BYTES = 1024 * 1024;

export type DecodedPost = { readonly text: string } | { readonly error: string };

export function tooLargeError(size: number): string {
  return `not indexed: ${(size / 1024 / 1024).toFixed(1)} MB is larger than the ${MAX_POST_BYTES / 1024 / 1024} MB a post can be`;
}

/**
 * UTF-8 text, or undefined when the bytes are not valid UTF-8 (no replacement characters). With
 * `keepBom`, a leading byte-order mark stays in the text, so writing the text back keeps it.
 */
export function decodeUtf8(bytes: Uint8Array, { keepBom = false }: { keepBom?: boolean } = {}): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: keepBom }).decode(bytes);
  } catch {
    return undefined;
  }
}

export function decodePost(bytes: Uint8Array): DecodedPost {
  if (bytes.length > MAX_POST_BYTES) {
    return { error: tooLargeError(bytes.length) };
  }
  if (bytes.subarray(0, 8192).includes(0)) {
    return { error: 'not indexed: the file is binary, not text' };
  }
  const text = decodeUtf8(bytes);
  return text === undefined ? { error: 'not indexed: the file is not UTF-8 text' } : { text };
}

/** The bits of `vscode.FileType` a folder listing reports (the values are VS Code's). */
export const EntryType = { File: 1, Directory: 2, SymbolicLink: 64 } as const;

/**
 * Every `.md` file under `folder` and its sub-folders (Jekyll reads `_posts/2018/…` too), through
 * `readDirectory`, which gives `[name, type bits]` pairs as `vscode.workspace.fs` does. Linked
 * files count; linked folders are not entered, so a link loop cannot make the listing endless
 * (Node's recursive readdir, which the command line uses, does the same). A folder that cannot be
 * listed goes to `onError` and the rest are still listed.
 */
export async function listMarkdownFiles<T>(
  folder: T,
  readDirectory: (folder: T) => PromiseLike<ReadonlyArray<readonly [string, number]>>,
  child: (folder: T, name: string) => T,
  onError: (folder: T, error: unknown) => void,
): Promise<T[]> {
  let entries: ReadonlyArray<readonly [string, number]>;
  try {
    entries = await readDirectory(folder);
  } catch (error) {
    onError(folder, error);
    return [];
  }
  const found: T[] = [];
  for (const [name, type] of entries) {
    if (type & EntryType.Directory) {
      if (!(type & EntryType.SymbolicLink)) {
        found.push(...await listMarkdownFiles(child(folder, name), readDirectory, child, onError));
      }
    } else if (type & EntryType.File && name.toLowerCase().endsWith('.md')) {
      found.push(child(folder, name));
    }
  }
  return found;
}
