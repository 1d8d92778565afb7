import * as vscode from 'vscode';
import { Commands } from '../constants';
import type { CalendarDate } from '../core/calendar';
import { calendarDateIn, formatIsoDate, formatLongDate, parseCalendarDate } from '../core/calendar';
import { editionFileName } from '../core/edition';
import type { NewsItem } from '../core/newsItems';
import { newsItemBullet } from '../core/newsItems';
import { MAX_POST_BYTES } from '../core/postFile';
import { literalIcons, plainLine } from '../core/safeText';
import { TEMPLATE_SECTIONS } from '../core/sections';
import type { ContributedPr, Contributions, PrFit } from '../services/contributions';
import { readContributedPr } from '../services/contributions';
import type { CommandContext } from '../vscode/commands';
import { registerCommand } from '../vscode/commands';
import type { ContributionRows, ContributionsSource } from '../vscode/contributions';
import { countsText, editionBeingWritten } from '../vscode/contributions';
import { DisposableStore } from '../vscode/dispose';
import type { PastIssuesIndex } from '../vscode/pastIssuesIndex';
import type { ExtensionSettings } from '../vscode/settings';
import { insertIntoSections } from '../vscode/textEdits';
import type { WorkspaceFiles } from '../vscode/workspaceFiles';

export interface ContributionsDeps extends CommandContext {
  readonly settings: ExtensionSettings;
  readonly index: PastIssuesIndex;
  readonly files: WorkspaceFiles;
  readonly contributions: ContributionsSource;
}

/** A PR or News Item as the tree and the commands name it. */
export interface ContributionRef {
  /** `YYYY-MM-DD` */
  readonly week: string;
  readonly item: 'pr' | 'news';
  readonly number: number;
}

/** For keybindings and tests: the week (default: the active edition's, else the one being written). */
export interface ContributionsArgs {
  readonly week?: string;
  readonly refresh?: boolean;
}

export interface InsertNewsItemArgs extends ContributionRef {
  /** Where it goes when the contributor ticked nothing (else the writer is asked). */
  readonly section?: string;
}

export interface ShowContributionsResult {
  readonly week: string;
  readonly prs: readonly number[];
  readonly newsItems: readonly number[];
  readonly requests: number;
  readonly notModified: number;
  /** What the picked row did. */
  readonly picked?: PreviewResult | InsertResult;
}

export interface PreviewResult {
  readonly action: 'preview';
  readonly number: number;
  readonly fit: PrFit;
  readonly left: string;
  readonly right: string;
}

export interface InsertResult {
  readonly action: 'insert';
  readonly number: number;
  readonly section: string;
  readonly line: number;
  readonly bullet: string;
}

const PREVIEW_SCHEME = 'lwkd-contribution';

export function fitText(fit: PrFit): string {
  switch (fit) {
    case 'applies':
      return vscode.l10n.t('applies cleanly');
    case 'alreadyIn':
      return vscode.l10n.t('already in your copy');
    case 'conflicts':
      return vscode.l10n.t('conflicts with your copy');
    case 'newFile':
      return vscode.l10n.t('adds the post');
    case 'noPatch':
      return vscode.l10n.t('no diff shown by GitHub');
    case 'notThePost':
      return vscode.l10n.t('does not change the post');
  }
}

/** A section as the PR's added lines name it: `''` is the text above the first heading. */
function sectionLabel(section: string): string {
  return section || vscode.l10n.t('(before the first section)');
}

/** `Developer News +1 · Other Merges +2`: where the PR's lines land. */
export function addedSummary(added: ReadonlyArray<{ section: string; lines: readonly string[] }>): string {
  return added.map((group) => `${sectionLabel(group.section)} +${group.lines.length}`).join(' · ');
}

/** A PR row's description, for the tree and the picker: `alice · draft · applies cleanly`. */
function prDescription(pr: ContributedPr, fit: PrFit): string[] {
  return [plainLine(pr.author), ...(pr.draft ? [vscode.l10n.t('draft')] : []), fitText(fit)];
}

