import * as vscode from 'vscode';
import type { Logger } from '../core/logger';

/**
 * A file in VS Code's storage that is written a little after it changes: saves run one after
 * another, never two at once; flush() writes a pending one now (deactivate waits for it); after
 * dispose() nothing more is scheduled. A failure only costs work later, so it is logged. Shared
 * by the GitHub cache and the Past Issues index store.
 */
export class PendingSave implements vscode.Disposable {
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The save under way or the last one. */
  private saving: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    /** Undefined when VS Code gives no storage: nothing is ever written. */
    private readonly file: vscode.Uri | undefined,
    private readonly contents: () => Uint8Array,
    private readonly options: {
      readonly delayMs: number;
      /** True: each change moves the save back (after the last change); false: after the first. */
      readonly restart: boolean;
      readonly logger: Logger;
      /** The log line's start, e.g. `[github] cache not saved`. */
      readonly failure: string;
    },
  ) {}

  soon(): void {
    if (!this.file || this.closed || (this.timer && !this.options.restart)) {
      return;
    }
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.start();
    }, this.options.delayMs);
  }

  /** Saves now what a pending save would have saved; resolves once it (and any save under way) is written. */
  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
      this.start();
    }
    return this.saving;
  }

  /** Starts the pending save, if any: flush() still returns it after this. */
  dispose(): void {
    void this.flush();
    this.closed = true;
  }

  private start(): void {
    this.saving = this.saving.then(() => this.write());
  }

  private async write(): Promise<void> {
    if (!this.file) {
      return;
    }
    try {
      await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(this.file, '..'));
      await vscode.workspace.fs.writeFile(this.file, this.contents());
    } catch (error) {
      this.options.logger.warn(`${this.options.failure}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
