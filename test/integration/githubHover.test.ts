import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID } from '../../src/constants';
import type { LwkdAuthorApi } from '../../src/lwkdAuthor';
import { FakeGitHub } from '../fakeGitHub/server';
import { waitFor } from '../util/waitFor';

const folder = (): vscode.Uri => vscode.workspace.workspaceFolders![0]!.uri;
const post = (name: string): vscode.Uri => vscode.Uri.joinPath(folder(), '_posts', name);

/** The hover's Markdown without backslash escapes, as a reader sees it. */
function plain(markdown: string): string {
  return markdown.replace(/\\(.)/g, '$1');
}

async function hoverText(uri: vscode.Uri, needle: string, offset = 2): Promise<{ text: string; raw: string; trusted: unknown; ms: number }> {
  const document = await vscode.workspace.openTextDocument(uri);
  const at = document.getText().indexOf(needle);
  assert.ok(at >= 0, `${needle} is in ${uri.path}`);
  const started = Date.now();
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, document.positionAt(at + offset));
  const ms = Date.now() - started;
  const ours = hovers
    .flatMap((hover) => hover.contents)
    .filter((content): content is vscode.MarkdownString => content instanceof vscode.MarkdownString && content.value.includes('Open on GitHub'));
  assert.equal(ours.length, 1, `one LWKD hover (got ${hovers.length} hovers)`);
  return { text: plain(ours[0]!.value), raw: ours[0]!.value, trusted: ours[0]!.isTrusted, ms };
}

