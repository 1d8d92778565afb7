import { main } from '../../src/cli';

export interface CliRun {
  readonly env?: Record<string, string>;
  readonly cwd?: string;
  /** The clock, as an ISO time (default 2026-11-20T12:00:00Z). */
  readonly now?: string;
}

/** Runs `lwkd` in-process with a captured terminal and a fixed clock, as a test drives it. */
export async function runCli(argv: readonly string[], options: CliRun = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    now: () => new Date(options.now ?? '2026-11-20T12:00:00Z'),
  });
  return { code, stdout, stderr };
}
