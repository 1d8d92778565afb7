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

/**
 * One reference as scanGitHubRefs reports it. A scan fills one object for every reference it
 * finds, so that finding one allocates nothing: read it inside the sink, never keep it.
 */
export interface RefMatch {
  kind: RefKind;
  form: RefForm;
  /**
   * Offsets of the owner and repository names in the text, or -1 when the form does not write
   * them (KEPs, `k/k#N`, `enhancements#N`); `owner` and `repo` are then the names.
   */
  ownerStart: number;
  ownerEnd: number;
  repoStart: number;
  repoEnd: number;
  owner: string;
  repo: string;
  number: number;
  /** Offsets of the number's digits as written (leading zeros included). */
  numberStart: number;
  numberEnd: number;
  /** Set when the number runs into letters (`pull/102377deb`). */
  malformed: boolean;
  /** Set when a URL starts `https://github.com/` as written, in lower case and without `www.`. */
  lowerGitHub: boolean;
  /** The reference's text, `[start, end)`, and where it starts: 0-based line and column. */
  start: number;
  end: number;
  line: number;
  column: number;
}

/** The match's owner and repository names (cut from the text when it writes them). */
export function matchNames(text: string, match: RefMatch): readonly [owner: string, repo: string] {
  return match.ownerStart === -1 ? [match.owner, match.repo] : [text.slice(match.ownerStart, match.ownerEnd), text.slice(match.repoStart, match.repoEnd)];
}

/**
 * What each ASCII character can be part of, as bits: one load and a mask per character where
 * the tests it replaces made up to seven comparisons (the owner and repository loops run over
 * every character of every link).
 */
