import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PreparePublicationResult } from '../../src/features/preparePublication';
import { FakeButtondown } from '../fakeButtondown/server';
import { FakeGitHub } from '../fakeGitHub/server';
import { waitFor } from '../util/waitFor';

const folder = (): vscode.Uri => vscode.workspace.workspaceFolders![0]!.uri;
// A week no other suite writes.
const EDITION = vscode.Uri.joinPath(folder(), '_posts', '2025-05-04-update.md');
const TEXT = `---
layout: post
title: Week Ending May 4, 2025
date: 2025-05-04 22:00:00 -0000
slug: 2025-05-04-update
---

## Developer News

The [archive](/archive) has every edition.

## Other Merges

* Kubelet reports [example metrics](https://github.com/kubernetes/kubernetes/pull/140102)
`;

function prepare(): Thenable<PreparePublicationResult> {
  return vscode.commands.executeCommand<PreparePublicationResult>('lwkd.preparePublication', { checklist: false, buttondown: true, keepDate: true });
}

async function openEdition(): Promise<void> {
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(EDITION), { preview: false });
}

suite('Buttondown draft from Prepare Publication', () => {
  let buttondown: FakeButtondown;
  let github: FakeGitHub;
  const config = () => vscode.workspace.getConfiguration('lwkd');

  suiteSetup(async () => {
    buttondown = await FakeButtondown.start();
    github = await FakeGitHub.start();
    await config().update('buttondown.apiUrl', buttondown.url, vscode.ConfigurationTarget.Global);
    await config().update('github.apiUrl', github.url, vscode.ConfigurationTarget.Global);
    await vscode.workspace.fs.writeFile(EDITION, new TextEncoder().encode(TEXT));
  });

  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('lwkd.clearButtondownApiKey');
    await vscode.workspace.fs.delete(EDITION);
    await config().update('buttondown.apiUrl', undefined, vscode.ConfigurationTarget.Global);
    await config().update('github.apiUrl', undefined, vscode.ConfigurationTarget.Global);
    await buttondown.close();
    await github.close();
  });

  test('without a key the edition is prepared as before, and Buttondown is not asked', async () => {
    await openEdition();
    const result = await prepare();
    assert.ok(result?.outcome === 'prepared', JSON.stringify(result));
    assert.equal(result.buttondown && 'failed' in result.buttondown && result.buttondown.failed, 'noKey');
    assert.equal(await vscode.env.clipboard.readText(), result.subject, 'the clipboard path is unchanged');
    assert.equal(buttondown.calls.length, 0);
  });

  test('with the key typed into Set Buttondown API Key, the draft is made once, then updated', async () => {
    assert.equal(await vscode.commands.executeCommand<boolean>('lwkd.setButtondownApiKey'), true);
    await openEdition();
    const first = await prepare();
    assert.ok(first?.outcome === 'prepared' && first.buttondown && 'action' in first.buttondown, JSON.stringify(first));
    assert.equal(first.buttondown.action, 'created');
    assert.deepEqual(
      buttondown.emails.map(({ subject, status }) => ({ subject, status })),
      [{ subject: 'LWKD: Week Ending May 4, 2025', status: 'draft' }],
    );
    assert.equal(buttondown.emails[0]!.body, first.body);
    assert.match(first.body, /^# Week Ending May 4, 2025\n/);
    assert.match(first.body, /\[archive\]\(https:\/\/lwkd\.info\/archive\)/, 'site-relative links made absolute');
    assert.equal(first.buttondown.url, `https://buttondown.com/emails/${buttondown.emails[0]!.id}`);

    await openEdition();
    const second = await prepare();
    assert.ok(second?.outcome === 'prepared' && second.buttondown && 'action' in second.buttondown, JSON.stringify(second));
    assert.deepEqual([second.buttondown.action, second.buttondown.id], ['updated', first.buttondown.id]);
    assert.equal(buttondown.emails.length, 1, 'one draft per edition');
    assert.ok(
      buttondown.calls.every((call) => call.method !== 'POST' || (call.body as { status?: string }).status === 'draft'),
      'every create says draft',
    );
  });

  test("with a key, the checklist's first item is the draft, and Enter saves it", async () => {
    await openEdition();
    const before = buttondown.calls.filter((call) => call.method === 'PATCH').length;
    const result = await vscode.commands.executeCommand<PreparePublicationResult>('lwkd.preparePublication', { keepDate: true });
    assert.ok(result?.outcome === 'prepared' && !result.buttondown, 'not made until the writer picks it');
    await waitFor(
      async () => {
        await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
        return buttondown.calls.filter((call) => call.method === 'PATCH').length > before;
      },
      { message: 'the draft to be updated from the checklist' },
    );
    assert.equal(buttondown.emails.length, 1);
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  });

  test("a refusal is one message with Buttondown's detail; the edition is still prepared", async () => {
    buttondown.fail({ kind: 'status', status: 422, body: { code: 'subject_invalid', detail: 'The subject is too long.' }, method: 'PATCH' });
    await openEdition();
    const result = await prepare();
    assert.ok(result?.outcome === 'prepared', JSON.stringify(result));
    assert.deepEqual(result.buttondown, { failed: 'refused', message: 'Buttondown refused the draft: The subject is too long.' });
  });

  test('Clear Buttondown API Key removes it: Buttondown is not asked again', async () => {
    assert.equal(await vscode.commands.executeCommand<boolean>('lwkd.clearButtondownApiKey'), true);
    const before = buttondown.calls.length;
    await openEdition();
    const result = await prepare();
    assert.equal(result?.outcome === 'prepared' && result.buttondown && 'failed' in result.buttondown && result.buttondown.failed, 'noKey');
    assert.equal(buttondown.calls.length, before);
  });
});
