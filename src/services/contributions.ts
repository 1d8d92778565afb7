import type { CalendarDate } from '../core/calendar';
import { formatCompactDate, formatIsoDate } from '../core/calendar';
import { forEachLimited } from '../core/concurrency';
import { editionBranchName, editionFileName } from '../core/edition';
import type { GitHubFailure } from '../core/githubApi';
import { parseRepoName } from '../core/githubApi';
import type { Logger } from '../core/logger';
import type { NewsItem } from '../core/newsItems';
import { githubWebUrl, readNewsItem } from '../core/newsItems';
import type { AddedLines, Hunk, PatchFit } from '../core/pullPatch';
import { parsePatch, readPatch } from '../core/pullPatch';
import type { WeekWindow } from '../core/weekWindow';
import { inWindow } from '../core/weekWindow';
import type { PageAnswer } from './githubClient';
import { GitHubError } from './githubClient';

/**
 * What contributors sent for one edition, from the LWKD repository (`lwkd.contributions.repo`):
 * open pull requests against the week's branch or its post, and open News Item issues filed in
 * the week. Only listing endpoints, never the search API (30 a minute, shared with Insert Merged
 * PRs). Listings are asked again with their ETags, so an unchanged answer is a free 304; a PR's
 * files are asked once per head commit. No `vscode` here: the editor and `lwkd contributions`
 * share it.
 */

export interface ConditionalPageSource {
  getPageConditional(
    route: string,
    parameters: Record<string, unknown>,
    etag: string | undefined,
    signal?: AbortSignal,
  ): Promise<{ readonly notModified: true } | (PageAnswer & { readonly notModified: false; readonly etag?: string })>;
}

export interface ContributedPr {
  readonly number: number;
  readonly url: string;
  readonly title: string;
  readonly author: string;
  readonly draft: boolean;
  /** The branch it would merge into: the week's (`YYYYMMDD`) or `main`. */
  readonly base: string;
  readonly headSha: string;
  /** The week's post as the PR changes it: its path, GitHub's status, and the hunks (absent when GitHub shows no diff). */
  readonly post?: { readonly path: string; readonly status: string; readonly hunks?: readonly Hunk[] };
  /** How many files the PR changes in all. */
  readonly files: number;
}

export interface Contributions {
  readonly repo: string;
  readonly week: string;
  readonly prs: readonly ContributedPr[];
  readonly newsItems: readonly NewsItem[];
  /** Requests sent; `notModified` of them were answered 304 (no quota spent). */
  readonly requests: number;
  readonly notModified: number;
  /** What could not be read, said to the writer; the rest is still shown. */
  readonly failures: readonly GitHubFailure[];
  readonly fetchedAt: string;
}

export interface ContributionsQuery {
  readonly repo: string;
  readonly week: CalendarDate;
  /** The edition's week: News Items opened in it count. */
  readonly window: WeekWindow;
  /** Where posts live in the repository, `_posts`. */
  readonly postsFolder: string;
  readonly signal?: AbortSignal;
}

/** Listings stop here: 500 open PRs or News Items is far past any week LWKD has had. */
const MAX_PAGES = 5;
/** A PR touching more files than this is not a contribution to one post; its files are not paged further. */
const MAX_FILE_PAGES = 3;

interface CachedPage {
  readonly etag: string;
  readonly data: unknown;
  readonly nextPage?: number;
}

/** A date in a title or branch name (`2025-09-07`, `20250907`) other than the week's says the PR is for another week. */
function namesAnotherWeek(texts: readonly string[], week: CalendarDate): boolean {
  const iso = formatIsoDate(week);
  const compact = formatCompactDate(week);
  return texts.some((text) =>
    [...text.matchAll(/(?<!\d)(\d{4})-?(\d{2})-?(\d{2})(?!\d)/g)].some((match) => {
      const found = `${match[1]}-${match[2]}-${match[3]}`;
      return /^20\d\d-[01]\d-[0-3]\d$/.test(found) && found !== iso && found.replace(/-/g, '') !== compact;
    }),
  );
}

export class ContributionsFetcher {
  private readonly pages = new Map<string, CachedPage>();
  /** A PR's files by `number@headSha`: a commit's files never change. */
  private readonly files = new Map<string, { readonly count: number; readonly post?: ContributedPr['post'] }>();

  constructor(
    private readonly source: () => ConditionalPageSource | Promise<ConditionalPageSource>,
    private readonly logger: Logger,
  ) {}

