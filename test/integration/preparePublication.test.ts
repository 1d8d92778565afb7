import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID } from '../../src/constants';
import { editionCountdown } from '../../src/core/deadlines';
import type { LwkdAuthorApi } from '../../src/lwkdAuthor';
import type { PreparePublicationArgs, PreparePublicationResult } from '../../src/features/preparePublication';
import { FakeGitHub } from '../fakeGitHub/server';
import { waitFor } from '../util/waitFor';

const folder = (): vscode.Uri => vscode.workspace.workspaceFolders![0]!.uri;
const post = (name: string): vscode.Uri => vscode.Uri.joinPath(folder(), '_posts', name);
const config = (): vscode.Uri => vscode.Uri.joinPath(folder(), '_config.yml');
const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
const onDisk = async (uri: vscode.Uri): Promise<string> => new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));

// Weeks no other suite writes to in the shared workspace: two that have ended, two to come.
const READY = post('2025-03-09-update.md');
const BLOCKED = post('2025-03-16-update.md');
const COMING = post('2027-03-07-update.md');
const DST_WEEK = post('2027-03-14-update.md');

const EDITION = `---
layout: post
title: Week Ending March 9, 2025
date: 2025-03-09 22:00:00 -0000
slug: 2025-03-09-update
---

## Developer News

### Steering Election

Candidates are [selected](https://example.invalid/steering); older editions are in the [archive](/archive).

## Featured PRs

### [#140101: CPU manager options](https://github.com/kubernetes/kubernetes/pull/140101)

A fixture paragraph about [the feature](https://github.com/kubernetes/kubernetes/pull/140101).

## KEP of the Week

### [KEP-9101: Statefulset scaledown](https://github.com/kubernetes/enhancements/issues/9101)

This fixture KEP exists only for tests.

## Other Merges

* Kubelet reports [example metrics](https://github.com/kubernetes/kubernetes/pull/140102)
`;

const BODY = `# Week Ending March 9, 2025

## Developer News

### Steering Election

Candidates are [selected](https://example.invalid/steering); older editions are in the [archive](https://lwkd.info/archive).

## Featured PRs

### [#140101: CPU manager options](https://github.com/kubernetes/kubernetes/pull/140101)

A fixture paragraph about [the feature](https://github.com/kubernetes/kubernetes/pull/140101).

## KEP of the Week

### [KEP-9101: Statefulset scaledown](https://github.com/kubernetes/enhancements/issues/9101)

This fixture KEP exists only for tests.

## Other Merges

* Kubelet reports [example metrics](https://github.com/kubernetes/kubernetes/pull/140102)
`;

/** An edition that the stylesheet stops: a template placeholder and a broken PR link. */
const BLOCKING = EDITION.replace(/March 9, 2025/g, 'March 16, 2025')
  .replace(/2025-03-09/g, '2025-03-16')
  .replace('* Kubelet reports', '* Month DD, YYYY: Kubelet reports')
  .replace('pull/140102)', 'pull/140102abc)');

function prepare(args?: PreparePublicationArgs): Thenable<PreparePublicationResult> {
  return vscode.commands.executeCommand<PreparePublicationResult>('lwkd.preparePublication', args);
}

async function open(uri: vscode.Uri): Promise<vscode.TextEditor> {
  return vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
}

