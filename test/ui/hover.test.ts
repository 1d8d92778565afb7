import * as assert from 'node:assert/strict';
import { useUiSession } from './session';

suite('Hovering a pull-request link, as a writer does', () => {
  const session = useUiSession();

  test('shows the PR from GitHub under the mouse, with its state and labels', async () => {
    session().github.addPull('kubernetes/kubernetes', {
      number: 140010,
      title: 'apiserver: serve an example endpoint <for tests>',
      author: 'api-dev',
      mergedAt: '2026-11-12T08:30:00Z',
      labels: ['kind/feature', 'sig/api-machinery', 'release-note', 'lgtm'],
      milestone: 'v1.36',
    });
    await session().openFile('2026-11-15-update.md');
    const hover = await session().hoverText('pull/140010', 'serve an example endpoint');
    const text = await hover.innerText();
    assert.match(text, /serve an example endpoint <for tests>/);
    assert.match(text, /Merged 2026-11-12/);
    assert.match(text, /sig\/api-machinery/);
    assert.doesNotMatch(text, /lgtm/);
    await session().screenshot('ui-hover-pull-request');
  });

  test('with a token set through LWKD: Set GitHub Token, hovers use it through GraphQL', async () => {
    const github = session().github;
    const token = 'ghp_testtokenfortheuitest0123456789';
    github.acceptToken(token);
    github.addPull('kubernetes/kubernetes', {
      number: 140003,
      title: 'Revert the example change',
      author: 'rev',
      mergedAt: '2026-11-13T08:30:00Z',
      labels: ['kind/regression'],
    });
    await session().runCommand('LWKD: Set GitHub Token');
    const input = session().page.locator('.quick-input-widget input[type="password"]');
    await input.waitFor({ state: 'visible' });
    await input.fill('too short');
    await session().page.locator('.quick-input-widget', { hasText: 'does not look like a GitHub token' }).waitFor({ state: 'visible' });
    await input.fill(token);
    await session().page.keyboard.press('Enter');
    await session().page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    await session().page.locator('.notification-toast', { hasText: 'GitHub token saved' }).waitFor({ state: 'visible', timeout: 20_000 });
    await session().runCommand('LWKD: Refresh GitHub Data');

    const before = github.requests.length;
    await session().hoverText('pull/140003', 'Revert the example change');
    const sent = github.requests.slice(before);
    assert.ok(
      sent.length > 0 && sent.every((request) => request.path === '/graphql' && request.authorization === `token ${token}`),
      JSON.stringify(sent.map((r) => [r.path, r.authenticated])),
    );
    await session().screenshot('ui-hover-with-token');
  });
});
