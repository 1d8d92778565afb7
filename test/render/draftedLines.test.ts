import * as assert from 'node:assert/strict';
import { lintPost } from '../../src/core/lint';
import { bulletFor, readSearchPage, sectionFor } from '../../src/core/mergedPrs';
import { linkText } from '../../src/core/prTitleEdit';
import { groupReleases, readReleasesPage, releaseLine } from '../../src/core/releases';
import type { NewsItem } from '../../src/core/newsItems';
import { newsItemBullet, readNewsItem } from '../../src/core/newsItems';
import { applyEdits } from '../../src/core/textEdit';
import { editionWeekWindow } from '../../src/core/weekWindow';
import { HOSTILE_SENTENCE, newsItemBody } from '../util/contributionFixtures';
import type { JekyllBuild } from './renderers';
import { buildWithJekyll, JEKYLL, links, renderCommonMark, unexpectedTags, visibleText } from './renderers';

/**
 * Hostile GitHub answers drafted into edition lines by the same core functions Insert Merged PRs,
 * Insert Subproject Releases, the PR-title quick fix and `lwkd merged`/`lwkd releases` use, then
 * rendered by the real renderers: every line must stay text, and read as it does on GitHub.
 */

interface Case {
  readonly name: string;
  readonly markdown: string;
  /** The links the line must render to, in order. */
  readonly links: ReadonlyArray<{ readonly href: string | ((href: string) => boolean); readonly text: string }>;
  /** The whole line as a reader sees it. */
  readonly text: string;
}

const TITLES: ReadonlyArray<[string, string]> = [
  ['a script element', 'Fix <script>alert(1)</script> in kubelet'],
  ['an image with an onerror handler', 'Fix <img src=x onerror=alert(1)> probe'],
  ['an ordinary generic type', 'Use sets.Set<T> for node names'],
  ['a closing tag and an HTML comment', 'Close </a> early <!-- hidden --> text'],
  ['an autolink and an anchor with a javascript: URL', 'See <https://evil.example> and <a href="javascript:alert(1)">x</a>'],
  ['a kramdown attribute list', 'Fix *probe*{: onmouseover="alert(1)"} and {:.class}'],
  ['a kramdown nomarkdown extension', 'Add {::nomarkdown}<b onclick=alert(1)>x</b>{:/nomarkdown} mode'],
  ['a kramdown comment extension', 'Keep {::comment}hidden{:/comment} text'],
  ['a Liquid include', 'Use {% include ../../../etc/passwd %} in builds'],
  ['Liquid output and raw tags', 'Show {{ site.title }} and {%raw%}x{% endraw %} and {%- comment -%}'],
  ['a pipe that would make a table', 'Fix a | b parsing'],
  ['emphasis, strong and intraword underscores', 'Fix *emphasis* and __strong__ and snake_case_name'],
  ['code spans and double dashes', 'Add `--dry-run` flag to kubectl --server --- and -- alone'],
  ['brackets, a nested link and a footnote', 'Handle ] and [beta] and [link](https://evil.example) and note[^1]'],
  ['backslashes', 'Escape \\ and \\* and \\\\ and a trailing \\'],
  ['kramdown math', 'Math $$x^2$$ and $HOME and $$'],
  ['entities', 'Show &lt;b&gt; &amp; &#60;script&#62; &copy; and AT&T'],
  ['an abbreviation definition and a strikethrough', 'Define *[HTML]: Hyper and ~~struck~~ text'],
  ['guillemets and ellipses', 'Quote <<this>> and wait... for it'],
  ['smart quotes', "Don't \"quote\" `x` 'single'"],
  ['block markers after newlines', 'First line\n# heading\n> quote\n- item\n1. numbered\n    indented'],
  ['line separators, C1 controls and zero-width characters', 'Split\u2028here\u0085and\u200b{\u200b{ x }} there'],
  ['an image', 'Show ![x](https://evil.example/x.png) image'],
  ['a bare URL and a mention', 'From https://evil.example/x by @someone in #123'],
  ['what would read as a link or footnote definition', ']: https://evil.example and [^1]: note'],
  ['a Buttondown template tag', 'Hi {{ subscriber.email }} and {% if x %}y{% endif %}'],
];

const PRS = readSearchPage(
  {
    total_count: TITLES.length + 2,
    incomplete_results: false,
    items: [
      ...TITLES.map(([, title], i) => ({
        number: 1000 + i,
        title,
        pull_request: { merged_at: '2027-03-10T10:00:00Z' },
        labels: [{ name: 'kind/feature' }],
        user: { login: 'someone' },
      })),
      {
        number: 2000,
        title: 'Promote {{ site.title }} <img src=x onerror=alert(1)> to GA',
        pull_request: { merged_at: '2027-03-10T10:00:00Z' },
        labels: [{ name: 'kind/feature' }],
      },
      { number: 2001, title: 'Bump etcd|{%raw%} from v1 to v2', pull_request: { merged_at: '2027-03-10T10:00:00Z' }, labels: [] },
    ],
  },
  'kubernetes/kubernetes',
)!.items;

