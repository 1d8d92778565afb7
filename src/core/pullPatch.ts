import { frontMatterRange } from './edition';
import { canonicalSection, sectionSpans, TEMPLATE_SECTIONS } from './sections';
import { sectionInsertions } from './sectionInsert';
import { applyEdits } from './textEdit';

/**
 * A contributor's pull request against the week's post, read from the unified diff GitHub gives
 * for each file (`patch` in the pull request files API): which lines it adds, under which
 * section, and whether it still applies to the writer's copy. Pure text; nothing is evaluated.
 */

export interface Hunk {
  /** 1-based first line in the old file, as the `@@ -a,b` header says (0 for an empty file). */
  readonly oldStart: number;
  /** Context and removed lines: what the writer's copy must hold for the hunk to apply. */
  readonly oldLines: readonly string[];
  /** Context and added lines: what the hunk leaves in their place. */
  readonly newLines: readonly string[];
  /** Indexes into `newLines` of the added lines. */
  readonly added: readonly number[];
}

/** The hunks of a `patch`, or undefined when it is not a unified diff. */
export function parsePatch(patch: string): Hunk[] | undefined {
  const hunks: Hunk[] = [];
  let current: { oldStart: number; oldLines: string[]; newLines: string[]; added: number[]; oldLeft: number; newLeft: number } | undefined;
  for (const line of patch.split('\n')) {
    const header = /^@@ -(\d{1,9})(?:,(\d{1,9}))? \+(\d{1,9})(?:,(\d{1,9}))? @@/.exec(line);
    if (header) {
      if (current && (current.oldLeft > 0 || current.newLeft > 0)) {
        return undefined;
      }
      current = {
        oldStart: Number(header[1]),
        oldLines: [],
        newLines: [],
        added: [],
        oldLeft: header[2] === undefined ? 1 : Number(header[2]),
        newLeft: header[4] === undefined ? 1 : Number(header[4]),
      };
      hunks.push(current);
      continue;
    }
    if (!current || line.startsWith('\\')) {
      // Before the first hunk, or "\ No newline at end of file".
      if (!current && line !== '') {
        return undefined;
      }
      continue;
    }
    const text = line.slice(1).replace(/\r$/, '');
    if (line.startsWith('+') && current.newLeft > 0) {
      current.added.push(current.newLines.length);
      current.newLines.push(text);
      current.newLeft--;
    } else if (line.startsWith('-') && current.oldLeft > 0) {
      current.oldLines.push(text);
      current.oldLeft--;
    } else if ((line.startsWith(' ') || line === '') && current.oldLeft > 0 && current.newLeft > 0) {
      current.oldLines.push(text);
      current.newLines.push(text);
      current.oldLeft--;
      current.newLeft--;
    } else if (line !== '') {
      return undefined;
    }
  }
  if (current && (current.oldLeft > 0 || current.newLeft > 0)) {
    return undefined;
  }
  return hunks.map(({ oldStart, oldLines, newLines, added }) => ({ oldStart, oldLines, newLines, added }));
}

/** Where a hunk's old lines sit in the writer's copy, trying this many places at most. */
const MAX_CANDIDATES = 64;

/**
 * The 0-based line of `text` where `block` starts, nearest to `expected`, at or after `from`.
 * Only lines equal to the block's first non-blank line are tried, at most MAX_CANDIDATES of
 * them, so a hunk costs time in proportion to its own length.
 */
function locate(
  lines: readonly string[],
  positions: ReadonlyMap<string, readonly number[]>,
  block: readonly string[],
  expected: number,
  from: number,
): number | undefined {
  if (block.length === 0) {
    return Math.max(from, Math.min(expected, lines.length));
  }
  const anchor = Math.max(
    0,
    block.findIndex((line) => line.trim() !== ''),
  );
  const starts = positions.get(block[anchor]!) ?? [];
  // Binary search for the first occurrence at or after the expected place, then walk outwards.
  let low = 0;
  let high = starts.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (starts[middle]! - anchor < expected) {
      low = middle + 1;
    } else {
      high = middle;
    }
  }
  let after = low;
  let before = low - 1;
  for (let tried = 0; tried < MAX_CANDIDATES && (after < starts.length || before >= 0); tried++) {
    const useAfter = before < 0 || (after < starts.length && starts[after]! - anchor - expected <= expected - (starts[before]! - anchor));
    const start = (useAfter ? starts[after++]! : starts[before--]!) - anchor;
    if (start >= from && start + block.length <= lines.length && block.every((line, i) => lines[start + i] === line)) {
      return start;
    }
  }
  return undefined;
}

function linePositions(lines: readonly string[]): Map<string, number[]> {
  const positions = new Map<string, number[]>();
  lines.forEach((line, i) => {
    const list = positions.get(line);
    if (list) {
      list.push(i);
    } else {
      positions.set(line, [i]);
    }
  });
  return positions;
}

export type PatchFit =
  /** Every hunk's old lines are in the writer's copy, in order: it merges without a conflict. */
  | 'applies'
  /** The lines it adds are already there (the writer merged or copied it). */
  | 'alreadyIn'
  /** Some hunk's old lines are not in the writer's copy: merging it needs a hand. */
  | 'conflicts'
  /** The writer has no copy of the post; the PR makes it. */
  | 'newFile';

