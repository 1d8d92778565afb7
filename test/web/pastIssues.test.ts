import * as vscode from 'vscode';
import type { FindOutcome } from '../../src/features/findInPastIssues';
import type { PastIssuesNode } from '../../src/features/pastIssuesView';
import { waitFor } from '../util/waitFor';
import * as assert from './assert';
import { api, edition, encode, folder, post } from './site';

async function children(node?: PastIssuesNode): Promise<PastIssuesNode[]> {
  return (await (await api()).pastIssues.getChildren(node)) ?? [];
}

async function labels(nodes: PastIssuesNode[]): Promise<string[]> {
  const { pastIssues } = await api();
  return Promise.all(
    nodes.map(async (node) => {
      const item = await pastIssues.getTreeItem(node);
      return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
    }),
  );
}

async function editionsOf(year: string): Promise<string[]> {
  const node = (await children()).find((candidate) => candidate.kind === 'year' && candidate.year === year);
  return node ? labels(await children(node)) : [];
}

suite('Past Issues in the browser', () => {
  test("lists the virtual workspace's editions, newest first, with their sections", async () => {
    const editions = await editionsOf('2026');
    assert.ok(editions.indexOf('Week Ending November 15, 2026') >= 0, editions.join('\n'));
    assert.ok(editions.indexOf('Week Ending November 15, 2026') < editions.indexOf('Week Ending November 8, 2026'), 'newest first');
    const year = (await children()).find((node) => node.kind === 'year' && node.year === '2026')!;
    const nov15 = (await children(year)).find((node) => node.kind === 'edition' && node.file === post('2026-11-15-update.md').toString())!;
    assert.ok((await labels(await children(nov15))).includes('Other Merges'));
  });

  test("an edition written behind VS Code's back appears, through the provider's change events", async () => {
    // Written to the copy the provider serves, not through lwkd-test: only its watcher can tell.
    const served = vscode.Uri.joinPath(folder().with({ scheme: 'vscode-remote' }), '_posts', '2024-02-04-update.md');
    await vscode.workspace.fs.writeFile(served, encode(edition('2024-02-04', 'February 4, 2024', ['## Developer News', '', 'Written elsewhere.'])));
    try {
      await waitFor(async () => (await editionsOf('2024')).includes('Week Ending February 4, 2024'), { message: 'the new edition in the tree' });
    } finally {
      await vscode.workspace.fs.delete(served);
    }
    await waitFor(async () => !(await editionsOf('2024')).includes('Week Ending February 4, 2024'), { message: 'the deleted edition to go' });
  });

  test('Find in Past Issues finds a PR by number and opens the edition at the link', async () => {
    const pending = vscode.commands.executeCommand<FindOutcome>('lwkd.findInPastIssues', { query: '140003' });
    await waitFor(
      async () => {
        await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
        return vscode.window.activeTextEditor?.document.uri.toString() === post('2026-11-15-update.md').toString();
      },
      { message: 'the edition to open' },
    );
    assert.deepEqual(await pending, { uri: post('2026-11-15-update.md').toString(), line: 24 });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