const prUrl = (number: number): string => `https://github.com/kubernetes/kubernetes/pull/${number}`;
/** What GitHub shows of a title in a list: one line, without the trailing period bullets drop. */
const shown = (title: string): string => visibleText(title.replace(/&/g, '&amp;').replace(/</g, '&lt;')).replace(/[.\s]+$/, '');

const mergedCases: Case[] = PRS.map((pr, i) => {
  const url = prUrl(pr.number);
  const text =
    sectionFor(pr) === 'Other Merges' ? shown(pr.title) : pr.number === 2000 ? '{{ site.title }} <img src=x onerror=alert(1)> to GA' : 'etcd|{%raw%} to v2';
  return { name: `merged PR title with ${TITLES[i]?.[0] ?? pr.title}`, markdown: bulletFor(pr), links: [{ href: url, text }], text };
});

const headingCases: Case[] = TITLES.slice(0, 12).map(([name, title], i) => ({
  name: `Featured PR heading with ${name}`,
  markdown: `### [${3000 + i}: ${linkText(title)}](${prUrl(3000 + i)})`,
  links: [{ href: prUrl(3000 + i), text: `${3000 + i}: ${shown(title)}` }],
  text: `${3000 + i}: ${shown(title)}`,
}));

const week = editionWeekWindow({ year: 2027, month: 3, day: 14 }, 'UTC');
const NOTES = [
  "## What's changed",
  '- <img src=x onerror=alert(1)> Fix the probe',
  '- Support {% include evil.html %} and {{ site.title }} now',
  '* Use a | b pipes and *stars* and `code` and $$math$$',
  '- Add {::nomarkdown}<script>x</script>{:/nomarkdown} and {: onclick=x}',
  '- [link](javascript:alert(1)) and [^1] and &lt;entity&gt; and Set<T>',
].join('\n');
const RELEASE_TAGS: ReadonlyArray<[string, string]> = [
  ['a tag that closes the link destination', 'v1.0.0)](javascript:alert(1))'],
  ['a tag with Liquid, HTML and a pipe', 'v2.0.0{{site.title}}<b>|'],
  ['a tag with a kramdown attribute list and brackets', 'v3.0.0{: onclick=x}[x]'],
  ['an ordinary tag', 'v1.31.2'],
];