export interface AddedLines {
  /** The template section the lines land in, else the heading as written; `''` before any heading. */
  readonly section: string;
  readonly lines: readonly string[];
}

export interface PatchReading {
  readonly fit: PatchFit;
  /** The added lines, in order, grouped by the section they land in (non-blank lines only). */
  readonly added: readonly AddedLines[];
  /**
   * The writer's copy with the PR's added lines in it: hunks that apply are applied; the added
   * lines of the others go to the end of their section. For the preview's right side.
   */
  readonly merged: string;
}

/** A `## Heading` line's title without closing hashes, by hand: a lazy pattern would retry every space. */
function level2Title(text: string): string | undefined {
  if (!/^##[ \t]/.test(text)) {
    return undefined;
  }
  let end = text.length;
  while (end > 2 && /[\s#]/.test(text[end - 1]!)) {
    end--;
  }
  const title = text.slice(3, end).trim();
  return title || undefined;
}

function isTemplateSection(name: string): boolean {
  return (TEMPLATE_SECTIONS as readonly string[]).includes(name);
}

/**
 * Reads a PR's hunks against the writer's copy (`undefined`: the writer has none). The section
 * of each added line is the last `##` heading above it: one in the hunk itself, else the one
 * above the place the hunk applies to in the writer's copy, else the last seen in an earlier
 * hunk.
 */
export function readPatch(hunks: readonly Hunk[], writerText: string | undefined): PatchReading {
  const lines = writerText === undefined ? [] : writerText.split(/\r?\n/);
  const positions = linePositions(lines);
  const spans = writerText === undefined ? [] : sectionSpans(writerText, (frontMatterRange(lines)?.end ?? -1) + 1, lines.length);
  // Spans are in line order: the last one starting at or before `line`, by binary search.
  const sectionAt = (line: number): string | undefined => {
    let low = 0;
    let high = spans.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (spans[middle]!.line <= line) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    const span = spans[low - 1];
    return span && (span.canonical ?? span.title);
  };
  const places: Array<number | undefined> = [];
  let from = 0;
  let drift = 0;
  for (const hunk of hunks) {
    const expected = Math.max(0, hunk.oldStart - 1) + drift;
    const at = writerText === undefined ? undefined : locate(lines, positions, hunk.oldLines, expected, from);
    places.push(at);
    if (at !== undefined) {
      from = at + hunk.oldLines.length;
      drift = at - Math.max(0, hunk.oldStart - 1);
    }
  }
  const added: Array<{ section: string; lines: string[] }> = [];
  const unplaced = new Map<string, string[]>();
  let section = '';
  hunks.forEach((hunk, h) => {
    const at = places[h];
    if (at !== undefined) {
      section = sectionAt(at) ?? section;
    }
    const addedHere = new Set(hunk.added);
    hunk.newLines.forEach((text, i) => {
      const heading = level2Title(text);
      if (heading) {
        section = canonicalSection(heading) ?? heading;
      }
      if (addedHere.has(i) && text.trim() !== '') {
        const last = added.at(-1);
        if (last?.section === section) {
          last.lines.push(text);
        } else {
          added.push({ section, lines: [text] });
        }
        if (at === undefined && !heading) {
          unplaced.set(section, [...(unplaced.get(section) ?? []), text]);
        }
      }
    });
  });

  const fits = places.every((place) => place !== undefined);
  let fit: PatchFit;
  if (writerText === undefined) {
    fit = 'newFile';
  } else if (fits && hunks.length > 0) {
    fit = 'applies';
  } else {
    let after = 0;
    const present = hunks.every((hunk) => {
      const at = locate(lines, positions, hunk.newLines, Math.max(0, hunk.oldStart - 1), after);
      if (at !== undefined) {
        after = at + hunk.newLines.length;
      }
      return at !== undefined;
    });
    fit = present && hunks.length > 0 ? 'alreadyIn' : 'conflicts';
  }

  let merged: string;
  if (writerText === undefined) {
    merged = hunks.flatMap((hunk) => hunk.newLines).join('\n') + (hunks.length ? '\n' : '');
  } else if (fit === 'alreadyIn') {
    merged = writerText;
  } else {
    // Built line by line: a hunk can hold more lines than a spread's arguments may.
    const out: string[] = [];
    let next = 0;
    hunks.forEach((hunk, h) => {
      const at = places[h];
      if (at === undefined) {
        return;
      }
      for (; next < at; next++) {
        out.push(lines[next]!);
      }
      for (const line of hunk.newLines) {
        out.push(line);
      }
      next = at + hunk.oldLines.length;
    });
    for (; next < lines.length; next++) {
      out.push(lines[next]!);
    }
    const eol = writerText.includes('\r\n') ? '\r\n' : '\n';
    merged = out.join(eol);
    // Lines of a template section go to its end; those under another heading, to the end of the post.
    const known = new Map([...unplaced].filter(([name]) => isTemplateSection(name)));
    const elsewhere = [...unplaced].filter(([name]) => !isTemplateSection(name)).flatMap(([, texts]) => texts);
    if (known.size) {
      merged = applyEdits(merged, sectionInsertions(merged, known));
    }
    if (elsewhere.length) {
      merged = `${merged.replace(/(\r?\n)*$/, '')}${eol}${eol}${elsewhere.join(eol)}${eol}`;
    }
  }
  return { fit, added, merged };
}