  async fetch(query: ContributionsQuery): Promise<Contributions> {
    const repo = parseRepoName(query.repo);
    if (!repo) {
      throw new GitHubError({ kind: 'invalidName', message: `"${query.repo}" is not an owner/repository name, so GitHub was not asked.` });
    }
    const source = await this.source();
    const counts = { requests: 0, notModified: 0 };
    const failures: GitHubFailure[] = [];
    const branch = editionBranchName(query.week);
    const postPath = `${query.postsFolder.replace(/\/+$/, '')}/${editionFileName(query.week)}`;
    const since = query.window.start.toISOString().replace(/\.\d{3}Z$/, 'Z');
    const list = async (route: string, parameters: Record<string, unknown>): Promise<unknown[]> => {
      const items: unknown[] = [];
      try {
        for (let page: number | undefined = 1; page !== undefined && page <= MAX_PAGES; ) {
          const answer = await this.page(source, route, { ...parameters, per_page: 100, page }, counts, query.signal);
          if (!Array.isArray(answer.data)) {
            failures.push({ kind: 'invalidResponse', message: `GitHub's answer to ${route.replace('GET ', '')} was not a list.` });
            break;
          }
          items.push(...(answer.data as unknown[]));
          page = answer.nextPage !== undefined && answer.nextPage > page ? answer.nextPage : undefined;
        }
      } catch (error) {
        if (!(error instanceof GitHubError) || error.kind === 'cancelled') {
          throw error;
        }
        failures.push(error.failure);
      }
      return items;
    };
    const [pulls, issues] = await Promise.all([
      list('GET /repos/{owner}/{repo}/pulls', { owner: repo.owner, repo: repo.repo, state: 'open' }),
      list('GET /repos/{owner}/{repo}/issues', { owner: repo.owner, repo: repo.repo, state: 'open', since }),
    ]);

    const candidates = pulls.flatMap((value) => {
      const pull = readPull(value, query.repo);
      if (!pull) {
        return [];
      }
      const ours = pull.base === branch;
      // A PR on another branch can still change this week's post; one named for another week, or
      // untouched since before the week began, is not asked about.
      const maybe = !ours && !namesAnotherWeek([pull.title, pull.headRef, pull.base], query.week) && Date.parse(pull.updatedAt) >= query.window.start.getTime();
      return ours || maybe ? [pull] : [];
    });
    const prs: Array<ContributedPr | undefined> = candidates.map(() => undefined);
    await forEachLimited(
      candidates.map((pull, i) => ({ pull, i })),
      4,
      async ({ pull, i }) => {
        const key = `${pull.number}@${pull.headSha}`;
        let files = this.files.get(key);
        if (!files) {
          try {
            files = await this.readFiles(source, repo, pull.number, postPath, counts, query.signal);
            this.files.set(key, files);
          } catch (error) {
            if (!(error instanceof GitHubError) || error.kind === 'cancelled') {
              throw error;
            }
            failures.push({ ...error.failure, message: `#${pull.number}: ${error.failure.message}` });
            return;
          }
        }
        if (pull.base === branch || files.post) {
          const { number, url, title, author, draft, base, headSha } = pull;
          prs[i] = { number, url, title, author, draft, base, headSha, files: files.count, ...(files.post ? { post: files.post } : {}) };
        }
      },
    );
    const newsItems = issues
      .map((value) => readNewsItem(value, query.repo))
      .filter((item): item is NewsItem => item !== undefined && inWindow(query.window, item.createdAt))
      .sort((a, b) => a.number - b.number);
    this.logger.info(
      `[contributions] ${query.repo} ${formatIsoDate(query.week)}: ${prs.filter(Boolean).length} PRs, ${newsItems.length} News Items; ${counts.requests} requests, ${counts.notModified} unchanged`,
    );
    return {
      repo: query.repo,
      week: formatIsoDate(query.week),
      prs: prs.filter((pr): pr is ContributedPr => pr !== undefined).sort((a, b) => a.number - b.number),
      newsItems,
      requests: counts.requests,
      notModified: counts.notModified,
      failures,
      fetchedAt: new Date().toISOString(),
    };
  }

  /** One page, asked with the ETag of its last answer; a 304 gives that answer back. */
  private async page(
    source: ConditionalPageSource,
    route: string,
    parameters: Record<string, unknown>,
    counts: { requests: number; notModified: number },
    signal: AbortSignal | undefined,
  ): Promise<{ data: unknown; nextPage?: number }> {
    const key = JSON.stringify([route, parameters]);
    const cached = this.pages.get(key);
    counts.requests++;
    const answer = await source.getPageConditional(route, parameters, cached?.etag, signal);
    if (answer.notModified) {
      if (!cached) {
        throw new GitHubError({ kind: 'invalidResponse', status: 304, message: 'GitHub answered 304 to a request without an ETag.' });
      }
      counts.notModified++;
      return cached;
    }
    const page = { data: answer.data, ...(answer.nextPage !== undefined ? { nextPage: answer.nextPage } : {}) };
    if (answer.etag) {
      this.pages.set(key, { etag: answer.etag, ...page });
    }
    return page;
  }

