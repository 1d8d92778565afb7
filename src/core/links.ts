import { codeRanges, inRanges, lineOf, lineStartOffsets } from './githubRefs';

/**
 * The links of an edition that a reader follows: inline Markdown links (`[text](url)`, also
 * `<url>` inside them) and autolinks (`<https://…>`), outside code. Site-relative targets
 * (`/archive`) are made absolute with the site's address, as the published page has them.
 * Positions are the target's, 0-based lines and UTF-16 columns, for diagnostics and fixes.
 */

export interface LinkTarget {
  /** The address to check (absolute). */
  readonly url: string;
  /** As written in the edition. */
  readonly written: string;
  readonly line: number;
  readonly column: number;
  readonly endColumn: number;
}

// Each pattern starts at a fixed character (`](` or `<`) and its body is one bounded character
// class, so a scan is linear in the text.
const INLINE = /\]\(\s{0,8}(?:<(https?:\/\/[^<>\n]+|\/(?!\/)[^<>\n]*)>|(https?:\/\/[^\s()<>]+|\/(?!\/)[^\s()<>]*))/gi;
const AUTOLINK = /<(https?:\/\/[^\s<>]+)>/gi;

export function findLinks(text: string, siteUrl: string): LinkTarget[] {
  if (!text.includes('](') && !text.includes('<http') && !text.includes('<HTTP')) {
    return [];
  }
  const code = codeRanges(text);
  const starts = lineStartOffsets(text);
  const site = siteUrl.replace(/\/+$/, '');
  const links: LinkTarget[] = [];
  for (const pattern of [INLINE, AUTOLINK]) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      // A target in <…> may hold spaces (CommonMark); the address has them encoded.
      const written = m[1] ?? m[2]!;
      const start = m.index + m[0].indexOf(written);
      if (!written || inRanges(code, start)) {
        continue;
      }
      const line = lineOf(starts, start);
      const column = start - starts[line]!;
      const url = written.startsWith('/') ? `${site}${written}` : written;
      links.push({ url: url.replace(/ /g, '%20'), written, line, column, endColumn: column + written.length });
    }
  }
  return links.sort((a, b) => a.line - b.line || a.column - b.column);
}