/** Closes every editor without saving, untitled drafts included, so no dialog asks. */
async function closeAll(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  for (let i = 0; i < 20 && vscode.window.tabGroups.all.some((group) => group.tabs.length > 0); i++) {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
}

function untitled(uri: string): vscode.TextDocument {
  const document = vscode.workspace.textDocuments.find((candidate) => candidate.uri.toString() === uri);
  assert.ok(document, `the draft ${uri} is open`);
  return document;
}

/** `2026-11-21 04:12:09 -0000` → `https://lwkd.info/2026/20261121`. */
const lwkdPermalink = (date: string): string => `https://lwkd.info/${date.slice(0, 4)}/${date.slice(0, 10).replace(/-/g, '')}`;

suite('Prepare Publication', () => {
  let github: FakeGitHub;
  let originalConfig: Uint8Array;

  suiteSetup(async () => {
    // Opening an edition fetches its GitHub links: keep that on loopback.
    github = await FakeGitHub.start();
    await vscode.workspace.getConfiguration('lwkd').update('github.apiUrl', github.url, vscode.ConfigurationTarget.Global);
    originalConfig = await vscode.workspace.fs.readFile(config());
    await vscode.workspace.fs.writeFile(READY, encode(EDITION));
    await vscode.workspace.fs.writeFile(BLOCKED, encode(BLOCKING));
  });

  teardown(async () => {
    await closeAll();
    await vscode.workspace.fs.writeFile(config(), originalConfig);
    await vscode.workspace.getConfiguration('lwkd').update('lint.rules', undefined, vscode.ConfigurationTarget.Workspace);
  });

  suiteTeardown(async () => {
    for (const uri of [READY, BLOCKED]) {
      await vscode.workspace.fs.delete(uri);
    }
    await vscode.workspace.getConfiguration('lwkd').update('github.apiUrl', undefined, vscode.ConfigurationTarget.Global);
    await github.close();
  });

  test("stamps, saves, copies the subject and opens the social post with the permalink and the edition's facts", async () => {
    const editor = await open(READY);
    const started = Math.floor(Date.now() / 1000) * 1000;
    const result = await prepare({ checklist: false });
    assert.ok(result?.outcome === 'prepared', JSON.stringify(result));
    assert.equal(result.stamped, true);
    // The template's 22:00 was not a publication time: the stamp replaced it with now, in UTC.
    const stamped = Date.parse(result.date.replace(' ', 'T').replace(' -0000', 'Z'));
    assert.ok(stamped >= started && stamped <= Date.now(), result.date);
    assert.equal(editor.document.lineAt(3).text, `date: ${result.date}`);
    assert.equal(editor.document.isDirty, false);
    assert.equal(await onDisk(READY), EDITION.replace('date: 2025-03-09 22:00:00 -0000', `date: ${result.date}`), 'saved, and changed only on the date line');

    assert.equal(result.subject, 'LWKD: Week Ending March 9, 2025');
    assert.equal(await vscode.env.clipboard.readText(), result.subject);
    assert.equal(result.body, BODY);
    assert.equal(result.permalink, lwkdPermalink(result.date));
    const social = `Week ending March 9: Steering Election, CPU manager options, Statefulset scaledown\n\n${result.permalink}\n\n#kubernetes #containers #CloudNative\n`;
    assert.equal(result.social, social);
    const draft = untitled(result.socialDraft);
    assert.equal(draft.isUntitled, true);
    assert.equal(draft.languageId, 'markdown');
    assert.equal(draft.getText(), social);
    assert.equal(vscode.window.activeTextEditor?.document, draft, 'the draft is where the writer edits next');
  });

  test('keeps a plausible stamp when asked to, and changes nothing', async () => {
    const editor = await open(READY);
    const before = await prepare({ keepDate: false, checklist: false });
    assert.ok(before?.outcome === 'prepared');
    await closeAll();
    await open(READY);
    const bytes = await onDisk(READY);
    const kept = await prepare({ keepDate: true, checklist: false });
    assert.ok(kept?.outcome === 'prepared');
    assert.equal(kept.stamped, false);
    assert.equal(kept.date, before.date);
    assert.equal(await onDisk(READY), bytes);
    assert.equal(editor.document.isDirty, false);
  });

  test('a second run refills the open social post draft instead of opening another', async () => {
    await open(READY);
    const first = await prepare({ keepDate: true, checklist: false });
    assert.ok(first?.outcome === 'prepared');
    await open(READY);
    const second = await prepare({ keepDate: true, checklist: false });
    assert.ok(second?.outcome === 'prepared');
    assert.equal(second.socialDraft, first.socialDraft);
    assert.equal(
      vscode.workspace.textDocuments.filter((document) => document.isUntitled && !document.isClosed && document.getText() === second.social).length,
      1,
    );
    assert.equal(untitled(second.socialDraft).getText(), second.social);
  });

  test('the checklist copies the body, then the permalink, as the writer picks them', async () => {
    await open(READY);
    const result = await prepare({ keepDate: true });
    assert.ok(result?.outcome === 'prepared');
    assert.equal(await vscode.env.clipboard.readText(), result.subject);
    // The checklist is open with the body as the next part; Enter copies it.
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await waitFor(async () => (await vscode.env.clipboard.readText()) === result.body, { message: 'the body on the clipboard' });
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await waitFor(async () => (await vscode.env.clipboard.readText()) === result.permalink, { message: 'the permalink on the clipboard' });
  });

  test('unsaved edits are kept and saved with the stamp, not lost', async () => {
    const editor = await open(READY);
    await editor.edit((edit) => edit.insert(new vscode.Position(11, 0), 'A late addition.\n\n'));
    const result = await prepare({ keepDate: false, checklist: false });
    assert.ok(result?.outcome === 'prepared');
    assert.match(await onDisk(READY), /A late addition\.\n\nCandidates are/);
    assert.match(result.body, /A late addition\./);
  });

  test('style errors block: nothing is stamped, saved, copied or opened, and the errors are listed', async () => {
    const editor = await open(BLOCKED);
    await vscode.env.clipboard.writeText('what the writer had copied');
    const documents = vscode.workspace.textDocuments.length;
    const result = await prepare({ keepDate: false, checklist: false });
    assert.ok(result?.outcome === 'blocked', JSON.stringify(result));
    assert.deepEqual(result.errors.map((error) => `${error.code}@${error.line}`).sort(), ['malformed-pr-url@27', 'template-placeholder@27']);
    assert.equal(await onDisk(BLOCKED), BLOCKING);
    assert.equal(editor.document.getText(), BLOCKING);
    assert.equal(editor.document.isDirty, false);
    assert.equal(await vscode.env.clipboard.readText(), 'what the writer had copied');
    assert.equal(vscode.workspace.textDocuments.length, documents);
  });

  test('a rule re-graded in lwkd.lint.rules no longer blocks', async () => {
    await vscode.workspace
      .getConfiguration('lwkd')
      .update('lint.rules', { 'template-placeholder': 'warning', 'malformed-pr-url': 'off' }, vscode.ConfigurationTarget.Workspace);
    await open(BLOCKED);
    const result = await prepare({ keepDate: false, checklist: false });
    assert.equal(result?.outcome, 'prepared');
  });

  test('broken front matter blocks with its reason, and the file is untouched', async () => {
    const broken = EDITION.replace('title: Week Ending March 9, 2025', 'title: [Week Ending');
    await vscode.workspace.fs.writeFile(BLOCKED, encode(broken));
    const editor = await open(BLOCKED);
    // A document VS Code still holds from an earlier test catches up with the disk on its own.
    await waitFor(() => editor.document.getText() === broken, { message: 'the editor to show the file as written' });
    const result = await prepare({ keepDate: false, checklist: false });
    assert.ok(result?.outcome === 'blocked');
    assert.ok(
      result.errors.some((error) => error.code === 'front-matter-invalid' && /not valid YAML/.test(error.message)),
      JSON.stringify(result.errors),
    );
    assert.equal(editor.document.getText(), broken);
    assert.equal(await onDisk(BLOCKED), broken);
    await vscode.workspace.fs.writeFile(BLOCKED, encode(BLOCKING));
  });

  test('a Markdown file that is not an edition is left alone', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: '---\ndate: 2025-03-09 22:00:00 -0000\n---\n## Notes\n' });
    await vscode.window.showTextDocument(document);
    assert.equal(await prepare({ checklist: false }), undefined);
    assert.equal(document.getText(), '---\ndate: 2025-03-09 22:00:00 -0000\n---\n## Notes\n');
  });

  test('the permalink follows _config.yml: its pattern, url and timezone', async () => {
    await vscode.workspace.fs.writeFile(config(), encode('url: https://example.org\nbaseurl: /lwkd\npermalink: pretty\ntimezone: Pacific/Kiritimati\n'));
    await open(READY);
    const result = await prepare({ keepDate: true, checklist: false });
    assert.ok(result?.outcome === 'prepared');
    // UTC+14 all year: the date there is the UTC date plus 14 hours.
    const there = new Date(Date.parse(result.date.replace(' ', 'T').replace(' -0000', 'Z')) + 14 * 3_600_000).toISOString();
    assert.equal(result.permalink, `https://example.org/lwkd/${there.slice(0, 4)}/${there.slice(5, 7)}/${there.slice(8, 10)}/2025-03-09-update/`);
    assert.match(result.body, /\[archive\]\(https:\/\/example\.org\/lwkd\/archive\)/);
  });

  test("an unreadable _config.yml does not stop publication: LWKD's pattern is used", async () => {
    await vscode.workspace.fs.writeFile(config(), encode('permalink: [/:year\n'));
    await open(READY);
    const result = await prepare({ keepDate: true, checklist: false });
    assert.ok(result?.outcome === 'prepared');
    assert.equal(result.permalink, lwkdPermalink(result.date));
  });
});

