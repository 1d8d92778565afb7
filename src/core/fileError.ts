/**
 * Why a writer's file was not read or written, the same on every host: the local disk (the
 * command line, desktop VS Code) and workspace.fs (virtual and browser workspaces) refuse in the
 * same words, and callers branch on `kind`.
 */

export type FileErrorKind = 'notFound' | 'notRegular' | 'tooLarge' | 'readOnly' | 'otherOwner' | 'exists' | 'outsideRoot' | 'readFailed' | 'writeFailed';

export class FileError extends Error {
  /** For `tooLarge`: the size seen, in bytes. */
  readonly size?: number;

  constructor(
    readonly kind: FileErrorKind,
    readonly path: string,
    message: string,
    options?: { cause?: unknown; size?: number },
  ) {
    super(message, options);
    this.name = 'FileError';
    if (options?.size !== undefined) {
      this.size = options.size;
    }
  }
}

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

export function notRegularFile(path: string): FileError {
  return new FileError('notRegular', path, `${path} is not a regular file, so it is not read.`);
}

export function tooLargeFile(path: string, size: number, maxBytes: number): FileError {
  return new FileError('tooLarge', path, `${path} is larger than ${sizeText(maxBytes)} (${sizeText(size)}), so it is not read.`, { size });
}
