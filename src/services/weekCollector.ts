import type { Clock } from '../core/clock';
import { forEachLimited } from '../core/concurrency';
import type { GitHubFailure } from '../core/githubApi';
import { parseRepoName } from '../core/githubApi';
import type { Logger } from '../core/logger';
import type { MergedPr } from '../core/mergedPrs';
import { mergedSearchQuery, readSearchPage, SEARCH_RESULT_CAP } from '../core/mergedPrs';
import type { ProjectReleases, Release } from '../core/releases';
import { groupReleases, needsNextPage, readReleasesPage, RELEASES_PER_PAGE } from '../core/releases';
import type { WeekWindow } from '../core/weekWindow';
import type { PageAnswer } from './githubClient';
import { GitHubError } from './githubClient';

/**
 * Fetches a week's merged PRs (search API) and subproject releases (releases API), page by page,
 * within GitHub's limits. No `vscode` here: the editor's commands and `lwkd merged` / `lwkd
 * releases` share it.
 */

export interface PageSource {
  readonly authenticated: boolean;
  getPage(route: string, parameters: Record<string, unknown>, signal?: AbortSignal): Promise<PageAnswer>;
}

export interface CollectOptions {
  readonly signal?: AbortSignal;
  readonly logger: Logger;
  /** Progress for a notification: what is being fetched now. */
  readonly onProgress?: (message: string) => void;
  /** Waits out a rate limit; rejects when `signal` aborts. */
  readonly wait?: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly now?: Clock;
}

export interface RepoFailure {
  readonly repo: string;
  readonly failure: GitHubFailure;
}

export interface MergedResult {
  readonly prs: readonly MergedPr[];
  /** Said to the writer: results cut by GitHub's cap, incomplete answers, a limit that stopped paging. */
  readonly notes: readonly string[];
  readonly failures: readonly RepoFailure[];
  readonly requests: number;
}

export interface ReleasesResult {
  readonly projects: readonly ProjectReleases[];
  readonly failures: readonly RepoFailure[];
  readonly requests: number;
}

/** GitHub's search API allows this many requests a minute. */
export const SEARCH_LIMIT_PER_MINUTE = { authenticated: 30, anonymous: 10 } as const;
/** A rate limit that lifts later than this is not waited for: the writer is told instead. */
const MAX_RATE_WAIT_MS = 65_000;
/** GitHub's search answers 1,000 results at most: 10 pages of 100. No `next` link takes us further. */
const MAX_SEARCH_PAGES = SEARCH_RESULT_CAP / 100;
/** A page refused for the rate limit this many times is given up: the limit is not lifting. */
const MAX_RATE_RETRIES = 3;

/** `owner/repo` from a setting or the command line, or the failure that keeps it away from GitHub. */
function checkedRepo(repo: string): { owner: string; name: string } | RepoFailure {
  const parsed = parseRepoName(repo);
  return parsed
    ? { owner: parsed.owner, name: parsed.repo }
    : { repo, failure: { kind: 'invalidName', message: `"${repo}" is not an owner/repository name, so GitHub was not asked.` } };
}

/** Why the signal aborted: its reason (an AbortError unless the caller gave one), always an Error. */
function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new Error(String(reason));
}

export function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortReason(signal));
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortReason(signal!));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Paces search requests to GitHub's per-minute limit: at most `limit` in any 60 s. The editor
 * keeps one for its session, so consecutive runs share the budget.
 */
export class SearchPacer {
  private readonly sent: number[] = [];

  /** How long to wait before the next request may go. */
  delayBefore(now: number, limit: number): number {
    while (this.sent.length && this.sent[0]! <= now - 60_000) {
      this.sent.shift();
    }
    return this.sent.length < limit ? 0 : this.sent[0]! + 60_000 - now;
  }

  record(now: number): void {
    this.sent.push(now);
  }
}

