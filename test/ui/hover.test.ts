import * as assert from 'node:assert/strict';
import { useUiSession } from './session';

suite('Hovering a pull-request link, as a writer does', () => {
  const session = useUiSession();

  test('shows the PR from GitHub under the mouse, with its state and labels', async () => {
    session().github.addPull('kubernetes/kubernetes', {
      number: 140010, title: 'apiserver: serve an example endpoint <for tests>', author: 'api-dev',
      mergedAt: '2026-11-12T08:30:00Z', labels: ['kind/feature', 'sig/api-machinery', 'release-note', 'lgtm'], milestone: 'v1.36',
    });
    await session().openFile('2026-11-15-update.md');
    const link = session().page.locator('.view-line span', { hasText: 'pull/140010' }).first();
    await link.waitFor({ state: 'visible' });
    const hover = session().page.locator('.monaco-hover', { hasText: 'serve an example endpoint' });
    // The extension host may still be starting: hover again until our hover answers.
    for (let attempt = 0; attempt < 20 && !(await hover.isVisible()); attempt++) {
      await session().page.mouse.move(0, 0);
      await link.hover();
      await hover.waitFor({ state: 'visible', timeout: 3_000 }).catch(() => undefined);
    }
    await hover.waitFor({ state: 'visible' });
    const text = await hover.innerText();
    assert.match(text, /serve an example endpoint <for tests>/);
    assert.match(text, /Merged 2026-11-12/);
    assert.match(text, /sig\/api-machinery/);
    assert.doesNotMatch(text, /lgtm/);
    await session().screenshot('ui-hover-pull-request');
  });
});
