import * as vscode from 'vscode';
import type { NewWeeklyIssueResult } from '../../src/features/newWeeklyIssue';
import * as assert from './assert';
import { closeAll, exists, folder, post, readText } from './site';

function newIssue(args: Record<string, unknown>): Thenable<NewWeeklyIssueResult> {
  return vscode.commands.executeCommand<NewWeeklyIssueResult>('lwkd.newWeeklyIssue', args);
}

suite('New Weekly Issue in the browser', () => {
  const created: vscode.Uri[] = [];

  teardown(async () => {
    await closeAll();
    await vscode.workspace.getConfiguration('lwkd').update('templatePath', undefined, vscode.ConfigurationTarget.Workspace);
  });

  suiteTeardown(async () => {
    for (const uri of created) {
      await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
    }
  });

  test("creates the week's edition from template.md through workspace.fs, makes no branch, and says so once", async () => {
    const target = post('2027-06-06-update.md');
    created.push(target);
    const result = await newIssue({ weekEnding: '2027-06-06', createBranch: 'always' });
    assert.deepEqual(result, { outcome: 'created', uri: target.toString(), toldNoBranch: true });
    assert.match(
      await readText(target),
      /^---\nlayout: post\ntitle: Week Ending June 6, 2027\ndate: 2027-06-06 22:00:00 -0000\nslug: 2027-06-06-update\n---\n/,
    );
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.toString(), target.toString());
    assert.equal(editor.document.lineAt(editor.selection.active.line - 1).text, '## Developer News');

    // The next edition is made without the notice.
    const next = post('2027-06-13-update.md');
    created.push(next);
    assert.deepEqual(await newIssue({ weekEnding: '2027-06-13', createBranch: 'ask' }), { outcome: 'created', uri: next.toString() });
  });

  test('leaves no temporary file beside the edition, and opens an existing one instead of overwriting it', async () => {
    const names = (await vscode.workspace.fs.readDirectory(vscode.Uri.joinPath(folder(), '_posts'))).map(([name]) => name);
    assert.deepEqual(
      names.filter((name) => name.startsWith('.')),
      [],
    );
    const existing = post('2026-11-15-update.md');
    const before = await readText(existing);
    const result = await newIssue({ weekEnding: '2026-11-15' });
    assert.deepEqual(result, { outcome: 'exists', uri: existing.toString() });
    assert.equal(await readText(existing), before);
  });

  test('refuses a linked template, which a virtual workspace cannot show to stay inside, and writes nothing', async () => {
    // The runner linked linked-template.md to a file outside the folder.
    const linked = await vscode.workspace.fs.stat(vscode.Uri.joinPath(folder(), 'linked-template.md'));
    assert.ok(linked.type & vscode.FileType.SymbolicLink, 'the provider reports the link');
    await vscode.workspace.getConfiguration('lwkd').update('templatePath', 'linked-template.md', vscode.ConfigurationTarget.Workspace);
    const result = await newIssue({ weekEnding: '2027-06-20' });
    assert.equal(result, undefined, 'the command failed with a message');
    assert.equal(await exists(post('2027-06-20-update.md')), false);
    // The same week with the site's own template is made: the link was the refusal.
    await vscode.workspace.getConfiguration('lwkd').update('templatePath', undefined, vscode.ConfigurationTarget.Workspace);
    created.push(post('2027-06-20-update.md'));
    assert.equal((await newIssue({ weekEnding: '2027-06-20' }))?.outcome, 'created');
  });
});
