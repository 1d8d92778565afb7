/**
 * GitHub references in LWKD Markdown: pull-request and issue URLs, the short forms writers type
 * (`owner/repo#N`, `k/k#N`, `enhancements#N`), and KEPs (directories under
 * kubernetes/enhancements, `kep.k8s.io/N`). Text inside code spans and fenced code blocks is not
 * prose and yields nothing. Positions are 0-based lines and UTF-16 columns.
 */

export type RefKind = 'pull' | 'issue' | 'kep';

export type RefForm =
  /** https://github.com/o/r/pull/N (also /files, #anchors) */
  | 'pullUrl'
  /** https://github.com/o/r/pulls/N: GitHub redirects it, LWKD's stylesheet asks for /pull/ */
  | 'pullsUrl'
  /** https://github.com/o/r/issues/N: may be a PR too (GitHub redirects) */
  | 'issueUrl'
  /** owner/repo#N, k/k#N, enhancements#N */
  | 'short'
  /** https://github.com/kubernetes/enhancements/(tree|blob)/<ref>/keps/<sig>/<N>-<name> */
  | 'kepDirectory'
  /** https://kep.k8s.io/N */
  | 'kepLink';

export interface GitHubRef {
  readonly kind: RefKind;
  readonly form: RefForm;
  readonly owner: string;
  readonly repo: string;
  readonly number: number;
  readonly line: number;
  readonly column: number;
  /** Exclusive end column on the same line. */
  readonly endColumn: number;
  readonly text: string;
  /** Set when the number runs into letters (`pull/102377deb`): the link is broken. */
  readonly malformed?: true;
}

const OWNER = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})';
const REPO = '[A-Za-z0-9._-]{1,100}';

export type RefFields = Omit<GitHubRef, 'line' | 'column' | 'endColumn' | 'text'>;

/**
 * `text` matched whatever its case, as a regex source: scheme and host names are
 * case-insensitive (`HTTPS://GITHUB.COM/…` is GitHub), paths are not.
 */
