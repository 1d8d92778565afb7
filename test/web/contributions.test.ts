import * as vscode from 'vscode';
import { addDays, calendarDateIn, formatIsoDate, sundayEndingWeekOf } from '../../src/core/calendar';
import type { InsertResult, PreviewResult } from '../../src/features/contributions';
import type { PastIssuesNode } from '../../src/features/pastIssuesView';
import { seedContributions, writerCopy } from '../util/contributionFixtures';
import * as assert from './assert';
import type { RemoteGitHub } from './remoteGitHub';
import { api, closeAll, encode, github, post } from './site';

/** Far ahead: the newest edition, so it is the one being written, and no other suite's week. */
const WEEK = addDays(sundayEndingWeekOf(calendarDateIn(new Date(), 'UTC')), 7 * 520);
const POST = (): vscode.Uri => post(`${formatIsoDate(WEEK)}-update.md`);

async function children(node?: PastIssuesNode): Promise<PastIssuesNode[]> {
  return (await (await api()).pastIssues.getChildren(node)) ?? [];
}

suite('Contributions in the browser', () => {
  let fake: RemoteGitHub;

  suiteSetup(async () => {
    fake = github();
    await seedContributions({ addPull: (repo, pull) => fake.call('addPull', repo, pull), addIssue: (repo, issue) => fake.call('addIssue', repo, issue) }, WEEK);
    await vscode.workspace.getConfiguration('lwkd').update('timeZone', 'UTC', vscode.ConfigurationTarget.Global);
    await vscode.workspace.fs.writeFile(POST(), encode(writerCopy(WEEK)));
    await vscode.commands.executeCommand('lwkd.refreshPastIssues');
  });

  suiteTeardown(async () => {
    await closeAll();
    await vscode.workspace.fs.delete(POST());
    await vscode.workspace.getConfiguration('lwkd').update('timeZone', undefined, vscode.ConfigurationTarget.Global);
  });

  test("the edition being written lists the week's PRs and News Items, read with the browser's fetch", async () => {
    const year = (await children()).find((node) => node.kind === 'year' && node.year === formatIsoDate(WEEK).slice(0, 4))!;
    const edition = (await children(year)).find((node) => node.kind === 'edition' && node.file === POST().toString())!;
    const [contributions] = await children(edition);
    assert.equal(contributions?.kind, 'contributions');
    const rows = (await children(contributions)).map((node) => (node.kind === 'contribution' ? `${node.item}:${node.number}` : node.kind));
    assert.deepEqual(rows, ['pr:501', 'pr:502', 'pr:505', 'news:601', 'news:602', 'news:603', 'news:606']);
    const state = await fake.state();
    assert.ok(
      state.requests.some((request) => request.path === '/repos/kubernetes-sigs/lwkd/pulls/501/files' && request.origin !== undefined),
      'the files were asked for from the browser',
    );
  });

  test('a News Item is inserted, and a PR previewed against the copy, through workspace.fs', async () => {
    await vscode.window.showTextDocument(POST());
    const inserted = await vscode.commands.executeCommand<InsertResult>('lwkd.insertNewsItem', { week: formatIsoDate(WEEK), item: 'news', number: 601 });
    assert.equal(inserted?.section, 'Developer News');
    assert.ok(vscode.window.activeTextEditor!.document.getText().includes(inserted.bullet));
    const preview = await vscode.commands.executeCommand<PreviewResult>('lwkd.previewContribution', { week: formatIsoDate(WEEK), item: 'pr', number: 502 });
    assert.equal(preview?.fit, 'applies');
    const right = await vscode.workspace.openTextDocument(vscode.Uri.parse(preview.right));
    assert.ok(right.getText().includes('* Scheduler [scores nodes faster]'));
  });
});
