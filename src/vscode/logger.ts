import * as vscode from 'vscode';
import type { Logger } from '../core/logger';

export type { Logger };

export class OutputChannelLogger implements Logger, vscode.Disposable {
  readonly channel: vscode.LogOutputChannel;

  constructor(name: string) {
    this.channel = vscode.window.createOutputChannel(name, { log: true });
  }

  trace(message: string): void {
    this.channel.trace(message);
  }

  info(message: string): void {
    this.channel.info(message);
  }

  warn(message: string): void {
    this.channel.warn(message);
  }

  error(message: string, error?: unknown): void {
    if (error instanceof Error) {
      this.channel.error(message, error);
    } else if (error !== undefined) {
      this.channel.error(`${message}: ${describe(error)}`);
    } else {
      this.channel.error(message);
    }
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}

/** A thrown value that is not an Error (a string, a plain object), as readable text. */
function describe(value: unknown): string {
  if (typeof value !== 'object' || value === null) {
    return String(value);
  }
  try {
    return JSON.stringify(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}
