import * as assert from 'node:assert/strict';
import { bulletFor } from '../../src/core/mergedPrs';
import { inlineText } from '../../src/core/inertMarkdown';
import { linkText } from '../../src/core/prTitleEdit';
import { groupReleases, highlights, readReleasesPage, releaseLine } from '../../src/core/releases';
import { editionWeekWindow } from '../../src/core/weekWindow';

const pr = (title: string) => ({ owner: 'kubernetes', repo: 'kubernetes', number: 1, title, labels: [] });

suite('Remote text drafted into an edition is inert', () => {
  test('HTML becomes entities, so a generic type keeps its link and a script stays text', () => {
    assert.equal(bulletFor(pr('Use sets.Set<T> for nodes')), '* [Use sets.Set&lt;T&gt; for nodes](https://github.com/kubernetes/kubernetes/pull/1)');
    assert.equal(
      linkText('Fix <script>alert(1)</script> <img src=x onerror=alert(1)>'),
      'Fix &lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt;',
    );
    assert.equal(linkText('<!-- x --> <https://evil.example>'), '&lt;!-\\- x -\\-&gt; &lt;https&#58;//evil.example&gt;');
  });

  test('every { becomes &#123;: no Liquid tag or output, no kramdown attribute list or extension', () => {
    assert.equal(
      linkText('{% include x %} {{ site.title }} {%raw%}{% endraw %}'),
      '&#123;% include x %} &#123;&#123; site.title }} &#123;%raw%}&#123;% endraw %}',
    );
    assert.equal(linkText('*x*{: onmouseover="a"} {::nomarkdown}'), '\\*x\\*&#123;: onmouseover="a"} &#123;::nomarkdown}');
  });

  test('Markdown punctuation is backslashed: pipes, emphasis, code, brackets, math, strikethrough', () => {
    assert.equal(linkText('a | b *c* _d_ `e` [f] \\ $$g$$ ~~h~~'), 'a \\| b \\*c\\* \\_d\\_ \\`e\\` \\[f\\] \\\\ \\$\\$g\\$\\$ \\~\\~h\\~\\~');
  });

  test('entities show as typed; a lone & stays readable', () => {
    assert.equal(linkText('&lt;b&gt; &#60; AT&T & co'), '&amp;lt;b&amp;gt; &amp;#60; AT&amp;T & co');
  });

  test('double dashes are kept from becoming dashes, and ]: from becoming a link definition', () => {
    assert.equal(linkText('Add --dry-run and --- and -x'), 'Add -\\-dry-run and -\\-\\- and -x');
    assert.equal(linkText(']: https://x [^1]: y a: b'), '\\]\\: https&#58;//x \\[^1\\]\\: y a: b');
  });

  test('bare addresses cannot become autolinks: the scheme colon, a leading www. and every @ are entities', () => {
    assert.equal(inlineText('See https://evil.example and HTTP://x, ftp://y'), 'See https&#58;//evil.example and HTTP&#58;//x, ftp&#58;//y');
    assert.equal(inlineText('www.evil.example and awww.x and mail me@evil.example'), 'www&#46;evil.example and awww.x and mail me&#64;evil.example');
    assert.equal(inlineText('xhttps://a, key: value, v1.2'), 'xhttps://a, key: value, v1.2');
  });

  test('one line: newlines and separators cannot start a heading, quote or list', () => {
    assert.equal(linkText('a\n# b\r\n> c\u2028- d\u20291. e'), 'a # b &gt; c - d 1. e');
  });

  test('characters outside ASCII punctuation pass through, controls and zero-width ones included', () => {
    assert.equal(linkText('Ünïcode\u0085 \u200b{ “q” …'), 'Ünïcode\u0085 \u200b&#123; “q” …');
  });

  test('release tags cannot end the link destination early; lines and notes are escaped', () => {
    const window = editionWeekWindow({ year: 2027, month: 3, day: 14 }, 'UTC');
    const page = readReleasesPage(
      [{ tag_name: 'v1)](javascript:x)', published_at: '2027-03-10T10:00:00Z', body: '- Use a | b and {{ x }}\n- Add Set<T>' }],
      'cri-o/cri-o',
    )!;
    assert.equal(page.releases[0]!.url, 'https://github.com/cri-o/cri-o/releases/tag/v1%29%5D%28javascript%3Ax%29');
    assert.equal(
      releaseLine(groupReleases('cri-o/cri-o', page.releases, window)!),
      '* [cri-o v1)\\](javascript:x)](https://github.com/cri-o/cri-o/releases/tag/v1%29%5D%28javascript%3Ax%29): Use a \\| b and &#123;&#123; x }}, Add Set',
    );
  });

  test('escaping and reading release notes take linear time, whatever the text', () => {
    for (const shape of ['<', '[', '](', '[a](', ' ', '{', '&#']) {
      const body = `- x ${shape.repeat(Math.ceil(50_000 / shape.length))}`.slice(0, 50_000);
      const started = performance.now();
      highlights(body);
      linkText(body);
      // Quadratic regular expressions took 5-10 s on 50,000 characters of `<` or `[`.
      assert.ok(performance.now() - started < 1000, `${JSON.stringify(shape)} took ${Math.round(performance.now() - started)} ms`);
    }
  });
});
