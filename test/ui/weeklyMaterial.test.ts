import * as assert from 'node:assert/strict';
import { useUiSession } from './session';

/** The little of a DOM element the layout check reads (the test code has no DOM types). */
interface ElementBox {
  getBoundingClientRect(): { left: number };
}

suite("Collecting the week's merged PRs, as a writer does", () => {
  const session = useUiSession();

  test("Insert Merged PRs shows the week's PRs grouped by kind, and Enter inserts the ticked ones", async () => {
    const github = session().github;
    const merged = (number: number, title: string, labels: string[], body?: string) =>
      github.addPull('kubernetes/kubernetes', { number, title, author: 'dev', mergedAt: '2026-11-12T15:00:00Z', labels, ...(body ? { body } : {}) });
    merged(140101, 'Promote InPlacePodVerticalScaling to GA', ['kind/feature', 'release-note', 'sig/node'], '```release-note\nIn-place Pod resize is GA.\n```');
    merged(
      140102,
      'Add a --watch-cache-size flag to the apiserver',
      ['kind/api-change', 'release-note', 'sig/api-machinery'],
      '```release-note\nNew --watch-cache-size flag.\n```',
    );
    // A title with VS Code's icon syntax: the picker must show it as text.
    merged(140103, 'Deprecate the legacy $(alert) image credential provider', ['kind/deprecation', 'release-note']);
    merged(140104, 'Bump etcd client to v3.6.1', ['release-note', 'area/dependency']);
    merged(140105, 'Automated cherry pick of #140101: Promote InPlacePodVerticalScaling to GA', ['kind/feature', 'release-note']);
    await session().openFile('2026-11-15-update.md');
    await session().runCommand('LWKD: Insert Merged PRs');
    const picker = session().page.locator('.quick-input-widget', { hasText: 'Merged PRs' });
    await picker.waitFor({ state: 'visible' });
    for (const text of [
      'Features',
      'API changes',
      'Deprecations',
      'Other',
      '#140101 Promote InPlacePodVerticalScaling to GA',
      'In-place Pod resize is GA.',
      'cherry-pick',
    ]) {
      await picker.locator('.monaco-list-row', { hasText: text }).first().waitFor({ state: 'visible' });
    }
    // The cherry-pick is offered but not ticked.
    const ticked = (label: string) => picker.locator('.monaco-list-row', { hasText: label }).locator('[role="checkbox"]').getAttribute('aria-checked');
    assert.equal(await ticked('#140105 Automated cherry pick'), 'false');
    assert.equal(await ticked('#140101 Promote'), 'true');
    // The reason a row starts unticked is the first thing in it, ahead of the title and labels.
    const cherryPick = picker.locator('.monaco-list-row', { hasText: '#140105' }).locator('.label-name').first();
    assert.match((await cherryPick.textContent()) ?? '', /^\s*cherry-pick · #140105 /);
    const fits = await cherryPick.evaluate(
      (element: ElementBox & { closest(selector: string): ElementBox | null }) =>
        element.getBoundingClientRect().left >= (element.closest('.monaco-list-row')?.getBoundingClientRect().left ?? Infinity),
    );
    assert.ok(fits, 'the reason is inside the row, where it is seen');
    const iconTitle = picker.locator('.monaco-list-row', { hasText: '#140103' }).locator('.label-name').first();
    assert.match((await iconTitle.textContent()) ?? '', /#140103 Deprecate the legacy \$\(alert\) image credential provider/);
    assert.equal(await iconTitle.locator('.codicon-alert').count(), 0, 'no icon drawn from a PR title');
    await session().screenshot('ui-insert-merged-prs');
    await session().page.keyboard.press('Enter');
    await session().page.locator('.notifications-toasts', { hasText: 'Inserted 4 PRs' }).waitFor({ state: 'visible' });
    await session().page.locator('.view-line', { hasText: '[InPlacePodVerticalScaling to GA]' }).first().waitFor({ state: 'visible' });
    await session().screenshot('ui-insert-merged-prs-done');
  });
});
