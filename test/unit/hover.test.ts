import * as assert from 'node:assert/strict';
import { escapeMarkdown, renderHover, webBaseFor } from '../../src/core/hoverMarkdown';
import type { GitHubItem } from '../../src/core/pullRequests';
import { readPullRequest } from '../../src/core/pullRequests';
import { key, restPull } from '../util/githubItemFixtures';

suite('Hover text from hostile input', () => {
  const render = (item: GitHubItem) =>
    renderHover({
      key,
      refKind: 'pull',
      item,
      coveredIn: [],
      webBase: 'https://github.com',
      openCommand: 'lwkd.openLocation',
    });

  test('a title with a command link, HTML and generics is shown literally', () => {
    const title = '[x](command:workbench.action.terminal.new) <img src=x onerror=alert(1)> List<T> & Map<K,V>';
    const markdown = render({ ...readPullRequest(restPull(), key)!, title });
    assert.ok(!markdown.includes('](command:workbench'), markdown);
    assert.ok(!markdown.includes('<img'), markdown);
    assert.ok(markdown.includes('List&lt;T&gt; &amp; Map&lt;K,V&gt;'), markdown);
    assert.ok(markdown.includes('\\[x\\]\\(command\\:workbench'), markdown);
  });

  test('a label named ](command:x) cannot close a link', () => {
    const markdown = render({ ...readPullRequest(restPull(), key)!, labels: ['kind/](command:x)'] });
    assert.ok(!/(?<!\\)\]\(command:x/.test(markdown), markdown);
  });

  test('links are built from owner/repo/number on our host, never from html_url', () => {
    const markdown = render(readPullRequest(restPull(), key)!);
    assert.ok(markdown.includes('(https://github.com/kubernetes/kubernetes/pull/140001)'));
    assert.ok(!markdown.includes('evil.example'));
  });

  test('the only command links are ours, with their arguments encoded', () => {
    const markdown = renderHover({
      key,
      refKind: 'pull',
      coveredIn: [{ title: 'Week Ending [x](command:y)', uri: 'file:///w/_posts/2026-11-08-update.md', line: 23 }],
      webBase: 'https://github.com',
      openCommand: 'lwkd.openLocation',
      problem: 'GitHub is rate limited',
    });
    const commands = [...markdown.matchAll(/\]\(command:([\w.]+)/g)].map((m) => m[1]);
    assert.deepEqual(commands, ['lwkd.openLocation']);
    assert.match(markdown, /\(line 24\)/);
  });

  test('escapeMarkdown leaves no active character unescaped', () => {
    const escaped = escapeMarkdown('*_`[]()<>&#!|~:');
    assert.equal(escaped, '\\*\\_\\`\\[\\]\\(\\)&lt;&gt;&amp;\\#\\!\\|\\~\\:');
  });

  test('web host for github.com, GitHub Enterprise and a local API', () => {
    assert.equal(webBaseFor('https://api.github.com'), 'https://github.com');
    assert.equal(webBaseFor('https://ghe.example.com/api/v3'), 'https://ghe.example.com');
    assert.equal(webBaseFor('http://127.0.0.1:4000'), 'http://127.0.0.1:4000');
  });
});

suite('Remote text in hovers and items', () => {
  // eslint-disable-next-line no-control-regex
  const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060\u2066-\u2069\ufeff]/;
  const HOSTILE = 'Fix\u001b[31m the\u009b2J kubelet\u202e\u2066gnp.exe\u2069\u200b\u200f\u2028line\u061c\ufeff';

  test('items read from GitHub hold no control, bidi or zero-width characters, nor separators', () => {
    const item = readPullRequest(
      restPull({ title: HOSTILE, labels: [{ name: 'kind/\u200bfeature' }], milestone: { title: 'v1.36\u2067' }, user: { login: 'dev\u0085' } }),
      key,
    )!;
    for (const text of [item.title, ...item.labels, item.milestone!, item.author!]) {
      assert.ok(!UNSAFE.test(text), JSON.stringify(text));
    }
    assert.equal(item.title, 'Fix [31m the 2J kubeletgnp.exe line');
    assert.deepEqual(item.labels, ['kind/feature']);
  });

  test('emoji sequences stay whole: joiners between pictographs and flag tags are kept', () => {
    const title =
      'Dev \u{1f469}\u200d\u{1f4bb} \u{1f3f3}\ufe0f\u200d\u{1f308} \u{1f3f4}\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f} a\u200db x\u{e0041}\u{e0042}';
    assert.equal(
      readPullRequest(restPull({ title }), key)!.title,
      'Dev \u{1f469}\u200d\u{1f4bb} \u{1f3f3}\ufe0f\u200d\u{1f308} \u{1f3f4}\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f} ab x',
    );
  });

  test('the hover shows no control, bidi or zero-width character from any text it is given', () => {
    const item = { ...readPullRequest(restPull(), key)!, title: HOSTILE, labels: [`kind/${HOSTILE}`], milestone: HOSTILE, author: `dev${HOSTILE}` };
    const markdown = renderHover({
      key,
      refKind: 'pull',
      item,
      problem: `GitHub said ${HOSTILE}`,
      coveredIn: [{ title: `Week Ending ${HOSTILE}`, uri: 'file:///x.md', line: 3 }],
      webBase: 'https://github.com',
      openCommand: 'lwkd.openLocation',
    });
    for (const line of markdown.split('\n')) {
      assert.ok(!UNSAFE.test(line), JSON.stringify(line));
    }
  });
});
