import { findGitHubRefs } from '../core/githubRefs';
import { isCherryPick, relevantLabels } from '../core/pullRequests';
import type { GitHubItem } from '../core/pullRequests';
import { cliItemFetcher } from './github';
import type { CliIo } from './args';
import { parseArgs, stringOption, UsageError } from './args';
import { safeOutput } from './safeOutput';

export const PR_USAGE = `lwkd pr <url-or-ref> [--api-url URL] [--json]
    What GitHub says of a pull request or issue: a URL, owner/repo#N, k/k#N or enhancements#N.
    Uses $GITHUB_TOKEN when set (never printed). Exits 1 when GitHub cannot answer or has no such item.`;

export async function runPr(argv: readonly string[], terminal: CliIo, version: string): Promise<number> {
  const io = safeOutput(terminal);
  const args = parseArgs(argv, { valued: ['api-url'], flags: ['json'], maxPositionals: 1 });
  const reference = args.positionals[0];
  if (reference === undefined) {
    throw new UsageError('pr needs a pull-request URL or a reference such as k/k#111090');
  }
  const ref = findGitHubRefs(reference.trim()).find((candidate) => candidate.kind !== 'kep' && !candidate.malformed);
  if (!ref) {
    throw new UsageError(`"${reference}" is not a pull-request or issue URL, nor owner/repo#N`);
  }
  const fetcher = cliItemFetcher(io, version, stringOption(args, 'api-url'));
  const key = { owner: ref.owner, repo: ref.repo, number: ref.number };
  const lookup = await fetcher.lookup({ key, kind: ref.kind === 'pull' ? 'pull' : 'issue' });
  if (lookup.notFound) {
    io.stderr(`lwkd pr: GitHub has no ${ref.kind === 'pull' ? 'pull request' : 'issue'} ${key.owner}/${key.repo}#${key.number}\n`);
    return 1;
  }
  if (!lookup.item) {
    io.stderr(`lwkd pr: ${lookup.failure?.message ?? 'GitHub did not answer.'}\n`);
    return 1;
  }
  io.stdout(args.options.has('json') ? `${JSON.stringify(lookup.item, null, 2)}\n` : describe(lookup.item));
  return 0;
}

/** Plain text for a terminal: remote text was cleaned when read, and is again when printed. */
function describe(item: GitHubItem): string {
  const state = item.state === 'merged' && item.mergedAt ? `merged ${item.mergedAt.slice(0, 10)}` : item.state;
  const { shown, more } = relevantLabels(item.labels);
  const lines = [
    `${item.owner}/${item.repo}#${item.number}: ${item.title}`,
    `${item.kind === 'pull' ? 'pull request' : 'issue'}, ${state}${item.author ? `, by @${item.author}` : ''}`,
    ...(shown.length ? [`labels: ${shown.join(', ')}${more ? `, +${more} more` : ''}`] : []),
    ...(item.milestone ? [`milestone: ${item.milestone}`] : []),
    ...(item.kind === 'pull' && isCherryPick(item) ? ['cherry-pick: LWKD reports the original PR'] : []),
  ];
  return `${lines.join('\n')}\n`;
}
