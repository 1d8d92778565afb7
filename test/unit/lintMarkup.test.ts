import * as assert from 'node:assert/strict';
import type { Finding } from '../../src/core/lint';
import { lintPost } from '../../src/core/lint';
import { inlineText, linkText } from '../../src/core/inertMarkdown';
import { checkMarkup } from '../../src/core/lintMarkup';
import { applyEdits } from '../../src/core/textEdit';

const FILE = '_posts/2026-11-22-update.md';
const HEAD = '---\nlayout: post\ntitle: Week Ending November 22, 2026\ndate: 2026-11-23 04:12:09 -0000\nslug: 2026-11-22-update\n---\n';

function markup(body: string): Finding[] {
  return lintPost(`${HEAD}${body}`, { fileName: FILE }).filter((finding) => finding.code === 'raw-markup');
}

/** The body's lines after applying every raw-markup fix. */
function fixedBody(body: string): string {
  const fixedText = applyEdits(
    `${HEAD}${body}`,
    markup(body).flatMap((finding) => finding.fix?.edits ?? []),
  );
  return fixedText
    .split('\n')
    .slice(HEAD.split('\n').length - 1)
    .join('\n');
}

const at = (finding: Finding): [number, number, number] => [finding.line - 6, finding.column, finding.endColumn];

suite('Style checks: raw HTML, Liquid and kramdown markup in the body', () => {
  test('HTML tags and closing tags are flagged, with &lt; as the fix', () => {
    const body = '* Fix <script>alert(1)</script> and <img src=x onerror=alert(1)>\n* Use sets.Set<T> now\n';
    assert.deepEqual(markup(body).map(at), [
      [0, 6, 13],
      [0, 22, 30],
      [0, 36, 40],
      [1, 14, 16],
    ]);
    assert.equal(fixedBody(body), '* Fix &lt;script>alert(1)&lt;/script> and &lt;img src=x onerror=alert(1)>\n* Use sets.Set&lt;T> now\n');
    assert.deepEqual(markup(fixedBody(body)), []);
    assert.match(markup(body)[0]!.message, /^Raw HTML "<script" is published as it stands/);
  });

  test('Liquid is flagged; outside code the fix writes &#123;, in code it says to wrap it in raw', () => {
    const body = 'Text {% include x.html %} and {{ site.title }}.\n\n* Code `{{ x }}` too\n\n```\n{% if %}\n```\n';
    const found = markup(body);
    assert.deepEqual(found.map(at), [
      [0, 5, 7],
      [0, 30, 32],
      [2, 8, 10],
      [5, 0, 2],
    ]);
    assert.deepEqual(
      found.map((finding) => Boolean(finding.fix)),
      [true, true, false, false],
    );
    assert.match(found[2]!.message, /wrap it in \{% raw %\}/);
    assert.equal(fixedBody(body).split('\n')[0], 'Text &#123;% include x.html %} and &#123;{ site.title }}.');
    assert.deepEqual(markup(fixedBody(body)).map(at), [
      [2, 8, 10],
      [5, 0, 2],
    ]);
  });

  test('kramdown attribute lists and extensions are flagged with the &#123; fix', () => {
    const body = '* [x](https://github.com/kubernetes/kubernetes/pull/1){: onclick="a"} and {::nomarkdown}\n';
    assert.deepEqual(markup(body).map(at), [
      [0, 54, 56],
      [0, 74, 77],
    ]);
    assert.deepEqual(markup(fixedBody(body)), []);
  });

  test('allowed: <br>, HTML comments (over lines too), autolinks, escapes, code, comparisons, raw regions', () => {
    const body = [
      'Line<br>break<br/>and<BR />again',
      '<!-- a note',
      'for editors <b> -->',
      'See <https://k8s.io/x> and <mailto:a@b.c>',
      'Escaped \\<b> and a < b, x<-y, 1<2',
      '* `kubectl_complete-<pluginName>` and `` <b>`x` ``',
      '```html',
      '<script>x</script>',
      '```',
      '{% raw %}{{ shown }}{% endraw %} and {%- raw -%}{% x %}{%- endraw -%}',
      '    ~~~',
      '    <b>',
      '    ~~~',
      'a { b } c {x: 1}',
    ].join('\n');
    assert.deepEqual(markup(body), []);
  });

  test('a tag after an unclosed comment-like text, a lone backtick or an unclosed raw is still seen', () => {
    assert.deepEqual(markup('`unclosed <b> here\n').map(at), [[0, 10, 12]]);
    assert.deepEqual(markup('a <!- b <i>\n').map(at), [
      [0, 2, 4],
      [0, 8, 10],
    ]);
    assert.deepEqual(markup('{% raw %}\n{{ x }}\n{% endraw %}\n{{ y }}\n').map(at), [[3, 0, 2]]);
    assert.deepEqual(markup('```inline``` is not a fence\n<b>\n').map(at), [[1, 0, 2]]);
  });

  test('the front matter is not the body', () => {
    assert.deepEqual(
      lintPost('---\nlayout: post\ntitle: "<b>{{x}}</b>"\n---\n\nText\n').filter((finding) => finding.code === 'raw-markup'),
      [],
    );
  });

  test('text drafted from GitHub never trips the rule', () => {
    const titles = ['<script>x</script>', '{% include x %} {{ y }}', '*a*{: onclick=x} {::nomarkdown}', 'Set<T> <!-- c --> <https://x>', '`{{ x }}` <b>'];
    const found: string[] = [];
    checkMarkup(
      titles.map((title) => `* [${linkText(title)}](https://github.com/kubernetes/kubernetes/pull/1): ${inlineText(title)}`),
      0,
      (_code, message) => found.push(message),
    );
    assert.deepEqual(found, []);
  });

  // A quadratic scan takes minutes on these lines; the linear one takes well under 300 ms.
  test('linear time on long runs of <, {, backticks and tags', () => {
    for (const shape of ['<', '{', '{%', '{{', '`', '<a', '<a:', '`{{', '<!-', '{% raw']) {
      const lines = [shape.repeat(Math.ceil(200_000 / shape.length)), `x ${shape} `.repeat(20_000)];
      const started = performance.now();
      checkMarkup(lines, 0, () => undefined);
      assert.ok(performance.now() - started < 1500, `${JSON.stringify(shape)} took ${Math.round(performance.now() - started)} ms`);
    }
  });
});
