import * as vscode from 'vscode';
import { Commands } from '../constants';
import type { SearchHit } from '../core/postIndex';
import { searchIndex } from '../core/postIndex';
import type { CommandContext } from '../platform/commands';
import { registerCommand } from '../platform/commands';
import type { PastIssuesIndex } from '../platform/pastIssuesIndex';

export interface FindDeps extends CommandContext {
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
    const update = async (): Promise<void> => {
      const index = await deps.index.ready();
      picker.busy = false;
      const query = picker.value;
      const hits = searchIndex(index, query);
      picker.items = query.trim() === ''
        ? []
        : hits.length === 0
          ? [{ label: vscode.l10n.t('No past edition mentions "{0}"', query), alwaysShow: true }]
          : hits.map((hit) => toItem(hit));
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

function toItem(hit: SearchHit): HitItem {
  const uri = vscode.Uri.parse(hit.post.file);
  const edition = hit.post.frontMatter?.title ?? uri.path.split('/').pop() ?? hit.post.file;
  return {
    // Our own search decides what matches; the picker must not filter the hits again.
    alwaysShow: true,
    label: `${hit.kind === 'reference' ? '$(git-pull-request)' : '$(symbol-string)'} ${hit.text}`,
    description: edition,
    detail: `${vscode.workspace.asRelativePath(uri)}:${hit.line + 1}`,
    hit,
  };
}
