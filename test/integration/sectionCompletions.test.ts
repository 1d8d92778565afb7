import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { TEMPLATE_SECTIONS } from '../../src/core/sections';
import { FakeGitHub } from '../fakeGitHub/server';
import { waitFor } from '../util/waitFor';

const folder = (): vscode.Uri => vscode.workspace.workspaceFolders![0]!.uri;
// A week no other suite writes.
const EDITION = '_posts/2027-04-04-update.md';
const PR = 'https://github.com/kubernetes/kubernetes/pull/150101';
const UNFETCHED = 'https://github.com/kubernetes/kubernetes/pull/150199';

const TEXT = [
  '---',
  'layout: post',
  'title: Week Ending April 4, 2027',
  'date: 2027-04-04 22:00:00 -0000',
  'slug: 2027-04-04-update',
  '---',
  '',
  ...TEMPLATE_SECTIONS.flatMap((section) => [`## ${section}`, '', '', '']),
  '',
].join('\n');

/** Our suggestions at a position, in the order the suggest widget shows them. */
async function suggestions(uri: vscode.Uri, position: vscode.Position, triggerCharacter?: string): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, position, triggerCharacter);
  const label = (item: vscode.CompletionItem): string => (typeof item.label === 'string' ? item.label : item.label.label);
  return [...list.items].sort((a, b) => (a.sortText ?? label(a)).localeCompare(b.sortText ?? label(b)));
}

const labelOf = (item: vscode.CompletionItem | undefined): string | undefined =>
  item ? (typeof item.label === 'string' ? item.label : item.label.label) : undefined;

