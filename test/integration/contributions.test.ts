import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID } from '../../src/constants';
import { addDays, calendarDateIn, formatIsoDate, sundayEndingWeekOf } from '../../src/core/calendar';
import type { AddMeResult } from '../../src/features/authors';
import type { InsertResult, PreviewResult, ShowContributionsResult } from '../../src/features/contributions';
import type { PastIssuesNode } from '../../src/features/pastIssuesView';
import type { PreparePublicationResult } from '../../src/features/preparePublication';
import type { LwkdAuthorApi } from '../../src/lwkdAuthor';
import type { Contributions } from '../../src/services/contributions';
import { FakeGitHub } from '../fakeGitHub/server';
import { runAccepting } from '../util/acceptQuickPick';
import { CONTRIBUTIONS_REPO, seedContributions, writerCopy } from '../util/contributionFixtures';
import { waitFor } from '../util/waitFor';

const folder = (): vscode.Uri => vscode.workspace.workspaceFolders![0]!.uri;
const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
/**
 * A week far ahead, so its edition is the newest and counts as being written, and no other suite
 * (nor a document VS Code keeps open after a suite) uses its file.
 */
const WEEK = addDays(sundayEndingWeekOf(calendarDateIn(new Date(), 'UTC')), 7 * 520);
const POST = (): vscode.Uri => vscode.Uri.joinPath(folder(), '_posts', `${formatIsoDate(WEEK)}-update.md`);
const AUTHORS = (): vscode.Uri => vscode.Uri.joinPath(folder(), 'authors.md');

async function api(): Promise<LwkdAuthorApi> {
  const extension = vscode.extensions.getExtension<LwkdAuthorApi>(EXTENSION_ID)!;
  return extension.isActive ? extension.exports : extension.activate();
}

async function children(node?: PastIssuesNode): Promise<PastIssuesNode[]> {
  return (await (await api()).pastIssues.getChildren(node)) ?? [];
}

async function describe(nodes: PastIssuesNode[]): Promise<string[]> {
  const { pastIssues } = await api();
  return Promise.all(
    nodes.map(async (node) => {
      const item = await pastIssues.getTreeItem(node);
      const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
      return item.description ? `${label} | ${String(item.description)}` : label;
    }),
  );
}

async function editionNode(file: vscode.Uri): Promise<PastIssuesNode> {
  const name = file.path.slice(file.path.lastIndexOf('/') + 1);
  const year = (await children()).find((node) => node.kind === 'year' && node.year === name.slice(0, 4))!;
  const edition = (await children(year)).find((node) => node.kind === 'edition' && node.file === file.toString());
  assert.ok(edition, `the edition ${file.toString()} is in the tree`);
  return edition;
}

