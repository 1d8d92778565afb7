import { closeSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync, fsyncSync, constants } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { decodeUtf8 } from '../core/postFile';

/**
 * Creates `path` with `text` only if nothing is there (O_EXCL: safe against a concurrent writer).
 * Returns false when the file exists. On a failed write the partial file is removed.
 */
export function createExclusive(path: string, text: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o644);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      return false;
    }
    throw error;
  }
  try {
    writeSync(fd, text);
    fsyncSync(fd);
    closeSync(fd);
  } catch (error) {
    try {
      closeSync(fd);
    } catch {
      // already closed
    }
    rmSync(path, { force: true });
    throw error;
  }
  return true;
}

/**
 * Replaces a file's text atomically: a temporary file beside it, then a rename. A crash leaves
 * either the old file or the new one, never a truncated one. Keeps the file's mode.
 */
export function replaceAtomically(path: string, text: string): void {
  const mode = statSync(path).mode & 0o777;
  const temporary = join(dirname(path), `.${basename(path)}.lwkd-${process.pid}.tmp`);
  try {
    const fd = openSync(temporary, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, mode);
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/** Reads UTF-8 text, refusing binary content and files over `maxBytes`. */
export function readText(path: string, maxBytes = 1024 * 1024): string {
  const size = statSync(path).size;
  if (size > maxBytes) {
    throw new Error(`${path} is larger than ${Math.round(maxBytes / 1024)} KB`);
  }
  const text = decodeUtf8(readFileSync(path));
  if (text === undefined) {
    throw new Error(`${path} is not UTF-8 text`);
  }
  return text;
}
