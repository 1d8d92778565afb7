import { DEFAULT_GITHUB_API_URL } from '../constants';
import { describeRateLimits } from '../core/githubApi';
import type { Logger } from '../core/logger';
import { GitHubError } from '../services/githubClient';
import { cliGitHubClient } from './github';
import type { CliIo } from './args';
import { parseArgs, stringOption } from './args';
import { safeOutput } from './safeOutput';

export const CHECK_GITHUB_USAGE = `lwkd check-github [--api-url URL] [--verbose]
    Check that the GitHub API answers and how much quota is left
    (URL defaults to $LWKD_GITHUB_API_URL, else ${DEFAULT_GITHUB_API_URL}). Uses $GITHUB_TOKEN
    when set (never printed).`;

export async function runCheckGitHub(argv: readonly string[], terminal: CliIo, version: string): Promise<number> {
  const io = safeOutput(terminal);
  const args = parseArgs(argv, { valued: ['api-url'], flags: ['verbose'], maxPositionals: 0 });
  try {
    const { client } = cliGitHubClient(io, version, stringOption(args, 'api-url'), stderrLogger(io, args.options.has('verbose')));
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

function stderrLogger(io: CliIo, verbose: boolean): Logger {
  const write = (level: string) => (message: string) => {
    if (verbose) {
      io.stderr(`${level} ${message}\n`);
    }
  };
  return { trace: write('trace'), info: write('info'), warn: write('warn'), error: write('error') };
}