const DIGIT = 1;
const LETTER = 2;
const WORD = 4; // [A-Za-z0-9_]
const OWNER = 8; // [A-Za-z0-9-]
const REPO = 16; // [A-Za-z0-9._-]
const CHAR_CLASSES = new Uint8Array(128);
for (let code = 0; code < 128; code++) {
  const digit = code >= 48 && code <= 57;
  const letter = (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  CHAR_CLASSES[code] =
    (digit ? DIGIT : 0) |
    (letter ? LETTER : 0) |
    (digit || letter || code === 95 ? WORD : 0) |
    (digit || letter || code === 45 ? OWNER : 0) |
    (digit || letter || code === 46 || code === 95 || code === 45 ? REPO : 0);
}
/** `code`'s classes; none past ASCII, and none for NaN (a position past the end). */
const classes = (code: number): number => (code < 128 ? CHAR_CLASSES[code]! : 0);
const isDigit = (code: number): boolean => (classes(code) & DIGIT) !== 0;
const isLetter = (code: number): boolean => (classes(code) & LETTER) !== 0;
const isWordChar = (code: number): boolean => (classes(code) & WORD) !== 0;
const isRepoChar = (code: number): boolean => (classes(code) & REPO) !== 0;
const isOwnerChar = (code: number): boolean => (classes(code) & OWNER) !== 0;
/** What may stand before an owner or `enhancements`: not a word character, `/`, `.`, `#` or `-`. */
const isBoundary = (code: number): boolean => Number.isNaN(code) || !(isRepoChar(code) || code === 47 || code === 35);
/** JavaScript's `\s`: where a KEP directory link ends. */
const isSpace = (code: number): boolean =>
  (code >= 9 && code <= 13) ||
  code === 32 ||
  code === 0xa0 ||
  code === 0x1680 ||
  (code >= 0x2000 && code <= 0x200a) ||
  code === 0x2028 ||
  code === 0x2029 ||
  code === 0x202f ||
  code === 0x205f ||
  code === 0x3000 ||
  code === 0xfeff;

/**
 * Whether `lower` (lower-case ASCII) is at `at`, its letters in either case: scheme and host
 * names are case-insensitive (`HTTPS://GITHUB.COM/…` is GitHub), paths are not.
 */
function atCaseless(text: string, at: number, lower: string): boolean {
  if (at < 0 || at + lower.length > text.length) {
    return false;
  }
  for (let i = 0; i < lower.length; i++) {
    const code = text.charCodeAt(at + i);
    const want = lower.charCodeAt(i);
    if (code !== want && !(want >= 97 && want <= 122 && code === want - 32)) {
      return false;
    }
  }
  return true;
}

/** The end of the run of digits at `at` (`at` itself when there is none). */
function digitsEnd(text: string, at: number): number {
  while (isDigit(text.charCodeAt(at))) {
    at++;
  }
  return at;
}

/** The digits `[start, end)` as a number; past 2^53 it is inexact, and refused as unsafe. */
function digitsValue(text: string, start: number, end: number): number {
  let value = 0;
  for (let i = start; i < end; i++) {
    value = value * 10 + (text.charCodeAt(i) - 48);
  }
  return value;
}

/** The end of a run of `[^/\s)]` at `at` (a KEP directory's branch or SIG). */
function pathStepEnd(text: string, at: number): number {
  for (let code = text.charCodeAt(at); at < text.length && code !== 47 && code !== 41 && !isSpace(code); code = text.charCodeAt(++at)) {
    // advance
  }
  return at;
}

/**
 * The URL forms, matched by hand at each `://` (where the patterns they replace, one per form,
 * allocated an array and strings for every match):
 *   http(s)://(www.)github.com/OWNER/REPO/(pull|pulls|issues)/N(suffix)
 *   http(s)://(www.)github.com/kubernetes/enhancements/(tree|blob)/REF/keps/SIG/N-NAME
 *   http(s)://kep.k8s.io/N
 * OWNER is 1–39 of [A-Za-z0-9-] starting with a letter or digit, REPO 1–100 of [A-Za-z0-9._-],
 * REF and SIG runs of anything but `/`, white space and `)`; NAME runs to white space or `)`.
 * Returns the end of the match, or -1; fills `match`.
 */
function matchUrl(text: string, colon: number, kepDirectoryFrom: number, match: RefMatch): number {
  // Nearly every link is written `https://github.com/`: one exact comparison settles it, and
  // tells the index the text starts as the canonical form does.
  const lowerGitHub = lowerGitHubAround(text, colon);
  let start = colon - 5;
  let host = colon + 3;
  if (!lowerGitHub) {
    start = colon;
    if ((text.charCodeAt(start - 1) | 32) === 115) {
      start--;
    }
    start -= 4;
    if (!atCaseless(text, start, 'http')) {
      return -1;
    }
    if (atCaseless(text, host, 'kep.k8s.io/')) {
      const digits = host + 11;
      const end = digitsEnd(text, digits);
      if (end === digits || isWordChar(text.charCodeAt(end))) {
        return -1;
      }
      return fixed(match, 'kep', 'kepLink', 'enhancements', text, digits, end, start, end);
    }
    if (atCaseless(text, host, 'www.') && atCaseless(text, host + 4, 'github.com/')) {
      host += 4;
    }
    if (!atCaseless(text, host, 'github.com/')) {
      return -1;
    }
  }
  const path = host + 11;
  let at = path;
  if (!isDigit(text.charCodeAt(at)) && !isLetter(text.charCodeAt(at))) {
    return -1;
  }
  while (isOwnerChar(text.charCodeAt(at))) {
    at++;
  }
  const ownerEnd = at;
  if (ownerEnd - path > 39 || text.charCodeAt(at) !== 47) {
    return -1;
  }
  const repoStart = ++at;
  while (isRepoChar(text.charCodeAt(at))) {
    at++;
  }
  const repoEnd = at;
  if (repoEnd === repoStart || repoEnd - repoStart > 100 || text.charCodeAt(at) !== 47) {
    return -1;
  }
  at++;
  // kubernetes/enhancements/ is known by its lengths before its letters are compared again.
  if (
    start >= kepDirectoryFrom &&
    ownerEnd - path === 10 &&
    repoEnd - repoStart === 12 &&
    text.startsWith('kubernetes', path) &&
    text.startsWith('enhancements', repoStart)
  ) {
    const end = matchKepDirectory(text, at, start, match);
    if (end !== -1) {
      return end;
    }
  }
  let form: RefForm;
  if (text.startsWith('pull/', at)) {
    form = 'pullUrl';
    at += 5;
  } else if (text.startsWith('pulls/', at)) {
    form = 'pullsUrl';
    at += 6;
  } else if (text.startsWith('issues/', at)) {
    form = 'issueUrl';
    at += 7;
  } else {
    return -1;
  }
  const numberEnd = digitsEnd(text, at);
  if (numberEnd === at) {
    return -1;
  }
  let end = numberEnd;
  const next = text.charCodeAt(end);
  if (isLetter(next) || next === 95) {
    while (isWordChar(text.charCodeAt(end))) {
      end++;
    }
  }
  written(match, text, form === 'issueUrl' ? 'issue' : 'pull', form, path, ownerEnd, repoEnd, at, numberEnd, start, end);
  match.lowerGitHub = lowerGitHub;
  return end;
}

/**
 * Whether `https://github.com/` is written around the `://` at `colon`. Its characters are
 * compared as constants: as a loop over a literal, the scan of 10k synthetic posts took 7.7 ms
 * per 1,000 instead of 7.0.
 */
function lowerGitHubAround(text: string, colon: number): boolean {
  const host = colon + 3;
  return (
    colon >= 5 &&
    text.charCodeAt(colon - 5) === 104 && // h
    text.charCodeAt(colon - 4) === 116 && // t
    text.charCodeAt(colon - 3) === 116 && // t
    text.charCodeAt(colon - 2) === 112 && // p
    text.charCodeAt(colon - 1) === 115 && // s
    text.charCodeAt(host) === 103 && // g
    text.charCodeAt(host + 1) === 105 && // i
    text.charCodeAt(host + 2) === 116 && // t
    text.charCodeAt(host + 3) === 104 && // h
    text.charCodeAt(host + 4) === 117 && // u
    text.charCodeAt(host + 5) === 98 && // b
    text.charCodeAt(host + 6) === 46 && // .
    text.charCodeAt(host + 7) === 99 && // c
    text.charCodeAt(host + 8) === 111 && // o
    text.charCodeAt(host + 9) === 109 && // m
    text.charCodeAt(host + 10) === 47 // /
  );
}

/** `(tree|blob)/REF/keps/SIG/N-NAME` at `at`, after `…/kubernetes/enhancements/`. */
function matchKepDirectory(text: string, at: number, start: number, match: RefMatch): number {
  if (!text.startsWith('tree/', at) && !text.startsWith('blob/', at)) {
    return -1;
  }
  const branchEnd = pathStepEnd(text, at + 5);
  if (branchEnd === at + 5 || !text.startsWith('/keps/', branchEnd)) {
    return -1;
  }
  const sigEnd = pathStepEnd(text, branchEnd + 6);
  if (sigEnd === branchEnd + 6 || text.charCodeAt(sigEnd) !== 47) {
    return -1;
  }
  const digits = sigEnd + 1;
  const numberEnd = digitsEnd(text, digits);
  if (numberEnd === digits || text.charCodeAt(numberEnd) !== 45) {
    return -1;
  }
  let end = numberEnd + 1;
  for (let code = text.charCodeAt(end); end < text.length && code !== 41 && !isSpace(code); code = text.charCodeAt(++end)) {
    // advance
  }
  return fixed(match, 'kep', 'kepDirectory', 'enhancements', text, digits, numberEnd, start, end);
}

/**
 * Fills `match` for a form that writes `owner/repo`: the owner at `[ownerStart, ownerEnd)`, the
 * repository after its `/` up to `repoEnd`. Text after the number makes it malformed.
 */
function written(
  match: RefMatch,
  text: string,
  kind: RefKind,
  form: RefForm,
  ownerStart: number,
  ownerEnd: number,
  repoEnd: number,
  numberStart: number,
  numberEnd: number,
  start: number,
  end: number,
): number {
  match.kind = kind;
  match.form = form;
  match.ownerStart = ownerStart;
  match.ownerEnd = ownerEnd;
  match.repoStart = ownerEnd + 1;
  match.repoEnd = repoEnd;
  match.malformed = end > numberEnd;
  return placed(match, text, numberStart, numberEnd, start, end);
}

/** Fills `match` for a form whose names are not written: a KEP, `k/k#N`, `enhancements#N`. */
function fixed(
  match: RefMatch,
  kind: RefKind,
  form: RefForm,
  repo: string,
  text: string,
  numberStart: number,
  numberEnd: number,
  start: number,
  end: number,
): number {
  match.kind = kind;
  match.form = form;
  match.ownerStart = match.ownerEnd = match.repoStart = match.repoEnd = -1;
  match.owner = 'kubernetes';
  match.repo = repo;
  match.malformed = false;
  return placed(match, text, numberStart, numberEnd, start, end);
}

/** Fills what every form has: the number, where it and the reference lie. matchUrl may then set lowerGitHub. */
function placed(match: RefMatch, text: string, numberStart: number, numberEnd: number, start: number, end: number): number {
  match.numberStart = numberStart;
  match.numberEnd = numberEnd;
  match.number = digitsValue(text, numberStart, numberEnd);
  match.lowerGitHub = false;
  match.start = start;
  match.end = end;
  return end;
}

/**
 * A short form ending in `#N` at `hash`: `owner/repo` (owner 1–39 characters starting with a
 * letter or digit, repository 1–100) or `enhancements` before it, after the start of the text or
 * a character that cannot be part of either; `#N` not running into a word. Read backwards from
 * the `#` by hand, in one pass over at most 141 characters: a pattern tried every start again,
 * for each `#`. Returns the end of the match, or -1; fills `match`.
 */
function matchShort(text: string, hash: number, match: RefMatch): number {
  const numberEnd = digitsEnd(text, hash + 1);
  // A repository name or `enhancements` ends in a letter, digit, '.', '_' or '-'.
  if (
    numberEnd === hash + 1 ||
    isLetter(text.charCodeAt(numberEnd)) ||
    text.charCodeAt(numberEnd) === 95 ||
    hash === 0 ||
    !isRepoChar(text.charCodeAt(hash - 1))
  ) {
    return -1;
  }
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
      if (slash - start === 1 && hash - slash === 2 && text.charCodeAt(start) === 107 && text.charCodeAt(slash + 1) === 107) {
        // k/k#N
        return fixed(match, 'issue', 'short', 'kubernetes', text, hash + 1, numberEnd, start, numberEnd);
      }
      return written(match, text, 'issue', 'short', start, slash, hash, hash + 1, numberEnd, start, numberEnd);
    }
  }
  const start = hash - 'enhancements'.length;
  return start >= 0 && text.startsWith('enhancements', start) && isBoundary(text.charCodeAt(start - 1))
    ? fixed(match, 'issue', 'short', 'enhancements', text, hash + 1, numberEnd, start, numberEnd)
    : -1;
}

