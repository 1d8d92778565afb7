import * as vscode from 'vscode';
import type { PreparePublicationResult } from '../../src/features/preparePublication';
import type { StampOutcome } from '../../src/features/stampPublicationTime';
import { waitFor } from '../util/waitFor';
import * as assert from './assert';
import { api, encode, post, readText } from './site';

// A week that has ended, so neither command asks first.
const READY = post('2025-04-06-update.md');
const EDITION = `---
layout: post
title: Week Ending April 6, 2025
date: 2025-04-06 22:00:00 -0000
slug: 2025-04-06-update
---

## Developer News

### Steering Election

Candidates are [selected](https://example.invalid/steering).

## Other Merges

* Kubelet reports [example metrics](https://github.com/kubernetes/kubernetes/pull/140102)
`;

/** Closes every editor without saving, untitled drafts included, so no dialog asks. */
async function closeAll(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  for (let i = 0; i < 20 && vscode.window.tabGroups.all.some((group) => group.tabs.length > 0); i++) {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
}

suite('Stamp and Prepare Publication in the browser', () => {
  setup(async () => {
    await vscode.workspace.fs.writeFile(READY, encode(EDITION));
  });

  teardown(closeAll);

  suiteTeardown(async () => {
    await vscode.workspace.fs.delete(READY);
  });

  test('Stamp Publication Time sets date: to now in UTC, as one undoable edit, with the permalink from _config.yml', async () => {
    const document = await vscode.workspace.openTextDocument(READY);
    await vscode.window.showTextDocument(document);
    const started = Math.floor(Date.now() / 1000) * 1000;
    const result = await vscode.commands.executeCommand<StampOutcome>('lwkd.stampPublicationTime');
    assert.ok(result);
    assert.equal(document.lineAt(3).text, `date: ${result.value}`);
    const stamped = Date.parse(result.value.replace(' ', 'T').replace(' -0000', 'Z'));
    assert.ok(stamped >= started && stamped <= Date.now(), result.value);
    const compact = result.value.slice(0, 10).replace(/-/g, '');
    assert.equal(result.permalink, `https://lwkd.info/${compact.slice(0, 4)}/${compact}`);
    await vscode.commands.executeCommand('undo');
    await waitFor(() => document.lineAt(3).text === 'date: 2025-04-06 22:00:00 -0000', { message: 'undo to restore the date line' });
  });

  test('Prepare Publication stamps, saves through workspace.fs and puts the subject on the clipboard', async () => {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(READY), { preview: false });
    const result = await vscode.commands.executeCommand<PreparePublicationResult>('lwkd.preparePublication', { checklist: false });
    assert.ok(result?.outcome === 'prepared', JSON.stringify(result));
    assert.equal(result.subject, 'LWKD: Week Ending April 6, 2025');
    assert.equal(await vscode.env.clipboard.readText(), result.subject);
    assert.equal(await readText(READY), EDITION.replace('date: 2025-04-06 22:00:00 -0000', `date: ${result.date}`), 'saved, changed only on the date line');
    assert.match(result.body, /^# Week Ending April 6, 2025\n/);
  });

  test('the status bar shows the open edition and hides without one', async () => {
    const { editionStatus } = await api();
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(READY));
    const shown = await waitFor(() => editionStatus.current, { message: 'the status bar item' });
    assert.match(shown.text, /Week ending Apr 6/);
    await closeAll();
    await waitFor(() => editionStatus.current === undefined, { message: 'the item to hide with no editor' });
  });
});
