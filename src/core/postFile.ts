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
