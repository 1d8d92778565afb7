import * as vscode from 'vscode';
import { Commands, Settings } from '../constants';
import { formatLongDate } from '../core/calendar';
import { findGitHubRefs } from '../core/githubRefs';
import type { Candidate, MergedKind } from '../core/mergedPrs';
import { bulletFor, coveredBefore, DEFAULT_MERGED_LABELS, DEFAULT_MERGED_REPOS, toCandidates } from '../core/mergedPrs';
import { refKey } from '../core/postIndex';
import { relevantLabels } from '../core/pullRequests';
import type { ProjectReleases } from '../core/releases';
import { DEFAULT_RELEASE_REPOS, releaseLine } from '../core/releases';
import { literalIcons } from '../core/safeText';
import type { WeekWindow } from '../core/weekWindow';
import { editionWeekWindow, githubDateRange } from '../core/weekWindow';
import type { CommandContext } from '../vscode/commands';
import { registerCommand } from '../vscode/commands';
import type { GitHubClient } from '../services/githubClient';
import { GitHubError } from '../services/githubClient';
import { createGitHubClient } from '../vscode/githubClientFactory';
import type { PastIssuesIndex } from '../vscode/pastIssuesIndex';
import type { ExtensionSettings } from '../vscode/settings';
import { insertIntoSections } from '../vscode/textEdits';
import type { MergedResult, ReleasesResult } from '../services/weekCollector';
import { collectMergedPrs, collectReleases, SearchPacer } from '../services/weekCollector';

export interface WeeklyMaterialDeps extends CommandContext {
  readonly settings: ExtensionSettings;
  readonly index: PastIssuesIndex;
  readonly auth: { token(): Promise<string | undefined> };
  readonly userAgent: string;
}

/** What the commands return to `executeCommand` callers (tests, keybindings). */
export interface InsertOutcome {
  readonly inserted: number;
  readonly offered: number;
  readonly notes: readonly string[];
}

function kindTitle(kind: MergedKind): string {
  switch (kind) {
    case 'feature':
      return vscode.l10n.t('Features');
    case 'api-change':
      return vscode.l10n.t('API changes');
    case 'deprecation':
      return vscode.l10n.t('Deprecations');
    case 'other':
      return vscode.l10n.t('Other');
  }
}
/** A week that ended this long ago no longer changes; its results are kept longer. */
const SETTLED_MS = 2 * 86_400_000;

/**
 * The results of a search or release listing, per query, for this session: a second run of a
 * command for the same week shows its picker at once. A past week is kept 6 hours, the current
 * one 10 minutes (PRs still merge into it).
 */
class ResultCache<T> {
  private readonly entries = new Map<string, { at: number; value: T }>();

  get(key: string, window: WeekWindow): T | undefined {
    const entry = this.entries.get(key);
    const ttl = window.end.getTime() < Date.now() - SETTLED_MS ? 6 * 3600_000 : 10 * 60_000;
    return entry && Date.now() - entry.at < ttl ? entry.value : undefined;
  }

  set(key: string, value: T): void {
    this.entries.set(key, { at: Date.now(), value });
  }
}

interface Edition {
  readonly editor: vscode.TextEditor;
  readonly window: WeekWindow;
  readonly title: string;
}

function activeEdition(deps: WeeklyMaterialDeps): Edition | undefined {
  const editor = vscode.window.activeTextEditor;
  const week = editor && deps.index.editionWeek(editor.document.uri);
  if (!editor || !week) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Open an edition (_posts/YYYY-MM-DD-update.md) first: its file name says which week to collect.'));
    return undefined;
  }
  return { editor, window: editionWeekWindow(week, deps.settings.timeZone()), title: vscode.l10n.t('Week Ending {0}', formatLongDate(week)) };
}

async function client(deps: WeeklyMaterialDeps): Promise<GitHubClient> {
  const token = await deps.auth.token();
  return createGitHubClient(deps.settings, token, deps.logger, deps.userAgent);
}

/** Runs `work` under a cancellable progress notification; undefined when the writer cancelled. */
function withProgress<T>(title: string, work: (signal: AbortSignal, report: (message: string) => void) => Promise<T>): Thenable<T | undefined> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
    const controller = new AbortController();
    const subscription = token.onCancellationRequested(() => controller.abort());
    try {
      return await work(controller.signal, (message) => progress.report({ message }));
    } catch (error) {
      if (controller.signal.aborted || (error instanceof GitHubError && error.kind === 'cancelled')) {
        return undefined;
      }
      throw error;
    } finally {
      subscription.dispose();
    }
  });
}

/** A multi-select quick pick; resolves with the ticked items when accepted, undefined when dismissed. */
function pickMany<T extends vscode.QuickPickItem>(
  title: string,
  placeholder: string,
  items: readonly T[],
  ticked: readonly T[],
): Promise<readonly T[] | undefined> {
  const picker = vscode.window.createQuickPick<T>();
  picker.title = title;
  picker.placeholder = placeholder;
  picker.canSelectMany = true;
  picker.matchOnDescription = true;
  picker.matchOnDetail = true;
  picker.items = items;
  picker.selectedItems = ticked;
  return new Promise((resolve) => {
    let chosen: readonly T[] | undefined;
    picker.onDidAccept(() => {
      chosen = picker.selectedItems;
      picker.hide();
    });
    picker.onDidHide(() => {
      picker.dispose();
      resolve(chosen);
    });
    picker.show();
  });
}

