import type { CalendarDate } from './calendar';
import { daysBetween, formatIsoDate, parseCalendarDate } from './calendar';
import { weekEndingFromFileName } from './edition';
import type { PackedRefs } from './compactPost';
import type { IndexKey } from './compactPost';
import { detached, indexKeyOf, keptFrontMatter, numberOfKey, packedKeys, packRefsOf, refIndexKey, refKeyOf, sharedString, unpackRefs } from './compactPost';
import type { FrontMatterFields } from './frontMatter';
import { parseFrontMatter } from './frontMatter';
import type { GitHubRef } from './githubRefs';
import { findGitHubRefs } from './githubRefs';

/**
 * The index of past editions: what each post covered (sections, GitHub references) and where.
 * Built from text only; a post that cannot be parsed stays in the index with its errors, and
 * nothing here throws on a post's content.
 */

export interface Section {
  readonly level: 2 | 3;
  readonly title: string;
  /** 0-based */
  readonly line: number;
}

export interface IndexedPost {
  /** The key the caller chose: a URI string in the editor, a relative path on the command line. */
  readonly file: string;
  /** `YYYY-MM-DD` from the file name, when it has one and it is a real date. */
  readonly weekEnding?: string | undefined;
  readonly frontMatter?: FrontMatterFields | undefined;
  readonly sections: readonly Section[];
  readonly refs: readonly GitHubRef[];
  readonly errors: readonly string[];
}

