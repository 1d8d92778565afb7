import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID } from '../../src/constants';
import type { LwkdAuthorApi } from '../../src/lwkdAuthor';
import type { PastIssuesNode } from '../../src/features/pastIssuesView';
import type { FindOutcome } from '../../src/features/findInPastIssues';
import { waitFor } from '../util/waitFor';

const folder = (): vscode.Uri => vscode.workspace.workspaceFolders![0]!.uri;
const post = (name: string): vscode.Uri => vscode.Uri.joinPath(folder(), '_posts', name);

async function tree(): Promise<vscode.TreeDataProvider<PastIssuesNode>> {
  const extension = vscode.extensions.getExtension<LwkdAuthorApi>(EXTENSION_ID)!;
  const api = extension.isActive ? extension.exports : await extension.activate();
  return api.pastIssues;
}

async function labels(nodes: PastIssuesNode[]): Promise<string[]> {
  const provider = await tree();
  return Promise.all(
    nodes.map(async (node) => {
      const item = await provider.getTreeItem(node);
      const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
      return item.description ? `${label} | ${String(item.description)}` : label;
    }),
  );
}

async function children(node?: PastIssuesNode): Promise<PastIssuesNode[]> {
  return (await (await tree()).getChildren(node)) ?? [];
}

async function editionsOf(year: string): Promise<string[]> {
  const years = await children();
  const node = years.find((candidate) => candidate.kind === 'year' && candidate.year === year);
  return node ? labels(await children(node)) : [];
}

suite('Past Issues tree', () => {
  test('years newest first, then editions titled, with their week as description', async () => {
    const years = await labels(await children());
    assert.ok(years.includes('2026'), years.join());
    assert.deepEqual(years, [...years].sort().reverse(), 'newest year first');
    const editions = await editionsOf('2026');
    assert.ok(editions.includes('Week Ending November 15, 2026 | 2026-11-15'), editions.join('\n'));
    assert.ok(editions.indexOf('Week Ending November 15, 2026 | 2026-11-15') < editions.indexOf('Week Ending November 8, 2026 | 2026-11-08'), 'newest first');
  });

  test('an edition lists its sections with PR counts; Featured PRs and KEP of the Week list their items', async () => {
    const year = (await children()).find((node) => node.kind === 'year' && node.year === '2026')!;
    const editions = await children(year);
    const nov8 = editions.find((node) => node.kind === 'edition' && node.file === post('2026-11-08-update.md').toString())!;
    const sections = await children(nov8);
    assert.deepEqual(await labels(sections), ['Developer News', 'Release Schedule', 'Featured PRs | 2 PRs', 'Other Merges | 1 PR', 'Shoutouts']);
    const featured = sections[2]!;
    assert.deepEqual(await labels(await children(featured)), ['#140001: Example feature for the fixture']);
    const item = await (await tree()).getTreeItem((await children(featured))[0]!);
    assert.equal(item.command?.command, 'vscode.open');
    assert.equal((item.command?.arguments?.[1] as { selection: vscode.Range }).selection.start.line, 17);
  });

  test('a new post on disk appears; deleting it removes it (file watcher)', async () => {
    const uri = post('2025-06-01-update.md');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('---\ntitle: Week Ending June 1, 2025\n---\n\n## Developer News\n'));
    await waitFor(async () => (await editionsOf('2025')).includes('Week Ending June 1, 2025 | 2025-06-01'), { message: 'the 2025 edition to appear' });
    await vscode.workspace.fs.delete(uri);
    await waitFor(async () => !(await labels(await children())).includes('2025'), { message: 'the 2025 year to disappear' });
  });

  test('unsaved edits update the edition; closing without saving restores the disk version', async () => {
    const uri = post('2026-11-15-update.md');
    const document = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(document);
    await editor.edit((edit) => edit.replace(document.lineAt(2).range, 'title: Week Ending November 15, 2026 (draft)'));
    await waitFor(async () => (await editionsOf('2026')).includes('Week Ending November 15, 2026 (draft) | 2026-11-15'), {
      message: 'the unsaved title in the tree',
    });
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await waitFor(async () => (await editionsOf('2026')).includes('Week Ending November 15, 2026 | 2026-11-15'), {
      message: 'the saved title back in the tree',
    });
  });

  test('a post with broken front matter is listed with a warning icon and the reason', async () => {
    const uri = post('2026-10-04-update.md');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('---js\n{ title: "x" }\n---\n## Developer News\n'));
    try {
      const provider = await tree();
      const node = await waitFor(
        async () => {
          const year = (await children()).find((candidate) => candidate.kind === 'year' && candidate.year === '2026');
          return (year ? await children(year) : []).find((candidate) => candidate.kind === 'edition' && candidate.file === uri.toString());
        },
        { message: 'the broken post in the tree' },
      );
      // The watcher may see the file created empty first; wait for the written content.
      const item = await waitFor(
        async () => {
          const candidate = await provider.getTreeItem(node);
          // appendText keeps spaces as &nbsp;
          const text = ((candidate.tooltip as vscode.MarkdownString | undefined)?.value ?? '').replace(/&nbsp;/g, ' ');
          return /never evaluated/.test(text) && text.includes('_posts/2026-10-04-update.md') ? candidate : undefined;
        },
        { message: 'the reason in the tooltip' },
      );
      assert.equal((item.iconPath as vscode.ThemeIcon).id, 'warning');
    } finally {
      await vscode.workspace.fs.delete(uri);
    }
  });
});

suite('Find in Past Issues', () => {
  test('finds a PR by number and opens the edition at the link', async () => {
    const pending = vscode.commands.executeCommand<FindOutcome>('lwkd.findInPastIssues', { query: '140003' });
    // The quick pick shows the newest edition first; accept it as a writer pressing Enter would.
    await waitFor(
      async () => {
        await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
        return vscode.window.activeTextEditor?.document.uri.toString() === post('2026-11-15-update.md').toString();
      },
      { message: 'the edition to open' },
    );
    const outcome = await pending;
    assert.deepEqual(outcome, { uri: post('2026-11-15-update.md').toString(), line: 24 });
    assert.equal(vscode.window.activeTextEditor?.selection.active.line, 24);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
