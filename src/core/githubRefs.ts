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

const PATTERNS: ReadonlyArray<{ regex: RegExp; read: (m: RegExpExecArray) => Omit<GitHubRef, 'line' | 'column' | 'endColumn' | 'text'> | undefined }> = [
  {
    regex: new RegExp(`https?://(?:www\\.)?github\\.com/(${OWNER})/(${REPO})/(pull|pulls|issues)/(\\d+)([A-Za-z_]\\w*)?`, 'g'),
    read: (m) => {
      const [, owner, repo, segment, digits, junk] = m as unknown as [string, string, string, string, string, string | undefined];
      const kind: RefKind = segment === 'issues' ? 'issue' : 'pull';
      const form: RefForm = segment === 'pull' ? 'pullUrl' : segment === 'pulls' ? 'pullsUrl' : 'issueUrl';
      return { kind, form, owner, repo, number: Number(digits), ...(junk ? { malformed: true as const } : {}) };
    },
  },
  {
    regex: /https?:\/\/(?:www\.)?github\.com\/kubernetes\/enhancements\/(?:tree|blob)\/[^/\s)]+\/keps\/[^/\s)]+\/(\d+)-[^\s)]*/g,
    read: (m) => ({ kind: 'kep', form: 'kepDirectory', owner: 'kubernetes', repo: 'enhancements', number: Number(m[1]) }),
  },
  {
    regex: /https?:\/\/kep\.k8s\.io\/(\d+)\b/g,
    read: (m) => ({ kind: 'kep', form: 'kepLink', owner: 'kubernetes', repo: 'enhancements', number: Number(m[1]) }),
  },
  {
    // Not part of a URL or a path: no `/`, `.` or word character right before.
    regex: new RegExp(`(?<![\\w/.#-])(${OWNER})/(${REPO})#(\\d+)\\b`, 'g'),
    read: (m) => {
      const [, owner, repo, digits] = m as unknown as [string, string, string, string];
      const kk = owner === 'k' && repo === 'k';
      return { kind: 'issue', form: 'short', owner: kk ? 'kubernetes' : owner, repo: kk ? 'kubernetes' : repo, number: Number(digits) };
    },
  },
  {
    regex: /(?<![\w/.#-])enhancements#(\d+)\b/g,
    read: (m) => ({ kind: 'issue', form: 'short', owner: 'kubernetes', repo: 'enhancements', number: Number(m[1]) }),
  },
];

export function findGitHubRefs(text: string): GitHubRef[] {
  const prose = maskCode(text);
  const lineStarts = lineStartOffsets(prose);
  const refs: GitHubRef[] = [];
  const taken: Array<[number, number]> = [];
  for (const { regex, read } of PATTERNS) {
    regex.lastIndex = 0;
    for (let m = regex.exec(prose); m; m = regex.exec(prose)) {
      const start = m.index;
      const end = start + m[0].length;
      // A KEP directory URL or a short form inside an already-found URL is the same reference.
      if (taken.some(([a, b]) => start < b && end > a)) {
        continue;
      }
      const ref = read(m);
      if (!ref || !Number.isSafeInteger(ref.number)) {
        continue;
      }
      const line = lineOf(lineStarts, start);
      const column = start - lineStarts[line]!;
      refs.push({ ...ref, line, column, endColumn: column + m[0].length, text: m[0] });
      taken.push([start, end]);
    }
  }
  return refs.sort((a, b) => a.line - b.line || a.column - b.column);
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
 * Replaces fenced code blocks and inline code spans with spaces (keeping line breaks and
 * offsets), so that nothing in code is read as a reference.
 */
export function maskCode(text: string): string {
  if (!text.includes('`') && !text.includes('~~~')) {
    return text;
  }
  const blank = (s: string): string => s.replace(/[^\n\r]/g, ' ');
  // Fenced blocks: ``` or ~~~ at the start of a line, to the matching fence or the end.
  let masked = text.replace(/^( {0,3})(`{3,}|~{3,})[^\n]*\n[\s\S]*?(?:^ {0,3}\2[`~]*[ \t]*$|(?![\s\S]))/gm, blank);
  // Inline code: a run of N backticks to the next run of exactly N, within a paragraph.
  masked = masked.replace(/(`+)(?!`)([\s\S]*?[^`])\1(?!`)/g, (whole) => (whole.includes('\n\n') ? whole : blank(whole)));
  return masked;
}
