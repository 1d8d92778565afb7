/**
 * The one shape of a text change that core hands out: the style checks' quick fixes, the stamp,
 * the section inserts, Add Missing Sections, the PR title. `src/vscode/textEdits.ts` turns it
 * into VS Code's edits; `applyEdits` applies it to a string (the command line, the tests).
 *
 * Why lines and UTF-16 columns, not offsets: every producer already thinks in lines (it splits
 * the text on line breaks and finds the line to change), the findings that carry fixes are
 * positioned the same way, and VS Code's positions are lines and UTF-16 characters. Above all a
 * position in lines survives a change of line endings, which an offset does not: VS Code holds a
 * document with one line ending (a file with mixed endings is normalized when it is opened), so
 * an offset into the text on disk can point elsewhere in the editor, while line 4, column 2 is
 * the same place in both.
 *
 * Lines are separated by `\n`; a `\r` before it belongs to the line break, not to the line
 * (what `text.split(/\r?\n/)` gives, which is how every producer reads the text). Columns count
 * UTF-16 code units, as JavaScript strings and VS Code do.
 */
export interface TextEdit {
  /** 0-based line of the first character replaced. */
  readonly line: number;
  /** UTF-16 column on `line` where the replaced text starts. */
  readonly column: number;
  /** 0-based line where the replaced text ends (exclusive column below). */
  readonly endLine: number;
  /** UTF-16 column on `endLine` just after the replaced text; equal start and end insert. */
  readonly endColumn: number;
  /**
   * The text put in its place, line breaks as written: a producer that knows the text's line
   * endings writes them; the VS Code adapter writes the document's own.
   */
  readonly newText: string;
}

/** Inserts `newText` at a position, replacing nothing. */
export function insertAt(line: number, column: number, newText: string): TextEdit {
  return { line, column, endLine: line, endColumn: column, newText };
}

/** Replaces the whole of `text` with `newText`. */
export function replaceAllEdit(text: string, newText: string): TextEdit {
  const lines = text.split(/\r?\n/);
  return { line: 0, column: 0, endLine: lines.length - 1, endColumn: lines.at(-1)!.length, newText };
}

/** Negative when `a` comes before `b`. */
function comparePositions(aLine: number, aColumn: number, bLine: number, bColumn: number): number {
  return aLine - bLine || aColumn - bColumn;
}

/**
 * Whether two edits change some of the same text, or one inserts strictly inside the other's
 * range: then they cannot both be applied. Edits that only touch (one ends where the other
 * starts, or two insertions at one place) do not overlap.
 */
export function editsOverlap(a: TextEdit, b: TextEdit): boolean {
  return comparePositions(a.endLine, a.endColumn, b.line, b.column) > 0 && comparePositions(b.endLine, b.endColumn, a.line, a.column) > 0;
}

/**
 * Applies edits to `text` as VS Code applies one edit made of them, so a test of a producer
 * shows what the editor will do:
 * - Positions refer to `text` before any edit: the order of `edits` does not move them.
 * - A line past the last line means the end of the text; a column past the end of its line
 *   means the end of that line (before its line break). VS Code clamps them the same way.
 * - Edits are applied in the order of where they start; an insertion where a replacement
 *   starts goes before its text, one where it ends after it; insertions at one place keep the
 *   order they were given in.
 * - Overlapping edits (see `editsOverlap`) are refused with a RangeError, as VS Code refuses
 *   them, and so are negative or fractional positions and a range that ends before it starts.
 * - `newText` goes in as written: no line endings are changed.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  if (edits.length === 0) {
    return text;
  }
  const starts = lineStarts(text);
  const offsetOf = (line: number, column: number): number => {
    if (!Number.isInteger(line) || !Number.isInteger(column) || line < 0 || column < 0) {
      throw new RangeError(`not a position in the text: line ${line}, column ${column}`);
    }
    if (line >= starts.length) {
      return text.length;
    }
    return Math.min(starts[line]! + column, lineEnd(text, starts, line));
  };
  const spans = edits.map((edit, order) => {
    const start = offsetOf(edit.line, edit.column);
    const end = offsetOf(edit.endLine, edit.endColumn);
    if (comparePositions(edit.endLine, edit.endColumn, edit.line, edit.column) < 0) {
      throw new RangeError(`the edit ends (line ${edit.endLine}, column ${edit.endColumn}) before it starts (line ${edit.line}, column ${edit.column})`);
    }
    // Clamping keeps the order of positions, so start <= end here too.
    return { start, end, order, newText: edit.newText };
  });
  spans.sort((a, b) => a.start - b.start || a.end - b.end || a.order - b.order);
  let result = '';
  let at = 0;
  for (const span of spans) {
    if (span.start < at) {
      throw new RangeError(`edits overlap: edit ${span.order + 1} starts inside the text another edit replaces`);
    }
    result += text.slice(at, span.start) + span.newText;
    at = span.end;
  }
  return result + text.slice(at);
}

/** The offset each line starts at. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let newline = text.indexOf('\n'); newline !== -1; newline = text.indexOf('\n', newline + 1)) {
    starts.push(newline + 1);
  }
  return starts;
}

/** The offset just after the last character of `line`, before its `\n` or `\r\n`. */
function lineEnd(text: string, starts: readonly number[], line: number): number {
  const next = starts[line + 1];
  if (next === undefined) {
    return text.length;
  }
  return next - 2 >= starts[line]! && text[next - 2] === '\r' ? next - 2 : next - 1;
}
