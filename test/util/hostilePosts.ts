import { findLinks } from '../../src/core/links';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SnippetDefinition } from '../../src/core/completions';
import { suggestCompletions } from '../../src/core/completions';
import { findGitHubRefs } from '../../src/core/githubRefs';
import { lintPost } from '../../src/core/lint';
import { readNewsItem } from '../../src/core/newsItems';
import { parsePatch, readPatch } from '../../src/core/pullPatch';
import { lintCoverage } from '../../src/core/lintCoverage';
import { missingSectionInsertions } from '../../src/core/missingSections';
import { indexPost, PostIndex, searchIndex } from '../../src/core/postIndex';
import { findTitleSlot } from '../../src/core/prTitleEdit';
import { sectionInsertions } from '../../src/core/sectionInsert';
import { plainHeading, sectionLinkCounts } from '../../src/core/sections';
import { BUILTIN_TEMPLATE } from '../../src/core/edition';
import { projectRoot } from '../runner/paths';

/**
 * Posts shaped to make a scanner slow: long runs of one character or token in every place a
 * scanner looks closely (a heading, an item heading, a bullet, a paragraph, a front-matter value),
 * and structures repeated to the size cap (sections, links, unclosed backticks, fences). Shared by
 * the unit tests and `npm run bench`, so the figure and the tests cover the same shapes.
 */

export interface HostileShape {
  readonly name: string;
  /** The post, about `bytes` long (UTF-16 code units, which is what the scanners walk). */
  readonly build: (bytes: number) => string;
}

const FRONT = '---\nlayout: post\ntitle: Week Ending March 21, 2027\ndate: 2027-03-21 22:00:00 -0000\nslug: 2027-03-21-update\n---\n\n';
export const HOSTILE_FILE = '_posts/2027-03-21-update.md';

/** `unit` repeated to about `bytes` (at least once). */
function fill(unit: string, bytes: number): string {
  return unit.repeat(Math.max(1, Math.floor(bytes / unit.length)));
}

/** Runs of one character or token, each put between `a` and `b` so that nothing trims it away. */
const RUNS: ReadonlyArray<readonly [string, string]> = [
  ['spaces', ' '],
  ['tabs', '\t'],
  ['open-brackets', '['],
  ['empty-links', '[]('],
  ['link-middles', ']('],
  ['unclosed-angle-targets', '](<https://example.test/a b '],
  ['autolink-starts', '<https://example.test/'],
  ['stars', '*'],
  ['underscores', '_'],
  ['angles', '<'],
  ['parens', '('],
  ['backslashes', '\\'],
  ['bangs', '!'],
  ['hashes', '#'],
  ['space-hashes', ' #'],
  ['dashes', '-'],
  ['backticks', '`'],
  ['dots', '.'],
  ['http', 'http://'],
  ['github-hosts', 'https://github.com/'],
  ['bare-github', 'github.com/'],
  ['pull-paths', '/pull/'],
  ['short-refs', 'a/b#1 '],
  ['hash-digits', '#1'],
  ['terms', 'kubernetes '],
  ['sentence-terms', '. Kubeadm '],
  ['kep-links', '](https://kep.k8s.io/1)'],
  ['pr-links', '](https://github.com/a/b/pull/1)'],
  ['escaped-brackets', '\\['],
  ['quotes', '> '],
];

/** Where a run is put: each place a scanner reads with its own pattern. */
const PLACES: ReadonlyArray<readonly [string, (run: string) => string]> = [
  ['heading', (run) => `${FRONT}## Other Merges\n\n## a${run}b\n`],
  ['featured-heading', (run) => `${FRONT}## Featured PRs\n\n### [1: a${run}b\n`],
  ['kep-heading', (run) => `${FRONT}## KEP of the Week\n\n### [KEP-1: a${run} b\n`],
  ['bullet', (run) => `${FRONT}## Other Merges\n\n* a${run}b\n`],
  ['paragraph', (run) => `${FRONT}## Developer News\n\na${run}b /pull/\n`],
  ['front-matter', (run) => `---\nlayout: post\ntitle: a${run}b\ndate: 2027-03-21 22:00:00 -0000\nslug: 2027-03-21-update\n---\n\n## Other Merges\n`],
];

