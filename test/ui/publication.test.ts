import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { useUiSession } from './session';

suite('Edition status and Prepare Publication, as a writer sees them', () => {
  const session = useUiSession();
  const item = () => session().page.locator('.statusbar-item', { hasText: 'Week ending' });
  const quickInput = () => session().page.locator('.quick-input-widget');

  test("the status bar shows the open edition's week, and only while an edition is open", async () => {
    await session().openFile('2026-11-15-update.md');
    await item().waitFor({ state: 'visible', timeout: 20_000 });
    assert.match(await item().innerText(), /Week ending Nov 15 · past publication/);
    await session().screenshot('ui-edition-status');
    await session().openFile('template.md');
    await item().waitFor({ state: 'hidden' });
  });

  test('clicking it prepares the publication: keep the stamp, then a checklist, and the social post draft', async () => {
    const file = join(session().folder, '_posts', '2026-11-15-update.md');
    const before = readFileSync(file, 'utf8');
    // Back to the edition the first test opened, by its tab.
    await session().page.locator('.tab', { hasText: '2026-11-15-update.md' }).click();
    await item().click();
    // The fixture is already dated after its week: the writer is asked whether to keep that.
    const keep = quickInput().locator('.monaco-list-row', { hasText: 'Keep 2026-11-16 22:05:00 -0000' });
    await keep.waitFor({ state: 'visible', timeout: 20_000 });
    await session().screenshot('ui-prepare-keep');
    await keep.click();

    await quickInput().getByText('Prepare Publication: Week Ending November 15, 2026').waitFor({ state: 'visible', timeout: 20_000 });
    const rows = await quickInput().locator('.monaco-list-row').allInnerTexts();
    assert.deepEqual(
      rows.map((row) => row.replace(/\s+/g, ' ').trim()),
      [
        'Buttondown subjectLWKD: Week Ending November 15, 2026',
        'Buttondown body24 lines, front matter removed',
        'Permalinkhttps://lwkd.info/2026/20261116',
        'Show social post draftBluesky and Mastodon',
      ],
    );
    // The subject is on the clipboard already: its row is checked, the others offer to copy.
    assert.equal(await quickInput().locator('.monaco-list-row').first().locator('.codicon-check').count(), 1);
    assert.equal(await quickInput().locator('.monaco-list-row .codicon-copy').count(), 2);
    await session().screenshot('ui-prepare-checklist');
    await session().page.keyboard.press('Escape');
    await quickInput().waitFor({ state: 'hidden' });

    const draft = session().page.locator('.editor-instance .view-lines', { hasText: 'Week ending November 15:' });
    await draft.waitFor({ state: 'visible' });
    assert.match((await draft.innerText()).replace(/\u00a0/g, ' '), /https:\/\/lwkd\.info\/2026\/20261116[\s\S]*#kubernetes #containers #CloudNative/);
    assert.equal(readFileSync(file, 'utf8'), before, 'a kept stamp changes nothing on disk');
    await session().screenshot('ui-prepare-social-draft');
  });

  test('a blocking style error is shown with a notice that closes once it is fixed, and a second run reuses the social draft', async () => {
    const page = session().page;
    // The edition is open in the first group (the social draft of the last test is beside it).
    const edition = page.locator('.tab', { hasText: '2026-11-15-update.md' }).first();
    await edition.click();
    await page.locator('.tab.active', { hasText: '2026-11-15-update.md' }).first().waitFor({ state: 'visible' });
    // Break the front matter where the cursor starts: a blocking error.
    await page.locator('.editor-instance .view-lines').first().click();
    await page.keyboard.press('Control+Home');
    await page.keyboard.type('x');
    await session().runCommand('LWKD: Prepare Publication');
    const notice = page.locator('.notification-toast', { hasText: 'blocks publication' });
    await notice.waitFor({ state: 'visible', timeout: 20_000 });
    await session().screenshot('ui-prepare-blocked');
    await edition.click();
    await page.keyboard.press('Control+Z');
    await notice.waitFor({ state: 'hidden', timeout: 20_000 });

    await item().click();
    await quickInput().locator('.monaco-list-row', { hasText: 'Keep 2026-11-16 22:05:00 -0000' }).click();
    await quickInput().getByText('Prepare Publication: Week Ending November 15, 2026').waitFor({ state: 'visible', timeout: 20_000 });
    await page.keyboard.press('Escape');
    await quickInput().waitFor({ state: 'hidden' });
    assert.equal(await page.locator('.tab', { hasText: 'Untitled' }).count(), 1, 'one social post draft after two runs');
  });
});
