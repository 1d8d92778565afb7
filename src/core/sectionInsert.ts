import { frontMatterRange } from './edition';
import { sectionSpans, TEMPLATE_SECTIONS } from './sections';
import type { TextEdit } from './textEdit';
import { insertAt } from './textEdit';

/**
 * Where new bullets go in an edition: at the end of their section's list, in place of the
 * template's empty `*` bullet when there is one, or in a new section at its place in the
 * template's order when the edition lacks it. Insertions only (the empty bullet aside): the
 * writer's text is never changed. New lines are written with `\n` (the VS Code adapter writes
 * the document's own line ending).
 */
export function sectionInsertions(text: string, bullets: ReadonlyMap<string, readonly string[]>): TextEdit[] {
  const lines = text.split(/\r?\n/);
  const bodyStart = (frontMatterRange(lines)?.end ?? -1) + 1;
  const headings = sectionSpans(text, bodyStart, lines.length);
  const endsWithNewline = lines.at(-1) === '';
  const endLine = endsWithNewline ? lines.length - 1 : lines.length;
  const lastText = lines[endLine - 1] ?? '';
  const edits: TextEdit[] = [];
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
    const later = headings.find(
      (heading) => heading.canonical !== undefined && TEMPLATE_SECTIONS.indexOf(heading.canonical as (typeof TEMPLATE_SECTIONS)[number]) > order,
    );
    if (later) {
      edits.push(insertLines(lines, later.line, [`## ${section}`, '', ...items, '']));
    } else {
      edits.push(insertLines(lines, endLine, [...(lastText.trim() || appended ? [''] : []), `## ${section}`, '', ...items]));
      appended = true;
    }
  }
  // Edits at one place keep the template's order.
  return edits.sort((a, b) => a.line - b.line || a.column - b.column);
}

/**
 * The line, once `edits` (from sectionInsertions) are applied, of the first bullet they put in:
 * the place to show. The first edit is the earliest, so no other edit moves it.
 */
export function firstInsertedBullet(edits: readonly TextEdit[]): number | undefined {
  const first = edits[0];
  return (
    first &&
    first.line +
      Math.max(
        0,
        first.newText.split('\n').findIndex((text) => text.startsWith('* ')),
      )
  );
}

/**
 * Whole lines put in before line `line` of `lines` (the text split on line breaks); the line
 * count means after the last line of a text that does not end with a line break.
 */
function insertLines(lines: readonly string[], line: number, inserted: readonly string[]): TextEdit {
  return line < lines.length ? insertAt(line, 0, `${inserted.join('\n')}\n`) : insertAt(lines.length - 1, lines.at(-1)!.length, `\n${inserted.join('\n')}`);
}

function intoSection(lines: readonly string[], span: { line: number; end: number }, items: readonly string[]): TextEdit {
  for (let line = span.line + 1; line < span.end; line++) {
    if (/^\*\s*$/.test(lines[line]!)) {
      // The template's empty bullet: its text gives way, its line break stays.
      return { line, column: 0, endLine: line, endColumn: lines[line]!.length, newText: items.join('\n') };
    }
  }
  let last = span.end - 1;
  while (last > span.line && !lines[last]!.trim()) {
    last--;
  }
  if (last === span.line) {
    return insertLines(lines, span.line + 1, ['', ...items]);
  }
  // A list straight after a paragraph would read as part of it in some renderers.
  const afterList = /^\s*[*-] /.test(lines[last]!);
  return insertLines(lines, last + 1, afterList ? items : ['', ...items]);
}
