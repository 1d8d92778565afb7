import * as vscode from 'vscode';
import { TEMPLATE_SECTIONS } from '../../src/core/sections';
import { waitFor } from '../util/waitFor';
import * as assert from './assert';
import { closeAll, edition, encode, post } from './site';

const lwkd = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === 'LWKD');
const codes = (uri: vscode.Uri) =>
  lwkd(uri)
    .map((diagnostic) => String(typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code))
    .sort();
const labelOf = (item: vscode.CompletionItem | undefined): string | undefined =>
  item ? (typeof item.label === 'string' ? item.label : item.label.label) : undefined;

suite('Writing an edition in the browser', () => {
  const sections = post('2027-07-04-update.md');
  const findings = post('2027-07-11-update.md');

  suiteSetup(async () => {
    await vscode.workspace.fs.writeFile(
      sections,
      encode(
        edition(
          '2027-07-04',
          'July 4, 2027',
          TEMPLATE_SECTIONS.flatMap((section) => [`## ${section}`, '', '', '']),
        ),
      ),
    );
    await vscode.workspace.fs.writeFile(
      findings,
      encode(
        edition('2027-07-11', 'Juyl 11, 2027', [
          '## Other Merges',
          '',
          '* The API server gains [an endpoint](https://github.com/kubernetes/kubernetes/pulls/140020).',
        ]),
      ),
    );
  });

  teardown(closeAll);

  suiteTeardown(async () => {
    await vscode.workspace.fs.delete(sections);
    await vscode.workspace.fs.delete(findings);
  });

  test("completions offer each section's item shape, from the snippets the extension ships", async () => {
    const document = await vscode.workspace.openTextDocument(sections);
    const line = document.getText().split('\n').indexOf('## Promotions') + 2;
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', sections, new vscode.Position(line, 0));
    const promotion = list.items.find((item) => labelOf(item) === 'Promotion');
    assert.ok(promotion, list.items.map(labelOf).join(', '));
    assert.ok(promotion.insertText instanceof vscode.SnippetString);
    assert.match(promotion.insertText.value, /to (Alpha|Beta|GA|\$\{)/);
  });

  test("a section snippet inserts the stylesheet's shape", async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: '' });
    const editor = await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('editor.action.insertSnippet', { langId: 'markdown', name: 'Shoutouts section' });
    await waitFor(() => document.getText().startsWith('## Shoutouts'), { message: 'the snippet' });
    assert.equal(editor.document.lineAt(0).text, '## Shoutouts');
  });

  test("the stylesheet's checks appear as diagnostics, and a quick fix applies its form", async () => {
    const editor = await vscode.window.showTextDocument(findings);
    await waitFor(() => codes(findings).includes('title-form'), { message: 'LWKD diagnostics' });
    assert.ok(codes(findings).includes('pulls-url'), codes(findings).join(', '));
    const diagnostic = lwkd(findings).find((candidate) => candidate.code === 'title-form')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      findings,
      diagnostic.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const fix = actions.find((action) => action.title.startsWith('Set the title'));
    assert.ok(fix?.edit, actions.map((action) => action.title).join(', '));
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(editor.document.lineAt(2).text, 'title: Week Ending July 11, 2027');
    await waitFor(() => !codes(findings).includes('title-form'), { message: 'the title finding to go' });
  });
});