suite('Edition status bar item', () => {
  let api: LwkdAuthorApi;

  suiteSetup(async () => {
    const extension = vscode.extensions.getExtension<LwkdAuthorApi>(EXTENSION_ID)!;
    api = extension.isActive ? extension.exports : await extension.activate();
    await vscode.workspace.fs.writeFile(COMING, encode(EDITION.replace(/March 9, 2025/g, 'March 7, 2027').replace(/2025-03-09/g, '2027-03-07')));
    await vscode.workspace.fs.writeFile(DST_WEEK, encode(EDITION.replace(/March 9, 2025/g, 'March 14, 2027').replace(/2025-03-09/g, '2027-03-14')));
  });

  teardown(closeAll);

  suiteTeardown(async () => {
    for (const uri of [COMING, DST_WEEK]) {
      await vscode.workspace.fs.delete(uri);
    }
  });

  test('shows the week and the drafts deadline while an edition is open, and hides elsewhere', async () => {
    await open(COMING);
    const shown = await waitFor(() => api.editionStatus.current, { message: 'the status bar item' });
    // The week is still to come while this is written; the unit tests pin the exact countdowns.
    const phase = editionCountdown({ year: 2027, month: 3, day: 7 }, new Date()).phase;
    assert.match(
      shown.text,
      { drafts: /^\$\(calendar\) Week ending Mar 7 · drafts due in \d+[dhm]( \d+[hm])?$/, publication: /· publication in /, past: /· past publication$/ }[
        phase
      ],
    );
    assert.match(shown.tooltip, /\*\*Week Ending March 7, 2027\*\*/);
    assert.match(shown.tooltip.replace(/\s/g, ' '), /\| Drafts due \| Tue, Mar 9, 11:59 PM EST \|/);
    assert.match(shown.tooltip.replace(/\s/g, ' '), /\| Publication \| Wed, Mar 10, 11:59 PM EST \|/);

    await open(vscode.Uri.joinPath(folder(), 'template.md'));
    await waitFor(() => api.editionStatus.current === undefined, { message: 'the item to hide on a file that is not an edition' });
  });

  test('follows the active editor from edition to edition, in EDT after DST starts', async () => {
    await open(COMING);
    await waitFor(() => api.editionStatus.current?.text.includes('Mar 7'), { message: 'the first week' });
    await open(DST_WEEK);
    const shown = await waitFor(() => (api.editionStatus.current?.text.includes('Mar 14') ? api.editionStatus.current : undefined), {
      message: 'the second week',
    });
    assert.match(shown.tooltip.replace(/\s/g, ' '), /\| Drafts due \| Tue, Mar 16, 11:59 PM EDT \|/);
    await open(post('2026-11-15-update.md'));
    await waitFor(() => api.editionStatus.current?.text === '$(calendar) Week ending Nov 15 · past publication', { message: 'a published week' });
    await closeAll();
    await waitFor(() => api.editionStatus.current === undefined, { message: 'the item to hide with no editor' });
  });
});
