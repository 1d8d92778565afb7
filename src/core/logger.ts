/**
 * What every component logs through. Messages are tagged by component (`[github] ...`); tokens and
 * remote bodies are never passed in. The extension writes to its output channel, the command line
 * to stderr, tests to memory.
 */
export interface Logger {
  trace(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

/** For the command line's GitHub work, whose failures are reported as results, not logged. */
export const silentLogger: Logger = { trace: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