function describeFailures(failures: ReadonlyArray<{ repo: string; failure: { message: string } }>): string {
  return failures.map(({ repo, failure }) => `${repo}: ${failure.message}`).join(' ');
}

interface PrItem extends vscode.QuickPickItem {
  readonly candidate?: Candidate;
}

/** Insert Merged PRs and Insert Subproject Releases: the week's material from GitHub, into the edition. */
export function registerWeeklyMaterial(deps: WeeklyMaterialDeps): vscode.Disposable {
  const material = createWeeklyMaterial(deps);
  return vscode.Disposable.from(
    registerCommand(Commands.insertMergedPRs, deps, () => material.insertMergedPRs()),
    registerCommand(Commands.insertSubprojectReleases, deps, () => material.insertSubprojectReleases()),
  );
}

interface WeeklyMaterial {
  insertMergedPRs(): Promise<InsertOutcome | undefined>;
  insertSubprojectReleases(): Promise<InsertOutcome | undefined>;
}

/** The two commands' bodies, sharing the week's search results and the search pacer. */
function createWeeklyMaterial(deps: WeeklyMaterialDeps): WeeklyMaterial {
  const mergedCache = new ResultCache<MergedResult>();
  const releasesCache = new ResultCache<ReleasesResult>();
  const pacer = new SearchPacer();

  const insertMergedPRs = async (): Promise<InsertOutcome | undefined> => {
    const edition = activeEdition(deps);
    if (!edition) {
      return undefined;
    }
    const repos = deps.settings.repoList(Settings.mergedRepos, DEFAULT_MERGED_REPOS);
    const labels = deps.settings.mergedLabels(DEFAULT_MERGED_LABELS);
    // The index (for "covered in an earlier edition") is read while GitHub is searched.
    const postsReady = deps.index.ready();
    postsReady.catch(() => undefined); // awaited below; this only keeps an early return quiet
    const github = await client(deps);
    const key = JSON.stringify([github.endpoints.rest, github.authenticated, repos, labels, githubDateRange(edition.window)]);
    let result = mergedCache.get(key, edition.window);
    if (!result) {
      result = await withProgress(vscode.l10n.t('Searching merged PRs for {0}', edition.title), (signal, report) =>
        collectMergedPrs(github, repos, edition.window, labels, { signal, logger: deps.logger, onProgress: report }, pacer),
      );
      if (!result) {
        return undefined;
      }
      if (!result.failures.length && !result.notes.length) {
        mergedCache.set(key, result);
      }
    }
    if (result.failures.length && !result.prs.length) {
      throw new Error(vscode.l10n.t('The search for merged PRs failed. {0}', describeFailures(result.failures)));
    }
    if (result.notes.length || result.failures.length) {
      void vscode.window.showWarningMessage([...result.notes, describeFailures(result.failures)].filter(Boolean).join(' '));
    }
    const posts = await postsReady;
    const thisFile = edition.editor.document.uri.toString();
    const inThisEdition = new Set(findGitHubRefs(edition.editor.document.getText()).map((ref) => refKey(ref)));
    const candidates = toCandidates(result.prs, (pr) => {
      const keyOf = refKey({ kind: 'pull', owner: pr.owner, repo: pr.repo, number: pr.number });
      return inThisEdition.has(keyOf)
        ? vscode.l10n.t('this edition')
        : coveredBefore(posts, pr, edition.window.weekEnding, deps.settings.recentWeeks, thisFile);
    });
    if (!candidates.length) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No PRs with the labels in lwkd.merged.labels were merged in {0}.', edition.title));
      return { inserted: 0, offered: 0, notes: result.notes };
    }
    const items: PrItem[] = [];
    let kind: MergedKind | undefined;
    for (const candidate of candidates) {
      if (candidate.kind !== kind) {
        kind = candidate.kind;
        items.push({ label: kindTitle(kind), kind: vscode.QuickPickItemKind.Separator });
      }
      // Why a row starts unticked leads its label: a long title or the labels must not cut it off.
      const reasons = [
        ...(candidate.cherryPick ? [vscode.l10n.t('$(git-pull-request-go-to-changes) cherry-pick')] : []),
        ...(candidate.coveredIn ? [vscode.l10n.t('$(history) in {0}', candidate.coveredIn)] : []),
      ];
      const labels = relevantLabels(candidate.labels, 4).shown.join(', ');
      items.push({
        label: [...reasons, `#${candidate.number} ${literalIcons(candidate.title)}`].join(' · '),
        description: `→ ${candidate.section}`,
        detail: literalIcons([labels, candidate.releaseNote].filter(Boolean).join(' · ')),
        candidate,
      });
    }
    const chosen = await pickMany(
      vscode.l10n.t('Merged PRs · {0} · {1} found', edition.title, candidates.length),
      vscode.l10n.t('Tick the PRs to insert; covered ones and cherry-picks start unticked'),
      items,
      items.filter((item) => item.candidate?.suggested),
    );
    if (!chosen?.length) {
      return { inserted: 0, offered: candidates.length, notes: result.notes };
    }
    const bySection = new Map<string, string[]>();
    for (const { candidate } of chosen) {
      if (candidate) {
        bySection.set(candidate.section, [...(bySection.get(candidate.section) ?? []), bulletFor(candidate)]);
      }
    }
    if ((await insertIntoSections(edition.editor, bySection)) === false) {
      throw new Error(vscode.l10n.t('The edition changed while inserting; nothing was inserted.'));
    }
    const counts = [...bySection].map(([section, lines]) => `${section} (${lines.length})`).join(', ');
    void vscode.window.showInformationMessage(vscode.l10n.t('Inserted {0} PRs: {1}. Shorten each title to the news in a few words.', chosen.length, counts));
    return { inserted: chosen.length, offered: candidates.length, notes: result.notes };
  };

  const insertReleases = async (): Promise<InsertOutcome | undefined> => {
    const edition = activeEdition(deps);
    if (!edition) {
      return undefined;
    }
    const repos = deps.settings.repoList(Settings.releasesRepos, DEFAULT_RELEASE_REPOS);
    const github = await client(deps);
    const key = JSON.stringify([github.endpoints.rest, github.authenticated, repos, githubDateRange(edition.window)]);
    let result = releasesCache.get(key, edition.window);
    if (!result) {
      result = await withProgress(vscode.l10n.t('Collecting subproject releases for {0}', edition.title), (signal, report) =>
        collectReleases(github, repos, edition.window, { signal, logger: deps.logger, onProgress: report }),
      );
      if (!result) {
        return undefined;
      }
      if (!result.failures.length) {
        releasesCache.set(key, result);
      }
    }
    for (const { repo, failure } of result.failures) {
      deps.logger.warn(`[releases] ${repo} not read: ${failure.message}`);
    }
    const unread = result.failures.length;
    const read = repos.length - unread;
    if (read === 0 && unread > 0) {
      // Nothing was read, so nothing can be said about releases.
      throw new Error(vscode.l10n.t('Could not read any of the {0} repositories in lwkd.releases.repos. {1}', unread, describeFailures(result.failures)));
    }
    const notes = unread
      ? [vscode.l10n.t('Could not read {0} of the {1} repositories (the log names each): {2}', unread, repos.length, describeFailures(result.failures))]
      : [];
    if (!result.projects.length) {
      void vscode.window.showInformationMessage(
        unread
          ? vscode.l10n.t(
              'None of the {0} repositories that could be read published a release in {1}; {2} could not be read (the log names each).',
              read,
              edition.title,
              unread,
            )
          : vscode.l10n.t('None of the {0} repositories in lwkd.releases.repos published a release in {1}.', repos.length, edition.title),
      );
      return { inserted: 0, offered: 0, notes };
    }
    if (notes.length) {
      void vscode.window.showWarningMessage(notes[0]!);
    }
    const text = edition.editor.document.getText();
    const items = result.projects.map((project): vscode.QuickPickItem & { project: ProjectReleases; suggested: boolean } => {
      const linked = text.includes(project.main.url);
      const also = project.also.map((release) => release.tag + (release.prerelease ? ' (pre-release)' : '')).join(', ');
      return {
        label: literalIcons(`${project.project} ${project.main.tag}`),
        description: [
          ...(project.main.prerelease ? [vscode.l10n.t('$(beaker) pre-release')] : []),
          ...(linked ? [vscode.l10n.t('$(history) already in this edition')] : []),
          ...(also ? [vscode.l10n.t('also {0}', literalIcons(also))] : []),
          project.repo,
        ].join(' · '),
        detail: literalIcons(project.main.highlights.join(', ')) || vscode.l10n.t('(no list of changes in the notes)'),
        project,
        suggested: !linked && !project.main.prerelease,
      };
    });
    const chosen = await pickMany(
      vscode.l10n.t('Subproject releases · {0} · {1} projects', edition.title, items.length),
      vscode.l10n.t('Tick the releases to insert under Subprojects and Dependency Updates'),
      items,
      items.filter((item) => item.suggested),
    );
    if (!chosen?.length) {
      return { inserted: 0, offered: items.length, notes };
    }
    if (
      (await insertIntoSections(edition.editor, new Map([['Subprojects and Dependency Updates', chosen.map((item) => releaseLine(item.project))]]))) === false
    ) {
      throw new Error(vscode.l10n.t('The edition changed while inserting; nothing was inserted.'));
    }
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Inserted {0} release lines. Condense each to the changes contributors care about.', chosen.length),
    );
    return { inserted: chosen.length, offered: items.length, notes };
  };

  return { insertMergedPRs, insertSubprojectReleases: insertReleases };
}
