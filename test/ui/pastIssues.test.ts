import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { addDays, calendarDateIn, formatIsoDate, formatLongDate, sundayEndingWeekOf } from '../../src/core/calendar';
import { seedContributions, writerCopy } from '../util/contributionFixtures';
import { useUiSession } from './session';

suite('Past Issues view, as a writer uses it', () => {
  const session = useUiSession();
  const view = () => session().page.locator('.pane', { has: session().page.locator('.pane-header', { hasText: 'Past Issues' }) });
  const row = (text: string) => view().locator('.monaco-list-row', { hasText: text }).first();

  test('the LWKD activity bar icon opens Past Issues: years, editions, sections, featured items', async () => {
    await session().openPastIssuesView();
    await row('2026').waitFor({ state: 'visible', timeout: 30_000 });
    await row('2026').click();
    await row('Week Ending November 8, 2026').waitFor({ state: 'visible' });
    assert.match(await row('Week Ending November 8, 2026').innerText(), /2026-11-08/);
    await row('Week Ending November 8, 2026').locator('.monaco-tl-twistie').click();
    await row('Featured PRs').waitFor({ state: 'visible' });
    await row('Featured PRs').locator('.monaco-tl-twistie').click();
    await row('#140001: Example feature for the fixture').waitFor({ state: 'visible' });
    await session().screenshot('ui-past-issues');
    await row('#140001: Example feature for the fixture').click();
    await session().page.locator('.tab.active', { hasText: '2026-11-08-update.md' }).waitFor({ state: 'visible' });
    await session().page.locator('.editor-instance .current-line').first().waitFor({ state: 'visible' });
    assert.match(await session().page.locator('.statusbar').innerText(), /Ln 18,/);
  });

  test('hovering an edition shows its sections and PR counts', async () => {
    await row('Week Ending November 8, 2026').hover();
    const hover = session().page.locator('.monaco-hover, .workbench-hover').filter({ hasText: 'Sections and linked PRs' }).first();
    await hover.waitFor({ state: 'visible', timeout: 15_000 });
    assert.match((await hover.innerText()).replace(/\u00a0/g, ' '), /Featured PRs: 2/);
    await session().screenshot('ui-past-issues-tooltip');
    await session().page.mouse.move(0, 0);
  });

  test('the toolbar finds a PR in past editions and opens the newest mention', async () => {
    // A container with one view shows that view's toolbar in the side bar's title.
    await session().page.locator('.part.sidebar').getByRole('button', { name: 'Find in Past Issues' }).click();
    const input = session().page.locator('.quick-input-widget input');
    await input.fill('140003');
    const hits = session().page.locator('.quick-input-list .monaco-list-row');
    await hits.filter({ hasText: 'Week Ending November 15, 2026' }).first().waitFor({ state: 'visible' });
    await hits.filter({ hasText: 'Week Ending November 8, 2026' }).first().waitFor({ state: 'visible' });
    // Each row reads as the item does in the edition, not as the raw URL.
    await hits.filter({ hasText: 'Revert an example change' }).first().waitFor({ state: 'visible' });
    await hits.filter({ hasText: 'Kubelet reports example metrics' }).first().waitFor({ state: 'visible' });
    await session().screenshot('ui-find-in-past-issues');
    await session().page.keyboard.press('Enter');
    await session().page.locator('.tab.active', { hasText: '2026-11-15-update.md' }).waitFor({ state: 'visible' });
    assert.match(await session().page.locator('.statusbar').innerText(), /Ln 25,/);
  });

  test("the edition being written shows what contributors sent; a News Item's inline action inserts it", async () => {
    const week = addDays(sundayEndingWeekOf(calendarDateIn(new Date(), 'UTC')), 7 * 520);
    const name = `${formatIsoDate(week)}-update.md`;
    await seedContributions(session().github, week);
    writeFileSync(join(session().folder, '_posts', name), writerCopy(week));
    const year = formatIsoDate(week).slice(0, 4);
    await row(year).waitFor({ state: 'visible', timeout: 30_000 });
    await row(year).click();
    const edition = row(`Week Ending ${formatLongDate(week)}`);
    await edition.waitFor({ state: 'visible' });
    await edition.locator('.monaco-tl-twistie').click();
    await row('Contributions').waitFor({ state: 'visible' });
    await row('Contributions').locator('.monaco-tl-twistie').click();
    const pr = row('#501 Dev News');
    await pr.waitFor({ state: 'visible', timeout: 20_000 });
    assert.match(await pr.innerText(), /alice · applies cleanly/);
    const item = row('The Steering Committee election results are out.');
    await item.waitFor({ state: 'visible' });
    assert.match(await item.innerText(), /#601 · Developer News · erin/);
    assert.match(await row('Contributions').innerText(), /3 PRs · 4 News Items/);
    await item.hover();
    await session().screenshot('ui-contributions');
    await item.getByRole('button', { name: 'Insert News Item' }).click();
    await session().page.locator('.tab.active', { hasText: name }).waitFor({ state: 'visible' });
    const lines = session().page.locator('.editor-instance .view-lines');
    await lines.filter({ hasText: 'The Steering Committee election results are out.' }).waitFor({ state: 'visible', timeout: 15_000 });
    assert.match((await lines.innerText()).replace(/\u00a0/g, ' '), /\* The Steering Committee election results are out\. \(\[elections\.k8s\.io/);
    await session().screenshot('ui-contributions-inserted');
    await session().page.keyboard.press('Control+Z');
  });

  test('the toolbar offers New Weekly Issue', async () => {
    await session().page.locator('.part.sidebar').getByRole('button', { name: 'New Weekly Issue' }).click();
    await session().page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Next Sunday' }).waitFor({ state: 'visible' });
    await session().page.keyboard.press('Escape');
  });
});

suite('Past Issues in a workspace without editions', () => {
  const session = useUiSession('test/fixtures/empty-workspace');

  test('the welcome view offers New Weekly Issue, which starts the first edition', async () => {
    await session().openPastIssuesView();
    const welcome = session().page.locator('.welcome-view-content', { hasText: 'No LWKD editions' });
    await welcome.waitFor({ state: 'visible', timeout: 30_000 });
    await session().screenshot('ui-past-issues-welcome');
    await welcome.getByRole('button', { name: 'New Weekly Issue' }).click();
    await session().page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Next Sunday' }).waitFor({ state: 'visible' });
    await session().page.keyboard.press('Enter');
    await session().page.locator('.tab.active', { hasText: '-update.md' }).waitFor({ state: 'visible', timeout: 20_000 });
    const posts = readdirSync(join(session().folder, '_posts'));
    assert.equal(posts.length, 1);
    assert.ok(existsSync(join(session().folder, '_posts', posts[0]!)));
    // The new edition shows up in the tree in place of the welcome.
    await session()
      .page.locator('.pane', { has: session().page.locator('.pane-header', { hasText: 'Past Issues' }) })
      .locator('.monaco-list-row')
      .first()
      .waitFor({ state: 'visible', timeout: 20_000 });
    await session().screenshot('ui-past-issues-first-edition');
  });
});
