import * as vscode from 'vscode';
import { Commands } from '../constants';
import type { SearchHit } from '../core/postIndex';
import { MAX_POST_BYTES } from '../core/postFile';
import { searchIndex } from '../core/postIndex';
import { literalIcons } from '../core/safeText';
import { lineSummary } from '../core/sections';
import type { CommandContext } from '../vscode/commands';
import { registerCommand } from '../vscode/commands';
import type { PastIssuesIndex } from '../vscode/pastIssuesIndex';
import type { WorkspaceFiles } from '../vscode/workspaceFiles';

export interface FindDeps extends CommandContext {
  readonly files: WorkspaceFiles;
  readonly index: PastIssuesIndex;
}

export interface FindArgs {
  /** Starts the search with this text. */
  readonly query?: string;
}

/** Where the writer went, for `executeCommand` callers. */
export type FindOutcome = { readonly uri: string; readonly line: number } | undefined;

interface HitItem extends vscode.QuickPickItem {
  readonly hit?: SearchHit;
}

/**
 * LWKD: Find in Past Issues. A PR number, a PR or KEP URL, a KEP (`KEP-4009`, `4009`) or words
 * in headings; every hit names its edition and line and opens there.
 */
export function registerFindInPastIssues(deps: FindDeps): vscode.Disposable {
  return registerCommand(Commands.findInPastIssues, deps, async (args?: FindArgs): Promise<FindOutcome> => {
    const picker = vscode.window.createQuickPick<HitItem>();
    picker.title = vscode.l10n.t('Find in Past Issues');
    picker.placeholder = vscode.l10n.t('PR number, PR or KEP link, KEP-4009, or words in headings');
    picker.matchOnDescription = false;
    picker.busy = !deps.index.isBuilt;
    picker.value = args?.query ?? '';
    // The rows show each hit's line as the reader sees it; the index keeps no texts, so the
    // editions with hits are read once per search session.
    const texts = new Map<string, Promise<readonly string[]>>();
    const linesOf = (file: string): Promise<readonly string[]> => {
      let lines = texts.get(file);
      if (!lines) {
        lines = deps.files.currentText(vscode.Uri.parse(file), MAX_POST_BYTES).then(
          (text) => text?.split(/\r?\n/) ?? [],
          () => [],
        );
        texts.set(file, lines);
      }
      return lines;
    };
    const update = async (): Promise<void> => {
      const index = await deps.index.ready();
      picker.busy = false;
      const query = picker.value;
      const hits = searchIndex(index, query);
      const lines = new Map(await Promise.all([...new Set(hits.map((hit) => hit.post.file))].map(async (file) => [file, await linesOf(file)] as const)));
      if (picker.value !== query) {
        return; // a later keystroke's update shows its own hits
      }
      picker.items =
        query.trim() === ''
          ? []
          : hits.length === 0
            ? [{ label: vscode.l10n.t('No past edition mentions "{0}"', query), alwaysShow: true }]
            : hits.map((hit) => toItem(hit, lines.get(hit.post.file)?.[hit.line]));
    };
    const result = new Promise<FindOutcome>((resolve) => {
      let chosen = false;
      picker.onDidChangeValue(() => void update());
      picker.onDidAccept(async () => {
        const hit = picker.selectedItems[0]?.hit;
        if (!hit) {
          return;
        }
        // Hiding fires onDidHide at once: the choice must be on record before that.
        chosen = true;
        picker.hide();
        const uri = vscode.Uri.parse(hit.post.file);
        const position = new vscode.Position(hit.line, hit.column);
        await vscode.window.showTextDocument(uri, { selection: new vscode.Range(position, position) });
        resolve({ uri: hit.post.file, line: hit.line });
      });
      picker.onDidHide(() => {
        picker.dispose();
        if (!chosen) {
          resolve(undefined);
        }
      });
    });
    picker.show();
    await update();
    return result;
  });
}

function toItem(hit: SearchHit, line: string | undefined): HitItem {
  const uri = vscode.Uri.parse(hit.post.file);
  const edition = hit.post.frontMatter?.title ?? uri.path.split('/').pop() ?? hit.post.file;
  // The item's words first; the reference as written (often a bare URL) is the detail.
  const summary = line === undefined ? '' : lineSummary(line);
  return {
    // Our own search decides what matches; the picker must not filter the hits again.
    alwaysShow: true,
    label: `${hit.kind === 'reference' ? '$(git-pull-request)' : '$(symbol-string)'} ${literalIcons(summary || hit.text)}`,
    description: edition,
    detail: `${hit.kind === 'reference' && summary ? `${literalIcons(hit.text)} · ` : ''}${vscode.workspace.asRelativePath(uri)}:${hit.line + 1}`,
    hit,
  };
}