/**
 * Contributions for an edition: LWKD: Show Contributions, and the actions of the Past Issues
 * node (open on GitHub, insert a News Item, preview a PR against the writer's copy). The post
 * changes only by an insertion the writer asked for, as one undoable edit.
 */
export function registerContributions(deps: ContributionsDeps): vscode.Disposable {
  const disposables = new DisposableStore();
  const previews = new Map<string, string>();
  const previewChanged = disposables.add(new vscode.EventEmitter<vscode.Uri>());
  disposables.add(
    vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, {
      onDidChange: previewChanged.event,
      provideTextDocumentContent: (uri) => previews.get(uri.toString()) ?? '',
    }),
  );

  /** The edition's week and file: the argument's, the active editor's, or the one being written. */
  const editionFor = async (week?: string): Promise<{ week: CalendarDate; uri?: vscode.Uri; folder?: vscode.WorkspaceFolder } | undefined> => {
    const index = await deps.index.ready();
    let date = week ? parseCalendarDate(week) : undefined;
    if (week && !date) {
      throw new Error(vscode.l10n.t('"{0}" is not a week (YYYY-MM-DD).', week));
    }
    const active = vscode.window.activeTextEditor?.document.uri;
    date ??= active ? deps.index.editionWeek(active) : undefined;
    const today = calendarDateIn(new Date(), deps.settings.timeZone());
    if (!date) {
      const current = editionBeingWritten(index, today);
      date = current?.weekEnding ? parseCalendarDate(current.weekEnding) : undefined;
    }
    if (!date) {
      return undefined;
    }
    const post = index.all().find((candidate) => candidate.weekEnding === formatIsoDate(date));
    const uri = post ? vscode.Uri.parse(post.file) : undefined;
    const folder = uri ? vscode.workspace.getWorkspaceFolder(uri) : undefined;
    return { week: date, ...(uri ? { uri } : {}), ...(folder ? { folder } : {}) };
  };

  const writerText = (uri: vscode.Uri | undefined): Promise<string | undefined> =>
    uri ? deps.files.currentText(uri, MAX_POST_BYTES) : Promise.resolve(undefined);

  const fetch = (week: CalendarDate, refresh: boolean, folder?: vscode.WorkspaceFolder): Thenable<Contributions> =>
    vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Reading contributions from {0}', deps.contributions.repo) },
      () => deps.contributions.get(week, { refresh, ...(folder ? { folder } : {}) }),
    );

  const preview = async (ref: ContributionRef): Promise<PreviewResult | undefined> => {
    const edition = await editionFor(ref.week);
    const pr =
      edition &&
      (deps.contributions.find(edition.week, 'pr', ref.number) ?? (await fetch(edition.week, false, edition.folder)).prs.find((p) => p.number === ref.number));
    if (!edition || !pr) {
      void vscode.window.showWarningMessage(vscode.l10n.t('PR #{0} is not among the open contributions for that week.', ref.number));
      return undefined;
    }
    const copy = await writerText(edition.uri);
    const reading = readContributedPr(pr, copy);
    const name = editionFileName(edition.week);
    const right = vscode.Uri.from({ scheme: PREVIEW_SCHEME, path: `/${formatIsoDate(edition.week)}/${pr.number}/${name}` });
    previews.set(right.toString(), reading.merged ?? copy ?? '');
    previewChanged.fire(right);
    // Without a copy there is nothing to compare with: the left side is empty.
    const left = edition.uri ?? vscode.Uri.from({ scheme: PREVIEW_SCHEME, path: `/${formatIsoDate(edition.week)}/empty/${name}` });
    await vscode.commands.executeCommand('vscode.diff', left, right, vscode.l10n.t('{0} ↔ #{1} ({2})', name, pr.number, fitText(reading.fit)), {
      preview: true,
    });
    return { action: 'preview', number: pr.number, fit: reading.fit, left: left.toString(), right: right.toString() };
  };

  const insert = async (args: InsertNewsItemArgs): Promise<InsertResult | undefined> => {
    const edition = await editionFor(args.week);
    const item =
      edition &&
      (deps.contributions.find(edition.week, 'news', args.number) ??
        (await fetch(edition.week, false, edition.folder)).newsItems.find((n) => n.number === args.number));
    if (!edition || !item) {
      void vscode.window.showWarningMessage(vscode.l10n.t('News Item #{0} is not among the open contributions for that week.', args.number));
      return undefined;
    }
    if (!edition.uri) {
      void vscode.window.showWarningMessage(
        vscode.l10n.t('There is no edition for Week Ending {0} to insert into; make it with LWKD: New Weekly Issue.', formatLongDate(edition.week)),
      );
      return undefined;
    }
    const section = item.section ?? args.section ?? (await pickSection(item));
    if (!section) {
      return undefined;
    }
    const editor =
      vscode.window.activeTextEditor?.document.uri.toString() === edition.uri.toString()
        ? vscode.window.activeTextEditor
        : await vscode.window.showTextDocument(edition.uri, { preview: false });
    const bullet = newsItemBullet(item, section);
    const line = await insertIntoSections(editor, new Map([[section, [bullet]]]));
    if (line === false) {
      throw new Error(vscode.l10n.t('The edition changed while inserting; nothing was inserted.'));
    }
    await deps.contributions.markInserted(edition.week, item);
    void vscode.window.showInformationMessage(
      vscode.l10n.t(
        'Inserted News Item #{0} into {1}. Put each link on the words it belongs to; Prepare Publication lists the item to close.',
        item.number,
        section,
      ),
    );
    return { action: 'insert', number: item.number, section, line, bullet };
  };

  const open = async (ref: ContributionRef | { url: string }): Promise<boolean> => {
    let url: string | undefined;
    if ('url' in ref) {
      url = ref.url;
    } else {
      const week = parseCalendarDate(ref.week);
      url = week ? (ref.item === 'pr' ? deps.contributions.find(week, 'pr', ref.number) : deps.contributions.find(week, 'news', ref.number))?.url : undefined;
    }
    // Only the pages the fetcher vouched for (https, this repository's issue or PR).
    if (!url || !/^https:\/\//.test(url)) {
      return false;
    }
    return vscode.env.openExternal(vscode.Uri.parse(url, true));
  };

  const show = async (args?: ContributionsArgs): Promise<ShowContributionsResult | undefined> => {
    const edition = await editionFor(args?.week);
    if (!edition) {
      void vscode.window.showWarningMessage(
        vscode.l10n.t('Open an edition first, or make this week\u2019s with LWKD: New Weekly Issue: contributions are read for its week.'),
      );
      return undefined;
    }
    const found = await fetch(edition.week, args?.refresh ?? false, edition.folder);
    const summary = {
      week: formatIsoDate(edition.week),
      prs: found.prs.map((pr) => pr.number),
      newsItems: found.newsItems.map((item) => item.number),
      requests: found.requests,
      notModified: found.notModified,
    };
    if (found.failures.length) {
      void vscode.window.showWarningMessage(
        vscode.l10n.t(
          'Some contributions could not be read from {0}: {1}',
          deps.contributions.repo,
          found.failures.map((failure) => failure.message).join(' '),
        ),
      );
    }
    if (!found.prs.length && !found.newsItems.length) {
      void vscode.window.showInformationMessage(
        vscode.l10n.t('No open PRs or News Items for Week Ending {0} in {1}.', formatLongDate(edition.week), deps.contributions.repo),
      );
      return summary;
    }
    const copy = await writerText(edition.uri);
    const picked = await pickContribution(edition.week, found, copy, open);
    if (!picked) {
      return summary;
    }
    const ref = { week: formatIsoDate(edition.week), number: picked.number };
    const result = picked.kind === 'pr' ? await preview({ ...ref, item: 'pr' }) : await insert({ ...ref, item: 'news' });
    return { ...summary, ...(result ? { picked: result } : {}) };
  };

  disposables.add(registerCommand(Commands.showContributions, deps, (args?: ContributionsArgs) => show(args)));
  disposables.add(
    registerCommand(Commands.refreshContributions, deps, async (node?: { week?: string }) => {
      const edition = await editionFor(node?.week);
      return edition ? fetch(edition.week, true, edition.folder) : undefined;
    }),
  );
  disposables.add(registerCommand(Commands.openContribution, deps, (ref: ContributionRef | { url: string }) => open(ref)));
  disposables.add(registerCommand(Commands.insertNewsItem, deps, (args: InsertNewsItemArgs) => insert(args)));
  disposables.add(registerCommand(Commands.previewContribution, deps, (ref: ContributionRef) => preview(ref)));
  return disposables;
}

