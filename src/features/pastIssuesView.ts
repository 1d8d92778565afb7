import * as vscode from 'vscode';
import { Commands, Views } from '../constants';
import type { IndexedPost } from '../core/postIndex';
import { calendarDateIn } from '../core/calendar';
import { plainLine } from '../core/safeText';
import { isItemSection, plainHeading, sectionLinkCounts } from '../core/sections';
import type { ContributionRows } from '../vscode/contributions';
import { editionBeingWritten } from '../vscode/contributions';
import type { CommandContext } from '../vscode/commands';
import { registerCommand } from '../vscode/commands';
import { Disposable, DisposableStore } from '../vscode/dispose';
import type { PastIssuesIndex } from '../vscode/pastIssuesIndex';

export type PastIssuesNode =
  | { readonly kind: 'year'; readonly id: string; readonly year: string }
  | { readonly kind: 'edition'; readonly id: string; readonly file: string }
  | { readonly kind: 'section'; readonly id: string; readonly file: string; readonly index: number }
  | { readonly kind: 'item'; readonly id: string; readonly file: string; readonly index: number }
  /** What contributors sent for the edition being written (the newest, while it is current). */
  | { readonly kind: 'contributions'; readonly id: string; readonly file: string; readonly week: string }
  | { readonly kind: 'contribution'; readonly id: string; readonly file: string; readonly week: string; readonly item: 'pr' | 'news'; readonly number: number }
  /** Why the contributions node has nothing to show: nothing open, or GitHub could not be read. */
  | { readonly kind: 'contributionNote'; readonly id: string; readonly file: string; readonly message: string };

const UNDATED = 'Undated';

/**
 * Past Issues: years (newest first) → editions → sections → the `###` items of Featured PRs and
 * KEP of the Week. Typing in a post refreshes that edition's node only; a post that appears,
 * disappears or changes year refreshes the tree.
 */
export class PastIssuesTreeProvider extends Disposable implements vscode.TreeDataProvider<PastIssuesNode> {
  private readonly changeEmitter = this._register(new vscode.EventEmitter<PastIssuesNode | undefined>());
  readonly onDidChangeTreeData = this.changeEmitter.event;
  /** Same object per id: VS Code finds a node to refresh by identity. */
  private readonly nodes = new Map<string, PastIssuesNode>();
  /** The year each shown edition was listed under, to tell an edit from a move. */
  private readonly shownYear = new Map<string, string>();

  /** A contribution row's text, worked out when its node's children were read (it needs the writer's copy). */
  private readonly rows = new Map<string, vscode.TreeItem>();
  /** The edition being written, until the index changes. */
  private beingWritten: { readonly file: string | undefined } | undefined;

  constructor(
    private readonly source: PastIssuesIndex,
    private readonly contributions?: ContributionRows,
  ) {
    super();
    if (contributions) {
      this._register(
        contributions.onDidChange((week) => {
          const node = [...this.nodes.values()].find((candidate) => candidate.kind === 'contributions' && candidate.week === week);
          if (node) {
            this.changeEmitter.fire(node);
          }
        }),
      );
    }
    this._register(
      source.onDidChange((change) => {
        this.beingWritten = undefined;
        if (change.rebuilt) {
          this.nodes.clear();
          this.changeEmitter.fire(undefined);
          return;
        }
        for (const file of change.files) {
          const post = source.index.get(file);
          const before = this.shownYear.get(file);
          const node = this.nodes.get(`edition:${file}`);
          if (post && before !== undefined && before === yearOf(post) && node) {
            this.changeEmitter.fire(node);
          } else {
            this.changeEmitter.fire(undefined);
            return;
          }
        }
      }),
    );
  }

  private node<T extends PastIssuesNode>(node: T): T {
    const existing = this.nodes.get(node.id) as T | undefined;
    if (existing) {
      return existing;
    }
    this.nodes.set(node.id, node);
    return node;
  }

