import type { CliIo } from './cli/args';
import { UsageError } from './cli/args';
import { CHECK_GITHUB_USAGE, runCheckGitHub } from './cli/checkGitHub';
import { CONTRIBUTIONS_USAGE, runContributions } from './cli/contributionsCommand';
import { EMAIL_USAGE, runEmail } from './cli/email';
import { LINKS_USAGE, runLinks } from './cli/linksCommand';
import { INDEX_USAGE, runIndex } from './cli/indexCommand';
import { LINT_USAGE, runLint } from './cli/lintCommand';
import { NEW_USAGE, runNew } from './cli/newEdition';
import { PR_USAGE, runPr } from './cli/prCommand';
import { runStamp, STAMP_USAGE } from './cli/stamp';
import { MERGED_USAGE, RELEASES_USAGE, runMerged, runReleases } from './cli/weekCommands';

export type { CliIo };

/**
 * `lwkd`: the extension's core behind a command line, for CI, git hooks and terminals.
 * Exit codes: 0 done, 1 the work failed, 2 the command line was wrong.
 */

declare const __LWKD_VERSION__: string | undefined;
const VERSION = typeof __LWKD_VERSION__ === 'string' ? __LWKD_VERSION__ : 'dev';

const USAGE = `Usage: lwkd <command> [options]

${NEW_USAGE}

${STAMP_USAGE}

${INDEX_USAGE}

${LINT_USAGE}

${PR_USAGE}

${CHECK_GITHUB_USAGE}

${MERGED_USAGE}

${RELEASES_USAGE}

${CONTRIBUTIONS_USAGE}

${EMAIL_USAGE}

${LINKS_USAGE}

lwkd help | lwkd version
`;

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
        io.stdout(USAGE);
        return 2;
      case 'help':
      case '--help':
      case '-h':
        io.stdout(USAGE);
        return 0;
      case 'version':
      case '--version':
        io.stdout(`${VERSION}\n`);
        return 0;
      case 'new':
        return runNew(rest, io);
      case 'stamp':
        return runStamp(rest, io);
      case 'index':
        return await runIndex(rest, io);
      case 'lint':
        return await runLint(rest, io);
      case 'pr':
        return await runPr(rest, io, VERSION);
      case 'check-github':
        return await runCheckGitHub(rest, io, VERSION);
      case 'merged':
        return await runMerged(rest, io, VERSION);
      case 'releases':
        return await runReleases(rest, io, VERSION);
      case 'contributions':
        return await runContributions(rest, io, VERSION);
      case 'email':
        return await runEmail(rest, io, VERSION);
      case 'links':
        return await runLinks(rest, io, VERSION);
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`lwkd: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof Error && 'code' in error && typeof (error as NodeJS.ErrnoException).path === 'string') {
      // File-system failures name their path; no stack trace for those.
      io.stderr(`lwkd: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

if (require.main === module) {
  // `lwkd index --json | head` closes the pipe early: that is the reader's choice, not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') {
      process.exit(0);
    }
    throw error;
  });
  main(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
    now: () => new Date(),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`lwkd: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
