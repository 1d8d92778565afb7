import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEFAULT_CONTRIBUTIONS_REPO, DEFAULT_POSTS_FOLDER } from '../constants';
import { formatLongDate } from '../core/calendar';
import { editionFileName } from '../core/edition';
import { parseRepoName } from '../core/githubApi';
import { silentLogger } from '../core/logger';
import { newsItemBullet } from '../core/newsItems';
import { MAX_POST_BYTES } from '../core/postFile';
import { editionWeekWindow } from '../core/weekWindow';
import { ContributionsFetcher, describeFit, readContributedPr } from '../services/contributions';
import { GitHubError } from '../services/githubClient';
import type { CliIo } from './args';
import { parseArgs, stringOption, UsageError } from './args';
import { readText } from './files';
import { cliGitHubClient } from './github';
import { safeOutput } from './safeOutput';
import { weekAndZone } from './weekCommands';

export const CONTRIBUTIONS_USAGE = `lwkd contributions --week YYYY-MM-DD [--repo OWNER/REPO] [--root DIR] [--posts-folder DIR]
                   [--time-zone ZONE] [--api-url URL] [--json]
    What contributors sent for the edition, from ${DEFAULT_CONTRIBUTIONS_REPO} (or --repo): open PRs
    against the week's branch or post, with the lines they add by section and whether they
    apply to <root>/_posts/<week>-update.md; and the News Item issues opened that week, each
    with the bullet the editor would insert. Uses $GITHUB_TOKEN when set (never printed).`;

export async function runContributions(argv: readonly string[], terminal: CliIo, version: string): Promise<number> {
  const io = safeOutput(terminal);
  const args = parseArgs(argv, { valued: ['week', 'repo', 'root', 'posts-folder', 'time-zone', 'api-url'], flags: ['json'], maxPositionals: 0 });
  const { week, timeZone } = weekAndZone(args);
  const repo = stringOption(args, 'repo') ?? DEFAULT_CONTRIBUTIONS_REPO;
  if (!parseRepoName(repo)) {
    throw new UsageError('--repo takes owner/repo');
  }
  const folder = stringOption(args, 'posts-folder') ?? DEFAULT_POSTS_FOLDER;
  const copyPath = join(resolve(io.cwd, stringOption(args, 'root') ?? '.'), folder, editionFileName(week));
  const copy = existsSync(copyPath) ? readText(copyPath, MAX_POST_BYTES) : undefined;

  let client;
  try {
    client = cliGitHubClient(io, version, stringOption(args, 'api-url')).client;
  } catch (error) {
    if (error instanceof GitHubError) {
      io.stderr(`lwkd contributions: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
  const fetcher = new ContributionsFetcher(() => client, silentLogger);
  const found = await fetcher.fetch({ repo, week, window: editionWeekWindow(week, timeZone), postsFolder: folder });
  found.failures.forEach((failure) => io.stderr(`lwkd contributions: ${failure.message}\n`));
  const prs = found.prs.map((pr) => ({ pr, ...readContributedPr(pr, copy) }));
  const items = found.newsItems.map((item) => ({ item, bullet: item.section ? newsItemBullet(item, item.section) : undefined }));
  if (args.options.has('json')) {
    io.stdout(
      `${JSON.stringify(
        {
          repo,
          week: found.week,
          requests: found.requests,
          notModified: found.notModified,
          failures: found.failures.map((failure) => failure.message),
          pullRequests: prs.map(({ pr, fit, added }) => ({
            number: pr.number,
            url: pr.url,
            title: pr.title,
            author: pr.author,
            draft: pr.draft,
            base: pr.base,
            files: pr.files,
            fit,
            added,
          })),
          newsItems: items.map(({ item, bullet }) => ({ ...item, ...(bullet ? { bullet } : {}) })),
        },
        null,
        2,
      )}\n`,
    );
  } else {
    io.stdout(`Week Ending ${formatLongDate(week)}: ${prs.length} pull requests and ${items.length} News Items in ${repo}\n`);
    if (prs.length) {
      io.stdout('\nPull requests\n');
    }
    for (const { pr, fit, added } of prs) {
      io.stdout(`  #${pr.number} ${pr.title} · by ${pr.author}${pr.draft ? ' · draft' : ''} · into ${pr.base} · ${describeFit(fit)}\n    ${pr.url}\n`);
      for (const group of added) {
        io.stdout(`    ${group.section || '(before the first section)'}:\n${group.lines.map((line) => `      + ${line}\n`).join('')}`);
      }
    }
    if (items.length) {
      io.stdout('\nNews Items\n');
    }
    for (const { item, bullet } of items) {
      io.stdout(`  #${item.number} ${item.title} · by ${item.author} · ${item.section ?? 'no section ticked'}\n    ${item.url}\n`);
      io.stdout(bullet ? `    ${bullet}\n` : `    ${item.sentence}\n${item.links.map((link) => `    ${link}\n`).join('')}`);
    }
    io.stderr(`${found.requests} GitHub requests (${found.notModified} unchanged)\n`);
  }
  return found.failures.length && !prs.length && !items.length ? 1 : 0;
}