export function indexPost(file: string, text: string): IndexedPost {
  const errors: string[] = [];
  let frontMatter: FrontMatterFields | undefined;
  let bodyStart = 0;
  try {
    const parsed = parseFrontMatter(text);
    if (parsed.error) {
      errors.push(parsed.error);
    }
    frontMatter = parsed.fields;
    bodyStart = parsed.endLine + 1;
  } catch (error) {
    // parseFrontMatter reports problems as data; this guards the promise that nothing throws.
    errors.push(`front matter could not be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  const week = weekEndingFromFileName(file);
  const lineStarts: number[] = [];
  const sections = findSections(text, bodyStart, sharedString, lineStarts);
  return new KeptPost(
    file,
    week ? formatIsoDate(week) : undefined,
    frontMatter && keptFrontMatter(frontMatter),
    sections,
    // References in the front matter (rare) are kept: they are links the edition published.
    packRefsOf(text, lineStarts),
    errors.length ? errors.map(detached) : NO_ERRORS,
  );
}

const NO_ERRORS: readonly string[] = Object.freeze([]);

/**
 * An indexed post as the index keeps it (compactPost.ts): its references packed, unpacked into
 * GitHubRefs each time `refs` is read. `toJSON` gives the plain shape (`lwkd index --json`).
 */
class KeptPost implements IndexedPost {
  constructor(
    readonly file: string,
    readonly weekEnding: string | undefined,
    readonly frontMatter: FrontMatterFields | undefined,
    readonly sections: readonly Section[],
    private readonly packed: PackedRefs,
    readonly errors: readonly string[],
  ) {}

  get refs(): GitHubRef[] {
    return unpackRefs(this.packed);
  }

  /** The index key of each reference, in order, without unpacking them. */
  get refKeys(): IndexKey[] {
    return packedKeys(this.packed.packed);
  }

  /** The packed references, for the index store. */
  get packedRefs(): PackedRefs {
    return this.packed;
  }

  toJSON(): object {
    return {
      file: this.file,
      ...(this.weekEnding !== undefined ? { weekEnding: this.weekEnding } : {}),
      ...(this.frontMatter ? { frontMatter: this.frontMatter } : {}),
      sections: this.sections,
      refs: this.refs,
      errors: this.errors,
    };
  }
}

/** A post's packed references when the index made it (for the index store); undefined otherwise. */
export function packedRefsOf(post: IndexedPost): PackedRefs | undefined {
  return post instanceof KeptPost ? post.packedRefs : undefined;
}

/**
 * A post as the index store gives it back: its strings are the store's own (fresh copies, one per
 * distinct string), so nothing is detached again. The store has checked every field.
 */
export function storedPost(
  file: string,
  weekEnding: string | undefined,
  frontMatter: FrontMatterFields | undefined,
  sections: readonly Section[],
  refs: PackedRefs,
  errors: readonly string[],
): IndexedPost {
  return new KeptPost(file, weekEnding, frontMatter, sections, refs, errors.length ? errors : NO_ERRORS);
}

/** The index key of each of a post's references: from the packed form when the index made the post. */
function keysOfPost(post: IndexedPost): IndexKey[] {
  return post instanceof KeptPost ? post.refKeys : post.refs.map(refIndexKey);
}

/** An index entry for a file that could not be read as text: kept, with the reason. */
/**
 * Whether `post` is an edition of the `weeks` weeks before the one ending `week`: not that week
 * itself, not a later one, and not `exceptFile` (the edition being written).
 */
export function isEditionWithinWeeksBefore(post: IndexedPost, week: CalendarDate, weeks: number, exceptFile?: string): boolean {
  const postWeek = post.weekEnding ? parseCalendarDate(post.weekEnding) : undefined;
  if (!postWeek || post.file === exceptFile) {
    return false;
  }
  const days = daysBetween(postWeek, week);
  return days > 0 && days <= weeks * 7;
}

export function unreadablePost(file: string, error: string): IndexedPost {
  const week = weekEndingFromFileName(file);
  return new KeptPost(file, week ? formatIsoDate(week) : undefined, undefined, [], { packed: [] }, [detached(error)]);
}

/**
 * `##` and `###` headings below the front matter, outside fenced code. Only lines that start
 * with `#`, a space, a backtick or a tilde are looked at closely. `keepTitle` makes each title
 * what is kept (the index's shared copies); each line's offset is pushed onto `lineStarts` when
 * it is given, for the reference scan to count lines by.
 */
export function findSections(text: string, fromLine = 0, keepTitle?: (title: string) => string, lineStarts?: number[]): Section[] {
  const sections: Section[] = [];
  let fence: number | undefined;
  let line = 0;
  for (let start = 0; start < text.length; line++) {
    lineStarts?.push(start);
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    const first = text.charCodeAt(start);
    // '#', ' ', '`', '~'
    if (line >= fromLine && (first === 35 || first === 32 || first === 96 || first === 126)) {
      const marker = fenceMarkerAt(text, start);
      if (marker !== 0) {
        fence = fence === undefined ? marker : fence === marker ? undefined : fence;
      } else if (fence === undefined) {
        const heading = readHeading(text.slice(start, text.charCodeAt(end - 1) === 13 ? end - 1 : end));
        if (heading) {
          sections.push({ level: heading.level, title: keepTitle ? keepTitle(heading.title) : heading.title, line });
        }
      }
    }
    if (newline === -1) {
      break;
    }
    start = newline + 1;
  }
  return sections;
}

const isBlank = (code: number): boolean => code === 32 || code === 9;

/**
 * The fence character (a backtick or `~`) when the line at `start` opens or closes a fence
 * (`^ {0,3}(`{3,}|~{3,})`), else 0. Read by hand: most lines looked at are headings.
 */
function fenceMarkerAt(text: string, start: number): number {
  let at = start;
  while (at - start < 3 && text.charCodeAt(at) === 32) {
    at++;
  }
  const marker = text.charCodeAt(at);
  if (marker !== 96 && marker !== 126) {
    return 0;
  }
  return text.charCodeAt(at + 1) === marker && text.charCodeAt(at + 2) === marker ? marker : 0;
}

/**
 * A `##` or `###` heading's level and title, without its closing `#`s and the spaces around the
 * title. Read from both ends by hand: the pattern this replaces (`[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$`)
 * took time quadratic in a run of spaces inside the heading.
 */
function readHeading(line: string): { level: 2 | 3; title: string } | undefined {
  // `^ {0,3}(#{2,3})[ \t]`, read by hand.
  let indent = 0;
  while (indent < 3 && line.charCodeAt(indent) === 32) {
    indent++;
  }
  let level = 0;
  while (line.charCodeAt(indent + level) === 35) {
    level++;
  }
  if ((level !== 2 && level !== 3) || !isBlank(line.charCodeAt(indent + level))) {
    return undefined;
  }
  let start = indent + level + 1;
  while (start < line.length && isBlank(line.charCodeAt(start))) {
    start++;
  }
  let end = line.length;
  while (end > start && isBlank(line.charCodeAt(end - 1))) {
    end--;
  }
  let hashes = end;
  while (hashes > start && line.charCodeAt(hashes - 1) === 35) {
    hashes--;
  }
  // A closing sequence is `#`s after a space; a title made of `#`s alone is the title.
  if (hashes < end && hashes > start && isBlank(line.charCodeAt(hashes - 1))) {
    end = hashes;
    while (end > start && isBlank(line.charCodeAt(end - 1))) {
      end--;
    }
  }
  const title = line.slice(start, end);
  // As a Markdown heading, the title is one line: a lone CR or a Unicode line separator ends it.
  return /[\r\u2028\u2029]/.test(title) ? undefined : { level, title };
}

/** Identifies what a reference points at; an issue URL and a PR URL of one number are one thing. */
export function refKey(ref: Pick<GitHubRef, 'kind' | 'owner' | 'repo' | 'number'>): string {
  return ref.kind === 'kep' ? `kep:${ref.number}` : `${ref.owner}/${ref.repo}#${ref.number}`.toLowerCase();
}

export interface RefOccurrence {
  readonly post: IndexedPost;
  readonly ref: GitHubRef;
}

export class PostIndex {
  private readonly posts = new Map<string, IndexedPost>();
  /**
   * The posts linking each key: one file name, or several. Most keys are linked once or twice,
   * and a Set per key was most of the index's memory and of its building time.
   */
  private readonly byRef = new Map<IndexKey, string | string[]>();
  /**
   * Whether byRef holds every post's keys. It is filled on the first question about a key, not
   * as posts come in: the tree needs only the posts, and a start-up that fills the tree from the
   * saved index should not wait for a reference index the first hover builds in a few ms.
   */
  private byRefFilled = false;

  get size(): number {
    return this.posts.size;
  }

  get(file: string): IndexedPost | undefined {
    return this.posts.get(file);
  }

  /** Adds or replaces a post; returns it. */
  set(post: IndexedPost): IndexedPost {
    this.delete(post.file);
    this.posts.set(post.file, post);
    if (this.byRefFilled) {
      this.addKeys(post);
    }
    return post;
  }

  delete(file: string): boolean {
    const old = this.posts.get(file);
    if (!old) {
      return false;
    }
    this.posts.delete(file);
    if (this.byRefFilled) {
      for (const key of new Set(keysOfPost(old))) {
        const files = this.byRef.get(key);
        if (files === file) {
          this.byRef.delete(key);
        } else if (Array.isArray(files)) {
          const rest = files.filter((other) => other !== file);
          this.byRef.set(key, rest.length === 1 ? rest[0]! : rest);
        }
      }
    }
    return true;
  }

  /** The reference index, filled from every post on first use and kept current after. */
  private refIndex(): Map<IndexKey, string | string[]> {
    if (!this.byRefFilled) {
      this.byRefFilled = true;
      for (const post of this.posts.values()) {
        this.addKeys(post);
      }
    }
    return this.byRef;
  }

  private addKeys(post: IndexedPost): void {
    for (const key of new Set(keysOfPost(post))) {
      const files = this.byRef.get(key);
      if (files === undefined) {
        this.byRef.set(key, post.file);
      } else if (typeof files === 'string') {
        this.byRef.set(key, [files, post.file]);
      } else {
        files.push(post.file);
      }
    }
  }

  clear(): void {
    this.posts.clear();
    this.byRef.clear();
    this.byRefFilled = false;
  }

  /** Newest edition first (by week-ending date, then file name). */
  all(): IndexedPost[] {
    return [...this.posts.values()].sort(compareNewestFirst);
  }

  /** The first post all() would list, found in one pass (no sort). */
  newest(): IndexedPost | undefined {
    let newest: IndexedPost | undefined;
    for (const post of this.posts.values()) {
      if (!newest || compareNewestFirst(post, newest) < 0) {
        newest = post;
      }
    }
    return newest;
  }

  /** Every place a thing is linked, newest edition first. */
  occurrences(key: string): RefOccurrence[] {
    return this.occurrencesOf([key]);
  }

  /**
   * Every place any of these things is linked, newest edition first. Each post that links one
   * is read once for all of them: a post can hold 100,000 links to 100,000 repositories' `#5`.
   */
  occurrencesOf(keys: Iterable<string>, limit = Number.POSITIVE_INFINITY): RefOccurrence[] {
    const wanted = new Set<string>();
    const files = new Set<string>();
    for (const key of keys) {
      const lower = key.toLowerCase();
      wanted.add(lower);
      const indexKey = indexKeyOf(lower);
      const linking = indexKey === undefined ? undefined : this.refIndex().get(indexKey);
      for (const file of typeof linking === 'string' ? [linking] : (linking ?? [])) {
        files.add(file);
      }
    }
    // Posts sorted once, then each post's references in text order: sorting every occurrence
    // with the posts' comparison cost seconds for a post with 100,000 links.
    const found: RefOccurrence[] = [];
    for (const post of [...files].map((file) => this.posts.get(file)!).sort(compareNewestFirst)) {
      const byKey = refsByKey(post);
      const refs = [...wanted].flatMap((key) => byKey.get(key) ?? []);
      if (wanted.size > 1) {
        refs.sort((a, b) => a.line - b.line || a.column - b.column);
      }
      for (const ref of refs) {
        if (found.length === limit) {
          return found;
        }
        found.push({ post, ref });
      }
    }
    return found;
  }

  /** Keys of everything linked anywhere with this number (any repository, or a KEP). */
  keysWithNumber(number: number): string[] {
    return [...this.refIndex().keys()].filter((key) => numberOfKey(key) === number).map(refKeyOf);
  }
}

/**
 * A post's references grouped by key, built on the first question about the post: without it,
 * asking about each of a post's 100,000 links read all 100,000 each time.
 */
const refGroups = new WeakMap<IndexedPost, Map<string, GitHubRef[]>>();

function refsByKey(post: IndexedPost): Map<string, GitHubRef[]> {
  let groups = refGroups.get(post);
  if (!groups) {
    groups = new Map();
    for (const ref of post.refs) {
      const key = refKey(ref);
      const group = groups.get(key);
      if (group) {
        group.push(ref);
      } else {
        groups.set(key, [ref]);
      }
    }
    refGroups.set(post, groups);
  }
  return groups;
}

function compareNewestFirst(a: IndexedPost, b: IndexedPost): number {
  const weekA = a.weekEnding ?? '';
  const weekB = b.weekEnding ?? '';
  return weekA === weekB ? b.file.localeCompare(a.file) : weekB.localeCompare(weekA);
}

export interface SearchHit {
  readonly post: IndexedPost;
  readonly line: number;
  readonly column: number;
  /** What matched: the reference's text or the heading. */
  readonly text: string;
  readonly kind: 'reference' | 'heading';
}

/**
 * Find in Past Issues: a PR or issue number (`111090`, `#111090`), a PR/issue/KEP URL or short
 * form, a KEP (`KEP-4009`, `kep 4009`), or words found in headings (all of them, any case).
 */
export function searchIndex(index: PostIndex, query: string, limit = 200): SearchHit[] {
  const trimmed = query.trim();
  if (trimmed === '') {
    return [];
  }
  const keys = new Set<string>();
  const kep = /^kep[-\s]?(\d+)$/i.exec(trimmed);
  const number = /^#?(\d+)$/.exec(trimmed);
  if (kep) {
    keys.add(`kep:${Number(kep[1])}`);
    keys.add(`kubernetes/enhancements#${Number(kep[1])}`);
  } else if (number) {
    index.keysWithNumber(Number(number[1])).forEach((key) => keys.add(key));
  } else {
    findGitHubRefs(trimmed).forEach((ref) => keys.add(refKey(ref)));
  }
  // Both lists come newest edition first and in text order: only the first `limit` are built.
  if (keys.size > 0) {
    return index.occurrencesOf(keys, limit).map(({ post, ref }) => ({ post, line: ref.line, column: ref.column, text: ref.text, kind: 'reference' as const }));
  }
  const hits: SearchHit[] = [];
  const words = trimmed.toLowerCase().split(/\s+/);
  for (const post of index.all()) {
    for (const section of post.sections) {
      const title = section.title.toLowerCase();
      if (words.every((word) => title.includes(word))) {
        hits.push({ post, line: section.line, column: 0, text: section.title, kind: 'heading' });
        if (hits.length === limit) {
          return hits;
        }
      }
    }
  }
  return hits;
}
