import { statSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { FileRead, PostFileSystem } from '../services/postFiles';
import { EntryType } from '../services/postFiles';
import { FileError } from '../core/fileError';
import { readRegularFile } from './localFiles';

/** The posts folder on the local disk, for the command line: paths in, what workspace.fs would say out. */
export const nodePostFiles: PostFileSystem<string> = {
  async readDirectory(folder) {
    let entries;
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') {
        return undefined;
      }
      throw error;
    }
    return Promise.all(
      entries.map(async (entry): Promise<[string, number]> => {
        if (!entry.isSymbolicLink()) {
          return [entry.name, entry.isDirectory() ? EntryType.Directory : entry.isFile() ? EntryType.File : 0];
        }
        // A link is reported as its target, marked as a link (a dangling one is neither file nor folder).
        const target = await stat(join(folder, entry.name)).catch(() => undefined);
        return [entry.name, EntryType.SymbolicLink | (target?.isDirectory() ? EntryType.Directory : target?.isFile() ? EntryType.File : 0)];
      }),
    );
  },
  child: join,
  async stat(file) {
    // Synchronous, as readFile's read is: both are one system call on a local disk.
    const stats = statSync(file, { throwIfNoEntry: false });
    return stats?.isFile() ? { size: stats.size, mtime: stats.mtimeMs } : undefined;
  },
  async readFile(file, maxBytes): Promise<FileRead> {
    try {
      return { bytes: readRegularFile(file, maxBytes) };
    } catch (error) {
      if (!(error instanceof FileError)) {
        throw error;
      }
      switch (error.kind) {
        case 'notFound':
          return { missing: true };
        case 'tooLarge':
          return { tooLarge: error.size ?? maxBytes + 1 };
        case 'notRegular':
          return { notRegular: true };
        default:
          return { failed: (error.cause as NodeJS.ErrnoException | undefined)?.code ?? error.message };
      }
    }
  },
};
