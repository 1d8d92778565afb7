import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import MarkdownIt from 'markdown-it';

/**
 * The renderers the newsletter goes through: Jekyll as GitHub Pages runs it (Liquid first, then
 * kramdown with GFM input, safe mode), and CommonMark (what Buttondown reads when the edition
 * is pasted), strict and with GFM's tables and strikethrough.
 */

export const JEKYLL = process.env.LWKD_JEKYLL ?? 'jekyll';

/**
 * GitHub Pages' kramdown settings and its safe mode, without the LWKD site's theme and plugins.
 * `future`: the test edition may be dated after the machine's clock, and Jekyll skips such a
 * post without an error.
 */
const CONFIG = `markdown: kramdown
kramdown:
  input: GFM
  hard_wrap: false
  math_engine: mathjax
  syntax_highlighter: rouge
safe: true
future: true
`;

export interface JekyllBuild {
  /** Each case's HTML, keyed by the case's index. */
  readonly fragments: ReadonlyMap<number, string>;
  readonly status: number | null;
  readonly output: string;
}

/**
 * Builds one post holding every case, each under its own `## case-N` heading, so that a single
 * Jekyll run (about a second of start-up) serves all of them.
 */
export function buildWithJekyll(blocks: readonly string[]): JekyllBuild {
  const site = mkdtempSync(join(tmpdir(), 'lwkd-render-'));
  try {
    mkdirSync(join(site, '_posts'));
    writeFileSync(join(site, '_config.yml'), CONFIG);
    const body = blocks.map((block, index) => `## case-${index}\n\n${block}\n`).join('\n');
    writeFileSync(
      join(site, '_posts', '2027-03-14-update.md'),
      `---\ntitle: Week Ending March 14, 2027\ndate: 2027-03-15 01:00:00 -0000\nslug: 2027-03-14-update\npermalink: /edition.html\n---\n\n${body}`,
    );
    const result = spawnSync(JEKYLL, ['build', '--source', site, '--destination', join(site, '_site'), '--disable-disk-cache'], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    // Jekyll's first lines of an error say what failed; its Ruby backtrace after them does not.
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? String(result.error) : ''}`.slice(0, 3000);
    const fragments = new Map<number, string>();
    const page = join(site, '_site', 'edition.html');
    if (result.status === 0 && existsSync(page)) {
      const html = readFileSync(page, 'utf8');
      for (const part of html.split('<h2 id="case-').slice(1)) {
        const index = Number(/^(\d+)"/.exec(part)?.[1]);
        fragments.set(index, part.slice(part.indexOf('</h2>') + 5));
      }
    }
    return { fragments, status: result.status, output };
  } finally {
    rmSync(site, { recursive: true, force: true });
  }
}

const strict = new MarkdownIt('commonmark', { html: true });
const gfm = new MarkdownIt('default', { html: true, linkify: true });

/** CommonMark with raw HTML allowed (as Buttondown allows it), strict and with GFM's extensions. */
export function renderCommonMark(markdown: string): { strict: string; gfm: string } {
  return { strict: strict.render(markdown), gfm: gfm.render(markdown) };
}

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", nbsp: '\u00a0' };

/** What a reader sees of an HTML fragment's text (no tags), with typographic quotes made plain. */
export function visibleText(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) =>
      name[0] === '#' ? String.fromCodePoint(name[1]?.toLowerCase() === 'x' ? parseInt(name.slice(2), 16) : Number(name.slice(1))) : (NAMED[name] ?? entity),
    )
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/…/g, '...')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The tags of an edition's drafted lines: lists, paragraphs, headings with kramdown's ids, and
 * links to github.com. Any other tag (script, img, table, em, code, del, sup, span, ...) or any
 * other attribute means remote text became markup.
 */
const ALLOWED_TAG = /^<(?:\/?(?:ul|li|p)|\/a|\/h[1-6]|h[1-6](?: id="[\w-]*")?|a href="https:\/\/github\.com\/[^"<>\s]*")>$/;

export function unexpectedTags(html: string): string[] {
  return (html.match(/<[^>]*>?/g) ?? []).filter((tag) => !ALLOWED_TAG.test(tag));
}

export function links(html: string): Array<{ href: string; text: string }> {
  return [...html.matchAll(/<a href="([^"]*)">([\s\S]*?)<\/a>/g)].map((m) => ({ href: visibleText(m[1]!), text: visibleText(m[2]!) }));
}
