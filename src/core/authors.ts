import type { TextEdit } from './textEdit';
import { insertAt } from './textEdit';

/**
 * `authors.md`: who signs items with initials. CONTRIBUTING: "credit yourself at the end of each
 * item you add with your initials in italics (`*JMB*`) … add your initials, name and contact link
 * to the authors.md file." Its lines read `* *JMB* [Josh Berkus](https://github.com/jberkus)`.
 */

export interface Author {
  readonly initials: string;
  readonly name: string;
  readonly link?: string;
  /** 0-based line in authors.md. */
  readonly line: number;
}

export interface AuthorsFile {
  readonly authors: readonly Author[];
  /** How the file writes a line, learned from its last author line: bullet and emphasis marks. */
  readonly bullet: '*' | '-' | '+';
  readonly emphasis: '*' | '_';
}

/** Initials as CONTRIBUTING shows them: two to four capital letters. */
export const INITIALS = /^[A-Z]{2,4}$/;

const AUTHOR_LINE = /^\s{0,3}([*+-])\s+([*_])([A-Z]{2,4})\2\s+(.*)$/;

/** The authors a file lists; lines of another shape are left alone (headings, prose). */
export function parseAuthors(text: string): AuthorsFile {
  const authors: Author[] = [];
  let bullet: AuthorsFile['bullet'] = '*';
  let emphasis: AuthorsFile['emphasis'] = '*';
  text.split(/\r?\n/).forEach((line, i) => {
    const match = AUTHOR_LINE.exec(line);
    if (!match) {
      return;
    }
    bullet = match[1] as AuthorsFile['bullet'];
    emphasis = match[2] as AuthorsFile['emphasis'];
    const rest = match[4]!.trim();
    const link = /^\[([^\]]{1,200})\]\(([^()\s]{1,500})\)/.exec(rest);
    authors.push({ initials: match[3]!, name: link ? link[1]! : rest, ...(link ? { link: link[2]! } : {}), line: i });
  });
  return { authors, bullet, emphasis };
}

/**
 * The initials that end an item line (`… (#123) *JMB*`), with their columns; undefined when the
 * line does not end with italic capitals. A line that is all italics is prose, not a signature.
 */
export function trailingInitials(line: string): { initials: string; column: number; endColumn: number } | undefined {
  let end = line.length;
  while (end > 0 && (line[end - 1] === ' ' || line[end - 1] === '\t')) {
    end--;
  }
  const mark = line[end - 1];
  if (mark !== '*' && mark !== '_') {
    return undefined;
  }
  let start = end - 2;
  while (start >= 0 && line.charCodeAt(start) >= 65 && line.charCodeAt(start) <= 90) {
    start--;
  }
  const initials = line.slice(start + 1, end - 1);
  if (start < 1 || line[start] !== mark || !INITIALS.test(initials) || !/\s/.test(line[start - 1]!) || line.slice(0, start).trim() === '') {
    return undefined;
  }
  return { initials, column: start, endColumn: end };
}

export interface NewAuthor {
  readonly initials: string;
  readonly name: string;
  /** The contact link, usually `https://github.com/<login>`. */
  readonly link: string;
}

/** Why an author cannot be added as given, or undefined when they can. */
export function newAuthorProblem(file: AuthorsFile, author: NewAuthor): string | undefined {
  if (!INITIALS.test(author.initials)) {
    return 'Initials are two to four capital letters, as in *JMB*.';
  }
  if (!author.name.trim() || /[[\]\r\n]/.test(author.name)) {
    return 'The name must be one line without brackets.';
  }
  if (!/^https?:\/\/[^\s()<>]+$/.test(author.link)) {
    return 'The contact link must be an http(s) address.';
  }
  const taken = file.authors.find((entry) => entry.initials === author.initials);
  if (taken) {
    return `${author.initials} already stands for ${taken.name}.`;
  }
  return undefined;
}

/** The author's line in the file's own marks. */
export function authorLine(file: AuthorsFile, author: NewAuthor): string {
  return `${file.bullet} ${file.emphasis}${author.initials}${file.emphasis} [${author.name.trim()}](${author.link})`;
}

/**
 * The edit that adds the author after the last author line (or at the end, after a blank line,
 * when the file lists nobody yet). New text uses `\n`; the editor writes the file's own ending.
 */
export function addAuthorEdit(text: string, file: AuthorsFile, author: NewAuthor): TextEdit {
  const lines = text.split(/\r?\n/);
  const line = authorLine(file, author);
  const last = file.authors.at(-1);
  if (last) {
    return insertAt(last.line, lines[last.line]!.length, `\n${line}`);
  }
  const lastLine = lines.length - 1;
  const endsWithNewline = lines[lastLine] === '';
  if (text.trim() === '') {
    return insertAt(0, 0, `# List of Authors for LWKD\n\n${line}\n`);
  }
  return endsWithNewline ? insertAt(lastLine, 0, `\n${line}\n`) : insertAt(lastLine, lines[lastLine]!.length, `\n\n${line}\n`);
}

/** Initials from a name: "Josh M. Berkus" → "JMB" (at most four letters, at least two). */
export function suggestInitials(name: string): string {
  const letters = name
    .split(/[\s.-]+/)
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase())
    .filter((letter) => letter >= 'A' && letter <= 'Z')
    .join('')
    .slice(0, 4);
  return letters.length >= 2
    ? letters
    : (
        name
          .replace(/[^A-Za-z]/g, '')
          .slice(0, 2)
          .toUpperCase() || 'XX'
      ).padEnd(2, 'X');
}
