/**
 * The reference forms as regular expressions: what findGitHubRefs matched before its scanner was
 * written by hand (the patterns allocated a match array and strings for every reference, and
 * were a fifth of the index's cold build). Kept as the definition the scanner is checked
 * against, on the cases the unit tests list and on generated text. Code spans are not looked at
 * here: the test compares texts without code.
 */
export interface RegexRef {
  readonly kind: string;
  readonly form: string;
  readonly owner: string;
  readonly repo: string;
  readonly number: number;
  readonly start: number;
  readonly end: number;
  readonly malformed: boolean;
}

const OWNER = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})';
const REPO = '[A-Za-z0-9._-]{1,100}';

function caseless(text: string): string {
  return [...text]
    .map((char) => (/[a-z]/i.test(char) ? `[${char.toLowerCase()}${char.toUpperCase()}]` : char.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')))
    .join('');
}

const SCHEME = `${caseless('http')}[sS]?://`;
const GITHUB_HOST = `${SCHEME}(?:${caseless('www.')})?${caseless('github.com')}/`;

const URL_PATTERNS: ReadonlyArray<{ regex: RegExp; read: (m: RegExpExecArray) => Omit<RegexRef, 'start' | 'end'> }> = [
  {
    regex: new RegExp(`${GITHUB_HOST}(${OWNER})/(${REPO})/(pull|pulls|issues)/(\\d+)([A-Za-z_]\\w*)?`, 'g'),
    read: (m) => ({
      kind: m[3] === 'issues' ? 'issue' : 'pull',
      form: m[3] === 'pull' ? 'pullUrl' : m[3] === 'pulls' ? 'pullsUrl' : 'issueUrl',
      owner: m[1]!,
      repo: m[2]!,
      number: Number(m[4]),
      malformed: m[5] !== undefined,
    }),
  },
  {
    regex: new RegExp(`${GITHUB_HOST}kubernetes/enhancements/(?:tree|blob)/[^/\\s)]+/keps/[^/\\s)]+/(\\d+)-[^\\s)]*`, 'g'),
    read: (m) => ({ kind: 'kep', form: 'kepDirectory', owner: 'kubernetes', repo: 'enhancements', number: Number(m[1]), malformed: false }),
  },
  {
    regex: new RegExp(`${SCHEME}${caseless('kep.k8s.io')}/(\\d+)\\b`, 'g'),
    read: (m) => ({ kind: 'kep', form: 'kepLink', owner: 'kubernetes', repo: 'enhancements', number: Number(m[1]), malformed: false }),
  },
];

/** `owner/repo#N` after a boundary, `enhancements#N`, with `#N` not running into a word. */
const SHORT = new RegExp(`(?<![A-Za-z0-9._/#-])(?:(${OWNER})/(${REPO})|enhancements)#(\\d+)(?!\\w)`, 'g');

/** Every reference of `text` (which holds no code), in text order. */
export function regexRefs(text: string): RegexRef[] {
  const refs: RegexRef[] = [];
  const add = (fields: Omit<RegexRef, 'start' | 'end'>, start: number, end: number) => {
    if (Number.isSafeInteger(fields.number) && fields.repo !== '.' && fields.repo !== '..') {
      refs.push({ ...fields, start, end });
    }
  };
  for (const { regex, read } of URL_PATTERNS) {
    for (const m of text.matchAll(regex)) {
      add(read(m), m.index, m.index + m[0].length);
    }
  }
  for (const m of text.matchAll(SHORT)) {
    const kk = m[1] === 'k' && m[2] === 'k';
    const owner = m[1] === undefined ? 'kubernetes' : kk ? 'kubernetes' : m[1];
    const repo = m[2] === undefined ? 'enhancements' : kk ? 'kubernetes' : m[2];
    add({ kind: 'issue', form: 'short', owner, repo, number: Number(m[3]), malformed: false }, m.index, m.index + m[0].length);
  }
  return refs.sort((a, b) => a.start - b.start);
}
