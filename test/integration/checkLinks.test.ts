import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PreparePublicationResult } from '../../src/features/preparePublication';
import type { LinkSummary } from '../../src/vscode/linkChecks';
import { FakeGitHub } from '../fakeGitHub/server';
import { FakeSite } from '../fakeSite/server';
import { waitFor } from '../util/waitFor';

const folder = (): vscode.Uri => vscode.workspace.workspaceFolders![0]!.uri;
// A week no other suite writes.
const EDITION = vscode.Uri.joinPath(folder(), '_posts', '2025-05-11-update.md');
const ours = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === 'LWKD links');

suite('Check Links', () => {
  let github: FakeGitHub;
  let site: FakeSite;
  let text: string;
  const config = () => vscode.workspace.getConfiguration('lwkd');

  suiteSetup(async () => {
    github = await FakeGitHub.start();
    github.addPull('kubernetes/kubernetes', { number: 140101, title: 'CPU manager options', author: 'a', labels: [] });
    site = await FakeSite.start();
    await config().update('github.apiUrl', github.url, vscode.ConfigurationTarget.Global);
    text = [
      '---',
      'layout: post',
      'title: Week Ending May 11, 2025',
      'date: 2025-05-12 04:00:00 -0000',
      'slug: 2025-05-11-update',
      '---',
      '',
      '## Developer News',
      '',
      `The [docs](${site.url}/ok) moved [here](${site.url}/old); the [old page](${site.url}/gone) is gone, [this one](${site.url}/busy) is busy.`,
      '',
      '## Other Merges',
      '',
      '* Kubelet gains [CPU manager options](https://github.com/kubernetes/kubernetes/pull/140101)',
      '* The scheduler drops [a flag](https://github.com/kubernetes/kubernetes/pull/149998)',
      '',
    ].join('\n');
    await vscode.workspace.fs.writeFile(EDITION, new TextEncoder().encode(text));
  });

  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  suiteTeardown(async () => {
    await vscode.workspace.fs.delete(EDITION);
    await config().update('github.apiUrl', undefined, vscode.ConfigurationTarget.Global);
    await config().update('links.checkBeforePublishing', false, vscode.ConfigurationTarget.Global);
    await github.close();
    await site.close();
  });

  test('marks broken, moved and uncheckable links where they are; GitHub links are asked of the API', async () => {
    await vscode.window.showTextDocument(EDITION);
    const summary = await vscode.commands.executeCommand<LinkSummary>('lwkd.checkLinks');
    assert.deepEqual({ ...summary, results: summary.results.length }, { checked: 6, broken: 2, moved: 1, unchecked: 1, cancelled: false, results: 6 });
    const found = ours(EDITION)
      .map((diagnostic) => [diagnostic.code, diagnostic.severity, diagnostic.range.start.line] as const)
      .sort();
    assert.deepEqual(found, [
      ['link-broken', vscode.DiagnosticSeverity.Error, 14],
      ['link-broken', vscode.DiagnosticSeverity.Error, 9],
      ['link-moved', vscode.DiagnosticSeverity.Warning, 9],
      ['link-unchecked', vscode.DiagnosticSeverity.Information, 9],
    ]);
    assert.ok(
      github.requests.every((request) => request.path.startsWith('/repos/kubernetes/kubernetes/')),
      'PR links asked of the API',
    );
    assert.ok(
      site.requests.every((request) => !request.path.includes('pull')),
      'and never fetched as pages',
    );
  });

  test('a moved link has a quick fix to its new address; editing clears the marks', async () => {
    const editor = await vscode.window.showTextDocument(EDITION);
    await vscode.commands.executeCommand<LinkSummary>('lwkd.checkLinks');
    const moved = ours(EDITION).find((diagnostic) => diagnostic.code === 'link-moved')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      EDITION,
      moved.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const fix = actions.find((action) => action.title.startsWith('Use the new address'));
    assert.ok(fix?.edit, actions.map((action) => action.title).join(', '));
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.ok(editor.document.lineAt(9).text.includes(`[here](${site.url}/new)`), editor.document.lineAt(9).text);
    await waitFor(() => ours(EDITION).length === 0, { message: 'the marks to go once the edition changed' });
  });

  test('Prepare Publication checks them too, and warns without stopping', async () => {
    await config().update('links.checkBeforePublishing', true, vscode.ConfigurationTarget.Global);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(EDITION), { preview: false });
    const result = await vscode.commands.executeCommand<PreparePublicationResult>('lwkd.preparePublication', { checklist: false, keepDate: true });
    assert.ok(result?.outcome === 'prepared', JSON.stringify(result));
    assert.deepEqual(result.links, { checked: 6, broken: 2, moved: 1, unchecked: 1 });
  });
});
