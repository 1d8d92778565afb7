import { frontMatterRange } from './edition';
import { findSections } from './postIndex';
import { canonicalSection, isEmptyBullet, TEMPLATE_SECTIONS } from './sections';
import type { TextEdit } from './textEdit';
import { insertAt } from './textEdit';

/**
 * LWKD: Add Missing Sections. The template's sections an edition lacks, each inserted at its
 * place in the template's order (before the first later section the edition has, else at the
 * end), with the template's starter body. Existing text is never changed: only insertions.
 */

/** A section the edition lacks, and the insertion that adds it. */
export interface MissingSection {
  /** The section it adds, as the template names it. */
  readonly title: string;
  /** Inserts the section (new lines written with `\n`); nothing else in the text changes. */
  readonly edit: TextEdit;
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
    bodies.set(
      heading.title.trim(),
      body
        .join('\n')
        .replace(/\n{3,}/g, '\n\n')
        .trimEnd(),
    );
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

export function missingSectionInsertions(text: string, template: string): MissingSection[] {
  const lines = text.split(/\r?\n/);
  const start = (frontMatterRange(lines)?.end ?? -1) + 1;
  const present = findSections(text, start)
    .filter((section) => section.level === 2)
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
  const insertions: MissingSection[] = [];
  order.forEach((title, i) => {
    if (presentKeys.has(orderKeys[i]!)) {
      return;
    }
    const before = firstLater[i];
    const body = bodies.get(title) ?? `## ${title}`;
    insertions.push({
      title,
      edit: before
        ? insertAt(before.line, 0, `${body}\n\n`)
        : insertAt(lines.length - 1, lines.at(-1)!.length, `${text.endsWith('\n') ? '' : '\n'}\n${body}\n`),
    });
  });
  return insertions;
}
