import type { IndexedPost } from './postIndex';

/**
 * Knowledge of LWKD's sections that more than one feature needs.
 */

/** Sections whose `###` headings are items of their own (one featured PR, one KEP). */
export function isItemSection(title: string): boolean {
  return /^(featured\s+(prs?|merges|keps?)|kep\s+of\s+the\s+week)\b/i.test(title.trim());
}

/**
 * A heading as a reader sees it: `[#111090: Title](url)` → `#111090: Title`; emphasis and code
 * marks removed.
 */
export function plainHeading(text: string): string {
  return text
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__|[*_`])/g, '')
    .trim();
}

/**
 * For each section (by index in `post.sections`), how many pull-request links fall under it. A
 * level-2 section counts everything up to the next level-2 heading, its `###` items included.
 */
export function sectionLinkCounts(post: IndexedPost): number[] {
  const counts = post.sections.map(() => 0);
  const pulls = post.refs.filter((ref) => ref.kind === 'pull');
  post.sections.forEach((section, i) => {
    let end = Number.POSITIVE_INFINITY;
    for (let j = i + 1; j < post.sections.length; j++) {
      if (post.sections[j]!.level <= section.level) {
        end = post.sections[j]!.line;
        break;
      }
    }
    counts[i] = pulls.filter((ref) => ref.line >= section.line && ref.line < end).length;
  });
  return counts;
}
