import * as vscode from 'vscode';
import type { Logger } from '../core/logger';
import { FileError } from '../core/fileError';
import type { FileRead, PostFileSystem } from '../services/postFiles';
import type { FileStamp } from '../core/indexStore';
import type { WorkspaceFiles } from './workspaceFiles';
import { statOrUndefined } from './workspaceFiles';

/**
 * The posts folder through workspace.fs, so virtual workspaces index too. Not findFiles: that
 * goes through VS Code's search service, which in a remote or browser workbench answers only once
 * it has started (6 s on an idle test machine, 15 s on a busy one), and every feature that needs
 * the index waited that long after start-up.
 */
export class WorkspacePostFiles implements PostFileSystem<vscode.Uri> {
  constructor(
    private readonly files: WorkspaceFiles,
    private readonly logger: Logger,
  ) {}

  async readDirectory(folder: vscode.Uri): Promise<Array<[string, vscode.FileType]> | undefined> {
    try {
      return await vscode.workspace.fs.readDirectory(folder);
    } catch (error) {
      if (error instanceof vscode.FileSystemError && (error.code === 'FileNotFound' || error.code === 'FileNotADirectory')) {
        return undefined;
      }
      throw error;
    }
  }

  child(folder: vscode.Uri, name: string): vscode.Uri {
    return vscode.Uri.joinPath(folder, name);
  }

  async stat(file: vscode.Uri): Promise<FileStamp | undefined> {
    const stat = await statOrUndefined(file);
    return stat && stat.type & vscode.FileType.File ? { size: stat.size, mtime: stat.mtime } : undefined;
  }

  async readFile(file: vscode.Uri, maxBytes: number): Promise<FileRead> {
    try {
      const bytes = await this.files.readBoundedFile(file, maxBytes);
      return bytes === undefined ? { missing: true } : { bytes };
    } catch (error) {
      if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') {
        return { missing: true };
      }
      if (error instanceof FileError && error.kind === 'tooLarge') {
        return { tooLarge: error.size ?? maxBytes + 1 };
      }
      if (error instanceof FileError && error.kind === 'notRegular') {
        return { notRegular: true };
      }
      const reason = error instanceof Error ? error.message : String(error);
      this.logger.warn(`[index] cannot read ${file.toString(true)}: ${reason}`);
      return { failed: reason };
    }
  }
}
