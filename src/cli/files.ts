import { decodeUtf8 } from '../core/postFile';
import { FileError } from '../core/fileError';
import { createFileExclusive, readRegularFile, replaceFileContents } from '../node/localFiles';

/**
 * Creates `path` with `text` only if nothing is there: complete or not at all, never over a
 * concurrent writer's file. Returns false when the file exists.
 */
export function createExclusive(path: string, text: string): boolean {
  try {
    createFileExclusive(path, new TextEncoder().encode(text));
  } catch (error) {
    if (error instanceof FileError && error.kind === 'exists') {
      return false;
    }
    throw error;
  }
  return true;
}

/** Replaces a file's text all or nothing; see replaceFileContents. */
export function replaceAtomically(path: string, text: string): void {
  replaceFileContents(path, new TextEncoder().encode(text));
}

/**
 * Reads a regular file of at most `maxBytes` as UTF-8 text, refusing binary content. With
 * `keepBom`, a leading byte-order mark stays in the text, so writing the text back keeps it.
 */
export function readText(path: string, maxBytes = 1024 * 1024, options: { keepBom?: boolean } = {}): string {
  const text = decodeUtf8(readRegularFile(path, maxBytes), options);
  if (text === undefined) {
    throw new FileError('readFailed', path, `${path} is not UTF-8 text.`);
  }
  return text;
}
