import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { waitFor } from '../util/waitFor';
import { useUiSession } from './session';

suite('New Weekly Issue, from the command palette', () => {
  const session = useUiSession();
  const quickInput = () => session().page.locator('.quick-input-widget');

  test('offers next Sunday with its date, creates the edition and opens it', async () => {
    await session().runCommand('LWKD: New Weekly Issue');
    const next = quickInput().locator('.monaco-list-row', { hasText: 'Next Sunday' });
    await next.waitFor({ state: 'visible' });
    const label = await next.innerText();
    const match = /(January|February|March|April|May|June|July|August|September|October|November|December) (\d{1,2}), (\d{4})/.exec(label);
    assert.ok(match, label);
    await quickInput().locator('.monaco-list-row', { hasText: 'Last Sunday' }).waitFor({ state: 'visible' });
    await session().screenshot('ui-new-weekly-issue-pick');
    await session().page.keyboard.press('Enter');

    const month = String(
      ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'].indexOf(match[1]!) + 1,
    ).padStart(2, '0');
    const name = `${match[3]}-${month}-${match[2]!.padStart(2, '0')}-update.md`;
    await session().page.locator('.tab.active', { hasText: name }).waitFor({ state: 'visible', timeout: 20_000 });
    const text = readFileSync(join(session().folder, '_posts', name), 'utf8');
    assert.match(text, new RegExp(`title: Week Ending ${match[1]} ${match[2]}, ${match[3]}`));
    // The workspace is not a git repository: no branch can be made there, so none is offered.
    await waitFor(
      () =>
        session()
          .log()
          .includes(`branch ${match[3]}${month}${match[2]!.padStart(2, '0')} not offered`),
      { message: 'the branch step to finish' },
    );
    assert.equal(await session().page.locator('.notification-toast', { hasText: 'Check out the branch' }).count(), 0);
    await session().screenshot('ui-new-weekly-issue-created');
  });

  test('another week: a weekday is refused with the Sunday of its week; an existing edition opens untouched', async () => {
    const existing = join(session().folder, '_posts', '2026-11-15-update.md');
    const before = readFileSync(existing);
    await session().runCommand('LWKD: New Weekly Issue');
    await quickInput().locator('.monaco-list-row', { hasText: 'Another week' }).click();
    const input = quickInput().locator('input');
    await input.fill('2026-11-18');
    await quickInput().getByText('2026 is a Wednesday', { exact: false }).waitFor({ state: 'visible' });
    assert.match(await quickInput().innerText(), /ends on 2026-11-22/);
    await session().screenshot('ui-new-weekly-issue-not-a-sunday');
    await input.fill('2026-11-15');
    await session().page.keyboard.press('Enter');
    await session().page.locator('.tab.active', { hasText: '2026-11-15-update.md' }).waitFor({ state: 'visible' });
    await session().page.locator('.notification-toast', { hasText: 'already exists' }).waitFor({ state: 'visible' });
    assert.deepEqual(readFileSync(existing), before);
  });

  test('stamping an edition whose week has not ended asks first; Cancel changes nothing', async () => {
    await session().runCommand('LWKD: New Weekly Issue');
    await quickInput().locator('.monaco-list-row', { hasText: 'Another week' }).click();
    await quickInput().locator('input').fill('2099-01-04');
    await session().page.keyboard.press('Enter');
    await session().page.locator('.tab.active', { hasText: '2099-01-04-update.md' }).waitFor({ state: 'visible', timeout: 20_000 });
    const dateLine = session().page.locator('.view-line', { hasText: 'date:' }).first();
    assert.match((await dateLine.innerText()).replace(/\u00a0/g, ' '), /date: 2099-01-04 22:00:00 -0000/);

    await session().runCommand('LWKD: Stamp Publication Time');
    const dialog = session().page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible' });
    assert.match(await dialog.innerText(), /week ending January 4, 2099 has not ended yet/);
    await session().screenshot('ui-stamp-warning');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    assert.match((await dateLine.innerText()).replace(/\u00a0/g, ' '), /date: 2099-01-04 22:00:00 -0000/);

    await session().runCommand('LWKD: Stamp Publication Time');
    await dialog.getByRole('button', { name: 'Stamp Anyway' }).click();
    const toast = session().page.locator('.notification-toast', { hasText: 'Publication time set to' });
    await toast.waitFor({ state: 'visible', timeout: 20_000 });
    assert.match((await toast.innerText()).replace(/\s+/g, ' '), /Permalink: https:\/\/lwkd\.info\/\d{4}\/\d{8}/);
    assert.doesNotMatch((await dateLine.innerText()).replace(/\u00a0/g, ' '), /2099-01-04 22:00:00/);
    await session().screenshot('ui-stamp-done');
  });
});

suite('New Weekly Issue with a posts folder that cannot hold editions', () => {
  const session = useUiSession('test/fixtures/misconfigured-workspace');

  test('a write that fails says which path, and leaves nothing', async () => {
    const quickInput = session().page.locator('.quick-input-widget');
    await session().runCommand('LWKD: New Weekly Issue');
    await quickInput.locator('.monaco-list-row', { hasText: 'Another week' }).click();
    await quickInput.locator('input').fill('2027-01-10');
    await session().page.keyboard.press('Enter');
    const toast = session().page.locator('.notification-toast', { hasText: 'Could not create' });
    await toast.waitFor({ state: 'visible', timeout: 20_000 });
    assert.match(await toast.innerText(), /template\.md\/2027-01-10-update\.md/);
    await toast.getByRole('button', { name: 'Show Log' }).waitFor({ state: 'visible' });
    await session().screenshot('ui-new-weekly-issue-write-failed');
    assert.deepEqual(readdirSync(session().folder).sort(), ['.vscode', 'template.md']);
    assert.equal(statSync(join(session().folder, 'template.md')).isFile(), true);
  });
});

suite('New Weekly Issue in a multi-root workspace', () => {
  const session = useUiSession('test/fixtures/two-sites', 'sites.code-workspace');

  test('asks which of the LWKD sites to use, and writes only there', async () => {
    await session().runCommand('LWKD: New Weekly Issue');
    const quickInput = session().page.locator('.quick-input-widget');
    const rows = quickInput.locator('.monaco-list-row');
    await rows.filter({ hasText: 'lwkd-fork' }).waitFor({ state: 'visible' });
    const offered = await rows.allInnerTexts();
    assert.equal(offered.length, 2, `the folder that is not a site is not offered: ${offered.join(' | ')}`);
    assert.ok(offered[0]!.startsWith('lwkd-main') && offered[1]!.startsWith('lwkd-fork'), offered.join(' | '));
    await session().screenshot('ui-new-weekly-issue-which-site');
    await rows.filter({ hasText: 'lwkd-fork' }).click();
    await quickInput.locator('.monaco-list-row', { hasText: 'Another week' }).click();
    await quickInput.locator('input').fill('2026-12-27');
    await session().page.keyboard.press('Enter');
    await session().page.locator('.tab.active', { hasText: '2026-12-27-update.md' }).waitFor({ state: 'visible', timeout: 20_000 });
    assert.deepEqual(readdirSync(join(session().folder, 'lwkd-fork', '_posts')).sort(), ['2026-11-08-update.md', '2026-12-27-update.md']);
    assert.deepEqual(readdirSync(join(session().folder, 'lwkd-main', '_posts')).sort(), ['2026-11-08-update.md', '2026-11-15-update.md']);
  });
});
