import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { waitFor } from '../util/waitFor';

const folder = (): vscode.Uri => vscode.workspace.workspaceFolders![0]!.uri;
const post = (name: string): vscode.Uri => vscode.Uri.joinPath(folder(), '_posts', name);
const lwkd = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === 'LWKD');
const codes = (uri: vscode.Uri) =>
  lwkd(uri)
    .map((diagnostic) => String(typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code))
    .sort();

const EDITION = `---
layout: post
title: Week Ending Febuary 7, 2027
date: 2027-02-08 04:00:00 -0000
slug: 2027-02-07-update
---

## Other Merges

* The API server gains [an endpoint](https://github.com/kubernetes/kubernetes/pulls/140020).
`;

suite('Style checks in the editor', () => {
  // A week no other suite writes to in the shared workspace.
  const uri = () => post('2027-02-07-update.md');

  suiteSetup(async () => {
    await vscode.workspace.fs.writeFile(uri(), new TextEncoder().encode(EDITION));
  });

  teardown(async () => {
    await vscode.workspace.getConfiguration('lwkd').update('lint.rules', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  suiteTeardown(async () => {
    await vscode.workspace.fs.delete(uri());
  });

  test("an open edition gets the stylesheet's findings as diagnostics", async () => {
    await vscode.window.showTextDocument(uri());
    await waitFor(() => lwkd(uri()).length > 0, { message: 'LWKD diagnostics' });
    assert.deepEqual(codes(uri()), ['bullet-period', 'capitalization', 'pulls-url', 'title-form']);
    const title = lwkd(uri()).find((diagnostic) => diagnostic.code === 'title-form')!;
    assert.equal(title.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(title.range.start.line, 2);
  });

  test('typing updates them', async () => {
    const editor = await vscode.window.showTextDocument(uri());
    await waitFor(() => codes(uri()).includes('bullet-period'), { message: 'the first findings' });
    const line = editor.document.lineAt(9);
    await editor.edit((edit) => edit.delete(new vscode.Range(9, line.text.length - 1, 9, line.text.length)));
    await waitFor(() => !codes(uri()).includes('bullet-period'), { message: 'the period finding to go' });
  });

  test("a quick fix applies the stylesheet's form", async () => {
    const editor = await vscode.window.showTextDocument(uri());
    const diagnostic = await waitFor(() => lwkd(uri()).find((candidate) => candidate.code === 'title-form'), { message: 'the title finding' });
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri(),
      diagnostic.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const fix = actions.find((action) => action.title.startsWith('Set the title'));
    assert.ok(fix?.edit, actions.map((action) => action.title).join(', '));
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(editor.document.lineAt(2).text, 'title: Week Ending February 7, 2027');
    await waitFor(() => !codes(uri()).includes('title-form'), { message: 'the title finding to go' });
  });

  test('"Fix all" fixes every mechanical finding at once', async () => {
    const editor = await vscode.window.showTextDocument(uri());
    await waitFor(() => codes(uri()).length === 4, { message: 'all four findings' });
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri(),
      new vscode.Range(0, 0, 0, 0),
      vscode.CodeActionKind.SourceFixAll.append('lwkd').value,
    );
    const fixAll = actions.find((action) => action.title === 'Fix all auto-fixable LWKD style problems');
    assert.ok(fixAll?.edit);
    assert.ok(await vscode.workspace.applyEdit(fixAll.edit));
    assert.equal(editor.document.lineAt(9).text, '* The APIserver gains [an endpoint](https://github.com/kubernetes/kubernetes/pull/140020)');
    await waitFor(() => codes(uri()).length === 0, { message: 'no findings left' });
  });

  test('a rule can be switched off or re-graded in lwkd.lint.rules', async () => {
    await vscode.window.showTextDocument(uri());
    await waitFor(() => codes(uri()).includes('pulls-url'), { message: 'the findings' });
    await vscode.workspace
      .getConfiguration('lwkd')
      .update('lint.rules', { 'pulls-url': 'off', 'bullet-period': 'error' }, vscode.ConfigurationTarget.Workspace);
    await waitFor(() => !codes(uri()).includes('pulls-url'), { message: 'pulls-url to be off' });
    assert.equal(lwkd(uri()).find((diagnostic) => diagnostic.code === 'bullet-period')?.severity, vscode.DiagnosticSeverity.Error);
  });

  test('Markdown outside the posts folder is not checked', async () => {
    const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder(), 'template.md'));
    await vscode.window.showTextDocument(document);
    await waitFor(() => codes(uri()).length > 0, { message: 'the edition to be checked (control)' });
    assert.deepEqual(codes(document.uri), []);
  });

  test('a PR already linked the week before is reported, naming that edition', async () => {
    const previous = post('2026-11-15-update.md');
    await vscode.window.showTextDocument(previous);
    const covered = await waitFor(() => lwkd(previous).find((diagnostic) => diagnostic.code === 'covered-recently'), {
      message: 'the coverage finding',
      timeoutMs: 20_000,
    });
    assert.equal(covered.range.start.line, 24);
    assert.match(covered.message, /Already linked in "Week Ending November 8, 2026" \(line 24\)/);
  });
});
