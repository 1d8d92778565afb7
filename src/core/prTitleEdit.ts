import type { ItemKey } from './pullRequests';
import { findGitHubRefs } from './githubRefs';
import { linkText } from './inertMarkdown';
import type { TextEdit } from './textEdit';

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

/**
 * Markdown links `[text](http…)` in a line, in order, with `\` escapes in the text: what
 * `/\[((?:[^\]\\]|\\.)*)\]\((https?:\/\/[^)\s]+)\)/g` finds, in one pass. Every `[` before the
 * `]` (or the stray backslash) that ends an attempt ends there too, so a failed attempt skips
 * past it; and a target runs to the first `)` or space, found once for all attempts before it.
 */
function* markdownLinks(line: string): Generator<{ start: number; end: number; text: string; target: string }> {
  let stop = -1;
  const stopFrom = (from: number): number => {
    if (stop < from) {
      stop = from;
      while (stop < line.length && !/[)\s]/.test(line[stop]!)) {
        stop++;
      }
    }
    return stop;
  };
  for (let open = line.indexOf('['); open !== -1; ) {
    let close = open + 1;
    while (close < line.length && line[close] !== ']') {
      if (line[close] === '\\') {
        if (close + 1 >= line.length || /[\r\u2028\u2029]/.test(line[close + 1]!)) {
          break;
        }
        close++;
      }
      close++;
    }
    if (close >= line.length) {
      return;
    }
    if (line[close] !== ']') {
      open = line.indexOf('[', close + 1);
      continue;
    }
    const scheme = line.startsWith('](https://', close) ? 10 : line.startsWith('](http://', close) ? 9 : 0;
    const end = scheme ? stopFrom(close + scheme) : -1;
    if (scheme && end > close + scheme && line[end] === ')') {
      yield { start: open, end: end + 1, text: line.slice(open + 1, close), target: line.slice(close + 2, end) };
      open = line.indexOf('[', end + 1);
    } else {
      open = line.indexOf('[', close + 1);
    }
  }
}

export function findTitleSlot(line: string, character: number): TitleSlot | undefined {
  for (const { start, end, text, target } of markdownLinks(line)) {
    if (character < start || character > end) {
      continue;
    }
    const ref = findGitHubRefs(target)[0];
    if (!ref || ref.kind !== 'pull' || ref.malformed) {
      return undefined;
    }
    const key = { owner: ref.owner, repo: ref.repo, number: ref.number };
    const textStart = start + 1;
    const textEnd = textStart + text.length;
    const heading = /^###\s/.test(line) ? /^(#?\d+):\s*/.exec(text) : null;
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

/** The edit that puts GitHub's `title` in `slot`, found on line `line`: inert, with the slot's prefix. */
export function titleEdit(line: number, slot: TitleSlot, title: string): TextEdit {
  return { line, column: slot.start, endLine: line, endColumn: slot.end, newText: `${slot.prefix}${linkText(title)}` };
}

// A title goes into link text inert (src/core/inertMarkdown.ts); kept here for the PR-title callers.
export { linkText };