function caseless(text: string): string {
  return [...text]
    .map((char) => (/[a-z]/i.test(char) ? `[${char.toLowerCase()}${char.toUpperCase()}]` : char.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')))
    .join('');
}

const SCHEME = `${caseless('http')}[sS]?://`;
const GITHUB_HOST = `${SCHEME}(?:${caseless('www.')})?${caseless('github.com')}/`;

/** URL forms, anchored on their scheme, so the engine only tries where a URL starts. */
const URL_PATTERNS: ReadonlyArray<{ needle: RegExp; regex: RegExp; read: (m: RegExpExecArray) => RefFields }> = [
  {
    needle: /github\.com\//i,
    regex: new RegExp(`${GITHUB_HOST}(${OWNER})/(${REPO})/(pull|pulls|issues)/(\\d+)([A-Za-z_]\\w*)?`, 'g'),
    read: (m) => {
      const segment = m[3];
      const fields: { -readonly [K in keyof RefFields]: RefFields[K] } = {
        kind: segment === 'issues' ? 'issue' : 'pull',
        form: segment === 'pull' ? 'pullUrl' : segment === 'pulls' ? 'pullsUrl' : 'issueUrl',
        owner: m[1]!,
        repo: m[2]!,
        number: Number(m[4]),
      };
      if (m[5]) {
        fields.malformed = true;
      }
      return fields;
    },
  },
  {
    needle: /\/keps\//,
    regex: new RegExp(`${GITHUB_HOST}kubernetes/enhancements/(?:tree|blob)/[^/\\s)]+/keps/[^/\\s)]+/(\\d+)-[^\\s)]*`, 'g'),
    read: (m) => ({ kind: 'kep', form: 'kepDirectory', owner: 'kubernetes', repo: 'enhancements', number: Number(m[1]) }),
  },
  {
    needle: /kep\.k8s\.io\//i,
    regex: new RegExp(`${SCHEME}${caseless('kep.k8s.io')}/(\\d+)\\b`, 'g'),
    read: (m) => ({ kind: 'kep', form: 'kepLink', owner: 'kubernetes', repo: 'enhancements', number: Number(m[1]) }),
  },
];

/** `#123` not followed by a word character: where every short form ends. */
const HASH_NUMBER = /#(\d+)(?!\w)/g;
const isRepoChar = (code: number): boolean =>
  (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 46 || code === 95 || code === 45;
const isOwnerChar = (code: number): boolean => (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 45;
/** What may stand before an owner or `enhancements`: not a word character, `/`, `.`, `#` or `-`. */
const isBoundary = (code: number): boolean => Number.isNaN(code) || !(isRepoChar(code) || code === 47 || code === 35);

/**
 * What stands before `#N`, read backwards from the `#` by hand: `owner/repo` (owner 1–39
 * characters starting with a letter or digit, repository 1–100) or `enhancements`, after the
 * start of the text or a character that cannot be part of either. One pass over at most 141
 * characters: matching a pattern against them tried every start again, for each `#`.
 */
function shortPrefix(text: string, hash: number): { start: number; owner?: string; repo?: string } | undefined {
  let slash = hash - 1;
  while (slash >= 0 && hash - slash <= 101 && isRepoChar(text.charCodeAt(slash))) {
    slash--;
  }
  if (slash >= 0 && slash < hash - 1 && hash - slash <= 101 && text.charCodeAt(slash) === 47) {
    let start = slash - 1;
    while (start >= 0 && slash - start <= 40 && isOwnerChar(text.charCodeAt(start))) {
      start--;
    }
    start++;
    if (start < slash && slash - start <= 39 && text.charCodeAt(start) !== 45 && isBoundary(text.charCodeAt(start - 1))) {
      return { start, owner: text.slice(start, slash), repo: text.slice(slash + 1, hash) };
    }
  }
  const start = hash - 'enhancements'.length;
  return start >= 0 && text.startsWith('enhancements', start) && isBoundary(text.charCodeAt(start - 1)) ? { start } : undefined;
}

export function findGitHubRefs(text: string): GitHubRef[] {
  const refs: GitHubRef[] = [];
  scanGitHubRefs(text, (fields, start, end, line, column) => {
    // One literal with a fixed shape: an object spread here was most of the indexing time.
    const ref: { -readonly [K in keyof GitHubRef]: GitHubRef[K] } = {
      kind: fields.kind,
      form: fields.form,
      owner: fields.owner,
      repo: fields.repo,
      number: fields.number,
      line,
      column,
      endColumn: column + (end - start),
      text: text.slice(start, end),
    };
    if (fields.malformed) {
      ref.malformed = true;
    }
    refs.push(ref);
  });
  return refs.sort((a, b) => a.line - b.line || a.column - b.column);
}

/** Where scanGitHubRefs reports each reference: its fields, its text's offsets, and where it starts. */
export type RefSink = (fields: RefFields, start: number, end: number, line: number, column: number) => void;

/**
 * Every reference of `text`, outside code, each given to `sink` as it is found: the URL forms
 * first, then the short ones (not in text order). findGitHubRefs builds GitHubRefs from it; the
 * index packs them straight away, without an object and a string per reference.
 */
export function scanGitHubRefs(text: string, sink: RefSink): void {
  const code = codeRanges(text);
  const lineStarts = lineStartOffsets(text);
  const add = (fields: RefFields, start: number, end: number): void => {
    // `.` and `..` are path steps, never a repository: such a link must not reach an API path.
    if (!Number.isSafeInteger(fields.number) || fields.repo === '.' || fields.repo === '..' || inRanges(code, start)) {
      return;
    }
    const line = lineOf(lineStarts, start);
    sink(fields, start, end, line, start - lineStarts[line]!);
  };
  if (text.includes('://')) {
    for (const { regex, read, needle } of URL_PATTERNS) {
      if (!needle.test(text)) {
        continue;
      }
      regex.lastIndex = 0;
      for (let m = regex.exec(text); m; m = regex.exec(text)) {
        add(read(m), m.index, m.index + m[0].length);
      }
    }
  }
  HASH_NUMBER.lastIndex = 0;
  for (let m = HASH_NUMBER.exec(text); m; m = HASH_NUMBER.exec(text)) {
    const hash = m.index;
    // A repository name or `enhancements` ends in a letter, digit, '.', '_' or '-'.
    if (hash === 0 || !isRepoChar(text.charCodeAt(hash - 1))) {
      continue;
    }
    const before = shortPrefix(text, hash);
    if (!before) {
      continue;
    }
    const end = hash + m[0].length;
    if (before.owner === undefined || before.repo === undefined) {
      add({ kind: 'issue', form: 'short', owner: 'kubernetes', repo: 'enhancements', number: Number(m[1]) }, before.start, end);
    } else {
      const kk = before.owner === 'k' && before.repo === 'k';
      add(
        { kind: 'issue', form: 'short', owner: kk ? 'kubernetes' : before.owner, repo: kk ? 'kubernetes' : before.repo, number: Number(m[1]) },
        before.start,
        end,
      );
    }
  }
}

/** The line-start offsets of `text` (index = 0-based line). */
export function lineStartOffsets(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    starts.push(i + 1);
  }
  return starts;
}

/** The 0-based line holding `offset`, by binary search over line starts. */
export function lineOf(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle]! <= offset) {
      low = middle;
    } else {
      high = middle - 1;
    }
  }
  return low;
}

/**
 * Offsets `[start, end)` of fenced code blocks and inline code spans, in order, so that nothing
 * in code is read as a reference. One pass, no copy of the text.
 */
