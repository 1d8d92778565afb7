import * as vscode from 'vscode';
import { Commands } from '../constants';
import { formatIsoDate } from '../core/calendar';
import type { GitHubRef } from '../core/githubRefs';
import { findGitHubRefs } from '../core/githubRefs';
import { renderHover, webBaseFor } from '../core/hoverMarkdown';
import type { CoveredIn } from '../core/hoverMarkdown';
import { refKey } from '../core/postIndex';
import type { ItemKey } from '../core/pullRequests';
import { resolveGitHubEndpoints } from '../core/githubApi';
import type { CommandContext } from '../vscode/commands';
import { registerCommand } from '../vscode/commands';
import { KeyedDebouncer } from '../vscode/debouncer';
import { DisposableStore } from '../vscode/dispose';
import type { GitHubItemSource } from '../vscode/githubItems';
import type { PastIssuesIndex } from '../vscode/pastIssuesIndex';
import type { ExtensionSettings } from '../vscode/settings';

export interface GitHubHoverDeps extends CommandContext {
  readonly settings: ExtensionSettings;
  readonly items: GitHubItemSource;
  readonly index: PastIssuesIndex;
}

/** Typing pauses this long before an edition's links are fetched together. */
const PREFETCH_DEBOUNCE_MS = 500;

interface HoverTarget {
  readonly key: ItemKey;
  readonly kind: 'pull' | 'issue';
  readonly range: vscode.Range;
}

/**
 * Hovering a GitHub reference in Markdown shows the PR or issue as GitHub has it, where LWKD
 * already covered it, and, when GitHub cannot answer, why, in one line. Nothing here shows a
 * notification; details go to the log.
 */
export class GitHubHoverProvider implements vscode.HoverProvider {
  constructor(private readonly deps: GitHubHoverDeps) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    const target = findTarget(document, position, this.deps.settings.githubDefaultRepo);
    if (!target) {
      return undefined;
    }
    const controller = new AbortController();
    const subscription = token.onCancellationRequested(() => controller.abort());
    try {
      const lookup = await this.deps.items.lookup(target.key, target.kind, controller.signal);
      if (token.isCancellationRequested) {
        return undefined;
      }
      const endpoints = resolveGitHubEndpoints(this.deps.settings.githubApiUrl);
      const webBase = 'kind' in endpoints ? 'https://github.com' : webBaseFor(endpoints.rest);
      const markdown = new vscode.MarkdownString(
        renderHover({
          key: target.key,
          refKind: target.kind,
          ...(lookup.item ? { item: lookup.item } : {}),
          ...(lookup.notFound ? { notFound: true } : {}),
          ...(lookup.failure ? { problem: lookup.failure.message } : {}),
          ...(lookup.staleSince ? { staleSince: lookup.staleSince } : {}),
          coveredIn: this.coveredIn(target, document),
          webBase,
          openCommand: Commands.openLocation,
        }),
        true,
      );
      // Remote text is escaped by renderHover; HTML stays off and only our command may run.
      markdown.supportHtml = false;
      markdown.isTrusted = { enabledCommands: [Commands.openLocation] };
      return new vscode.Hover(markdown, target.range);
    } finally {
      subscription.dispose();
    }
  }

  /** Other editions that link the same thing, later ones marked; only when the index exists (never built here). */
  private coveredIn(target: HoverTarget, document: vscode.TextDocument): CoveredIn[] {
    if (!this.deps.index.isBuilt) {
      void this.deps.index.ready();
      return [];
    }
    const current = document.uri.toString();
    const week = this.deps.index.editionWeek(document.uri);
    const reading = week ? formatIsoDate(week) : undefined;
    const key = refKey({ kind: target.kind, ...target.key });
    return this.deps.index.index
      .occurrences(key)
      .filter(({ post }) => post.file !== current)
      .map(({ post, ref }) => ({
        title: post.frontMatter?.title ?? vscode.workspace.asRelativePath(vscode.Uri.parse(post.file)),
        uri: post.file,
        line: ref.line,
        ...(reading !== undefined && post.weekEnding !== undefined && post.weekEnding > reading ? { later: true } : {}),
      }));
  }
}

/** The reference under the cursor: any form the index knows, or `#N` in a Featured PR heading. */
export function findTarget(document: vscode.TextDocument, position: vscode.Position, defaultRepo: { owner: string; repo: string }): HoverTarget | undefined {
  const line = document.lineAt(position.line).text;
  if (!line.includes('#') && !line.includes('://')) {
    return undefined;
  }
  const refs = findGitHubRefs(line);
  const ref = refs.find((candidate) => candidate.column <= position.character && position.character <= candidate.endColumn);
  if (ref) {
    return toTarget(ref, position.line);
  }
  // `### [#111090: Title](https://github.com/o/r/pull/111090)`: the bare number means the linked PR.
  const heading = /^###\s+\[(#?(\d+))[:\]]/.exec(line);
  if (heading) {
    const start = line.indexOf(heading[1]!);
    const end = start + heading[1]!.length;
    if (position.character >= start && position.character <= end) {
      const number = Number(heading[2]);
      const linked = refs.find((candidate) => candidate.number === number && candidate.kind !== 'kep');
      const key = linked ? { owner: linked.owner, repo: linked.repo, number } : { ...defaultRepo, number };
      return { key, kind: 'pull', range: new vscode.Range(position.line, start, position.line, end) };
    }
  }
  return undefined;
}

function toTarget(ref: GitHubRef, line: number): HoverTarget {
  // A KEP is tracked by its issue in kubernetes/enhancements.
  const kind = ref.kind === 'pull' ? 'pull' : 'issue';
  return { key: { owner: ref.owner, repo: ref.repo, number: ref.number }, kind, range: new vscode.Range(line, ref.column, line, ref.endColumn) };
}

export function registerGitHubHover(deps: GitHubHoverDeps): vscode.Disposable {
  const disposables = new DisposableStore();
  const debouncer = disposables.add(new KeyedDebouncer(PREFETCH_DEBOUNCE_MS));
  const prefetch = (document: vscode.TextDocument): void => {
    if (document.languageId !== 'markdown' || !deps.index.isPost(document.uri)) {
      return;
    }
    debouncer.run(document.uri.toString(), () => {
      const refs = findGitHubRefs(document.getText())
        .filter((ref) => ref.kind !== 'kep' && !ref.malformed)
        .map((ref) => toTarget(ref, ref.line));
      void deps.items.prefetch(refs);
    });
  };
  vscode.workspace.textDocuments.forEach(prefetch);
  disposables.add(vscode.languages.registerHoverProvider({ language: 'markdown' }, new GitHubHoverProvider(deps)));
  disposables.add(vscode.workspace.onDidOpenTextDocument(prefetch));
  disposables.add(vscode.workspace.onDidChangeTextDocument((event) => prefetch(event.document)));
  disposables.add(
    registerCommand(Commands.openLocation, deps, async (uri: unknown, line: unknown) => {
      if (typeof uri !== 'string' || typeof line !== 'number' || !Number.isInteger(line) || line < 0) {
        return;
      }
      const position = new vscode.Position(line, 0);
      await vscode.window.showTextDocument(vscode.Uri.parse(uri), { selection: new vscode.Range(position, position) });
    }),
  );
  disposables.add(
    registerCommand(Commands.refreshGitHubData, deps, async () => {
      await deps.items.refresh();
      vscode.window.setStatusBarMessage(vscode.l10n.t('GitHub data will be fetched again'), 3_000);
    }),
  );
  return disposables;
}
