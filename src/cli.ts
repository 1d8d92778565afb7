import { describeRateLimits } from './core/githubApi';
import type { Logger } from './core/logger';
import { GitHubClient, GitHubError } from './platform/githubClient';
import { DEFAULT_GITHUB_API_URL } from './constants';

/**
 * `lwkd`: the extension's core behind a command line, for CI, git hooks and terminals.
 * Exit codes: 0 done, 1 the work failed, 2 the command line was wrong.
 */

declare const __LWKD_VERSION__: string | undefined;
const VERSION = typeof __LWKD_VERSION__ === 'string' ? __LWKD_VERSION__ : 'dev';

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
}

const USAGE = `Usage: lwkd <command> [options]

Commands:
  check-github [--api-url URL]   Check that the GitHub API answers and how much quota is left
                                 (URL defaults to $LWKD_GITHUB_API_URL, else ${DEFAULT_GITHUB_API_URL})
  help                           Show this help
  version                        Print the version
`;

class UsageError extends Error {}

interface ParsedArgs {
  readonly command: string | undefined;
  readonly options: Map<string, string | true>;
}

function parseArgs(argv: readonly string[], valued: ReadonlySet<string>): ParsedArgs {
  const options = new Map<string, string | true>();
  let command: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
      if (eq !== -1) {
        options.set(name, arg.slice(eq + 1));
      } else if (valued.has(name)) {
        const value = argv[i + 1];
        if (value === undefined || value.startsWith('--')) {
          throw new UsageError(`--${name} needs a value`);
        }
        options.set(name, value);
        i++;
      } else {
        options.set(name, true);
      }
    } else if (command === undefined) {
      command = arg;
    } else {
      throw new UsageError(`unexpected argument "${arg}"`);
    }
  }
  return { command, options };
}

function stderrLogger(io: CliIo, verbose: boolean): Logger {
  const write = (level: string) => (message: string) => {
    if (verbose) {
      io.stderr(`${level} ${message}\n`);
    }
  };
  return { trace: write('trace'), info: write('info'), warn: write('warn'), error: write('error') };
}

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let parsed: ParsedArgs;
  try {
    parsed = parseArgs(argv, new Set(['api-url']));
  } catch (error) {
    io.stderr(`lwkd: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { command, options } = parsed;
  if (command === undefined || command === 'help' || options.has('help')) {
    io.stdout(USAGE);
    return command === undefined && !options.has('help') ? 2 : 0;
  }
  if (command === 'version' || options.has('version')) {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  if (command === 'check-github') {
    const known = new Set(['api-url', 'verbose']);
    const unknown = [...options.keys()].filter((name) => !known.has(name));
    if (unknown.length > 0) {
      io.stderr(`lwkd: unknown option --${unknown[0]}\n\n${USAGE}`);
      return 2;
    }
    const apiUrl = String(options.get('api-url') ?? io.env.LWKD_GITHUB_API_URL ?? DEFAULT_GITHUB_API_URL);
    try {
      const client = new GitHubClient({
        apiUrl,
        userAgent: `lwkd-author-cli/${VERSION}`,
        logger: stderrLogger(io, options.has('verbose')),
      });
      const report = await client.checkConnection();
      io.stdout(`${describeRateLimits(report.endpoints.rest, report.authenticated, report.rateLimits)}\n`);
      return 0;
    } catch (error) {
      if (error instanceof GitHubError) {
        io.stderr(`lwkd: ${error.message}\n`);
        return 1;
      }
      throw error;
    }
  }
  io.stderr(`lwkd: unknown command "${command}"\n\n${USAGE}`);
  return 2;
}

if (require.main === module) {
  main(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`lwkd: unexpected error: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
