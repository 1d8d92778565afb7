import type { TextEdit } from './textEdit';

/**
 * `raw-markup`: what in an edition's body would be run rather than shown. A contributor's PR
 * can bring it as easily as a drafted GitHub title could.
 * - Liquid (`{{`, `{%`) anywhere: Jekyll runs Liquid over the whole post before Markdown, code
 *   spans and fences included, so a tag can fail the site build or publish another file. Only
 *   a `{% raw %}` … `{% endraw %}` region is left alone: it is how a writer shows Liquid.
 * - HTML tags and declarations outside code: kramdown and Buttondown publish them as they
 *   stand, attributes (event handlers) and all. Allowed: `<br>`, which carries nothing and is
 *   the one tag Markdown has no way to write; HTML comments, which are never shown or run; and
 *   autolinks (`<https://…>`), which are Markdown.
 * - kramdown attribute lists and extensions (`{:`, `{::`) outside code: they add attributes to
 *   the published HTML or switch Markdown off.
 * The fix writes the opening character as an entity (`&lt;`, `&#123;`), which every renderer
 * shows as the character and none reads as markup. Liquid in code has no such fix (entities are
 * shown literally there), so the message says to wrap it in raw.
 *
 * One pass over each line; every lookahead stops at a bound or at the next character that
 * could start another match, so the cost is linear in the post's size.
 */

export const RAW_MARKUP = 'raw-markup';

export type AddMarkupFinding = (
  code: 'raw-markup',
  message: string,
  line: number,
  column: number,
  endColumn: number,
  fix?: { readonly title: string; readonly edits: readonly TextEdit[] },
) => void;

