import type { Logger } from '../../src/core/logger';

/** The in-memory Logger tests read back. */
export class MemoryLogger implements Logger {
  readonly lines: string[] = [];

  trace(message: string): void {
    this.lines.push(`trace ${message}`);
  }

  info(message: string): void {
    this.lines.push(`info ${message}`);
  }

  warn(message: string): void {
    this.lines.push(`warn ${message}`);
  }

  error(message: string, error?: unknown): void {
    this.lines.push(`error ${message}${error === undefined ? '' : ` ${error instanceof Error ? String(error) : JSON.stringify(error)}`}`);
  }
}
