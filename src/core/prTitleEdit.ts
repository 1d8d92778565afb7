import type { ItemKey } from './pullRequests';
import { findGitHubRefs } from './githubRefs';

/**
 * Where the PR title goes in a line: the text of a Markdown link to a pull request, or the title
 * part of a Featured PR heading (`### [111090: Title](url)`, STYLESHEET's form).
 */
export interface TitleSlot {
  readonly key: ItemKey;
  /** Columns of the text to replace, on this line. */
  readonly start: number;
  readonly end: number;
  /** Put before the title (the heading's `111090: `). */
  readonly prefix: string;
}

const LINK = /\[((?:[^\]\\]|\\.)*)\]\((https?:\/\/[^)\s]+)\)/g;

export function findTitleSlot(line: string, character: number): TitleSlot | undefined {
  LINK.lastIndex = 0;
  for (let m = LINK.exec(line); m; m = LINK.exec(line)) {
    const start = m.index;
    const end = start + m[0].length;
    if (character < start || character > end) {
      continue;
    }
    const ref = findGitHubRefs(m[2]!)[0];
    if (!ref || ref.kind !== 'pull' || ref.malformed) {
      return undefined;
    }
    const key = { owner: ref.owner, repo: ref.repo, number: ref.number };
    const textStart = start + 1;
    const textEnd = textStart + m[1]!.length;
    const heading = /^###\s/.test(line) ? /^(#?\d+):\s*/.exec(m[1]!) : null;
    if (heading && Number(heading[1]!.replace('#', '')) === ref.number) {
      return { key, start: textStart + heading[0].length, end: textEnd, prefix: '' };
    }
    if (/^###\s/.test(line)) {
      // A heading whose link text has no number yet gets the stylesheet's `N: ` in front.
      return { key, start: textStart, end: textEnd, prefix: `${ref.number}: ` };
    }
    return { key, start: textStart, end: textEnd, prefix: '' };
  }
  return undefined;
}

// A title goes into link text inert (src/core/inertMarkdown.ts); kept here for the PR-title callers.
export { linkText } from './inertMarkdown';