/** The Past Issues node's rows: each PR and News Item as a tree item, with its actions in the manifest's menus. */
export function contributionRows(deps: ContributionsDeps): ContributionRows {
  return {
    get repo() {
      return deps.contributions.repo;
    },
    onDidChange: deps.contributions.onDidChange,
    timeZone: () => deps.settings.timeZone(),
    summary: (week) => {
      const date = parseCalendarDate(week);
      const found = date && deps.contributions.cached(date);
      return found ? countsText(found) : undefined;
    },
    rows: async (week, file) => {
      const date = parseCalendarDate(week);
      if (!date) {
        return [];
      }
      const uri = vscode.Uri.parse(file);
      const folder = vscode.workspace.getWorkspaceFolder(uri);
      const found = await deps.contributions.get(date, folder ? { folder } : {});
      if (!found.prs.length && !found.newsItems.length && found.failures.length) {
        throw new Error(found.failures.map((failure) => failure.message).join(' '));
      }
      const copy = await deps.files.currentText(uri, MAX_POST_BYTES);
      const ref = (item: 'pr' | 'news', number: number) => ({ week, item, number });
      return [
        ...found.prs.map((pr) => {
          const reading = readContributedPr(pr, copy);
          const treeItem = new vscode.TreeItem(`#${pr.number} ${plainLine(pr.title)}`, vscode.TreeItemCollapsibleState.None);
          treeItem.description = prDescription(pr, reading.fit).join(' · ');
          treeItem.iconPath = new vscode.ThemeIcon(pr.draft ? 'git-pull-request-draft' : 'git-pull-request');
          treeItem.contextValue = 'contributionPr';
          const tooltip = new vscode.MarkdownString();
          tooltip.appendText(`#${pr.number} ${plainLine(pr.title)}\n\n${vscode.l10n.t('into {0}', pr.base)} · ${fitText(reading.fit)}\n\n`);
          for (const group of reading.added) {
            tooltip.appendText(`${sectionLabel(group.section)}:\n`);
            tooltip.appendCodeblock(group.lines.join('\n'), 'markdown');
          }
          treeItem.tooltip = tooltip;
          treeItem.command = { title: vscode.l10n.t('Preview'), command: Commands.previewContribution, arguments: [ref('pr', pr.number)] };
          return { item: 'pr' as const, number: pr.number, treeItem };
        }),
        ...found.newsItems.map((news) => {
          const sentence = plainLine(news.sentence);
          const treeItem = new vscode.TreeItem(sentence.length > 80 ? `${sentence.slice(0, 79)}…` : sentence, vscode.TreeItemCollapsibleState.None);
          treeItem.description = [`#${news.number}`, news.section ?? vscode.l10n.t('no section ticked'), plainLine(news.author)].join(' · ');
          treeItem.iconPath = new vscode.ThemeIcon('issues');
          treeItem.contextValue = 'newsItem';
          const tooltip = new vscode.MarkdownString();
          tooltip.appendText(`${sentence}\n\n${news.links.join('\n')}\n\n${vscode.l10n.t('Ticked: {0}', news.ticked.join(', ') || vscode.l10n.t('nothing'))}`);
          treeItem.tooltip = tooltip;
          return { item: 'news' as const, number: news.number, treeItem };
        }),
      ];
    },
  };
}

