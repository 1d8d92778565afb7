import {
  accessSync,
  closeSync,
  constants,
  fchmodSync,
  fchownSync,
  fstatSync,
  fsyncSync,
  linkSync,
  lstatSync,
  openSync,
  readSync,
  realpathSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join, relative, isAbsolute, sep } from 'node:path';
import { FileError, notRegularFile, tooLargeFile } from '../core/fileError';

/**
 * A writer's files on the local disk, read and written so that nothing but a regular file under
 * a size cap is ever read, and a write either completes or leaves the file as it was. Shared by
 * the command line and the extension (for `file:` workspaces).
 */

// Opening a FIFO for reading would wait for a writer; non-blocking, the open returns at once and
// fstat then says what it is. Regular files ignore the flag.
const OPEN_READ = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

const REASONS: Readonly<Record<string, string>> = {
  EFBIG: 'larger than this process may write a file',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EROFS: 'the file system is read-only',
  EACCES: 'permission denied',
  EPERM: 'not permitted',
  EIO: 'an input/output error',
};

function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === undefined) {
    return error instanceof Error ? error.message : String(error);
  }
  return REASONS[code] ? `${REASONS[code]}, ${code}` : code;
}

/**
 * The bytes of `path` (links followed), refusing anything but a regular file of at most
 * `maxBytes`. Checked on the opened file, and never reads more than `maxBytes + 1` bytes, so a
 * device, a FIFO or a file that grows while it is read cannot make this read forever.
 */
export function readRegularFile(path: string, maxBytes: number): Buffer {
  let fd: number;
  try {
    fd = openSync(path, OPEN_READ);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new FileError('notFound', path, `${path} does not exist.`, { cause: error });
    }
    throw new FileError('readFailed', path, `${path} cannot be read (${reason(error)}).`, { cause: error });
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) {
      throw notRegularFile(path);
    }
    if (stat.size > maxBytes) {
      throw tooLargeFile(path, stat.size, maxBytes);
    }
    let buffer = Buffer.alloc(Math.min(stat.size, maxBytes) + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        // The file grew since fstat: keep reading, but never past the cap.
        const grown = Buffer.alloc(Math.min(buffer.length * 2, maxBytes + 1));
        buffer.copy(grown, 0, 0, length);
        buffer = grown;
      }
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) {
        break;
      }
      length += read;
      if (length > maxBytes) {
        throw tooLargeFile(path, length, maxBytes);
      }
    }
    return buffer.subarray(0, length);
  } catch (error) {
    if (error instanceof FileError) {
      throw error;
    }
    throw new FileError('readFailed', path, `${path} cannot be read (${reason(error)}).`, { cause: error });
  } finally {
    closeSync(fd);
  }
}

/** Writes all of `bytes` to `fd`: a short write is continued, an error thrown, never ignored. */
function writeAll(fd: number, bytes: Uint8Array): void {
  let offset = 0;
  while (offset < bytes.length) {
    const written = writeSync(fd, bytes, offset, bytes.length - offset);
    if (written <= 0) {
      throw Object.assign(new Error('the file system accepted no more bytes'), { code: 'EIO' });
    }
    offset += written;
  }
}