  async getChildren(element?: PastIssuesNode): Promise<PastIssuesNode[]> {
    const index = await this.source.ready();
    if (!element) {
      const years = new Set(index.all().map(yearOf));
      return [...years].sort(compareYears).map((year) => this.node({ kind: 'year', id: `year:${year}`, year }));
    }
    switch (element.kind) {
      case 'year':
        return index
          .all()
          .filter((post) => yearOf(post) === element.year)
          .map((post) => {
            this.shownYear.set(post.file, element.year);
            return this.node({ kind: 'edition', id: `edition:${post.file}`, file: post.file });
          });
      case 'edition': {
        const post = index.get(element.file);
        const sections = (post?.sections ?? []).flatMap((section, i) =>
          section.level === 2 ? [this.node({ kind: 'section', id: `section:${element.file}:${i}:${section.title}`, file: element.file, index: i })] : [],
        );
        const week = this.currentWeek(post);
        return week ? [this.node({ kind: 'contributions', id: `contributions:${element.file}`, file: element.file, week }), ...sections] : sections;
      }
      case 'contributions':
        return this.contributionChildren(element);
      case 'contribution':
      case 'contributionNote':
        return [];
      case 'section': {
        const post = index.get(element.file);
        if (!post) {
          return [];
        }
        const items: PastIssuesNode[] = [];
        for (let i = element.index + 1; i < post.sections.length && post.sections[i]!.level === 3; i++) {
          items.push(this.node({ kind: 'item', id: `item:${element.file}:${i}:${post.sections[i]!.title}`, file: element.file, index: i }));
        }
        return items;
      }
      case 'item':
        return [];
    }
  }

  /** The week of `post` when it is the edition being written and contributions are shown. */
  private currentWeek(post: IndexedPost | undefined): string | undefined {
    if (!this.contributions || !post?.weekEnding) {
      return undefined;
    }
    // Asked for every edition row the tree shows: worked out once per change of the index.
    this.beingWritten ??= { file: editionBeingWritten(this.source.index, calendarDateIn(new Date(), this.contributions.timeZone()))?.file };
    return this.beingWritten.file === post.file ? post.weekEnding : undefined;
  }

  private async contributionChildren(element: Extract<PastIssuesNode, { kind: 'contributions' }>): Promise<PastIssuesNode[]> {
    const note = (message: string): PastIssuesNode[] => [
      this.node({ kind: 'contributionNote', id: `note:${element.file}:${message}`, file: element.file, message }),
    ];
    const rows = this.contributions!;
    let read: Awaited<ReturnType<ContributionRows['rows']>>;
    try {
      read = await rows.rows(element.week, element.file);
    } catch (error) {
      return note(vscode.l10n.t('Could not read contributions: {0}', plainLine(error instanceof Error ? error.message : String(error))));
    }
    if (!read.length) {
      return note(vscode.l10n.t('Nothing open for this week in {0}', rows.repo));
    }
    return read.map(({ item, number, treeItem }) => {
      const node = this.node({
        kind: 'contribution',
        id: `contribution:${element.file}:${item}:${number}`,
        file: element.file,
        week: element.week,
        item,
        number,
      });
      this.rows.set(node.id, treeItem);
      return node;
    });
  }