const pr = (n: number): string => `https://github.com/kubernetes/kubernetes/pull/${n}`;

/** Repeated structures: what is linear per line but was quadratic over the post. */
const STRUCTURES: readonly HostileShape[] = [
  { name: 'many-item-headings', build: (bytes) => `${FRONT}## Featured PRs\n\n${fill('### x\n', bytes)}` },
  { name: 'many-sections', build: (bytes) => `${FRONT}${fill(`## Other Merges\n\n* [x](${pr(1)})\n\n`, bytes)}` },
  { name: 'many-unknown-sections', build: (bytes) => `${FRONT}${fill('## Othr Merges\n', bytes)}` },
  { name: 'many-sections-and-items', build: (bytes) => `${FRONT}${fill(`## Featured PRs\n### [1: x](${pr(1)})\n`, bytes)}` },
  { name: 'unclosed-backtick-lines', build: (bytes) => `${FRONT}## Other Merges\n\n${fill('* a `b\n', bytes)}` },
  { name: 'unclosed-backtick-lines-crlf', build: (bytes) => `${FRONT}## Other Merges\r\n\r\n${fill('* a `b\r\n', bytes)}`.replace(/\r?\n/g, '\r\n') },
  {
    name: 'growing-backtick-runs',
    build: (bytes) => {
      let body = '';
      for (let run = 1; body.length < bytes; run++) {
        body += `${'`'.repeat(run)} `;
      }
      return `${FRONT}## Other Merges\n\n${body}\n`;
    },
  },
  { name: 'same-link-repeated', build: (bytes) => `${FRONT}## Other Merges\n\n${fill(`* [x](${pr(1)})\n`, bytes)}` },
  {
    name: 'distinct-links',
    build: (bytes) => {
      const lines: string[] = [];
      for (let i = 0, size = 0; size < bytes; i++) {
        const line = `* [x](${pr(100000 + i)})\n`;
        lines.push(line);
        size += line.length;
      }
      return `${FRONT}## Other Merges\n\n${lines.join('')}`;
    },
  },
  {
    name: 'one-number-many-repositories',
    build: (bytes) => {
      const lines: string[] = [];
      for (let i = 0, size = 0; size < bytes; i++) {
        const line = `* o/r${i}#5\n`;
        lines.push(line);
        size += line.length;
      }
      return `${FRONT}## Other Merges\n\n${lines.join('')}`;
    },
  },
  { name: 'kep-links-in-kep-headings', build: (bytes) => `${FRONT}## KEP of the Week\n\n${fill('### [KEP-1: x](https://kep.k8s.io/1)\n', bytes)}` },
  { name: 'dash-lines', build: (bytes) => fill('---\n', bytes) },
  { name: 'unclosed-front-matter', build: (bytes) => `---\n${fill('title: x\n', bytes)}` },
  { name: 'fence-lines', build: (bytes) => `${FRONT}${fill('```\n~~~\n', bytes)}` },
  { name: 'deep-quotes', build: (bytes) => `${FRONT}## Other Merges\n\n${fill('>', bytes)}\n` },
  { name: 'list-markers', build: (bytes) => `${FRONT}## Other Merges\n\n${fill('* ', bytes)}\n` },
  { name: 'empty-bullets', build: (bytes) => `${FRONT}## Other Merges\n\n${fill('*\n', bytes)}` },
  { name: 'nested-lists', build: (bytes) => `${FRONT}## Other Merges\n\n${fill('- ', bytes)}x\n` },
  { name: 'long-line', build: (bytes) => `${FRONT}## Other Merges\n\n* ${fill('a', bytes)}\n` },
  { name: 'blank-lines', build: (bytes) => `${FRONT}## Other Merges\n${fill('\n', bytes)}` },
  { name: 'yaml-flow-nesting', build: (bytes) => `---\ntitle: ${fill('[', bytes)}\n---\n` },
  {
    name: 'yaml-aliases',
    build: (bytes) => {
      let yaml = 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
      for (let i = 1; yaml.length < bytes && i < 5_000; i++) {
        yaml += `a${i}: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(', ')}]\n`;
      }
      return `---\n${yaml}---\n`;
    },
  },
  { name: 'yaml-long-value', build: (bytes) => `---\ntitle: a${fill(' ', bytes)}b\n---\n` },
];

export const HOSTILE_SHAPES: readonly HostileShape[] = [
  ...PLACES.flatMap(([place, wrap]) =>
    RUNS.map(
      ([run, unit]): HostileShape => ({
        name: `${run}-in-${place}`,
        build: (bytes) => {
          const shell = wrap('');
          return wrap(fill(unit, bytes - shell.length));
        },
      }),
    ),
  ),
  ...STRUCTURES,
];

const snippets = JSON.parse(readFileSync(join(projectRoot, 'snippets', 'lwkd.code-snippets'), 'utf8')) as Record<string, SnippetDefinition>;

/** The longest line, where a one-line scanner has the most to do. */
function longestLine(text: string): { line: number; length: number; text: string } {
  let best = { line: 0, length: -1, text: '' };
  let line = 0;
  for (let start = 0; start <= text.length; line++) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    if (end - start > best.length) {
      best = { line, length: end - start, text: text.slice(start, end).replace(/\r$/, '') };
    }
    if (newline === -1) {
      break;
    }
    start = newline + 1;
  }
  return best;
}

export type ScannerName =
  | 'index'
  | 'lint'
  | 'coverage'
  | 'references'
  | 'completions'
  | 'find'
  | 'pastIssues'
  | 'titleSlot'
  | 'missingSections'
  | 'sectionInsert'
  | 'links'
  | 'contributions';

/** Every scanner a post's text reaches, each timed in ms. */
export function scanTimes(text: string): Record<ScannerName, number> {
  const times = {} as Record<ScannerName, number>;
  const time = <T>(name: ScannerName, run: () => T): T => {
    const started = process.hrtime.bigint();
    const result = run();
    times[name] = Number(process.hrtime.bigint() - started) / 1e6;
    return result;
  };
  const post = time('index', () => indexPost(HOSTILE_FILE, text));
  const index = new PostIndex();
  index.set(post);
  index.set(indexPost('_posts/2027-03-07-update.md', text));
  time('lint', () => lintPost(text, { fileName: HOSTILE_FILE, authors: new Set(['JMB']) }));
  time('coverage', () => lintCoverage(post, index));
  time('references', () => findGitHubRefs(text));
  time('links', () => findLinks(text, 'https://lwkd.info'));
  const longest = longestLine(text);
  time('completions', () => {
    for (const character of [longest.length, longest.length >> 1]) {
      suggestCompletions({ text, line: longest.line, character, snippets, explicit: true, cachedTitle: () => 'A title' });
    }
  });
  time('titleSlot', () => findTitleSlot(longest.text, longest.length));
  time('find', () => {
    for (const query of ['1', '#5', 'kubernetes/kubernetes#1', pr(1), 'KEP-1', 'other merges x', longest.text.slice(0, 200)]) {
      searchIndex(index, query);
    }
  });
  time('pastIssues', () => {
    sectionLinkCounts(post);
    // The Past Issues view asks once per section it shows.
    for (const section of post.sections) {
      plainHeading(section.title);
      sectionLinkCounts(post);
    }
  });
  time('missingSections', () => missingSectionInsertions(text, BUILTIN_TEMPLATE));
  time('sectionInsert', () =>
    sectionInsertions(
      text,
      new Map([
        ['Other Merges', ['* new']],
        ['Shoutouts', ['* thanks']],
      ]),
    ),
  );
  time('contributions', () => {
    // The post as a News Item's body, and as a PR's patch that keeps every line and adds one.
    readNewsItem(
      {
        number: 1,
        title: 'News Item: x',
        html_url: '',
        created_at: '2027-03-18T00:00:00Z',
        body: `**What would you like to be added**\n${text}\n**Section:**\n- [x] ${text}`,
      },
      'o/r',
    );
    const lines = text.split('\n');
    const hunks = parsePatch(`@@ -1,${lines.length} +1,${lines.length + 1} @@\n${lines.map((line) => ` ${line}`).join('\n')}\n+* added`);
    readPatch(hunks ?? [], text);
    readPatch(hunks ?? [], `x\n${text}`);
  });
  return times;
}

export function totalMs(times: Record<string, number>): number {
  return Object.values(times).reduce((sum, ms) => sum + ms, 0);
}