suite('Section-aware completions', () => {
  let github: FakeGitHub;
  let uri: vscode.Uri;
  let document: vscode.TextDocument;
  const config = () => vscode.workspace.getConfiguration('lwkd');

  suiteSetup(async () => {
    github = await FakeGitHub.start();
    github.addPull('kubernetes/kubernetes', {
      number: 150101,
      title: 'Promote [PodLifecycleSleepAction] to GA',
      author: 'octo',
      mergedAt: '2027-03-30T10:00:00Z',
      labels: ['kind/feature'],
    });
    github.addPull('kubernetes/kubernetes', { number: 150199, title: 'Never fetched', author: 'octo', mergedAt: '2027-03-30T10:00:00Z', labels: [] });
    // The unfetched PR's request never answers while this suite runs.
    github.fail({ kind: 'hang', path: /150199/ });
    await config().update('github.apiUrl', github.url, vscode.ConfigurationTarget.Global);
    await config().update('github.timeoutMs', 60_000, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('lwkd.refreshGitHubData');
    uri = vscode.Uri.joinPath(folder(), EDITION);
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(TEXT));
    document = await vscode.workspace.openTextDocument(uri);
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(uri);
    await config().update('github.apiUrl', undefined, vscode.ConfigurationTarget.Global);
    await config().update('github.timeoutMs', undefined, vscode.ConfigurationTarget.Global);
    await github.close();
  });

  const lineAfter = (heading: string): number => document.getText().split('\n').indexOf(heading) + 2;

  const expected: Record<string, string> = {
    'Developer News': 'Developer News item',
    'Release Schedule': 'Next Deadline',
    'Featured PRs': 'Featured PR heading',
    'KEP of the Week': 'KEP of the Week heading',
    'Other Merges': 'Merge item',
    Promotions: 'Promotion',
    Deprecated: 'Deprecation',
    'Version Updates': 'Version update',
    'Subprojects and Dependency Updates': 'Subproject release',
    Shoutouts: 'Shoutouts item',
  };
  for (const section of TEMPLATE_SECTIONS) {
    test(`${section}: the first suggestion at the start of a line is the section's item shape`, async () => {
      const items = await suggestions(uri, new vscode.Position(lineAfter(`## ${section}`), 0));
      assert.equal(labelOf(items[0]), expected[section]);
      assert.ok(items[0]!.insertText instanceof vscode.SnippetString);
    });
  }

  test('typing "* " in Promotions brings the promotion line, which expands to the stylesheet\'s form', async () => {
    const editor = await vscode.window.showTextDocument(document);
    const line = lineAfter('## Promotions');
    await editor.edit((edit) => edit.insert(new vscode.Position(line, 0), '* '));
    try {
      const items = await suggestions(uri, new vscode.Position(line, 2), ' ');
      assert.equal(labelOf(items[0]), 'Promotion');
      editor.selection = new vscode.Selection(line, 2, line, 2);
      await editor.insertSnippet(items[0]!.insertText as vscode.SnippetString, items[0]!.range as vscode.Range);
      assert.equal(document.lineAt(line).text, '* [FeatureGate to Alpha](https://github.com/kubernetes/kubernetes/pull/NNNNN)');
    } finally {
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });

  test('after "### " in Featured PRs: the heading shape; after "## ": no section the edition has', async () => {
    const editor = await vscode.window.showTextDocument(document);
    const line = lineAfter('## Featured PRs');
    await editor.edit((edit) => edit.insert(new vscode.Position(line, 0), '### '));
    try {
      assert.equal(labelOf((await suggestions(uri, new vscode.Position(line, 4), ' '))[0]), 'Featured PR heading');
      await editor.edit((edit) => edit.replace(new vscode.Range(line, 0, line, 4), '## '));
      const ours = (await suggestions(uri, new vscode.Position(line, 3), ' ')).filter((item) => item.kind === vscode.CompletionItemKind.Module);
      assert.deepEqual(ours, [], 'every template section is already there');
    } finally {
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });

  test("a PR title from the hover's cache fills the link text; an uncached PR never makes a completion wait", async () => {
    const editor = await vscode.window.showTextDocument(document);
    const line = lineAfter('## Other Merges');
    await editor.edit((edit) => edit.insert(new vscode.Position(line, 0), `* [](${PR}) and [](${UNFETCHED})`));
    try {
      // GitHub is still working on the uncached PR (its request hangs); the completion answers
      // anyway, without a title, while that request is open.
      await waitFor(() => github.requests.some((request) => request.path.endsWith('/150199')), { message: "the edition's prefetch asked for the uncached PR" });
      const unfetchedColumn = document.lineAt(line).text.indexOf(`[](${UNFETCHED}`) + 1;
      const atUnfetched = await suggestions(uri, new vscode.Position(line, unfetchedColumn));
      assert.ok(atUnfetched.length > 0, 'the editor answered');
      assert.deepEqual(
        atUnfetched.filter((item) => labelOf(item) === 'Never fetched' || String(item.detail).includes('#150199')),
        [],
      );
      assert.ok(github.activeRequests > 0, 'the request for the uncached PR is still open');
      // The hover has the other PR (it fetches it if the prefetch has not yet).
      await vscode.commands.executeCommand('vscode.executeHoverProvider', uri, new vscode.Position(line, 10));
      const items = await suggestions(uri, new vscode.Position(line, 3));
      const fill = items.find((item) => labelOf(item) === 'Promote \\[PodLifecycleSleepAction\\] to GA');
      assert.ok(fill, `title offered; got ${items.map(labelOf).join(', ')}`);
      await editor.edit((edit) => edit.replace(fill.range as vscode.Range, fill.insertText as string));
      assert.equal(document.lineAt(line).text, `* [Promote \\[PodLifecycleSleepAction\\] to GA](${PR}) and [](${UNFETCHED})`);
    } finally {
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });

  test('a Markdown file outside the posts folder gets none of this', async () => {
    const other = vscode.Uri.joinPath(folder(), 'completions-notes.md');
    await vscode.workspace.fs.writeFile(other, new TextEncoder().encode('## Promotions\n\n\n'));
    try {
      const items = await suggestions(other, new vscode.Position(2, 0));
      assert.equal(items.filter((item) => labelOf(item) === 'Promotion').length, 0);
    } finally {
      await vscode.workspace.fs.delete(other);
    }
  });

  test('typing lwkd- in an edition offers the snippets; a list dash and other Markdown files do not', async () => {
    const edit = new vscode.WorkspaceEdit();
    const line = lineAfter('## Shoutouts');
    edit.insert(uri, new vscode.Position(line, 0), 'lwkd-');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const offered = (await suggestions(uri, new vscode.Position(line, 'lwkd-'.length), '-')).map(labelOf);
    assert.ok(offered.includes('lwkd-shoutouts') && offered.includes('lwkd-merge'), offered.join(', '));
    assert.ok(
      offered.every((label) => label?.startsWith('lwkd-')),
      offered.join(', '),
    );

    const dash = new vscode.WorkspaceEdit();
    dash.replace(uri, new vscode.Range(line, 0, line, 'lwkd-'.length), '-');
    assert.ok(await vscode.workspace.applyEdit(dash));
    assert.deepEqual(
      (await suggestions(uri, new vscode.Position(line, 1), '-')).map(labelOf).filter((label) => label?.startsWith('lwkd-')),
      [],
    );

    const notes = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'lwkd-' });
    assert.deepEqual(
      (await suggestions(notes.uri, new vscode.Position(0, 5), '-')).map(labelOf).filter((label) => label?.startsWith('lwkd-')),
      [],
    );
    const undo = new vscode.WorkspaceEdit();
    undo.delete(uri, new vscode.Range(line, 0, line, 1));
    assert.ok(await vscode.workspace.applyEdit(undo));
  });
});