suite('Hover on GitHub links', () => {
  let github: FakeGitHub;
  const config = () => vscode.workspace.getConfiguration('lwkd');

  suiteSetup(async () => {
    github = await FakeGitHub.start();
    github.addPull('kubernetes/kubernetes', {
      number: 140001,
      title: 'Example feature for the fixture',
      author: 'octo',
      mergedAt: '2026-11-05T10:00:00Z',
      labels: ['kind/feature', 'sig/node', 'lgtm', 'release-note'],
      milestone: 'v1.36',
    });
    github.addPull('kubernetes/kubernetes', {
      number: 140003,
      title: 'Kubelet reports example metrics',
      author: 'metrics-dev',
      mergedAt: '2026-11-04T09:00:00Z',
      labels: ['kind/feature'],
    });
    github.addPull('kubernetes/kubernetes', {
      number: 140010,
      title: '[x](command:workbench.action.terminal.new) <img src=x onerror=alert(1)> List<T> & Map<K,V>',
      author: 'mallory',
      state: 'open',
      labels: ['kind/](command:x)'],
    });
    github.addIssue('kubernetes/kubernetes', { number: 140002, title: 'An example issue', author: 'reporter', labels: ['kind/bug'] });
    await config().update('github.apiUrl', github.url, vscode.ConfigurationTarget.Global);
    await config().update('github.timeoutMs', 800, vscode.ConfigurationTarget.Global);
    // Build the index so "covered in LWKD" can be answered.
    const extension = vscode.extensions.getExtension<LwkdAuthorApi>(EXTENSION_ID)!;
    await (extension.isActive ? extension.exports : await extension.activate()).pastIssues.getChildren();
  });

  setup(async () => {
    github.clearFaults();
    // Background prefetches from earlier tests (a hung one lasts until its deadline) must not
    // answer this test's hovers.
    await waitFor(() => github.activeRequests === 0, { message: 'earlier requests to finish' });
    await vscode.commands.executeCommand('lwkd.refreshGitHubData');
  });

  suiteTeardown(async () => {
    await config().update('github.apiUrl', undefined, vscode.ConfigurationTarget.Global);
    await config().update('github.timeoutMs', undefined, vscode.ConfigurationTarget.Global);
    await github.close();
  });

  test('shows title, state with date, author, relevant labels, milestone and a link built by us', async () => {
    const { text } = await hoverText(post('2026-11-08-update.md'), 'https://github.com/kubernetes/kubernetes/pull/140001', 30);
    assert.match(text, /\*\*Example feature for the fixture\*\*/);
    assert.match(text, /Merged 2026-11-05/);
    assert.match(text, /by @octo/);
    assert.match(text, /Labels: kind\/feature, sig\/node, release-note/);
    assert.doesNotMatch(text, /lgtm/);
    assert.match(text, /Milestone: v1\.36/);
    assert.match(text, new RegExp(`\\(${github.url.replace(/[.]/g, '\\.')}/kubernetes/kubernetes/pull/140001\\)`));
  });

  test('says where LWKD already linked it, not counting this edition', async () => {
    const { text } = await hoverText(post('2026-11-15-update.md'), 'https://github.com/kubernetes/kubernetes/pull/140003', 30);
    assert.match(text, /Covered in LWKD: \[Week Ending November 8, 2026\]\(command:lwkd\.openLocation\?/);
    assert.match(text, /\(line 24\)/);
    assert.doesNotMatch(text, /November 15/);
  });

  test('in an older edition, a later one that links it again is said to be later, not "covered"', async () => {
    const { text } = await hoverText(post('2026-11-08-update.md'), 'https://github.com/kubernetes/kubernetes/pull/140003', 30);
    assert.match(text, /Covered again later: \[Week Ending November 15, 2026\]\(command:lwkd\.openLocation\?/);
    assert.doesNotMatch(text, /Covered in LWKD/);
  });

  test('short forms resolve: k/k#N is kubernetes/kubernetes, an issue shows as an issue', async () => {
    const { text } = await hoverText(post('2026-11-08-update.md'), 'k/k#140002');
    assert.match(text, /\*\*An example issue\*\*/);
    assert.match(text, /kubernetes\/kubernetes#140002 · \$\(issues\) Open/);
  });

  test('a bare #N in a Featured PR heading is the PR its heading links', async () => {
    const { text } = await hoverText(post('2026-11-08-update.md'), '#140001: Example', 1);
    assert.match(text, /Example feature for the fixture/);
  });

  test('hostile titles and labels are shown as text, and only our command is enabled', async () => {
    const { raw, trusted } = await hoverText(post('2026-11-15-update.md'), 'https://github.com/kubernetes/kubernetes/pull/140010', 30);
    assert.ok(!raw.includes('](command:workbench'), raw);
    assert.ok(!raw.includes('<img'), raw);
    assert.ok(raw.includes('List&lt;T&gt; &amp; Map&lt;K,V&gt;'), raw);
    assert.deepEqual(trusted, { enabledCommands: ['lwkd.openLocation'] });
  });

  test('a second hover of the same link sends no request', async () => {
    // Opening the edition also prefetches its other links in the background, which may still
    // be arriving: only requests for this PR count.
    const forThisPull = () => github.requests.filter((request) => request.path.endsWith('/140001') || /\b140001\b/.test(request.graphql ?? '')).length;
    await hoverText(post('2026-11-08-update.md'), 'https://github.com/kubernetes/kubernetes/pull/140001', 30);
    const before = forThisPull();
    assert.ok(before > 0, 'the first hover asked GitHub for the PR');
    await hoverText(post('2026-11-08-update.md'), 'https://github.com/kubernetes/kubernetes/pull/140001', 30);
    assert.equal(forThisPull(), before);
  });

  test('GitHub failing with an HTML 500 says so in one line', async () => {
    github.fail({ kind: 'serverError' });
    const { text } = await hoverText(post('2026-11-08-update.md'), 'https://github.com/kubernetes/kubernetes/pull/140001', 30);
    assert.match(text, /server error \(500\)/);
    assert.doesNotMatch(text, /Unicorn|<html/);
  });

  test('a GitHub that hangs gets a clear message soon after the deadline', async () => {
    github.fail({ kind: 'hang' });
    const { text, ms } = await hoverText(post('2026-11-08-update.md'), 'https://github.com/kubernetes/kubernetes/pull/140001', 30);
    assert.match(text, /did not answer within/);
    assert.ok(ms < 800 + 1_000, `${ms} ms`);
  });

  test('after a rate-limit answer no request is sent until it lifts', async () => {
    github.setRemaining('core', 0);
    try {
      const first = await hoverText(post('2026-11-08-update.md'), 'https://github.com/kubernetes/kubernetes/pull/140001', 30);
      assert.match(first.text, /rate limit is reached until \d\d:\d\d UTC/);
      const before = github.requests.length;
      const second = await hoverText(post('2026-11-15-update.md'), 'https://github.com/kubernetes/kubernetes/pull/140003', 30);
      assert.match(second.text, /rate limit/);
      assert.equal(github.requests.length, before);
    } finally {
      github.setRemaining('core', 60);
    }
  });

  test('a link to nothing says GitHub has no such pull request', async () => {
    const document = await vscode.workspace.openTextDocument({
      language: 'markdown',
      content: 'See https://github.com/kubernetes/kubernetes/pull/424242 here',
    });
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(0, 30));
    const text = plain(
      hovers
        .flatMap((hover) => hover.contents)
        .map((content) => (content as vscode.MarkdownString).value)
        .join('\n'),
    );
    assert.match(text, /GitHub has no pull request kubernetes\/kubernetes#424242/);
  });

  test('opening an edition fetches its links ahead of any hover, then hovers cost nothing', async () => {
    await vscode.commands.executeCommand('lwkd.refreshGitHubData');
    const before = github.requests.length;
    await vscode.window.showTextDocument(post('2026-11-15-update.md'));
    await vscode.commands.executeCommand('workbench.action.files.revert');
    // Typing triggers the prefetch the same way opening does.
    const editor = vscode.window.activeTextEditor!;
    await editor.edit((edit) => edit.insert(new vscode.Position(9, 0), ' '));
    // Two PR links and enhancements#9001: one request each without a token, nothing else.
    await waitFor(() => github.requests.length - before >= 3, { message: "the edition's links to be fetched" });
    assert.deepEqual(
      github.requests
        .slice(before)
        .map((request) => request.path)
        .sort(),
      ['/repos/kubernetes/enhancements/issues/9001', '/repos/kubernetes/kubernetes/pulls/140003', '/repos/kubernetes/kubernetes/pulls/140010'],
    );
    const after = github.requests.length;
    await hoverText(post('2026-11-15-update.md'), 'https://github.com/kubernetes/kubernetes/pull/140003', 30);
    assert.equal(github.requests.length, after);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});

suite('Insert PR Title', () => {
  let github: FakeGitHub;

  suiteSetup(async () => {
    github = await FakeGitHub.start();
    github.addPull('kubernetes/kubernetes', { number: 140001, title: 'Add [beta] example feature', author: 'octo', mergedAt: '2026-11-05T10:00:00Z' });
    await vscode.workspace.getConfiguration('lwkd').update('github.apiUrl', github.url, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('lwkd.refreshGitHubData');
  });

  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('lwkd').update('github.apiUrl', undefined, vscode.ConfigurationTarget.Global);
    await github.close();
  });

  async function applyAction(content: string, character: number): Promise<string> {
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content });
    await vscode.window.showTextDocument(document);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      new vscode.Range(0, character, 0, character),
    );
    const ours = actions.filter((action) => action.title === 'Insert PR Title from GitHub');
    assert.equal(ours.length, 1);
    const applied = await vscode.commands.executeCommand<boolean>(ours[0]!.command!.command, ...(ours[0]!.command!.arguments as unknown[]));
    assert.equal(applied, true);
    const text = document.getText();
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    return text;
  }

  test("fills a link's text with the PR title, escaped for Markdown", async () => {
    const text = await applyAction('* [x](https://github.com/kubernetes/kubernetes/pull/140001) lands', 4);
    assert.equal(text, '* [Add \\[beta\\] example feature](https://github.com/kubernetes/kubernetes/pull/140001) lands');
  });

  test("fills a Featured PR heading in the stylesheet's form", async () => {
    const text = await applyAction('### [140001: TODO](https://github.com/kubernetes/kubernetes/pull/140001)', 6);
    assert.equal(text, '### [140001: Add \\[beta\\] example feature](https://github.com/kubernetes/kubernetes/pull/140001)');
  });
});