  getTreeItem(element: PastIssuesNode): vscode.TreeItem {
    const index = this.source.index;
    switch (element.kind) {
      case 'contributions': {
        const item = new vscode.TreeItem(vscode.l10n.t('Contributions'), vscode.TreeItemCollapsibleState.Collapsed);
        item.id = element.id;
        item.iconPath = new vscode.ThemeIcon('inbox');
        item.contextValue = 'contributions';
        item.description = this.contributions!.summary(element.week) ?? vscode.l10n.t('open PRs and News Items in {0}', this.contributions!.repo);
        item.tooltip = vscode.l10n.t('What contributors sent for this edition: open PRs against its branch or post, and News Items opened this week');
        return item;
      }
      case 'contribution': {
        const item = this.rows.get(element.id) ?? new vscode.TreeItem(`#${element.number}`);
        item.id = element.id;
        return item;
      }
      case 'contributionNote': {
        const item = new vscode.TreeItem(element.message, vscode.TreeItemCollapsibleState.None);
        item.id = element.id;
        item.iconPath = new vscode.ThemeIcon('info');
        return item;
      }
      case 'year': {
        const item = new vscode.TreeItem(element.year, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = element.id;
        item.contextValue = 'year';
        return item;
      }
      case 'edition': {
        const post = index.get(element.file);
        const uri = vscode.Uri.parse(element.file);
        const label = post?.frontMatter?.title ?? uri.path.split('/').pop() ?? element.file;
        const item = new vscode.TreeItem(
          label,
          post?.sections.some((s) => s.level === 2) || this.currentWeek(post)
            ? vscode.TreeItemCollapsibleState.Collapsed
            : vscode.TreeItemCollapsibleState.None,
        );
        item.id = element.id;
        item.description = post?.weekEnding ?? '';
        item.resourceUri = uri;
        item.contextValue = 'edition';
        item.command = openCommand(uri, 0);
        if (post && post.errors.length > 0) {
          item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
        } else {
          item.iconPath = new vscode.ThemeIcon('book');
        }
        item.tooltip = post ? editionTooltip(post) : undefined;
        return item;
      }
      case 'section': {
        const post = index.get(element.file);
        const section = post?.sections[element.index];
        const hasItems = section !== undefined && isItemSection(section.title) && post!.sections[element.index + 1]?.level === 3;
        const item = new vscode.TreeItem(section?.title ?? '', hasItems ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
        item.id = element.id;
        const count = post ? (sectionLinkCounts(post)[element.index] ?? 0) : 0;
        item.description = count === 0 ? '' : count === 1 ? vscode.l10n.t('1 PR') : vscode.l10n.t('{0} PRs', count);
        item.command = openCommand(vscode.Uri.parse(element.file), section?.line ?? 0);
        item.contextValue = 'section';
        return item;
      }
      case 'item': {
        const section = index.get(element.file)?.sections[element.index];
        const item = new vscode.TreeItem(plainHeading(section?.title ?? ''), vscode.TreeItemCollapsibleState.None);
        item.id = element.id;
        item.tooltip = section?.title;
        item.command = openCommand(vscode.Uri.parse(element.file), section?.line ?? 0);
        item.contextValue = 'item';
        return item;
      }
    }
  }

  getParent(element: PastIssuesNode): PastIssuesNode | undefined {
    const post = element.kind === 'year' ? undefined : this.source.index.get(element.file);
    switch (element.kind) {
      case 'year':
        return undefined;
      case 'contributions':
        return this.node({ kind: 'edition', id: `edition:${element.file}`, file: element.file });
      case 'contribution':
      case 'contributionNote':
        return this.nodes.get(`contributions:${element.file}`);
      case 'edition':
        return post ? this.node({ kind: 'year', id: `year:${yearOf(post)}`, year: yearOf(post) }) : undefined;
      case 'section':
        return this.node({ kind: 'edition', id: `edition:${element.file}`, file: element.file });
      case 'item': {
        let i = element.index;
        while (i > 0 && post?.sections[i]?.level !== 2) {
          i--;
        }
        const section = post?.sections[i];
        return section ? this.node({ kind: 'section', id: `section:${element.file}:${i}:${section.title}`, file: element.file, index: i }) : undefined;
      }
    }
  }
}

function yearOf(post: IndexedPost): string {
  return post.weekEnding?.slice(0, 4) ?? UNDATED;
}

function compareYears(a: string, b: string): number {
  if (a === UNDATED || b === UNDATED) {
    return a === b ? 0 : a === UNDATED ? 1 : -1;
  }
  return b.localeCompare(a);
}

function openCommand(uri: vscode.Uri, line: number): vscode.Command {
  const position = new vscode.Range(line, 0, line, 0);
  return { title: vscode.l10n.t('Open'), command: 'vscode.open', arguments: [uri, { selection: position, preview: true }] };
}

/** Sections and their PR counts; post text is shown as text, never as Markdown. */
function editionTooltip(post: IndexedPost): vscode.MarkdownString {
  const tooltip = new vscode.MarkdownString();
  tooltip.appendMarkdown('**');
  tooltip.appendText(post.frontMatter?.title ?? vscode.workspace.asRelativePath(vscode.Uri.parse(post.file)));
  tooltip.appendMarkdown('**\n\n');
  for (const error of post.errors) {
    tooltip.appendMarkdown('$(warning) ');
    tooltip.appendText(error);
    tooltip.appendMarkdown('\n\n');
  }
  tooltip.supportThemeIcons = true;
  const counts = sectionLinkCounts(post);
  const lines = post.sections.flatMap((section, i) => (section.level === 2 ? [`${section.title}: ${counts[i] ?? 0}`] : []));
  if (lines.length > 0) {
    tooltip.appendMarkdown(`${vscode.l10n.t('Sections and linked PRs')}:\n\n`);
    for (const line of lines) {
      tooltip.appendMarkdown('- ');
      tooltip.appendText(line);
      tooltip.appendMarkdown('\n');
    }
  }
  const total = post.refs.filter((ref) => ref.kind === 'pull').length;
  tooltip.appendMarkdown(`\n${vscode.l10n.t('{0} PR links in all', total)}`);
  return tooltip;
}

export interface PastIssuesViewDeps extends CommandContext {
  readonly index: PastIssuesIndex;
  readonly contributionRows?: ContributionRows;
}

export function registerPastIssuesView(deps: PastIssuesViewDeps): { provider: PastIssuesTreeProvider; disposable: vscode.Disposable } {
  const disposable = new DisposableStore();
  const provider = disposable.add(new PastIssuesTreeProvider(deps.index, deps.contributionRows));
  disposable.add(vscode.window.createTreeView(Views.pastIssues, { treeDataProvider: provider, showCollapseAll: true }));
  disposable.add(
    registerCommand(Commands.refreshPastIssues, deps, async () => {
      await vscode.window.withProgress({ location: { viewId: Views.pastIssues } }, () => deps.index.refresh());
    }),
  );
  return { provider, disposable };
}
