import * as vscode from 'vscode';
import type { SnippetDefinition, Suggestion } from '../core/completions';
import { suggestCompletions } from '../core/completions';
import { snippetsForTypedPrefix } from '../core/snippetPrefixes';
import type { AuthorsFile } from '../core/authors';
import type { AuthorsIndex } from '../vscode/authors';
import type { CommandContext } from '../vscode/commands';
import type { GitHubItemSource } from '../vscode/githubItems';
import type { PastIssuesIndex } from '../vscode/pastIssuesIndex';

export interface SectionCompletionDeps extends CommandContext {
  readonly index: PastIssuesIndex;
  readonly items: GitHubItemSource;
  /** authors.md, for the initials at the end of an item. */
  readonly authors: AuthorsIndex;
  /** The contributed snippets file, whose shapes the completions offer. */
  readonly snippetsFile: vscode.Uri;
}

function completionKind(kind: Suggestion['kind']): vscode.CompletionItemKind {
  switch (kind) {
    case 'section':
      return vscode.CompletionItemKind.Module;
    case 'title':
      return vscode.CompletionItemKind.Text;
    default:
      return vscode.CompletionItemKind.Snippet;
  }
}

/**
 * Completions in LWKD posts: the section's item shape at the start of a line, the heading shape
 * after `### ` in Featured PRs and KEP of the Week, the missing sections after `## `, and a PR's
 * title from the GitHub cache on a line that links it, and the `lwkd-` snippets as their prefix
 * is typed (Markdown has quick suggestions off, so VS Code would not show them). Sorted before everything else because
 * they are what belongs exactly here.
 */
class SectionCompletionProvider implements vscode.CompletionItemProvider {
  private snippets: Promise<Record<string, SnippetDefinition>> | undefined;

  constructor(private readonly deps: SectionCompletionDeps) {}

  async provideCompletionItems(
    document: vscode.TextDocument,
    position: vscode.Position,
    _token: vscode.CancellationToken,
    context: vscode.CompletionContext,
  ): Promise<vscode.CompletionItem[]> {
    if (!this.deps.index.isPost(document.uri)) {
      return [];
    }
    const snippets = await this.loadSnippets();
    if (context.triggerKind === vscode.CompletionTriggerKind.TriggerCharacter && context.triggerCharacter === '-') {
      // Typing `lwkd-`: the snippets themselves. Only on the trigger, since on Ctrl+Space VS Code's
      // own snippet completions list them already.
      return this.typedSnippets(document.lineAt(position.line).text.slice(0, position.character), position, snippets);
    }
    // Titles come from the cache only; a line with a PR link needs the saved cache loaded first.
    if (document.lineAt(position.line).text.includes('/pull/')) {
      await this.deps.items.ready();
    }
    const suggestions = suggestCompletions({
      text: document.getText(),
      line: position.line,
      character: position.character,
      snippets,
      explicit: context.triggerKind === vscode.CompletionTriggerKind.Invoke,
      cachedTitle: (key) => this.deps.items.describe(key).item?.title,
      authors: (await this.authorsOf(document.uri))?.authors ?? [],
    });
    return suggestions.map((suggestion, i) => {
      const item = new vscode.CompletionItem(suggestion.label, completionKind(suggestion.kind));
      item.detail = suggestion.detail;
      item.insertText = suggestion.snippet ? new vscode.SnippetString(suggestion.insertText) : suggestion.insertText;
      item.range = new vscode.Range(position.line, suggestion.startColumn, position.line, suggestion.endColumn);
      item.filterText = suggestion.filterText;
      item.sortText = `!${i}`;
      item.preselect = i === 0;
      return item;
    });
  }

  /** authors.md, read first if it has not been: the list is short and read once. */
  private async authorsOf(uri: vscode.Uri): Promise<AuthorsFile | undefined> {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    return folder ? this.deps.authors.read(folder) : undefined;
  }

  private typedSnippets(before: string, position: vscode.Position, snippets: Record<string, SnippetDefinition>): vscode.CompletionItem[] {
    return snippetsForTypedPrefix(before, snippets).map((match) => {
      const item = new vscode.CompletionItem({ label: match.prefix, description: match.name }, vscode.CompletionItemKind.Snippet);
      item.insertText = new vscode.SnippetString(match.body);
      item.range = new vscode.Range(position.line, match.startColumn, position.line, position.character);
      item.filterText = match.prefix;
      if (match.description !== undefined) {
        item.documentation = match.description;
      }
      return item;
    });
  }

  private loadSnippets(): Promise<Record<string, SnippetDefinition>> {
    this.snippets ??= (async () => {
      try {
        return JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(this.deps.snippetsFile))) as Record<string, SnippetDefinition>;
      } catch (error) {
        this.deps.logger.warn(`[completions] snippets not read, so no item shapes: ${error instanceof Error ? error.message : String(error)}`);
        return {};
      }
    })();
    return this.snippets;
  }
}

export function registerSectionCompletions(deps: SectionCompletionDeps): vscode.Disposable {
  return vscode.languages.registerCompletionItemProvider({ language: 'markdown' }, new SectionCompletionProvider(deps), '*', ' ', '-');
}