async function closeAll(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  for (let i = 0; i < 20 && vscode.window.tabGroups.all.some((group) => group.tabs.length > 0); i++) {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
}

suite('Contributions: what contributors sent for the edition being written', () => {
  let github: FakeGitHub;
  const config = () => vscode.workspace.getConfiguration('lwkd');

  suiteSetup(async () => {
    github = await FakeGitHub.start();
    await seedContributions(github, WEEK);
    await config().update('github.apiUrl', github.url, vscode.ConfigurationTarget.Global);
    await config().update('timeZone', 'UTC', vscode.ConfigurationTarget.Global);
    await vscode.workspace.fs.writeFile(POST(), encode(writerCopy(WEEK)));
    await vscode.workspace.fs.writeFile(AUTHORS(), encode('# List of Authors for LWKD\n\n* *JMB* [Josh Berkus](https://github.com/jberkus)\n'));
    await vscode.commands.executeCommand('lwkd.refreshPastIssues');
  });

  teardown(closeAll);

  suiteTeardown(async () => {
    await vscode.workspace.fs.delete(POST());
    await vscode.workspace.fs.delete(AUTHORS());
    for (const key of ['github.apiUrl', 'timeZone']) {
      await config().update(key, undefined, vscode.ConfigurationTarget.Global);
    }
    await github.close();
  });

  test('the edition being written has a Contributions node: its PRs with how they fit, its News Items; nothing from other weeks', async () => {
    const edition = await editionNode(POST());
    const [first, ...sections] = await children(edition);
    assert.equal(first?.kind, 'contributions');
    assert.ok(sections.every((node) => node.kind === 'section'));
    assert.equal(
      github.requests.filter((request) => request.path.startsWith(`/repos/${CONTRIBUTIONS_REPO}`)).length,
      0,
      'GitHub is asked only once the node opens',
    );
    const rows = await describe(await children(first));
    assert.deepEqual(rows.slice(0, 3), [
      `#501 Dev News ${formatIsoDate(WEEK)}-update.md | alice · applies cleanly`,
      '#502 Add scheduler and promotion items | bob · draft · applies cleanly',
      // The hostile title is one plain line: no escape sequences, the markup shown as text.
      '#505 Dev News ]0;pwned <script>alert(1)</script> {{ site.title }} $(alert) | mallory · conflicts with your copy',
    ]);
    assert.deepEqual(
      rows.slice(3).map((row) => row.split(' | ')[1]),
      ['#601 · Developer News · erin', '#602 · Promotions · frank', '#603 · no section ticked · gina', '#606 · Subprojects and Dependency Updates · mallory'],
    );
    assert.match((await describe([first]))[0]!, /Contributions \| 3 PRs · 4 News Items/);
    const older = (await children(await editionNode(vscode.Uri.joinPath(folder(), '_posts', '2026-11-15-update.md')))).map((node) => node.kind);
    assert.ok(!older.includes('contributions'), 'a past edition has none');
  });

  test('Show Contributions: Enter on a PR previews it against the writer\u2019s copy in a diff editor', async () => {
    await vscode.window.showTextDocument(POST());
    const result = await runAccepting<ShowContributionsResult>('lwkd.showContributions');
    assert.deepEqual(result && { prs: result.prs, newsItems: result.newsItems }, { prs: [501, 502, 505], newsItems: [601, 602, 603, 606] });
    const picked = result?.picked as PreviewResult;
    assert.equal(picked.action, 'preview');
    assert.equal(picked.fit, 'applies');
    assert.equal(picked.left, POST().toString());
    const right = await vscode.workspace.openTextDocument(vscode.Uri.parse(picked.right));
    assert.ok(right.getText().includes('SIG Docs is looking for [new reviewers]'), right.getText());
    assert.equal(right.getText().replace(/\n\nSIG Docs[^\n]*/, ''), writerCopy(WEEK), 'the preview is the copy plus the PR\u2019s lines');
    await waitFor(() => vscode.window.tabGroups.activeTabGroup.activeTab?.input instanceof vscode.TabInputTextDiff, { message: 'the diff editor' });
  });

  test('a conflicting PR still previews its lines, in their section', async () => {
    const picked = await vscode.commands.executeCommand<PreviewResult>('lwkd.previewContribution', { week: formatIsoDate(WEEK), item: 'pr', number: 505 });
    assert.equal(picked?.fit, 'conflicts');
    const right = (await vscode.workspace.openTextDocument(vscode.Uri.parse(picked.right))).getText();
    const developerNews = right.slice(right.indexOf('## Developer News'), right.indexOf('## Release Schedule'));
    assert.ok(developerNews.includes('*MAL*'), developerNews);
  });

  test('a News Item goes in as a stylesheet bullet in its ticked section, remote text made inert; the status bar counts them', async () => {
    const editor = await vscode.window.showTextDocument(POST());
    const inserted = await vscode.commands.executeCommand<InsertResult>('lwkd.insertNewsItem', { week: formatIsoDate(WEEK), item: 'news', number: 606 });
    assert.equal(inserted?.section, 'Subprojects and Dependency Updates');
    const text = editor.document.getText();
    assert.ok(text.includes(`## Subprojects and Dependency Updates\n\n${inserted.bullet}\n`), text);
    // No tag and no brace survive (javascript: is left as text, with its brackets escaped); the render layer builds such lines.
    assert.ok(!/[<{]/.test(inserted.bullet.replace(/&lt;|&#123;/g, '')), inserted.bullet);
    assert.equal(editor.document.lineAt(inserted.line).text, inserted.bullet);
    const { editionStatus } = await api();
    const tooltip = await waitFor(() => (editionStatus.current?.tooltip.includes('3 PRs · 4 News Items') ? editionStatus.current.tooltip : undefined), {
      message: 'the count in the status bar tooltip',
    });
    assert.match(tooltip, /Contributions: 3 PRs · 4 News Items/);
  });

  test('a News Item with nothing ticked asks for a section, then goes there', async () => {
    const editor = await vscode.window.showTextDocument(POST());
    // The picker lists the template's sections in order; Enter takes the first, Developer News.
    const inserted = await runAccepting<InsertResult>('lwkd.insertNewsItem', { week: formatIsoDate(WEEK), item: 'news', number: 603 });
    assert.equal(inserted?.section, 'Developer News');
    assert.equal(inserted.bullet, '* The contributor summit CFP closes Friday. ([k8s.dev/summit](https://k8s.dev/summit))');
    const news = editor.document.getText().split('## Release Schedule')[0]!;
    assert.ok(news.includes(inserted.bullet), news);
  });

  test('a second look costs two free 304s; Prepare Publication lists the News Items used, to close', async () => {
    const before = github.requests.length;
    const again = await vscode.commands.executeCommand<Contributions>('lwkd.refreshContributions', { week: formatIsoDate(WEEK) });
    assert.deepEqual({ requests: again?.requests, notModified: again?.notModified }, { requests: 2, notModified: 2 });
    assert.equal(github.requests.length - before, 2);
    const editor = await vscode.window.showTextDocument(POST());
    // 602's link is already in the edition (PR 502's promotion line, merged by hand): it counts as used.
    await editor.edit((edit) =>
      edit.insert(new vscode.Position(editor.document.lineCount - 1, 0), '\nSee https://github.com/kubernetes/kubernetes/pull/160101\n'),
    );
    const result = await vscode.commands.executeCommand<PreparePublicationResult>('lwkd.preparePublication', { force: true, checklist: false });
    assert.ok(result?.outcome === 'prepared', JSON.stringify(result));
    assert.deepEqual(
      result.newsItems.map((item) => item.number),
      [602, 603, 606],
    );
    assert.equal(result.newsItems[0]!.url, `https://github.com/${CONTRIBUTIONS_REPO}/issues/602`);
    await vscode.workspace.fs.writeFile(POST(), encode(writerCopy(WEEK)));
  });

  test('initials that sign an item: unknown ones are information until Add Me puts them in authors.md; known ones complete', async () => {
    const editor = await vscode.window.showTextDocument(POST());
    const line = editor.document.getText().split('\n').indexOf('* kubectl [explains more](https://github.com/kubernetes/kubernetes/pull/160011)');
    await editor.edit((edit) => edit.insert(new vscode.Position(line, editor.document.lineAt(line).text.length), ' *ZQ*'));
    const unknown = await waitFor(() => vscode.languages.getDiagnostics(POST()).find((diagnostic) => diagnostic.code === 'unknown-initials'), {
      message: 'the unknown-initials diagnostic',
    });
    assert.equal(unknown.severity, vscode.DiagnosticSeverity.Information);
    assert.equal(unknown.range.start.line, line);

    const added = await vscode.commands.executeCommand<AddMeResult>('lwkd.addMeToAuthors', { name: 'Zoe Quinn', login: 'zquinn', initials: 'ZQ' });
    assert.deepEqual(added, { outcome: 'added', line: 3, text: '* *ZQ* [Zoe Quinn](https://github.com/zquinn)', created: false });
    assert.equal(
      new TextDecoder().decode(await vscode.workspace.fs.readFile(AUTHORS())),
      '# List of Authors for LWKD\n\n* *JMB* [Josh Berkus](https://github.com/jberkus)\n* *ZQ* [Zoe Quinn](https://github.com/zquinn)\n',
    );
    await waitFor(() => !vscode.languages.getDiagnostics(POST()).some((diagnostic) => diagnostic.code === 'unknown-initials'), {
      message: 'the diagnostic to go once authors.md lists ZQ',
    });
    const again = await vscode.commands.executeCommand<AddMeResult>('lwkd.addMeToAuthors', { name: 'Zoe Quinn', login: 'zquinn', initials: 'ZZ' });
    assert.deepEqual(again, { outcome: 'listed', initials: 'ZQ' });

    await vscode.window.showTextDocument(POST());
    const signed = vscode.window.activeTextEditor!;
    const end = signed.document.lineAt(line).text.length;
    await signed.edit((edit) => edit.replace(new vscode.Range(line, end - ' *ZQ*'.length, line, end), ' *'));
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      POST(),
      new vscode.Position(line, signed.document.lineAt(line).text.length),
      '*',
    );
    const offered = list.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
    assert.ok(offered.includes('*JMB*') && offered.includes('*ZQ*'), offered.join(', '));
  });
});
