import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEFAULT_POSTS_FOLDER } from '../constants';
import type { CalendarDate } from '../core/calendar';
import { dayOfWeek, formatLongDate, isKnownTimeZone, parseCalendarDate } from '../core/calendar';
import type { Candidate } from '../core/mergedPrs';
import { bulletFor, coveredBefore, DEFAULT_MERGED_LABELS, DEFAULT_MERGED_REPOS, toCandidates } from '../core/mergedPrs';
import { DEFAULT_RELEASE_REPOS, releaseLine } from '../core/releases';
import { LINT_DEFAULTS } from '../core/lintDefaults';
import { silentLogger } from '../core/logger';
import { editionWeekWindow } from '../core/weekWindow';
import { parseRepoName } from '../core/githubApi';
import type { GitHubClient } from '../services/githubClient';
import { GitHubError } from '../services/githubClient';
import { cliGitHubClient } from './github';
import { collectMergedPrs, collectReleases, SearchPacer } from '../services/weekCollector';
import type { CliIo, ParsedArgs } from './args';
import { parseArgs, stringOption, UsageError } from './args';
import { buildIndex } from './indexCommand';
import { safeOutput } from './safeOutput';

const COMMON = `--week YYYY-MM-DD (the edition's Sunday) [--repos a/b,c/d] [--time-zone ZONE] [--api-url URL] [--json]`;

export const MERGED_USAGE = `lwkd merged ${COMMON} [--labels l1,l2] [--root DIR] [--posts-folder DIR]
    The PRs merged in the edition's week (Monday-Sunday in --time-zone, default UTC) with
    CONTRIBUTING's labels, grouped by kind, each with the bullet Insert Merged PRs would write.
    PRs linked in the last ${LINT_DEFAULTS.recentWeeks} weeks' editions under <root>/_posts and cherry-picks are marked.`;

export const RELEASES_USAGE = `lwkd releases ${COMMON}
    The releases published in the edition's week by the release crawler's repositories (or
    --repos), one stylesheet line per project. Both use $GITHUB_TOKEN when set (never printed);
    exit 1 when GitHub could not be read at all.`;

interface WeekArgs {
  readonly args: ParsedArgs;
  readonly week: CalendarDate;
  readonly client: GitHubClient;
  readonly timeZone: string;
}

function weekArgs(argv: readonly string[], io: CliIo, version: string, extra: { valued: string[] }): WeekArgs {
  const args = parseArgs(argv, { valued: ['week', 'repos', 'time-zone', 'api-url', ...extra.valued], flags: ['json'], maxPositionals: 0 });
  return { args, ...weekAndZone(args), client: cliGitHubClient(io, version, stringOption(args, 'api-url')).client };
}

/** `--week` (a Sunday, required) and `--time-zone` (default UTC), as the week commands take them. */
export function weekAndZone(args: ParsedArgs): { week: CalendarDate; timeZone: string } {
  const weekText = stringOption(args, 'week');
  const week = weekText ? parseCalendarDate(weekText) : undefined;
  if (!week) {
    throw new UsageError('--week YYYY-MM-DD is required (the Sunday the edition ends)');
  }
  if (dayOfWeek(week) !== 0) {
    throw new UsageError(`--week ${weekText} is not a Sunday; editions end on Sundays`);
  }
  const timeZone = stringOption(args, 'time-zone') ?? 'UTC';
  if (!isKnownTimeZone(timeZone)) {
    throw new UsageError(`unknown time zone "${timeZone}"`);
  }
  return { week, timeZone };
}

function list(args: ParsedArgs, name: string, fallback: readonly string[]): string[] {
  const value = stringOption(args, name);
  const entries =
    value
      ?.split(',')
      .map((entry) => entry.trim())
      .filter(Boolean) ?? [];
  if (name === 'repos' && entries.some((entry) => !parseRepoName(entry))) {
    throw new UsageError('--repos takes owner/repo entries separated by commas');
  }
  return entries.length ? entries : [...fallback];
}