const RAW_TAG = /\{%-?[ \t]*(end)?raw[ \t]*-?%\}/y;
// A backtick fence's info string has no backtick: "```x```" on a line is inline code.
const FENCE = /^[ \t]*(`{3,}(?=[^`]*$)|~{3,})/;
const TAG_NAME = /[A-Za-z][A-Za-z0-9-]*/y;
const BR_END = /[ \t]*\/?>/y;
const AUTOLINK_SCHEME = /[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*>/y;

export function checkMarkup(lines: readonly string[], bodyStart: number, add: AddMarkupFinding): void {
  let fence: string | undefined;
  let inComment = false;
  let inRaw = false;
  for (let lineNumber = bodyStart; lineNumber < lines.length; lineNumber++) {
    const line = lines[lineNumber]!;
    const fenceMark = FENCE.exec(line)?.[1];
    const fenceLine = fenceMark !== undefined && (fence === undefined || (fenceMark[0] === fence[0] && fenceMark.length >= fence.length));
    const inCode = fence !== undefined || fenceLine;
    const spans = inCode ? [] : codeSpans(line);
    inRaw = checkLiquid(line, lineNumber, inRaw, inCode ? () => true : inSpans(spans), add);
    if (!inCode) {
      inComment = checkHtml(line, lineNumber, spans, inComment, add);
    }
    if (fenceLine) {
      fence = fence === undefined ? fenceMark : undefined;
    }
  }
}

function checkLiquid(line: string, lineNumber: number, inRaw: boolean, inCode: (column: number) => boolean, add: AddMarkupFinding): boolean {
  for (let at = line.indexOf('{'); at !== -1; at = line.indexOf('{', at + 1)) {
    const next = line[at + 1];
    if (next !== '{' && next !== '%') {
      continue;
    }
    RAW_TAG.lastIndex = at;
    const raw = next === '%' ? RAW_TAG.exec(line) : null;
    if (raw) {
      inRaw = raw[1] === undefined;
      at = RAW_TAG.lastIndex - 1;
      continue;
    }
    if (inRaw) {
      continue;
    }
    const opener = `{${next}`;
    if (inCode(at)) {
      add(RAW_MARKUP, `"${opener}" is Liquid, which Jekyll runs even in code; wrap it in {% raw %} and {% endraw %} to show it.`, lineNumber, at, at + 2);
    } else {
      add(
        RAW_MARKUP,
        `"${opener}" is Liquid, which Jekyll runs before Markdown and which can fail the site build; write "&#123;" for the "{" to show it.`,
        lineNumber,
        at,
        at + 2,
        { title: 'Write "{" as &#123;', edits: [{ line: lineNumber, column: at, endLine: lineNumber, endColumn: at + 1, newText: '&#123;' }] },
      );
    }
    at++;
  }
  return inRaw;
}

function checkHtml(line: string, lineNumber: number, spans: readonly Span[], inComment: boolean, add: AddMarkupFinding): boolean {
  let span = 0;
  for (let at = 0; at < line.length; at++) {
    if (inComment) {
      const end = line.indexOf('-->', at);
      if (end === -1) {
        return true;
      }
      inComment = false;
      at = end + 2;
      continue;
    }
    while (span < spans.length && spans[span]!.end <= at) {
      span++;
    }
    if (span < spans.length && spans[span]!.start <= at) {
      at = spans[span]!.end - 1;
      continue;
    }
    const char = line[at];
    if (char === '\\') {
      at++;
    } else if (char === '<') {
      if (line.startsWith('<!--', at)) {
        inComment = true;
        at += 3;
        continue;
      }
      const length = tagLength(line, at);
      if (length) {
        const shown = line.slice(at, at + length);
        add(
          RAW_MARKUP,
          `Raw HTML "${shown}" is published as it stands, where a tag can run script or hide text; write "&lt;" for the "<" to show it.`,
          lineNumber,
          at,
          at + length,
          { title: 'Write "<" as &lt;', edits: [{ line: lineNumber, column: at, endLine: lineNumber, endColumn: at + 1, newText: '&lt;' }] },
        );
      }
    } else if (char === '{' && line[at + 1] === ':') {
      const opener = line[at + 2] === ':' ? '{::' : '{:';
      add(
        RAW_MARKUP,
        `"${opener}" starts a kramdown ${opener === '{::' ? 'extension' : 'attribute list'}, which can add attributes such as event handlers to the page; write "&#123;" for the "{" to show it.`,
        lineNumber,
        at,
        at + opener.length,
        { title: 'Write "{" as &#123;', edits: [{ line: lineNumber, column: at, endLine: lineNumber, endColumn: at + 1, newText: '&#123;' }] },
      );
    }
  }
  return inComment;
}

/**
 * How much of `<…` to underline when it opens a tag, closing tag, declaration or processing
 * instruction; 0 for an allowed `<br>`, an autolink, or a `<` that starts no markup (`a < b`).
 */
function tagLength(line: string, at: number): number {
  const next = line[at + 1];
  if (next === '!' || next === '?') {
    return 2;
  }
  const nameAt = next === '/' ? at + 2 : at + 1;
  TAG_NAME.lastIndex = nameAt;
  const name = TAG_NAME.exec(line)?.[0];
  if (!name) {
    return 0;
  }
  AUTOLINK_SCHEME.lastIndex = nameAt;
  if (next !== '/' && AUTOLINK_SCHEME.test(line)) {
    return 0;
  }
  const after = nameAt + name.length;
  if (after < line.length && !/[\s/>]/.test(line[after]!)) {
    return 0;
  }
  BR_END.lastIndex = after;
  if (name.toLowerCase() === 'br' && BR_END.test(line)) {
    return 0;
  }
  return after - at;
}

interface Span {
  readonly start: number;
  /** Exclusive. */
  readonly end: number;
}

/**
 * The line's code spans: a run of backticks up to the next run of the same length. Each run's
 * partner is found from a table built right to left, so unclosed runs cost nothing extra.
 */
function codeSpans(line: string): Span[] {
  const runs: Span[] = [];
  for (let at = line.indexOf('`'); at !== -1; at = line.indexOf('`', at)) {
    const start = at;
    while (line[at] === '`') {
      at++;
    }
    runs.push({ start, end: at });
  }
  if (runs.length < 2) {
    return [];
  }
  const partner = new Array<number>(runs.length).fill(-1);
  const nextOfLength = new Map<number, number>();
  for (let i = runs.length - 1; i >= 0; i--) {
    const length = runs[i]!.end - runs[i]!.start;
    partner[i] = nextOfLength.get(length) ?? -1;
    nextOfLength.set(length, i);
  }
  const spans: Span[] = [];
  for (let i = 0; i < runs.length; i++) {
    if (partner[i] !== -1) {
      spans.push({ start: runs[i]!.start, end: runs[partner[i]!]!.end });
      i = partner[i]!;
    }
  }
  return spans;
}

/** Whether a column is in one of the spans, for columns asked in increasing order. */
function inSpans(spans: readonly Span[]): (column: number) => boolean {
  let next = 0;
  return (column) => {
    while (next < spans.length && spans[next]!.end <= column) {
      next++;
    }
    return next < spans.length && spans[next]!.start <= column;
  };
}
