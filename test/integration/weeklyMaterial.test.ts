import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { InsertOutcome } from '../../src/features/weeklyMaterial';
import { FakeGitHub } from '../fakeGitHub/server';
import { runAccepting } from '../util/acceptQuickPick';

const folder = (): vscode.Uri => vscode.workspace.workspaceFolders![0]!.uri;
const post = (name: string): vscode.Uri => vscode.Uri.joinPath(folder(), '_posts', name);
const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

// Weeks no other suite writes.
const EDITION = '2027-05-02-update.md';
const EARLIER = '2027-04-25-update.md';

const edition = (week: string, title: string, body: string[]): string =>
  ['---', 'layout: post', `title: Week Ending ${title}`, `date: ${week} 22:00:00 -0000`, `slug: ${week}-update`, '---', '', ...body, ''].join('\n');

const TEXT = edition('2027-05-02', 'May 2, 2027', [
  '## Developer News',
  '',
  'News.',
  '',
  '## Other Merges',
  '',
  '* Kubelet [restarts faster](https://github.com/kubernetes/kubernetes/pull/160009)',
  '',
  '## Promotions',
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

suite('Insert Merged PRs and Subproject Releases', () => {
  let github: FakeGitHub;
  const config = () => vscode.workspace.getConfiguration('lwkd');

  suiteSetup(async () => {
    github = await FakeGitHub.start();
    const merged = (number: number, title: string, labels: string[], mergedAt = '2027-04-28T15:00:00Z', body?: string) =>
      github.addPull('kubernetes/kubernetes', { number, title, author: 'dev', mergedAt, labels, ...(body ? { body } : {}) });
    merged(160001, 'Promote PodHostIPs to GA', ['kind/feature', 'release-note'], '2027-04-27T10:00:00Z', '```release-note\nPodHostIPs is GA.\n```');
    merged(160002, 'Deprecate the --legacy-flag flag', ['kind/deprecation', 'release-note']);
    merged(160003, 'Bump etcd from v3.5.9 to v3.5.10', ['release-note', 'area/dependency']);
    merged(160004, 'Kubelet reports image pull progress', ['kind/feature', 'release-note']);
    merged(160005, 'Already covered last week', ['kind/feature', 'release-note']);
    merged(160006, 'Automated cherry pick of #160004: Kubelet reports image pull progress', ['kind/feature', 'release-note']);
    merged(160007, 'Merged the week before', ['kind/feature'], '2027-04-25T12:00:00Z');
    merged(160009, 'Kubelet restarts faster', ['kind/feature']);
    github.addRelease('cri-o/cri-o', {
      tag: 'v1.33.1',
      publishedAt: '2027-04-29T10:00:00Z',
      body: '## Changes\n* Fix the seccomp default (#9001)\n* Bump runc to v1.2.5',
    });
    github.addRelease('cri-o/cri-o', { tag: 'v1.32.4', publishedAt: '2027-04-29T11:00:00Z' });
    github.addRelease('containerd/containerd', { tag: 'v2.1.0-rc.1', publishedAt: '2027-04-30T10:00:00Z', prerelease: true });
    github.addRelease('etcd-io/etcd', { tag: 'v3.6.0', publishedAt: '2027-04-20T10:00:00Z' });
    await config().update('github.apiUrl', github.url, vscode.ConfigurationTarget.Global);
    await config().update('timeZone', 'UTC', vscode.ConfigurationTarget.Global);
    await config().update('releases.repos', ['cri-o/cri-o', 'containerd/containerd', 'etcd-io/etcd', 'gone/missing'], vscode.ConfigurationTarget.Global);
    await vscode.workspace.fs.writeFile(
      post(EARLIER),
      encode(edition('2027-04-25', 'April 25, 2027', ['## Other Merges', '', '* [Covered](https://github.com/kubernetes/kubernetes/pull/160005)'])),
    );
    await vscode.workspace.fs.writeFile(post(EDITION), encode(TEXT));
    await vscode.commands.executeCommand('lwkd.refreshPastIssues');
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(post(EDITION));
    await vscode.workspace.fs.delete(post(EARLIER));
    for (const key of ['github.apiUrl', 'timeZone', 'releases.repos']) {
      await config().update(key, undefined, vscode.ConfigurationTarget.Global);
    }
    await github.close();
  });

  test('without an edition open, says which file it needs and asks GitHub nothing', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const before = github.requests.length;
    assert.equal(await vscode.commands.executeCommand('lwkd.insertMergedPRs'), undefined);
    assert.equal(github.requests.length, before);
  });

  test('merged PRs of the week go into their sections; covered ones and cherry-picks are left out', async () => {
    const document = await vscode.workspace.openTextDocument(post(EDITION));
    await vscode.window.showTextDocument(document);
    const outcome = await runAccepting<InsertOutcome>('lwkd.insertMergedPRs');
    assert.deepEqual(outcome, { inserted: 4, offered: 7, notes: [] });
    const search = github.requests.find((request) => request.path === '/search/issues')!;
    assert.match(search.query.get('q')!, /^repo:kubernetes\/kubernetes is:pr is:merged merged:2027-04-26T00:00:00Z\.\.2027-05-02T23:59:59Z label:/);
    const text = document.getText();
    const section = (title: string): string => text.split(`## ${title}\n`)[1]!.split('\n## ')[0]!;
    assert.equal(section('Promotions').trim(), '* [PodHostIPs to GA](https://github.com/kubernetes/kubernetes/pull/160001)');
    assert.equal(section('Version Updates').trim(), '* [etcd to v3.5.10](https://github.com/kubernetes/kubernetes/pull/160003)');
    assert.equal(section('Deprecated').trim(), '* [Deprecate the -\\-legacy-flag flag](https://github.com/kubernetes/kubernetes/pull/160002)');
    assert.equal(
      section('Other Merges').trim(),
      [
        '* Kubelet [restarts faster](https://github.com/kubernetes/kubernetes/pull/160009)',
        '* [Kubelet reports image pull progress](https://github.com/kubernetes/kubernetes/pull/160004)',
      ].join('\n'),
    );
    assert.doesNotMatch(text, /160005|160006|160007/);
    assert.ok(
      text.indexOf('## Deprecated') > text.indexOf('## Promotions') && text.indexOf('## Version Updates') < text.indexOf('## Subprojects'),
      "new sections in the template's order",
    );
    // One undoable edit.
    await vscode.commands.executeCommand('undo');
    assert.equal(document.getText(), TEXT);
    await vscode.commands.executeCommand('redo');
  });

  test('a second run answers from the cache and ticks nothing already in the edition', async () => {
    const searches = github.requests.filter((request) => request.path === '/search/issues').length;
    const before = (await vscode.workspace.openTextDocument(post(EDITION))).getText();
    const outcome = await runAccepting<InsertOutcome>('lwkd.insertMergedPRs');
    assert.deepEqual(outcome, { inserted: 0, offered: 7, notes: [] });
    assert.equal(github.requests.filter((request) => request.path === '/search/issues').length, searches, 'no new search');
    assert.equal((await vscode.workspace.openTextDocument(post(EDITION))).getText(), before);
  });

  test('a failing search says why and changes nothing', async () => {
    await vscode.workspace.getConfiguration('lwkd').update('merged.repos', ['kubernetes/other'], vscode.ConfigurationTarget.Global);
    try {
      github.fail({ kind: 'serverError', path: '/search/issues' });
      const before = (await vscode.workspace.openTextDocument(post(EDITION))).getText();
      assert.equal(await vscode.commands.executeCommand('lwkd.insertMergedPRs'), undefined);
      assert.equal((await vscode.workspace.openTextDocument(post(EDITION))).getText(), before);
    } finally {
      github.clearFaults();
      await vscode.workspace.getConfiguration('lwkd').update('merged.repos', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  test('subproject releases: one line per project with backports under "also"; a pre-release alone is not ticked', async () => {
    const document = await vscode.workspace.openTextDocument(post(EDITION));
    await vscode.window.showTextDocument(document);
    const outcome = await runAccepting<InsertOutcome>('lwkd.insertSubprojectReleases');
    assert.equal(outcome?.inserted, 1);
    assert.equal(outcome?.offered, 2);
    assert.match(outcome.notes.join(), /gone\/missing: GitHub has no such resource/);
    const section = document.getText().split('## Subprojects and Dependency Updates\n')[1]!.split('\n## ')[0]!.trim();
    assert.equal(
      section,
      '* [cri-o v1.33.1](https://github.com/cri-o/cri-o/releases/tag/v1.33.1): Fix the seccomp default, Bump runc to v1.2.5; also [v1.32.4](https://github.com/cri-o/cri-o/releases/tag/v1.32.4)',
    );
    const etcd = github.requests.filter((request) => request.path === '/repos/etcd-io/etcd/releases');
    assert.equal(etcd.length, 1, 'one page, newest first, reaches before the week');
  });

  test('releases: "could not read" is told apart from "none released", and nothing read at all is an error', async () => {
    const document = await vscode.workspace.openTextDocument(post(EDITION));
    await vscode.window.showTextDocument(document);
    const before = document.getText();
    try {
      // etcd released only before the week; gone/missing cannot be read.
      await config().update('releases.repos', ['etcd-io/etcd', 'gone/missing'], vscode.ConfigurationTarget.Global);
      const outcome = await vscode.commands.executeCommand<{ inserted: number; offered: number; notes: string[] }>('lwkd.insertSubprojectReleases');
      assert.deepEqual({ ...outcome, notes: [] }, { inserted: 0, offered: 0, notes: [] });
      assert.match(outcome.notes.join(), /^Could not read 1 of the 2 repositories .*gone\/missing/);
      await config().update('releases.repos', ['gone/missing', 'gone/too'], vscode.ConfigurationTarget.Global);
      assert.equal(await vscode.commands.executeCommand('lwkd.insertSubprojectReleases'), undefined, 'an error, not "none released"');
      assert.equal(document.getText(), before);
    } finally {
      await config().update('releases.repos', ['cri-o/cri-o', 'containerd/containerd', 'etcd-io/etcd', 'gone/missing'], vscode.ConfigurationTarget.Global);
    }
  });
});