function temporaryBeside(target: string): string {
  return join(dirname(target), `.${basename(target)}.lwkd-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
}

interface Keep {
  readonly mode: number;
  readonly owner?: { readonly uid: number; readonly gid: number };
}

/**
 * A temporary file beside `target` holding all of `bytes`, flushed to disk; removed on failure.
 * With `keep`, it gets that mode and owner; without, a new file's usual mode (umask applied).
 */
function writeTemporary(target: string, bytes: Uint8Array, keep?: Keep): string {
  const temporary = temporaryBeside(target);
  const fd = openSync(temporary, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, keep ? 0o600 : 0o666);
  try {
    try {
      writeAll(fd, bytes);
      if (keep?.owner) {
        fchownSync(fd, keep.owner.uid, keep.owner.gid);
      }
      if (keep) {
        // After chown, which clears set-id bits; the umask does not apply to fchmod.
        fchmodSync(fd, keep.mode);
      }
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
  return temporary;
}

function syncFolder(folder: string): void {
  try {
    const fd = openSync(folder, constants.O_RDONLY);
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Not every platform can flush a folder; the rename itself is already atomic.
  }
}

/**
 * Replaces the contents of an existing file with `bytes`, all or nothing: the new bytes go to a
 * temporary file beside it, flushed, which is then renamed over it, so a full disk, a file-size
 * limit or a crash leaves the original byte-identical. Mode and owner are kept. A symbolic link
 * stays a link: its target gets the change. A read-only file is refused, not replaced (a rename
 * would succeed over it).
 */
export function replaceFileContents(path: string, bytes: Uint8Array): void {
  let target: string;
  try {
    target = realpathSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new FileError('notFound', path, `${path} does not exist.`, { cause: error });
    }
    throw new FileError('writeFailed', path, `${path} cannot be written (${reason(error)}); it is unchanged.`, { cause: error });
  }
  const stat = lstatSync(target);
  if (!stat.isFile()) {
    throw new FileError('notRegular', path, `${path} is not a regular file, so it is not written.`);
  }
  let writable = (stat.mode & 0o222) !== 0;
  try {
    accessSync(target, constants.W_OK);
  } catch {
    writable = false;
  }
  if (!writable) {
    throw new FileError('readOnly', path, `${path} is read-only; it is left unchanged.`);
  }
  const uid = process.getuid?.();
  const gid = process.getgid?.();
  const owner = uid !== undefined && (stat.uid !== uid || stat.gid !== gid) ? { uid: stat.uid, gid: stat.gid } : undefined;
  let temporary: string;
  try {
    temporary = writeTemporary(target, bytes, { mode: stat.mode & 0o7777, ...(owner ? { owner } : {}) });
  } catch (error) {
    if (owner && (error as NodeJS.ErrnoException).code === 'EPERM') {
      throw new FileError('otherOwner', path, `${path} belongs to another user or group, which a rewrite could not keep; it is unchanged.`, {
        cause: error,
      });
    }
    throw new FileError('writeFailed', path, `${path} could not be written (${reason(error)}); it is unchanged.`, { cause: error });
  }
  try {
    renameSync(temporary, target);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw new FileError('writeFailed', path, `${path} could not be written (${reason(error)}); it is unchanged.`, { cause: error });
  }
  syncFolder(dirname(target));
}

/**
 * Creates `path` holding all of `bytes`, only if nothing is there. The bytes are written and
 * flushed to a temporary file first and then linked into place, which fails if the name exists,
 * so `path` appears complete or not at all and a concurrent writer's file is never replaced.
 */
export function createFileExclusive(path: string, bytes: Uint8Array): void {
  let temporary: string;
  try {
    temporary = writeTemporary(path, bytes);
  } catch (error) {
    throw new FileError('writeFailed', path, `${path} could not be created (${reason(error)}); nothing was written.`, { cause: error });
  }
  try {
    try {
      linkSync(temporary, path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') {
        throw new FileError('exists', path, `${path} already exists.`, { cause: error });
      }
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') {
        throw error;
      }
      // A file system without hard links: check, then rename (a narrower guarantee, but never a
      // partial file).
      if (existsNoFollow(path)) {
        throw new FileError('exists', path, `${path} already exists.`, { cause: error });
      }
      renameSync(temporary, path);
    }
  } catch (error) {
    if (error instanceof FileError) {
      throw error;
    }
    throw new FileError('writeFailed', path, `${path} could not be created (${reason(error)}); nothing was written.`, { cause: error });
  } finally {
    rmSync(temporary, { force: true });
  }
  syncFolder(dirname(path));
}

function existsNoFollow(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * `path` with links resolved, refused unless it lies inside `root` (also resolved): a cloned
 * repository's template.md that links to a file elsewhere must not be copied into an edition.
 * Undefined when `path` does not exist.
 */
export function resolveInside(root: string, path: string): string | undefined {
  let real: string;
  try {
    real = realpathSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return undefined;
    }
    throw new FileError('readFailed', path, `${path} cannot be read (${reason(error)}).`, { cause: error });
  }
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
  } catch {
    realRoot = root;
  }
  if (!isInside(realRoot, real)) {
    throw new FileError('outsideRoot', path, `${path} resolves to ${real}, outside ${realRoot}, so it is not read.`);
  }
  return real;
}

export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}
