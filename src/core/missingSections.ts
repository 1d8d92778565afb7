import { frontMatterRange } from './edition';
import { findSections } from './postIndex';
import { canonicalSection, isEmptyBullet, TEMPLATE_SECTIONS } from './sections';

/**
 * LWKD: Add Missing Sections. The template's sections an edition lacks, each inserted at its
 * place in the template's order (before the first later section the edition has, else at the
 * end), with the template's starter body. Existing text is never changed: only insertions.
 */

export interface Insertion {
  /** 0-based line to insert before; the line count means the end. */
  readonly line: number;
  readonly text: string;
  /** The section it adds, as the template names it. */
  readonly title: string;
}

/** Each section's starter body from a template (its text up to the next `##`), by section title. */
export function templateBodies(template: string): Map<string, string> {
  const lines = template.split(/\r?\n/);
  const start = (frontMatterRange(lines)?.end ?? -1) + 1;
  const headings = findSections(template, start).filter((section) => section.level === 2);
  const bodies = new Map<string, string>();
  headings.forEach((heading, i) => {
    const end = headings[i + 1]?.line ?? lines.length;
    // The template's empty `*` bullets are placeholders the style checks flag at once: a section
    // added to a written edition starts without them.
    const body = lines.slice(heading.line, end).filter((line) => !isEmptyBullet(line));
    bodies.set(heading.title.trim(), body.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd());
  });
  return bodies;
}

/**
 * Which section a heading is: its template name when it is one of the spellings the style checks
 * accept (archived editions wrote "Deprecations", "Featured PR"), else its own text.
 */
function sectionKey(title: string): string {
  return (canonicalSection(title) ?? title.trim()).toLowerCase();
}

export function missingSectionInsertions(text: string, template: string): Insertion[] {
  const lines = text.split(/\r?\n/);
  const start = (frontMatterRange(lines)?.end ?? -1) + 1;
  const present = findSections(text, start).filter((section) => section.level === 2)
    .map((section) => ({ line: section.line, key: sectionKey(section.title) }));
  const bodies = templateBodies(template);
  const order = bodies.size > 0 ? [...bodies.keys()] : [...TEMPLATE_SECTIONS];
  const orderKeys = order.map(sectionKey);
  const presentKeys = new Set(present.map((section) => section.key));
  // For each place in the order, the first present section (in the text) that the order puts
  // later: searched once for all places, not once per place.
  const lastPlace = new Map(orderKeys.map((key, i) => [key, i]));
  const firstLater: Array<(typeof present)[number] | undefined> = [];
  for (const section of present) {
    const place = lastPlace.get(section.key) ?? -1;
    while (firstLater.length < place) {
      firstLater.push(section);
    }
  }
  const insertions: Insertion[] = [];
  order.forEach((title, i) => {
    if (presentKeys.has(orderKeys[i]!)) {
      return;
    }
    const before = firstLater[i];
    const body = bodies.get(title) ?? `## ${title}`;
    insertions.push(before
      ? { line: before.line, text: `${body}\n\n`, title }
      : { line: lines.length, text: `${text.endsWith('\n') ? '' : '\n'}\n${body}\n`, title });
  });
  return insertions;
}

/** Applies insertions to text (for tests and the command line). */
export function applyInsertions(text: string, insertions: readonly Insertion[]): string {
  const lines = text.split('\n');
  const byLine = new Map<number, string[]>();
  for (const insertion of insertions) {
    byLine.set(insertion.line, [...(byLine.get(insertion.line) ?? []), insertion.text]);
  }
  let result = '';
  for (let i = 0; i <= lines.length; i++) {
    for (const inserted of byLine.get(i) ?? []) {
      result += inserted;
    }
    if (i < lines.length) {
      result += lines[i]! + (i < lines.length - 1 ? '\n' : '');
    }
  }
  return result;
}