  private async readFiles(
    source: ConditionalPageSource,
    repo: { owner: string; repo: string },
    number: number,
    postPath: string,
    counts: { requests: number; notModified: number },
    signal: AbortSignal | undefined,
  ): Promise<{ count: number; post?: ContributedPr['post'] }> {
    let count = 0;
    let post: ContributedPr['post'];
    for (let page: number | undefined = 1; page !== undefined && page <= MAX_FILE_PAGES; ) {
      counts.requests++;
      const answer = await source.getPageConditional(
        'GET /repos/{owner}/{repo}/pulls/{number}/files',
        { ...repo, number, per_page: 100, page },
        undefined,
        signal,
      );
      if (answer.notModified || !Array.isArray(answer.data)) {
        throw new GitHubError({ kind: 'invalidResponse', message: `GitHub's list of the files of #${number} was not a list.` });
      }
      for (const file of answer.data as unknown[]) {
        const entry = file as { filename?: unknown; status?: unknown; patch?: unknown };
        if (typeof entry?.filename !== 'string') {
          continue;
        }
        count++;
        if (entry.filename === postPath) {
          const hunks = typeof entry.patch === 'string' ? parsePatch(entry.patch) : undefined;
          post = { path: entry.filename, status: typeof entry.status === 'string' ? entry.status : 'modified', ...(hunks ? { hunks } : {}) };
        }
      }
      page = answer.nextPage !== undefined && answer.nextPage > page ? answer.nextPage : undefined;
    }
    return { count, ...(post ? { post } : {}) };
  }
}

/** A PR from the listing: what is shown of it, and what decides whether its files are asked for. */
interface PullSummary extends Omit<ContributedPr, 'post' | 'files'> {
  readonly headRef: string;
  readonly updatedAt: string;
}

/** A pull from the listing, checked field by field; anything else is skipped. */
function readPull(value: unknown, repo: string): PullSummary | undefined {
  const pull = value as Record<string, unknown> | null;
  const base = pull?.base as Record<string, unknown> | undefined;
  const head = pull?.head as Record<string, unknown> | undefined;
  const user = pull?.user as Record<string, unknown> | undefined;
  if (
    typeof pull?.number !== 'number' ||
    !Number.isSafeInteger(pull.number) ||
    pull.number <= 0 ||
    typeof pull.title !== 'string' ||
    typeof base?.ref !== 'string' ||
    typeof head?.sha !== 'string'
  ) {
    return undefined;
  }
  return {
    number: pull.number,
    url: githubWebUrl(pull.html_url, repo, 'pull', pull.number),
    title: pull.title,
    author: typeof user?.login === 'string' ? user.login : '',
    draft: pull.draft === true,
    base: base.ref,
    headRef: typeof head.ref === 'string' ? head.ref : '',
    headSha: head.sha,
    updatedAt: typeof pull.updated_at === 'string' ? pull.updated_at : '',
  };
}

export type PrFit = PatchFit | 'noPatch' | 'notThePost';

/**
 * A contributed PR against the writer's copy of the post (undefined: they have none): how it
 * fits, the lines it adds by section, and the copy with those lines in (for the preview).
 */
export function readContributedPr(pr: ContributedPr, writerText: string | undefined): { fit: PrFit; added: readonly AddedLines[]; merged?: string } {
  if (!pr.post) {
    return { fit: 'notThePost', added: [] };
  }
  if (!pr.post.hunks) {
    return { fit: 'noPatch', added: [] };
  }
  return readPatch(pr.post.hunks, writerText);
}

/** How a fit reads in a list: `applies cleanly`, `conflicts with your copy`. */
export function describeFit(fit: PrFit): string {
  switch (fit) {
    case 'applies':
      return 'applies cleanly to your copy';
    case 'alreadyIn':
      return 'already in your copy';
    case 'conflicts':
      return 'conflicts with your copy';
    case 'newFile':
      return 'adds the post, which you do not have';
    case 'noPatch':
      return 'GitHub shows no diff for the post (too large)';
    case 'notThePost':
      return 'does not change the post';
  }
}
