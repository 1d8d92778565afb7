import type { IndexedPost } from './postIndex';
import { findSections } from './postIndex';

/**
 * The one model of LWKD's sections: the template's, the spellings archived editions used, an
 * edition's spans, and what more than one feature needs to know of them.
 */

/** The template's sections, in order; a heading matching none of these is unknown. */
export const TEMPLATE_SECTIONS = [
  'Developer News',
  'Release Schedule',
  'Featured PRs',
  'KEP of the Week',
  'Other Merges',
  'Promotions',
  'Deprecated',
  'Version Updates',
  'Subprojects and Dependency Updates',
  'Shoutouts',
] as const;

/**
 * Sections of full sentences, where periods belong: the paragraph sections, and Shoutouts, whose
 * stylesheet boilerplate is itself two sentences.
 */
export const PARAGRAPH_SECTIONS: ReadonlySet<string> = new Set(['Developer News', 'Release Schedule', 'Featured PRs', 'KEP of the Week', 'Shoutouts']);

export interface SectionSpan {
  readonly title: string;
  readonly canonical?: string;
  readonly line: number;
  /** Exclusive: the next level-2 heading's line, or the end. */
  readonly end: number;
}

/** A heading's template section, allowing the spellings archived editions used. */
export function canonicalSection(title: string): string | undefined {
  const trimmed = title.trim();
  // Trailing dots and colons, removed by hand: `/[.:]+$/` retries at every dot of a long run.
  let end = trimmed.length;
  while (end > 0 && (trimmed[end - 1] === '.' || trimmed[end - 1] === ':')) {
    end--;
  }
  const normalized = trimmed.slice(0, end).replace(/\s+/g, ' ').toLowerCase();
  const aliases: Record<string, string> = {
    'featured pr': 'Featured PRs',
    'featured prs': 'Featured PRs',
    shoutout: 'Shoutouts',
    shoutouts: 'Shoutouts',
    'subprojects and dependency updates': 'Subprojects and Dependency Updates',
    'subproject and dependency updates': 'Subprojects and Dependency Updates',
    deprecations: 'Deprecated',
    deprecated: 'Deprecated',
    promotions: 'Promotions',
    promoted: 'Promotions',
  };
  return aliases[normalized] ?? TEMPLATE_SECTIONS.find((section) => section.toLowerCase() === normalized);
}

/**
 * An edition's level-2 sections from `bodyStart` on, each up to the next (the last to
 * `lineCount`), with its template name when it has one.
 */
export function sectionSpans(text: string, bodyStart: number, lineCount: number): SectionSpan[] {
  const headings = findSections(text, bodyStart).filter((section) => section.level === 2);
  return headings.map((heading, i) => {
    const canonical = canonicalSection(heading.title);
    return { title: heading.title, ...(canonical ? { canonical } : {}), line: heading.line, end: headings[i + 1]?.line ?? lineCount };
  });
}

/** Sections whose `###` headings are items of their own (one featured PR, one KEP). */
export function isItemSection(title: string): boolean {
  return /^(featured\s+(prs?|merges|keps?)|kep\s+of\s+the\s+week)\b/i.test(title.trim());
}

/**
 * A heading as a reader sees it: `[#111090: Title](url)` → `#111090: Title`; emphasis and code
 * marks removed.
 */
export function plainHeading(text: string): string {
  return replaceInlineLinks(text, true)
    .replace(/(\*\*|__|[*_`])/g, '')
    .trim();
}

/**
 * Each `[text](target)` replaced by its text (`![alt](src)` too, with `images`), as
 * `/!?\[([^\]]*)\]\([^)]*\)/g` would, in one pass: every `[` between a failed `[` and its `]`
 * shares that `]` and fails alike, and once no `)` follows, nothing later can match.
 */
export function replaceInlineLinks(text: string, images = false): string {
  let result = '';
  let done = 0;
  for (let open = text.indexOf('['); open !== -1; ) {
    const close = text.indexOf(']', open + 1);
    if (close === -1) {
      break;
    }
    if (text.charCodeAt(close + 1) !== 40) {
      open = text.indexOf('[', close + 1);
      continue;
    }
    const end = text.indexOf(')', close + 2);
    if (end === -1) {
      break;
    }
    const start = images && open > done && text[open - 1] === '!' ? open - 1 : open;
    result += text.slice(done, start) + text.slice(open + 1, close);
    done = end + 1;
    open = text.indexOf('[', done);
  }
  return done === 0 ? text : result + text.slice(done);
}

/**
 * For each section (by index in `post.sections`), how many pull-request links fall under it. A
 * level-2 section counts everything up to the next level-2 heading, its `###` items included.
 */
export function sectionLinkCounts(post: IndexedPost): readonly number[] {
  let counts = linkCounts.get(post);
  if (!counts) {
    counts = countLinks(post);
    linkCounts.set(post, counts);
  }
  return counts;
}

/** Posts are immutable values, and the Past Issues view asks once per section it shows. */
const linkCounts = new WeakMap<IndexedPost, readonly number[]>();

/**
 * One pass over sections and references, both in line order: each reference counts for the
 * innermost section it falls in and, added at the end, for the level-2 section above that.
 */
function countLinks(post: IndexedPost): number[] {
  const { sections } = post;
  const own = sections.map(() => 0);
  let section = -1;
  for (const ref of post.refs) {
    if (ref.kind !== 'pull') {
      continue;
    }
    while (section + 1 < sections.length && sections[section + 1]!.line <= ref.line) {
      section++;
    }
    if (section !== -1) {
      own[section]!++;
    }
  }
  const counts = [...own];
  let parent = -1;
  sections.forEach((heading, i) => {
    if (heading.level === 2) {
      parent = i;
    } else if (parent !== -1) {
      counts[parent]! += own[i]!;
    }
  });
  return counts;
}

/**
 * A line of an edition as a reader sees it, for a one-line list: no heading or bullet marker,
 * links as their text, emphasis markers and runs of spaces dropped, at most `max` characters.
 */
export function lineSummary(line: string, max = 120): string {
  const text = replaceInlineLinks(line.slice(0, 4 * max))
    .replace(/^\s{0,3}(?:#{1,6}\s+|[*+-]\s+|\d+[.)]\s+)/, '')
    .replace(/\*\*|__/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** A bullet with nothing in it (`*` or `-` alone): the template's placeholder. */
export function isEmptyBullet(line: string): boolean {
  return /^\s*[*-]\s*$/.test(line);
}