const releaseCases: Case[] = RELEASE_TAGS.map(([name, tag], i) => {
  const page = readReleasesPage([{ tag_name: tag, published_at: `2027-03-1${i}T10:00:00Z`, body: NOTES }], 'cri-o/cri-o')!;
  const group = groupReleases('cri-o/cri-o', page.releases, week)!;
  const prefix = 'https://github.com/cri-o/cri-o/releases/tag/';
  const version = /^v?\d/.test(tag) ? (tag.startsWith('v') ? tag : `v${tag}`) : tag;
  const text = `cri-o ${version}: ${group.main.highlights.join(', ')}`;
  return {
    name: `release line with ${name}`,
    markdown: releaseLine(group),
    links: [
      {
        href: (href) => href.startsWith(prefix) && !/[\s()"'<>]/.test(href) && decodeURIComponent(href.slice(prefix.length)) === tag,
        text: `cri-o ${version}`,
      },
    ],
    text,
  };
});

/** A contributor's line with the raw-markup rule's quick fixes applied. */
function fixedByRule(line: string): string {
  const text = `---\nlayout: post\n---\n${line}\n`;
  const edits = lintPost(text)
    .filter((finding) => finding.code === 'raw-markup')
    .flatMap((finding) => finding.fix?.edits ?? []);
  return applyEdits(text, edits).split('\n')[3]!;
}
const CONTRIBUTED =
  '* Fix <script>alert(1)</script>, {% include x.html %}, {{ site.title }} and [x](https://github.com/kubernetes/kubernetes/pull/9){: onclick="alert(1)"} and <img src=x onerror=alert(1)>';
const fixCases: Case[] = [
  {
    name: "a contributor's line after the raw-markup quick fixes",
    markdown: fixedByRule(CONTRIBUTED),
    links: [{ href: prUrl(9), text: 'x' }],
    text: 'Fix <script>alert(1)</script>, {% include x.html %}, {{ site.title }} and x{: onclick="alert(1)"} and <img src=x onerror=alert(1)>',
  },
];

/** A contributor's News Item issue, read as the fake GitHub serves it, then drafted as Insert News Item does. */
const newsItem = (what: string, more: string, ticked: string): NewsItem =>
  readNewsItem(
    {
      number: 1,
      title: 'News Item: x',
      html_url: 'https://github.com/kubernetes-sigs/lwkd/issues/1',
      created_at: '2027-03-10T10:00:00Z',
      user: { login: 'someone' },
      body: newsItemBody({ what, more, ticked: [ticked] }),
    },
    'kubernetes-sigs/lwkd',
  )!;
const hostileItem = newsItem(
  HOSTILE_SENTENCE,
  'See https://evil.example/a{{site.title}}(b)<c> and javascript:alert(1) and https://user:pw@evil.example/x',
  'Related Projects',
);
const newsCases: Case[] = [
  {
    name: 'News Item with HTML, Liquid, kramdown and a javascript: link in its sentence, and a Liquid URL',
    markdown: newsItemBullet(hostileItem, hostileItem.section!),
    links: [{ href: 'https://evil.example/a%7B%7Bsite.title%7D%7D', text: 'evil.example/a{{site.title}}' }],
    text: `${shown(HOSTILE_SENTENCE)} (evil.example/a{{site.title}})`,
  },
  ...TITLES.map(
    ([name, title]): Case => ({
      name: `News Item sentence with ${name}`,
      markdown: newsItemBullet({ sentence: title, links: ['https://k8s.dev/x'] }, 'Developer News'),
      links: [{ href: 'https://k8s.dev/x', text: 'k8s.dev/x' }],
      text: `${visibleText(title.replace(/&/g, '&amp;').replace(/</g, '&lt;'))} (k8s.dev/x)`,
    }),
  ),
  {
    name: 'News Item link with quotes, parentheses, braces, an underscore and a fragment',
    markdown: newsItemBullet({ sentence: 'Read the docs', links: ['https://k8s.io/a_(b)/"c"?q={{x}}&y=1#f'] }, 'Other Merges'),
    links: [{ href: 'https://k8s.io/a_%28b%29/%22c%22?q=%7B%7Bx%7D%7D&y=1#f', text: 'k8s.io/a_(b)/"c"' }],
    text: 'Read the docs (k8s.io/a_(b)/"c")',
  },
  {
    name: "News Item with the template's own links and text in its sentence",
    markdown: newsItemBullet(
      newsItem('The [results](https://elections.k8s.io/2027) are out.', 'https://github.com/kubernetes/community/issues/12', 'Developer News'),
      'Developer News',
    ),
    links: [
      { href: 'https://elections.k8s.io/2027', text: 'elections.k8s.io/2027' },
      { href: 'https://github.com/kubernetes/community/issues/12', text: 'kubernetes/community#12' },
    ],
    text: 'The results are out. (elections.k8s.io/2027, kubernetes/community#12)',
  },
];

const CASES: readonly Case[] = [...mergedCases, ...headingCases, ...releaseCases, ...fixCases, ...newsCases];

function check(html: string | undefined, testCase: Case): void {
  assert.ok(html !== undefined, `no HTML for ${JSON.stringify(testCase.markdown)}`);
  const context = `\n  markdown: ${testCase.markdown}\n  html: ${html.trim()}`;
  // A News Item links wherever its contributor pointed: those anchors, and only those, are expected.
  const anchor = (tag: string): boolean => {
    const href = /^<a href="([^"<>\s]*)">$/.exec(tag)?.[1];
    return (
      href !== undefined && testCase.links.some((link) => (typeof link.href === 'string' ? link.href === visibleText(href) : link.href(visibleText(href))))
    );
  };
  assert.deepEqual(
    unexpectedTags(html).filter((tag) => !anchor(tag)),
    [],
    `markup from remote text${context}`,
  );
  const found = links(html);
  assert.equal(found.length, testCase.links.length, `links${context}`);
  testCase.links.forEach((expected, i) => {
    const href = found[i]!.href;
    assert.ok(typeof expected.href === 'string' ? href === expected.href : expected.href(href), `href ${href}${context}`);
    assert.equal(found[i]!.text, expected.text, `link text${context}`);
  });
  assert.equal(visibleText(html), testCase.text, `visible text${context}`);
}

suite(`Drafted lines, built by Jekyll (Liquid, then kramdown with GFM input) with ${JEKYLL}`, () => {
  let build: JekyllBuild;
  suiteSetup(() => {
    build = buildWithJekyll(CASES.map((testCase) => testCase.markdown));
  });

  test('the site builds', () => {
    assert.equal(build.status, 0, `jekyll build failed:\n${build.output}`);
    assert.equal(build.fragments.size, CASES.length, `the post was not built in full:\n${build.output}`);
  });
  CASES.forEach((testCase, i) => test(testCase.name, () => check(build.fragments.get(i), testCase)));
});

suite('Drafted lines, rendered as CommonMark (Buttondown) with raw HTML allowed', () => {
  CASES.forEach((testCase) =>
    test(testCase.name, () => {
      const { strict, gfm } = renderCommonMark(testCase.markdown);
      check(strict, testCase);
      check(gfm, testCase);
    }),
  );
});