export function codeRanges(text: string): Array<readonly [number, number]> {
  if (!text.includes('`') && !text.includes('~~~')) {
    return [];
  }
  const ranges: Array<readonly [number, number]> = [];
  let fenceStart = -1;
  let fenceMarker = '';
  // The next backtick at or after the current line, found once and reused until passed: asking
  // from every line would rescan the same text again and again.
  let backtick = text.indexOf('`');
  const spans = new InlineSpans(text);
  for (let lineStart = 0; lineStart < text.length; ) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? text.length : newline;
    const first = text.charCodeAt(lineStart);
    if (backtick !== -1 && backtick < lineStart) {
      backtick = text.indexOf('`', lineStart);
    }
    const interesting = first === 32 || first === 96 || first === 126 || (backtick !== -1 && backtick < lineEnd);
    if (!interesting && fenceStart === -1) {
      lineStart = lineEnd + 1;
      continue;
    }
    const line = text.slice(lineStart, lineEnd);
    const fence = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (fenceStart === -1 && fence) {
      fenceStart = lineStart;
      fenceMarker = fence[1]!;
    } else if (fenceStart !== -1) {
      if (fence && fence[1]![0] === fenceMarker[0] && fence[1]!.length >= fenceMarker.length && line.trim() === fence[1]) {
        ranges.push([fenceStart, lineEnd]);
        fenceStart = -1;
      }
    } else if (line.includes('`')) {
      spans.scanLine(lineStart, lineEnd, ranges);
    }
    lineStart = lineEnd + 1;
  }
  if (fenceStart !== -1) {
    ranges.push([fenceStart, text.length]);
  }
  return ranges.sort((a, b) => a[0] - b[0]);
}

/**
 * Inline code spans, found in one pass however many backticks a post holds: a span opens at a
 * run of N backticks and closes at the next run of exactly N in the same paragraph. Each
 * paragraph's runs are listed once, by length, and every length keeps a cursor that only moves
 * forward; looking for the closer from every opener again would be quadratic in the backticks.
 */
class InlineSpans {
  /** Offset of the first blank line after the current paragraph (the search limit), or the end. */
  private limit = -1;
  private runsByLength = new Map<number, { readonly starts: number[]; next: number }>();

  constructor(private readonly text: string) {}

  /** Spans that open on the line `[lineStart, lineEnd)`, appended to `ranges` in order. */
  scanLine(lineStart: number, lineEnd: number, ranges: Array<readonly [number, number]>): void {
    const text = this.text;
    let i = text.indexOf('`', lineStart);
    while (i !== -1 && i < lineEnd) {
      const run = runLength(text, i);
      if (ranges.length > 0 && ranges[ranges.length - 1]![1] > i) {
        i = text.indexOf('`', i + run);
        continue;
      }
      if (i >= this.limit) {
        this.startParagraph(i);
      }
      const close = this.nextRun(run, i);
      if (close !== undefined) {
        ranges.push([i, close + run]);
        i = text.indexOf('`', close + run);
      } else {
        i = text.indexOf('`', i + run);
      }
    }
  }

  /** Lists the runs from `from` to the end of its paragraph. */
  private startParagraph(from: number): void {
    const text = this.text;
    this.limit = paragraphEnd(text, from);
    this.runsByLength = new Map();
    for (let at = text.indexOf('`', from); at !== -1 && at < this.limit; ) {
      const run = runLength(text, at);
      let runs = this.runsByLength.get(run);
      if (!runs) {
        runs = { starts: [], next: 0 };
        this.runsByLength.set(run, runs);
      }
      runs.starts.push(at);
      at = text.indexOf('`', at + run);
    }
  }

  /** The first run of exactly `length` backticks after `after`, in this paragraph. */
  private nextRun(length: number, after: number): number | undefined {
    const runs = this.runsByLength.get(length);
    if (!runs) {
      return undefined;
    }
    while (runs.next < runs.starts.length && runs.starts[runs.next]! <= after) {
      runs.next++;
    }
    return runs.starts[runs.next];
  }
}

function runLength(text: string, at: number): number {
  let run = 1;
  while (text.charCodeAt(at + run) === 96) {
    run++;
  }
  return run;
}

/**
 * Where the paragraph holding `offset` ends: the start of the next blank line (empty or spaces
 * and tabs only, whatever the line ending: `\n\n`, `\r\n\r\n`, `\n\r\n`), or the end of the text.
 */
function paragraphEnd(text: string, offset: number): number {
  for (let newline = text.indexOf('\n', offset); newline !== -1; newline = text.indexOf('\n', newline + 1)) {
    let at = newline + 1;
    while (at < text.length && (text.charCodeAt(at) === 32 || text.charCodeAt(at) === 9)) {
      at++;
    }
    if (at >= text.length || text.charCodeAt(at) === 10 || (text.charCodeAt(at) === 13 && (at + 1 >= text.length || text.charCodeAt(at + 1) === 10))) {
      return newline;
    }
  }
  return text.length;
}

/** Whether `offset` lies in one of `ranges` (sorted, as codeRanges gives them). */
export function inRanges(ranges: ReadonlyArray<readonly [number, number]>, offset: number): boolean {
  let low = 0;
  let high = ranges.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const [start, end] = ranges[middle]!;
    if (offset < start) {
      high = middle - 1;
    } else if (offset >= end) {
      low = middle + 1;
    } else {
      return true;
    }
  }
  return false;
}