/** A client that cannot be made (a token no header can carry, a bad API URL) is one line and exit 1. */
async function withClient(command: string, io: CliIo, run: () => Promise<number>): Promise<number> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof GitHubError && (error.kind === 'invalidToken' || error.kind === 'badConfiguration')) {
      io.stderr(`lwkd ${command}: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

export function runMerged(argv: readonly string[], terminal: CliIo, version: string): Promise<number> {
  const io = safeOutput(terminal);
  return withClient('merged', io, () => merged(argv, io, version));
}

export function runReleases(argv: readonly string[], terminal: CliIo, version: string): Promise<number> {
  const io = safeOutput(terminal);
  return withClient('releases', io, () => releases(argv, io, version));
}

async function merged(argv: readonly string[], io: CliIo, version: string): Promise<number> {
  const { args, week, client, timeZone } = weekArgs(argv, io, version, { valued: ['labels', 'root', 'posts-folder'] });
  const root = resolve(io.cwd, stringOption(args, 'root') ?? '.');
  const folder = join(root, stringOption(args, 'posts-folder') ?? DEFAULT_POSTS_FOLDER);
  const index = existsSync(folder) ? await buildIndex(root, folder, io) : undefined;
  const result = await collectMergedPrs(
    client,
    list(args, 'repos', DEFAULT_MERGED_REPOS),
    editionWeekWindow(week, timeZone),
    list(args, 'labels', DEFAULT_MERGED_LABELS),
    { logger: silentLogger },
    new SearchPacer(),
  );
  result.notes.forEach((note) => io.stderr(`lwkd merged: ${note}\n`));
  result.failures.forEach(({ repo, failure }) => io.stderr(`lwkd merged: ${repo}: ${failure.message}\n`));
  const candidates = toCandidates(result.prs, (pr) => (index ? coveredBefore(index, pr, week, LINT_DEFAULTS.recentWeeks) : undefined));
  if (args.options.has('json')) {
    io.stdout(
      `${JSON.stringify(
        candidates.map((candidate) => ({ ...candidate, bullet: bulletFor(candidate) })),
        null,
        2,
      )}\n`,
    );
  } else {
    io.stdout(`Week Ending ${formatLongDate(week)}: ${candidates.length} merged PRs\n`);
    let kind: Candidate['kind'] | undefined;
    for (const candidate of candidates) {
      if (candidate.kind !== kind) {
        kind = candidate.kind;
        io.stdout(`\n${kind}\n`);
      }
      const marks = [...(candidate.cherryPick ? ['cherry-pick'] : []), ...(candidate.coveredIn ? [`in ${candidate.coveredIn}`] : [])];
      io.stdout(`  ${candidate.suggested ? '[x]' : '[ ]'} ${candidate.section}: ${bulletFor(candidate)}${marks.length ? `  (${marks.join('; ')})` : ''}\n`);
    }
  }
  return result.failures.length && !result.prs.length ? 1 : 0;
}

async function releases(argv: readonly string[], io: CliIo, version: string): Promise<number> {
  const { args, week, client, timeZone } = weekArgs(argv, io, version, { valued: [] });
  const repos = list(args, 'repos', DEFAULT_RELEASE_REPOS);
  const result = await collectReleases(client, repos, editionWeekWindow(week, timeZone), { logger: silentLogger });
  result.failures.forEach(({ repo, failure }) => io.stderr(`lwkd releases: ${repo}: ${failure.message}\n`));
  if (args.options.has('json')) {
    io.stdout(
      `${JSON.stringify(
        result.projects.map((project) => ({ ...project, line: releaseLine(project) })),
        null,
        2,
      )}\n`,
    );
  } else {
    io.stdout(`Week Ending ${formatLongDate(week)}: ${result.projects.length} of ${repos.length} projects released\n`);
    result.projects.forEach((project) => io.stdout(`${releaseLine(project)}\n`));
  }
  return result.failures.length === repos.length ? 1 : 0;
}
