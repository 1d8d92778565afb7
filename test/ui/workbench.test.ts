import * as assert from 'node:assert/strict';
import { useUiSession } from './session';

suite('Workbench, as a writer sees it', () => {
  const session = useUiSession();

  test('opens the LWKD workspace and the palette offers LWKD commands by their titles', async () => {
    await session().page.locator('.explorer-folders-view .monaco-list-row', { hasText: '_posts' }).waitFor({ state: 'visible' });
    await session().openPalette('LWKD:', 'LWKD: Check GitHub Connection');
    await session().page.locator('.quick-input-list .monaco-list-row', { hasText: 'LWKD: Show Log' }).waitFor({ state: 'visible' });
    await session().screenshot('ui-command-palette');
    await session().page.keyboard.press('Escape');
  });

  test('Check GitHub Connection tells the writer what GitHub answered', async () => {
    await session().openFile('2026-11-15-update.md');
    await session().runCommand('LWKD: Check GitHub Connection');
    const toast = session().page.locator('.notification-toast', { hasText: 'requests left' });
    await toast.waitFor({ state: 'visible', timeout: 20_000 });
    // Opening the edition already fetched its links, so some of the 60 are spent.
    assert.match(await toast.innerText(), /\(anonymous\): \d+ of 60 requests left/);
    assert.ok(
      session().github.requests.some((request) => request.path === '/rate_limit'),
      'the fake GitHub was asked',
    );
    await session().screenshot('ui-check-github');
  });

  test('Check GitHub Connection offers the settings when GitHub fails', async () => {
    session().github.fail({ kind: 'serverError', path: '/rate_limit', times: 1 });
    await session().runCommand('LWKD: Check GitHub Connection');
    const toast = session().page.locator('.notification-toast', { hasText: 'server error' });
    await toast.waitFor({ state: 'visible', timeout: 20_000 });
    await toast.getByRole('button', { name: 'Open Settings' }).waitFor({ state: 'visible' });
    assert.doesNotMatch(await toast.innerText(), /Unicorn|<html/);
    await session().screenshot('ui-check-github-failure');
  });

  test('a refused token offers Set GitHub Token and Sign in, not the settings that cannot fix it', async () => {
    session().github.fail({ kind: 'badCredentials', path: '/rate_limit', times: 1 });
    await session().runCommand('LWKD: Check GitHub Connection');
    const toast = session().page.locator('.notification-toast', { hasText: 'token' });
    await toast.waitFor({ state: 'visible', timeout: 20_000 });
    await toast.getByRole('button', { name: 'Set GitHub Token' }).waitFor({ state: 'visible' });
    await toast.getByRole('button', { name: 'Sign in to GitHub' }).waitFor({ state: 'visible' });
    assert.equal(await toast.getByRole('button', { name: 'Open Settings' }).count(), 0);
    await session().screenshot('ui-check-github-refused-token');
  });

  test('Clear GitHub Token says what it did, also when there was nothing to remove', async () => {
    await session().runCommand('LWKD: Clear GitHub Token');
    await session().page.locator('.notification-toast', { hasText: 'No GitHub token was set' }).waitFor({ state: 'visible', timeout: 20_000 });
  });

  test('typing lwkd- in an edition shows the LWKD snippets while typing', async () => {
    const page = session().page;
    await session().openFile('2026-11-15-update.md');
    await page.locator('.editor-instance .view-lines').first().click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('lwkd-sh');
    const suggestion = page.locator('.suggest-widget .monaco-list-row', { hasText: 'lwkd-shoutouts' });
    await suggestion.waitFor({ state: 'visible', timeout: 20_000 });
    await session().screenshot('ui-snippets-while-typing');
    await page.keyboard.press('Escape');
    // Leave the fixture as it was for the next tests.
    await page.keyboard.press('Control+Z');
    await page.keyboard.press('Control+Z');
  });

  test("Show Log opens the extension's log, which says it is active", async () => {
    await session().runCommand('LWKD: Show Log');
    const output = session().page.locator('.part.panel .view-lines').filter({ hasText: 'LWKD Author' }).first();
    await output.waitFor({ state: 'visible', timeout: 20_000 });
    // The editor renders spaces as no-break spaces and wraps long lines; read them back as typed.
    assert.match((await output.innerText()).replace(/\n/g, '').replace(/\u00a0/g, ' '), /\[extension\] LWKD Author \S+ active in VS Code 1\.\d+\.\d+/);
    await session().screenshot('ui-show-log');
  });
});
