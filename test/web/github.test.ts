import * as vscode from 'vscode';
import type { ConnectionCheck } from '../../src/features/githubConnection';
import { waitFor } from '../util/waitFor';
import * as assert from './assert';
import type { RemoteGitHub } from './remoteGitHub';
import { closeAll, edition, encode, github, post } from './site';
import { WEB_TOKEN } from './token';

/** The hover's Markdown without backslash escapes, as a reader sees it. */
const plain = (markdown: string): string => markdown.replace(/\\(.)/g, '$1');

async function hover(uri: vscode.Uri, needle: string): Promise<vscode.MarkdownString> {
  const document = await vscode.workspace.openTextDocument(uri);
  const at = document.getText().indexOf(needle);
  assert.ok(at >= 0, `${needle} is in ${uri.toString()}`);
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, document.positionAt(at + 30));
  const ours = hovers
    .flatMap((found) => found.contents)
    .filter((content): content is vscode.MarkdownString => content instanceof vscode.MarkdownString && content.value.includes('Open on GitHub'));
  assert.equal(ours.length, 1, `one LWKD hover (got ${hovers.length})`);
  return ours[0]!;
}

const pull = (number: number): string => `https://github.com/kubernetes/kubernetes/pull/${number}`;

suite('GitHub from the browser', () => {
  let fake: RemoteGitHub;
  // A post of links no other suite fetches: the browser's HTTP cache keeps GitHub's answers a minute.
  const links = post('2027-08-01-update.md');

  suiteSetup(async () => {
    fake = github();
    for (const [number, title] of [
      [170001, 'Kubelet reports example metrics from the browser'],
      [170002, 'A second example'],
      [170003, 'Fetched without CORS'],
      [170005, 'Asked twice'],
      [170004, '[x](command:workbench.action.terminal.new) <img src=x onerror=alert(1)> List<T> & Map<K,V>'],
      [170011, 'Batched one'],
      [170012, 'Batched two'],
      [170013, 'Batched three'],
    ] as const) {
      await fake.call('addPull', 'kubernetes/kubernetes', { number, title, author: 'web-dev', mergedAt: '2027-07-28T10:00:00Z', labels: ['kind/feature'] });
    }
    await vscode.workspace.fs.writeFile(
      links,
      encode(
        edition('2027-08-01', 'August 1, 2027', [
          '## Other Merges',
          '',
          `* One [hover](${pull(170001)})`,
          `* Two [hover](${pull(170002)})`,
          `* Three [no CORS](${pull(170003)})`,
          `* Four [hostile](${pull(170004)})`,
          `* Five [twice](${pull(170005)})`,
        ]),
      ),
    );
  });

  setup(async () => {
    await vscode.commands.executeCommand('lwkd.refreshGitHubData');
  });

  teardown(async () => {
    await fake.settings({ cors: true });
    await fake.call('clearFaults');
    await closeAll();
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('lwkd.clearGitHubToken');
    await vscode.workspace.fs.delete(links);
  });

  test('a hover fetches the title cross-origin and shows it as untrusted Markdown', async () => {
    const shown = await hover(links, pull(170001));
    assert.match(plain(shown.value), /Kubelet reports example metrics from the browser/);
    // Trusted for our one command only (open the edition where the link was covered), never for the remote text.
    assert.deepEqual(shown.isTrusted, { enabledCommands: ['lwkd.openLocation'] });
    assert.equal(shown.supportHtml, false);
    const asked = (await fake.state()).requests.filter((request) => request.path === '/repos/kubernetes/kubernetes/pulls/170001');
    assert.ok(asked.length > 0, 'GitHub was asked');
    // A browser's request carries the page's origin; Node's fetch sends none.
    assert.match(asked[0]!.origin ?? '', /^http:\/\/127\.0\.0\.1:\d+$/);
  });

  test('a hostile title is shown as text: no command link, no HTML', async () => {
    const { value } = await hover(links, pull(170004));
    assert.ok(!value.includes('](command:workbench'), value);
    assert.ok(!value.includes('<img'), value);
    assert.ok(value.includes('List&lt;T&gt; &amp; Map&lt;K,V&gt;'), value);
  });

  test('a second hover of the same link is answered from the cache', async () => {
    const count = async () => (await fake.state()).requests.filter((request) => request.path.endsWith('/170002')).length;
    assert.match(plain((await hover(links, pull(170002))).value), /A second example/);
    const before = await count();
    assert.ok(before > 0);
    assert.match(plain((await hover(links, pull(170002))).value), /A second example/);
    assert.equal(await count(), before);
  });

  test("Refresh GitHub Data asks GitHub again, not the browser's HTTP cache", async () => {
    // GitHub marks its answers cacheable for 60 s; the browser would answer from its own cache.
    const count = async () => (await fake.state()).requests.filter((request) => request.path.endsWith('/170005')).length;
    assert.match(plain((await hover(links, pull(170005))).value), /Asked twice/);
    const before = await count();
    await vscode.commands.executeCommand('lwkd.refreshGitHubData');
    assert.match(plain((await hover(links, pull(170005))).value), /Asked twice/);
    assert.equal(await count(), before + 1);
  });

  test("Check GitHub Connection reads the quota from GitHub's headers, which CORS exposes", async () => {
    const result = await vscode.commands.executeCommand<ConnectionCheck>('lwkd.checkGitHubConnection');
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal(result.limit, 60);
    assert.ok(result.remaining > 0 && result.remaining <= 60, String(result.remaining));
  });

  test('a GitHub that sends no CORS headers is named unreachable, not waited on', async () => {
    await fake.settings({ cors: false });
    // "Cannot reach" is the refused request's message; a wait would end in "did not answer within".
    const shown = plain((await hover(links, pull(170003))).value);
    assert.match(shown, /Cannot reach GitHub/);
    assert.doesNotMatch(shown, /Fetched without CORS|did not answer/);
  });

  test("the token typed into Set GitHub Token goes to GitHub, and batches an edition's links into one GraphQL query", async () => {
    assert.equal(await vscode.commands.executeCommand<boolean>('lwkd.setGitHubToken'), true);
    // The browser keeps preflights for a day (access-control-max-age): only a new one counts.
    const preflightsBefore = (await fake.state()).preflights.filter((entry) => entry.path === '/graphql').length;
    const batch = post('2027-08-08-update.md');
    await vscode.workspace.fs.writeFile(
      batch,
      encode(edition('2027-08-08', 'August 8, 2027', ['## Other Merges', '', ...[170011, 170012, 170013].map((number) => `* A [change](${pull(number)})`)])),
    );
    try {
      await vscode.window.showTextDocument(batch);
      const query = await waitFor(
        async () => (await fake.state()).requests.find((request) => request.path === '/graphql' && /170011/.test(request.graphql ?? '')),
        { message: 'the GraphQL query for the edition' },
      );
      assert.match(query.graphql ?? '', /170012[\s\S]*170013|170013[\s\S]*170012/);
      assert.match(query.authorization ?? '', new RegExp(`${WEB_TOKEN}$`));
      // The token (and GraphQL's JSON body) make the browser ask first, as it asks api.github.com.
      const preflights = (await fake.state()).preflights.filter((entry) => entry.path === '/graphql');
      assert.ok(preflights.length > preflightsBefore, 'the browser asked before its first GraphQL query');
      assert.match(preflights.at(-1)!.headers, /authorization/i);
      assert.equal(await vscode.commands.executeCommand<boolean>('lwkd.clearGitHubToken'), true);
    } finally {
      await vscode.workspace.fs.delete(batch);
    }
  });
});
