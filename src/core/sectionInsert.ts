import { frontMatterRange } from './edition';
import { sectionSpans, TEMPLATE_SECTIONS } from './sections';

/**
 * Where new bullets go in an edition: at the end of their section's list, in place of the
 * template's empty `*` bullet when there is one, or in a new section at its place in the
 * template's order when the edition lacks it. Insertions only (the empty bullet aside): the
 * writer's text is never changed.
 */
export interface LineEdit {
  /**
   * 0-based line to insert before (each line followed by a newline). The line count means after
   * the last line of a document that does not end with a newline.
   */
  readonly line: number;
  /** Replace that line (an empty bullet) instead of inserting before it. */
  readonly replace: boolean;
  readonly lines: readonly string[];
}

export function sectionInsertions(text: string, bullets: ReadonlyMap<string, readonly string[]>): LineEdit[] {
  const lines = text.split(/\r?\n/);
  const bodyStart = (frontMatterRange(lines)?.end ?? -1) + 1;
  const headings = sectionSpans(text, bodyStart, lines.length);
  const endsWithNewline = lines.at(-1) === '';
  const endLine = endsWithNewline ? lines.length - 1 : lines.length;
  const lastText = lines[endLine - 1] ?? '';
  const edits: LineEdit[] = [];
  let appended = false;
  for (const section of TEMPLATE_SECTIONS) {
    const items = bullets.get(section);
    if (!items?.length) {
      continue;
    }
    const span = headings.find((heading) => heading.canonical === section);
    if (span) {
      edits.push(intoSection(lines, span, items));
      continue;
    }
    const order = TEMPLATE_SECTIONS.indexOf(section);
    const later = headings.find((heading) => heading.canonical !== undefined && TEMPLATE_SECTIONS.indexOf(heading.canonical as (typeof TEMPLATE_SECTIONS)[number]) > order);
    if (later) {
      edits.push({ line: later.line, replace: false, lines: [`## ${section}`, '', ...items, ''] });
    } else {
      edits.push({ line: endLine, replace: false, lines: [...(lastText.trim() || appended ? [''] : []), `## ${section}`, '', ...items] });
      appended = true;
    }
  }
  // Edits at one line keep the template's order.
  return edits.sort((a, b) => a.line - b.line);
}

function intoSection(lines: readonly string[], span: { line: number; end: number }, items: readonly string[]): LineEdit {
  for (let line = span.line + 1; line < span.end; line++) {
    if (/^\*\s*$/.test(lines[line]!)) {
      return { line, replace: true, lines: items };
    }
  }
  let last = span.end - 1;
  while (last > span.line && !lines[last]!.trim()) {
    last--;
  }
  if (last === span.line) {
    return { line: span.line + 1, replace: false, lines: ['', ...items] };
  }
  // A list straight after a paragraph would read as part of it in some renderers.
  const afterList = /^\s*[*-] /.test(lines[last]!);
  return { line: last + 1, replace: false, lines: afterList ? items : ['', ...items] };
}