async function pickSection(item: NewsItem): Promise<string | undefined> {
  const chosen = await vscode.window.showQuickPick(
    TEMPLATE_SECTIONS.map((section) => ({ label: section })),
    {
      title: vscode.l10n.t('News Item #{0}: no section ticked', item.number),
      placeHolder: vscode.l10n.t('Which section does "{0}" go in?', literalIcons(plainLine(item.sentence)).slice(0, 80)),
    },
  );
  return chosen?.label;
}

interface ContributionPick extends vscode.QuickPickItem {
  readonly contribution?: 'pr' | 'news';
  readonly number?: number;
  readonly url?: string;
}

/** One picker for both kinds; Enter previews a PR or inserts a News Item, the button opens it on GitHub. */
function pickContribution(
  week: CalendarDate,
  found: Contributions,
  copy: string | undefined,
  open: (ref: { url: string }) => Promise<boolean>,
): Promise<{ kind: 'pr' | 'news'; number: number } | undefined> {
  const openButton = { iconPath: new vscode.ThemeIcon('link-external'), tooltip: vscode.l10n.t('Open on GitHub') };
  const prRow = (pr: ContributedPr): ContributionPick => {
    const reading = readContributedPr(pr, copy);
    return {
      label: `$(${pr.draft ? 'git-pull-request-draft' : 'git-pull-request'}) #${pr.number} ${literalIcons(plainLine(pr.title))}`,
      description: prDescription(pr, reading.fit)
        .map((part) => literalIcons(part))
        .join(' · '),
      detail: literalIcons(plainLine(addedSummary(reading.added))) || vscode.l10n.t('no lines added to the post'),
      buttons: [openButton],
      contribution: 'pr',
      number: pr.number,
      url: pr.url,
    };
  };
  const newsRow = (item: NewsItem): ContributionPick => ({
    label: `$(issues) #${item.number} ${literalIcons(plainLine(item.sentence))}`,
    description: [item.section ?? vscode.l10n.t('no section ticked'), plainLine(item.author)].map((part) => literalIcons(part)).join(' · '),
    detail: literalIcons(plainLine(item.links.join('  '))),
    buttons: [openButton],
    contribution: 'news',
    number: item.number,
    url: item.url,
  });
  const separator = (label: string): ContributionPick => ({ label, kind: vscode.QuickPickItemKind.Separator });
  const rows: ContributionPick[] = [
    ...(found.prs.length ? [separator(vscode.l10n.t('Pull requests'))] : []),
    ...found.prs.map(prRow),
    ...(found.newsItems.length ? [separator(vscode.l10n.t('News Items'))] : []),
    ...found.newsItems.map(newsRow),
  ];
  const picker = vscode.window.createQuickPick<ContributionPick>();
  picker.title = vscode.l10n.t('Contributions · Week Ending {0} · {1}', formatLongDate(week), found.repo);
  picker.placeholder = vscode.l10n.t('Enter previews a PR against your copy, or inserts a News Item into its section');
  picker.matchOnDescription = true;
  picker.matchOnDetail = true;
  picker.items = rows;
  return new Promise((resolve) => {
    let chosen: { kind: 'pr' | 'news'; number: number } | undefined;
    picker.onDidTriggerItemButton((event) => {
      if (event.item.url) {
        void open({ url: event.item.url });
      }
    });
    picker.onDidAccept(() => {
      const row = picker.activeItems[0];
      if (row?.number !== undefined && row.contribution) {
        chosen = { kind: row.contribution, number: row.number };
        picker.hide();
      }
    });
    picker.onDidHide(() => {
      picker.dispose();
      resolve(chosen);
    });
    picker.show();
  });
}
