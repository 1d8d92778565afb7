import * as vscode from 'vscode';
import { DEFAULT_CONTRIBUTIONS_REPO, Settings } from '../constants';
import type { CalendarDate } from '../core/calendar';
import { daysBetween, formatIsoDate, parseCalendarDate } from '../core/calendar';
import { parseRepoName } from '../core/githubApi';
import type { Logger } from '../core/logger';
import type { NewsItem } from '../core/newsItems';
import type { IndexedPost, PostIndex } from '../core/postIndex';
import { editionWeekWindow } from '../core/weekWindow';
import type { ContributedPr, Contributions } from '../services/contributions';
import { ContributionsFetcher } from '../services/contributions';
import { Disposable } from './dispose';
import { createGitHubClient } from './githubClientFactory';
import type { ExtensionSettings } from './settings';

/** A week's answer is shown again for this long without asking GitHub; Refresh asks at once. */
const FRESH_MS = 5 * 60_000;
const INSERTED_KEY = 'lwkd.contributions.inserted';

/**
 * The editor's side of contributions: one fetcher for the session (so ETags and PR files are
 * reused), the last answer per week, and which News Items the writer inserted into which
 * edition (workspace state, so Prepare Publication can list them after a restart). GitHub is
 * asked only when the writer looks: the Past Issues node opened, Show Contributions, an action.
 */
export class ContributionsSource extends Disposable {
  private readonly fetcher: ContributionsFetcher;
  private readonly answers = new Map<string, { readonly at: number; readonly value: Contributions }>();
  private readonly pending = new Map<string, Promise<Contributions>>();
  private readonly changeEmitter = this._register(new vscode.EventEmitter<string>());
  /** Fires with the week (`YYYY-MM-DD`) whose contributions were read again. */
  readonly onDidChange = this.changeEmitter.event;

  constructor(
    private readonly settings: ExtensionSettings,
    auth: { token(): Promise<string | undefined> },
    private readonly state: vscode.Memento,
    private readonly logger: Logger,
    userAgent: string,
  ) {
    super();
    this.fetcher = new ContributionsFetcher(async () => createGitHubClient(settings, await auth.token(), logger, userAgent), logger);
  }

  /** `lwkd.contributions.repo`, or the default when it is not an owner/repo name. */
  get repo(): string {
    const value = vscode.workspace.getConfiguration(Settings.section).get<unknown>(Settings.contributionsRepo);
    if (typeof value === 'string' && value.trim() !== '') {
      if (parseRepoName(value.trim())) {
        return value.trim();
      }
      this.logger.warn(`[contributions] lwkd.contributions.repo "${value}" is not owner/repo; using ${DEFAULT_CONTRIBUTIONS_REPO}`);
    }
    return DEFAULT_CONTRIBUTIONS_REPO;
  }

  /** The last answer for the week, however old; never asks GitHub. */
  cached(week: CalendarDate): Contributions | undefined {
    return this.answers.get(this.key(week))?.value;
  }

  /** The week's contributions: the last answer while fresh, else GitHub's (one request at a time per week). */
  get(week: CalendarDate, options: { refresh?: boolean; folder?: vscode.WorkspaceFolder } = {}): Promise<Contributions> {
    const key = this.key(week);
    const known = this.answers.get(key);
    if (known && !options.refresh && Date.now() - known.at < FRESH_MS) {
      return Promise.resolve(known.value);
    }
    let pending = this.pending.get(key);
    if (!pending) {
      pending = this.fetcher
        .fetch({
          repo: this.repo,
          week,
          window: editionWeekWindow(week, this.settings.timeZone()),
          postsFolder: this.settings.postsFolder(options.folder),
        })
        .then((value) => {
          this.answers.set(key, { at: Date.now(), value });
          this.changeEmitter.fire(formatIsoDate(week));
          return value;
        })
        .finally(() => this.pending.delete(key));
      this.pending.set(key, pending);
    }
    return pending;
  }

  find(week: CalendarDate, kind: 'pr', number: number): ContributedPr | undefined;
  find(week: CalendarDate, kind: 'news', number: number): NewsItem | undefined;
  find(week: CalendarDate, kind: 'pr' | 'news', number: number): ContributedPr | NewsItem | undefined {
    const answer = this.cached(week);
    return kind === 'pr' ? answer?.prs.find((pr) => pr.number === number) : answer?.newsItems.find((item) => item.number === number);
  }

  /** Records that the News Item went into the week's edition. */
  async markInserted(week: CalendarDate, item: NewsItem): Promise<void> {
    const all = this.inserted();
    const list = (all[formatIsoDate(week)] ?? []).filter((entry) => entry.number !== item.number);
    await this.state.update(INSERTED_KEY, { ...all, [formatIsoDate(week)]: [...list, { number: item.number, url: item.url, title: item.title }] });
  }

  /**
   * The News Items the edition used, so the editor can close them: those inserted through LWKD
   * Author, and those of the last answer whose links the edition has.
   */
  usedNewsItems(week: CalendarDate, text: string): Array<{ number: number; url: string; title: string }> {
    const used = new Map<number, { number: number; url: string; title: string }>();
    const inserted = this.inserted()[formatIsoDate(week)] ?? [];
    for (const entry of inserted) {
      if (typeof entry?.number === 'number' && typeof entry.url === 'string' && typeof entry.title === 'string') {
        used.set(entry.number, entry);
      }
    }
    for (const item of this.cached(week)?.newsItems ?? []) {
      if (item.links.some((link) => text.includes(link)) || text.includes(item.url)) {
        used.set(item.number, { number: item.number, url: item.url, title: item.title });
      }
    }
    return [...used.values()].sort((a, b) => a.number - b.number);
  }

  /** The News Items inserted through LWKD Author, by week (`YYYY-MM-DD`), as workspace state keeps them. */
  private inserted(): Record<string, Array<{ number: number; url: string; title: string }>> {
    return this.state.get<Record<string, Array<{ number: number; url: string; title: string }>>>(INSERTED_KEY, {});
  }

  private key(week: CalendarDate): string {
    return `${this.repo}@${formatIsoDate(week)}`;
  }
}

/**
 * The edition being written: the newest one, while its week ended at most a week ago (after
 * that, the next week's edition is due and has not been made).
 */
export function editionBeingWritten(index: PostIndex, today: CalendarDate): IndexedPost | undefined {
  // newest() is by week, undated posts last: an undated newest means no dated edition at all.
  const newest = index.newest();
  const week = newest?.weekEnding ? parseCalendarDate(newest.weekEnding) : undefined;
  return week && daysBetween(week, today) <= 7 ? newest : undefined;
}

/** What the Past Issues tree needs of contributions (features/contributions.ts gives it). */
export interface ContributionRows {
  readonly repo: string;
  readonly onDidChange: vscode.Event<string>;
  timeZone(): string | undefined;
  /** `2 PRs · 3 News Items` once read; undefined before. */
  summary(week: string): string | undefined;
  /** The week's rows, read from GitHub when not fresh (throws what GitHub's failure says). */
  rows(week: string, file: string): Promise<ReadonlyArray<{ item: 'pr' | 'news'; number: number; treeItem: vscode.TreeItem }>>;
}

/** `2 PRs · 3 News Items` */
export function countsText(found: Contributions): string {
  const prs = found.prs.length === 1 ? vscode.l10n.t('1 PR') : vscode.l10n.t('{0} PRs', found.prs.length);
  const items = found.newsItems.length === 1 ? vscode.l10n.t('1 News Item') : vscode.l10n.t('{0} News Items', found.newsItems.length);
  return `${prs} · ${items}`;
}