export function findGitHubRefs(text: string): GitHubRef[] {
  const refs: GitHubRef[] = [];
  scanGitHubRefs(text, (match) => {
    const [owner, repo] = matchNames(text, match);
    // One literal with a fixed shape: an object spread here was most of the indexing time.
    const ref: { -readonly [K in keyof GitHubRef]: GitHubRef[K] } = {
      kind: match.kind,
      form: match.form,
      owner,
      repo,
      number: match.number,
      line: match.line,
      column: match.column,
      endColumn: match.column + (match.end - match.start),
      text: text.slice(match.start, match.end),
    };
    if (match.malformed) {
      ref.malformed = true;
    }
    refs.push(ref);
  });
  return refs;
}

/** Where scanGitHubRefs reports each reference (the same object each time: see RefMatch). */
export type RefSink = (match: RefMatch) => void;

/**
 * Every reference of `text`, outside code, given to `sink` in text order as it is found, in one
 * pass over the text's `://`s and `#`s. findGitHubRefs builds GitHubRefs from it; the index packs
 * them straight away, without an object and a string per reference. `lineStarts`, when the
 * caller has walked the lines already (the index, for the sections), saves walking them again.
 */
export function scanGitHubRefs(text: string, sink: RefSink, lineStarts?: readonly number[]): void {
  const code = codeRanges(text);
  const match: RefMatch = {
    kind: 'pull',
    form: 'pullUrl',
    ownerStart: -1,
    ownerEnd: -1,
    repoStart: -1,
    repoEnd: -1,
    owner: '',
    repo: '',
    number: 0,
    numberStart: 0,
    numberEnd: 0,
    malformed: false,
    lowerGitHub: false,
    start: 0,
    end: 0,
    line: 0,
    column: 0,
  };
  // Lines are counted as the scan moves forward: references come in text order.
  let line = 0;
  let lineStart = 0;
  let nextNewline = lineStarts ? -1 : text.indexOf('\n');
  const report = (): void => {
    // `.` and `..` are path steps, never a repository: such a link must not reach an API path.
    const dots = match.repoEnd - match.repoStart;
    if (
      !Number.isSafeInteger(match.number) ||
      (match.repoStart !== -1 && dots <= 2 && text.charCodeAt(match.repoStart) === 46 && (dots === 1 || text.charCodeAt(match.repoStart + 1) === 46)) ||
      inRanges(code, match.start)
    ) {
      return;
    }
    if (lineStarts) {
      while (line + 1 < lineStarts.length && lineStarts[line + 1]! <= match.start) {
        line++;
      }
      lineStart = lineStarts[line]!;
    } else {
      while (nextNewline !== -1 && nextNewline < match.start) {
        line++;
        lineStart = nextNewline + 1;
        nextNewline = text.indexOf('\n', lineStart);
      }
    }
    match.line = line;
    match.column = match.start - lineStart;
    sink(match);
  };
  // A KEP directory link may run on over a later `://` (its name stops only at white space or
  // `)`): as with a pattern, no other KEP directory starts inside it; the other forms may.
  let kepDirectoryFrom = 0;
  let colon = text.indexOf('://');
  let hash = text.indexOf('#');
  while (colon !== -1 || hash !== -1) {
    if (hash === -1 || (colon !== -1 && colon < hash)) {
      if (matchUrl(text, colon, kepDirectoryFrom, match) !== -1) {
        if (match.form === 'kepDirectory') {
          kepDirectoryFrom = match.end;
        }
        report();
      }
      colon = text.indexOf('://', colon + 3);
    } else {
      if (matchShort(text, hash, match) !== -1) {
        report();
      }
      hash = text.indexOf('#', hash + 1);
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
  const spans = new InlineSpans(text);
  if (!text.includes('```') && !text.includes('~~~')) {
    // No fence can open, so only the lines with a backtick matter: go from one to the next
    // instead of through every line.
    for (let backtick = text.indexOf('`'); backtick !== -1; ) {
      const lineStart = text.lastIndexOf('\n', backtick) + 1;
      const newline = text.indexOf('\n', backtick);
      const lineEnd = newline === -1 ? text.length : newline;
      spans.scanLine(lineStart, lineEnd, ranges);
      backtick = newline === -1 ? -1 : text.indexOf('`', newline);
    }
    return ranges;
  }
  let fenceStart = -1;
  let fenceMarker = '';
  // The next backtick at or after the current line, found once and reused until passed: asking
  // from every line would rescan the same text again and again.
  let backtick = text.indexOf('`');
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