export async function collectMergedPrs(
  source: PageSource,
  repos: readonly string[],
  window: WeekWindow,
  labels: readonly string[],
  options: CollectOptions,
  pacer: SearchPacer,
): Promise<MergedResult> {
  const now = options.now ?? Date.now;
  const wait = options.wait ?? delay;
  const limit = source.authenticated ? SEARCH_LIMIT_PER_MINUTE.authenticated : SEARCH_LIMIT_PER_MINUTE.anonymous;
  const prs: MergedPr[] = [];
  const notes: string[] = [];
  const failures: RepoFailure[] = [];
  let requests = 0;
  let stopped = false;
  for (const repo of repos) {
    if (stopped) {
      break;
    }
    const checked = checkedRepo(repo);
    if ('failure' in checked) {
      failures.push(checked);
      continue;
    }
    const q = mergedSearchQuery(repo, window, labels);
    options.logger.info(`[merged] search: ${q}`);
    let page: number | undefined = 1;
    let total = 0;
    let fetched = 0;
    let incomplete = false;
    let retries = 0;
    while (page !== undefined) {
      const pause = pacer.delayBefore(now(), limit);
      if (pause > 0) {
        options.onProgress?.(`Waiting ${Math.ceil(pause / 1000)} s for GitHub's search limit (${limit} a minute)…`);
        await wait(pause, options.signal);
      }
      options.onProgress?.(`${repo}: page ${page}${total ? ` of ${Math.ceil(Math.min(total, SEARCH_RESULT_CAP) / 100)}` : ''}`);
      let answer: PageAnswer;
      try {
        pacer.record(now());
        requests++;
        answer = await source.getPage('GET /search/issues', { q, per_page: 100, page }, options.signal);
      } catch (error) {
        if (!(error instanceof GitHubError) || error.kind === 'cancelled') {
          throw error;
        }
        const retryIn = error.failure.retryAt ? error.failure.retryAt.getTime() - now() : undefined;
        if (error.kind === 'rateLimited' && retryIn !== undefined && retryIn <= MAX_RATE_WAIT_MS && retries < MAX_RATE_RETRIES) {
          retries++;
          options.onProgress?.(`Waiting ${Math.ceil(Math.max(retryIn, 0) / 1000)} s for GitHub's search limit…`);
          await wait(Math.max(retryIn, 0) + 1000, options.signal);
          continue;
        }
        failures.push({ repo, failure: error.failure });
        if (error.kind === 'rateLimited') {
          notes.push(`GitHub's search limit stopped the search of ${repo} after ${fetched} results: the list is incomplete. ${error.failure.message}`);
          stopped = true;
        }
        break;
      }
      const read = readSearchPage(answer.data, repo);
      if (!read) {
        failures.push({ repo, failure: { kind: 'invalidResponse', message: `GitHub's search answer for ${repo} was not a list of results.` } });
        break;
      }
      total = read.total;
      incomplete ||= read.incomplete;
      fetched += read.items.length;
      prs.push(...read.items);
      retries = 0;
      if (answer.nextRefused) {
        notes.push(`GitHub's answer for ${repo} named a next page elsewhere, which is not followed: the list stops after ${fetched} results.`);
      }
      // Only a later page, and never past GitHub's own cap: a `next` link cannot keep us going.
      page = answer.nextPage !== undefined && answer.nextPage > page && answer.nextPage <= MAX_SEARCH_PAGES ? answer.nextPage : undefined;
      if (page !== undefined && answer.rateRemaining === 0 && answer.rateReset !== undefined) {
        const until = answer.rateReset * 1000 - now();
        if (until > MAX_RATE_WAIT_MS) {
          notes.push(`GitHub's search limit stopped the search of ${repo} after ${fetched} of ${total} results: the list is incomplete.`);
          stopped = true;
          break;
        }
        if (until > 0) {
          options.onProgress?.(`Waiting ${Math.ceil(until / 1000)} s for GitHub's search limit…`);
          await wait(until + 1000, options.signal);
        }
      }
    }
    if (total > SEARCH_RESULT_CAP) {
      notes.push(
        `GitHub's search returns at most ${SEARCH_RESULT_CAP.toLocaleString('en-US')} results; ${repo} had ${total.toLocaleString('en-US')} for this week, so some are missing. Narrow the labels in lwkd.merged.labels.`,
      );
    }
    if (incomplete) {
      notes.push(`GitHub's search timed out for ${repo} and says its results are incomplete; run the command again for the rest.`);
    }
  }
  return { prs, notes, failures, requests };
}

export async function collectReleases(source: PageSource, repos: readonly string[], window: WeekWindow, options: CollectOptions): Promise<ReleasesResult> {
  const projects: Array<ProjectReleases | undefined> = repos.map(() => undefined);
  const failures: RepoFailure[] = [];
  let requests = 0;
  let done = 0;
  await forEachLimited(
    repos.map((repo, i) => ({ repo, i })),
    4,
    async ({ repo, i }) => {
      if (options.signal?.aborted) {
        return;
      }
      const found: Release[] = [];
      const checked = checkedRepo(repo);
      if ('failure' in checked) {
        failures.push(checked);
        options.onProgress?.(`${++done} of ${repos.length} repositories`);
        return;
      }
      const { owner, name } = checked;
      try {
        // needsNextPage stops at MAX_RELEASE_PAGES whatever the `next` link says.
        for (let page = 1; ; page++) {
          requests++;
          const answer = await source.getPage('GET /repos/{owner}/{repo}/releases', { owner, repo: name, per_page: RELEASES_PER_PAGE, page }, options.signal);
          const read = readReleasesPage(answer.data, repo);
          if (!read) {
            failures.push({ repo, failure: { kind: 'invalidResponse', message: `GitHub's releases answer for ${repo} was not a list.` } });
            return;
          }
          found.push(...read.releases);
          const count = Array.isArray(answer.data) ? answer.data.length : 0;
          if (!needsNextPage(read, count, window, page) || answer.nextPage !== page + 1) {
            break;
          }
        }
      } catch (error) {
        if (!(error instanceof GitHubError) || error.kind === 'cancelled') {
          throw error;
        }
        failures.push({ repo, failure: error.failure });
        return;
      } finally {
        options.onProgress?.(`${++done} of ${repos.length} repositories`);
      }
      projects[i] = groupReleases(repo, found, window);
    },
  );
  return { projects: projects.filter((project): project is ProjectReleases => project !== undefined), failures, requests };
}
