import * as vscode from 'vscode';
import type { InsertOutcome } from '../../src/features/weeklyMaterial';
import * as assert from './assert';
import type { RemoteGitHub } from './remoteGitHub';
import { edition, encode, github, post } from './site';
import { runAccepting } from '../util/acceptQuickPick';

const EDITION = post('2027-08-22-update.md');
const TEXT = edition('2027-08-22', 'August 22, 2027', [
  '## Developer News',
  '',
  'News.',
  '',
  '## Other Merges',
  '',
  '*',
  '',
  '## Subprojects and Dependency Updates',
  '',
  '*',
  '',
  '## Shoutouts',
  '',
  'Thanks.',
]);

suite("The week's merged PRs and releases in the browser", () => {
  let fake: RemoteGitHub;
  const config = () => vscode.workspace.getConfiguration('lwkd');

  suiteSetup(async () => {
    fake = github();
    await fake.call('addPull', 'kubernetes/kubernetes', {
      number: 180001,
      title: 'Kubelet reports image pull progress',
      author: 'dev',
      mergedAt: '2027-08-18T15:00:00Z',
      labels: ['kind/feature', 'release-note'],
    });
    await fake.call('addPull', 'kubernetes/kubernetes', {
      number: 180002,
      title: 'Merged the week before',
      author: 'dev',
      mergedAt: '2027-08-14T12:00:00Z',
      labels: ['kind/feature'],
    });
    await fake.call('addRelease', 'cri-o/cri-o', {
      tag: 'v1.35.1',
      publishedAt: '2027-08-19T10:00:00Z',
      body: '## Changes\n* Fix the seccomp default (#9001)',
    });
    await config().update('releases.repos', ['cri-o/cri-o'], vscode.ConfigurationTarget.Global);
    await vscode.workspace.fs.writeFile(EDITION, encode(TEXT));
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.workspace.fs.delete(EDITION);
    await config().update('releases.repos', undefined, vscode.ConfigurationTarget.Global);
  });

  test("Insert Merged PRs puts the week's merged PR into Other Merges, as one edit", async () => {
    const document = await vscode.workspace.openTextDocument(EDITION);
    await vscode.window.showTextDocument(document);
    const outcome = await runAccepting<InsertOutcome>('lwkd.insertMergedPRs');
    assert.deepEqual(outcome, { inserted: 1, offered: 1, notes: [] });
    const searches = (await fake.state()).requests
      .filter((request) => request.path === '/search/issues')
      .map((request) => new URLSearchParams(request.query).get('q') ?? '');
    assert.ok(
      searches.some((q) => /merged:2027-08-16T00:00:00Z\.\.2027-08-22T23:59:59Z/.test(q)),
      searches.join('\n'),
    );
    const section = document.getText().split('## Other Merges\n')[1]!.split('\n## ')[0]!.trim();
    assert.equal(section, '* [Kubelet reports image pull progress](https://github.com/kubernetes/kubernetes/pull/180001)');
  });

  test('Insert Subproject Releases puts the release line under its section', async () => {
    const document = await vscode.workspace.openTextDocument(EDITION);
    await vscode.window.showTextDocument(document);
    const outcome = await runAccepting<InsertOutcome>('lwkd.insertSubprojectReleases');
    assert.equal(outcome?.inserted, 1);
    const section = document.getText().split('## Subprojects and Dependency Updates\n')[1]!.split('\n## ')[0]!.trim();
    assert.equal(section, '* [cri-o v1.35.1](https://github.com/cri-o/cri-o/releases/tag/v1.35.1): Fix the seccomp default');
  });
});
