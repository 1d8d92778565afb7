import * as vscode from 'vscode';
import { FileError } from '../core/fileError';
import { createFileExclusive, readRegularFile, resolveInside } from '../node/localFiles';
import type { LocalDisk } from '../vscode/workspaceFiles';

/**
 * The desktop extension host's disk, for `file:` URIs: the command line's safe reads and writes
 * (src/node/localFiles.ts) behind the interface the host-neutral code asks for. The browser entry
 * has none, so nothing there reaches for a path.
 */
export const localDisk: LocalDisk = {
  readRegularFile(uri, maxBytes) {
    try {
      return readRegularFile(uri.fsPath, maxBytes);
    } catch (error) {
      if (error instanceof FileError && error.kind === 'notFound') {
        return undefined;
      }
      throw error;
    }
  },
  resolveInside(root, uri) {
    const real = resolveInside(root.fsPath, uri.fsPath);
    return real === undefined ? undefined : vscode.Uri.file(real);
  },
  createFileExclusive(uri, bytes) {
    createFileExclusive(uri.fsPath, bytes);
  },
};
