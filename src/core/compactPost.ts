import type { FrontMatterFields } from './frontMatter';
import type { GitHubRef, RefFields, RefForm, RefKind } from './githubRefs';
import { scanGitHubRefs } from './githubRefs';
import { TEMPLATE_SECTIONS } from './sections';

/** The template's `###` headings under Developer News, in most editions too. */
const TEMPLATE_SUBHEADINGS = ['Election Update', 'Contributor Blog'];

/**
 * How the index keeps a post: what the tree, Find, the coverage checks and the hovers use, and no
 * more. A post's text is never retained, not even through a substring (V8 keeps a whole string
 * alive behind any slice of 13 characters or more): strings kept are copied or shared. References
 * are six numbers each, with owner and repository names shared across posts; their text is kept
 * only when it is not the canonical form of the reference, which is rebuilt when asked for.
 */

const KINDS: readonly RefKind[] = ['pull', 'issue', 'kep'];
const FORMS: readonly RefForm[] = ['pullUrl', 'pullsUrl', 'issueUrl', 'short', 'kepDirectory', 'kepLink'];
/** Numbers per reference in `packed`: kind/form/variant, repository, number, line, column, end column. */
export const REF_FIELDS = 6;
const MALFORMED = 1 << 10;

/**
 * Owner/repository pairs as written, shared by every post (a few hundred at most in LWKD's
 * archive), each with the id of its name in lower case (what refKey compares); key id 0 is KEPs.
 */
const repos: Array<{ readonly owner: string; readonly repo: string; readonly keyId: number }> = [];
const repoIds = new Map<string, Map<string, number>>();
/** Lower-case `owner/repo` → key id, and back. */
const keyIds = new Map<string, number>([['kep', 0]]);
const keyNames: string[] = ['kep'];
let lastRepo: { owner: string; repo: string; id: number } | undefined;

/** A copy of `text` that holds no reference to the string it was cut from. */
export function detached(text: string): string {
  // Shorter strings are copied by V8 when sliced. A longer one is joined to a space, which makes
  // a new flat string of its characters, and cut from that: what stays alive is the copy.
  return text.length < 13 ? text : ` ${text}`.slice(1);
}

/** The section titles of nearly every post, as constants: most titles are one of these. */
let commonTitles: Map<number, string[]> | undefined;

/** By length; made on first use (sections.ts and this module import each other through postIndex.ts). */
function commonTitlesOfLength(length: number): readonly string[] {
  if (!commonTitles) {
    commonTitles = new Map();
    for (const title of [...TEMPLATE_SECTIONS, ...TEMPLATE_SUBHEADINGS]) {
      commonTitles.set(title.length, [...(commonTitles.get(title.length) ?? []), title]);
    }
  }
  return commonTitles.get(length) ?? [];
}

/**
 * A section title or front-matter value to keep: the constant when it is one of the common
 * titles (compared, which is cheaper than hashing a new string), else a detached copy. No table
 * of other strings: most are one post's own (a Featured PR's heading), and looking each up cost
 * more than it saved.
 */
export function sharedString(text: string): string {
  for (const title of commonTitlesOfLength(text.length)) {
    if (title === text) {
      return title;
    }
  }
  return detached(text);
}

function repoId(owner: string, repo: string): number {
  // Most references of a post are to one repository: comparing with the last is cheaper than a lookup.
  if (lastRepo && lastRepo.owner === owner && lastRepo.repo === repo) {
    return lastRepo.id;
  }
  let byRepo = repoIds.get(owner);
  if (!byRepo) {
    byRepo = new Map();
    repoIds.set(detached(owner), byRepo);
  }
  let id = byRepo.get(repo);
  if (id === undefined) {
    id = repos.length;
    const name = `${owner}/${repo}`.toLowerCase();
    let keyId = keyIds.get(name);
    if (keyId === undefined) {
      keyId = keyNames.length;
      keyNames.push(name);
      keyIds.set(name, keyId);
    }
    repos.push({ owner: detached(owner), repo: detached(repo), keyId });
    byRepo.set(detached(repo), id);
  }
  lastRepo = { owner: repos[id]!.owner, repo: repos[id]!.repo, id };
  return id;
}

/**
 * The index's key of a reference: a number, since string keys made building the index several
 * times slower. Small ids and numbers (nearly all) give a small integer; the rest a larger one,
 * and numbers past 2^32 a string. The same reference always gets the same key.
 */
export type IndexKey = number | string;

function indexKey(keyId: number, number: number): IndexKey {
  if (keyId < 64 && number < 2 ** 24) {
    return keyId * 2 ** 24 + number;
  }
  return number < 2 ** 32 ? 2 ** 30 + keyId * 2 ** 32 + number : `${keyId}#${number}`;
}

/** refKey's string (`owner/repo#N`, `kep:N`) as the index's key; undefined when no post has that repository. */
export function indexKeyOf(key: string): IndexKey | undefined {
  const kep = /^kep:(\d+)$/.exec(key);
  if (kep) {
    return indexKey(0, Number(kep[1]));
  }
  const hash = key.lastIndexOf('#');
  const keyId = keyIds.get(key.slice(0, hash).toLowerCase());
  const number = Number(key.slice(hash + 1));
  return hash > 0 && keyId !== undefined && keyId !== 0 && Number.isSafeInteger(number) ? indexKey(keyId, number) : undefined;
}

/** The refKey string of an index key. */
export function refKeyOf(key: IndexKey): string {
  let keyId: number;
  let number: number;
  if (typeof key === 'string') {
    const hash = key.indexOf('#');
    keyId = Number(key.slice(0, hash));
    number = Number(key.slice(hash + 1));
  } else if (key < 2 ** 30) {
    keyId = Math.floor(key / 2 ** 24);
    number = key % 2 ** 24;
  } else {
    keyId = Math.floor((key - 2 ** 30) / 2 ** 32);
    number = (key - 2 ** 30) % 2 ** 32;
  }
  return keyId === 0 ? `kep:${number}` : `${keyNames[keyId]}#${number}`;
}

/** The number an index key stands for. */
export function numberOfKey(key: IndexKey): number {
  return typeof key === 'string' ? Number(key.slice(key.indexOf('#') + 1)) : key < 2 ** 30 ? key % 2 ** 24 : (key - 2 ** 30) % 2 ** 32;
}

/** The forms of a reference's text that can be rebuilt from its fields; the index is its variant. */
function canonicalTexts(form: RefForm, owner: string, repo: string, number: number): string[] {
  switch (form) {
    case 'pullUrl':
      return [`${GITHUB}${owner}/${repo}/pull/${number}`];
    case 'pullsUrl':
      return [`${GITHUB}${owner}/${repo}/pulls/${number}`];
    case 'issueUrl':
      return [`${GITHUB}${owner}/${repo}/issues/${number}`];
    case 'short':
      return [
        `${owner}/${repo}#${number}`,
        ...(owner === 'kubernetes' && repo === 'kubernetes' ? [`k/k#${number}`] : []),
        ...(owner === 'kubernetes' && repo === 'enhancements' ? [`enhancements#${number}`] : []),
      ];
    case 'kepLink':
      return [`https://kep.k8s.io/${number}`];
    case 'kepDirectory':
      return [];
  }
}

const GITHUB = 'https://github.com/';

/**
 * Which of canonicalTexts `ref.text` is, or -1, from lengths alone where findGitHubRefs's
 * patterns make that enough: a URL's owner, repository and number are cut from its text, so
 * a text that starts with the lower-case `https://github.com/` and has the canonical length is
 * the canonical text (`www.`, a suffix or leading zeros change the length). This runs for every
 * reference of every post the index reads; building the candidates took a third of its time.
 */
function canonicalVariant(text: string, start: number, end: number, ref: RefFields): number {
  const { owner, repo } = ref;
  const length = end - start;
  const digits = digitCount(ref.number);
  const path = owner.length + 1 + repo.length;
  switch (ref.form) {
    case 'pullUrl':
      return length === GITHUB.length + path + 6 + digits && text.startsWith(GITHUB, start) ? 0 : -1;
    case 'pullsUrl':
      return length === GITHUB.length + path + 7 + digits && text.startsWith(GITHUB, start) ? 0 : -1;
    case 'issueUrl':
      return length === GITHUB.length + path + 8 + digits && text.startsWith(GITHUB, start) ? 0 : -1;
    case 'short': {
      // owner/repo#N as typed, k/k#N or enhancements#N (whose owner and repository are filled in).
      if (
        length === path + 1 + digits &&
        text.startsWith(owner, start) &&
        text.charCodeAt(start + owner.length) === 47 &&
        text.startsWith(repo, start + owner.length + 1)
      ) {
        return 0;
      }
      if (owner === 'kubernetes' && repo === 'kubernetes') {
        return length === 4 + digits && text.startsWith('k/k#', start) ? 1 : -1;
      }
      return owner === 'kubernetes' && repo === 'enhancements' && length === 13 + digits && text.startsWith('enhancements#', start) ? 1 : -1;
    }
    case 'kepLink':
      return length === 19 + digits && text.startsWith('https://kep.k8s.io/', start) ? 0 : -1;
    case 'kepDirectory':
      return -1;
  }
}

/** 10, 100, … 1e15: a number's digits are one more than the powers it reaches. */
const POWERS = Array.from({ length: 15 }, (_, i) => 10 ** (i + 1));

function digitCount(number: number): number {
  let count = 1;
  while (count <= POWERS.length && number >= POWERS[count - 1]!) {
    count++;
  }
  return count;
}

/** What a post's references are kept as. */
export interface PackedRefs {
  /** A list, or a view into the index store's numbers after a restart. */
  readonly packed: ArrayLike<number>;
  /** Texts that are not a canonical form, by reference index. */
  readonly texts?: ReadonlyMap<number, string>;
}

/**
 * The references of `text` (findGitHubRefs's, in text order), packed as they are found: no
 * GitHubRef and no string per reference, only the texts that are not canonical.
 */
export function packRefsOf(text: string): PackedRefs {
  const rows: number[] = [];
  let kept: Map<number, string> | undefined;
  let sorted = true;
  scanGitHubRefs(text, (fields, start, end, line, column) => {
    const n = rows.length / REF_FIELDS;
    const variant = canonicalVariant(text, start, end, fields);
    const code = KINDS.indexOf(fields.kind) | (FORMS.indexOf(fields.form) << 2) | ((variant + 1) << 5) | (fields.malformed ? MALFORMED : 0);
    if (n > 0 && (line < rows[rows.length - 3]! || (line === rows[rows.length - 3]! && column < rows[rows.length - 2]!))) {
      sorted = false;
    }
    rows.push(code, repoId(fields.owner, fields.repo), fields.number, line, column, column + (end - start));
    if (variant === -1) {
      (kept ??= new Map()).set(n, detached(text.slice(start, end)));
    }
  });
  if (sorted) {
    return kept ? { packed: rows, texts: kept } : { packed: rows };
  }
  // The URL forms come before the short ones: put them in text order, as findGitHubRefs does.
  const order = Array.from({ length: rows.length / REF_FIELDS }, (_, i) => i).sort(
    (a, b) => rows[a * REF_FIELDS + 3]! - rows[b * REF_FIELDS + 3]! || rows[a * REF_FIELDS + 4]! - rows[b * REF_FIELDS + 4]!,
  );
  const packed: number[] = [];
  let texts: Map<number, string> | undefined;
  order.forEach((from, to) => {
    for (let k = 0; k < REF_FIELDS; k++) {
      packed.push(rows[from * REF_FIELDS + k]!);
    }
    const stored = kept?.get(from);
    if (stored !== undefined) {
      (texts ??= new Map()).set(to, stored);
    }
  });
  return texts ? { packed, texts } : { packed };
}

/** Whether a packed reference's first number names a kind, a form and a variant there are. */
export function isRefCode(code: number): boolean {
  return (code & 3) < KINDS.length && ((code >> 2) & 7) < FORMS.length && ((code >> 5) & 31) <= 3 && code < 2 * MALFORMED;
}

export function unpackRefs({ packed, texts }: PackedRefs): GitHubRef[] {
  const refs: GitHubRef[] = [];
  for (let i = 0, n = 0; i < packed.length; i += REF_FIELDS, n++) {
    const code = packed[i]!;
    const { owner, repo } = repos[packed[i + 1]!]!;
    const kind = KINDS[code & 3]!;
    const form = FORMS[(code >> 2) & 7]!;
    const number = packed[i + 2]!;
    const variant = ((code >> 5) & 31) - 1;
    const text = variant >= 0 ? canonicalTexts(form, owner, repo, number)[variant]! : (texts?.get(n) ?? '');
    const ref: { -readonly [K in keyof GitHubRef]: GitHubRef[K] } = {
      kind,
      form,
      owner,
      repo,
      number,
      line: packed[i + 3]!,
      column: packed[i + 4]!,
      endColumn: packed[i + 5]!,
      text,
    };
    if (code & MALFORMED) {
      ref.malformed = true;
    }
    refs.push(ref);
  }
  return refs;
}

/** The index key of each packed reference, without building the references. */
export function packedKeys(packed: ArrayLike<number>): IndexKey[] {
  const keys: IndexKey[] = [];
  for (let i = 0; i < packed.length; i += REF_FIELDS) {
    const kep = KINDS[packed[i]! & 3] === 'kep';
    keys.push(indexKey(kep ? 0 : repos[packed[i + 1]!]!.keyId, packed[i + 2]!));
  }
  return keys;
}

/** The index key of a reference that is not packed (a post built elsewhere). */
export function refIndexKey(ref: Pick<GitHubRef, 'kind' | 'owner' | 'repo' | 'number'>): IndexKey {
  return ref.kind === 'kep' ? indexKey(0, ref.number) : indexKey(repos[repoId(ref.owner, ref.repo)]!.keyId, ref.number);
}

/** Front-matter values as shared copies, so no post text stays alive behind them. */
export function keptFrontMatter(fields: FrontMatterFields): FrontMatterFields {
  const kept: { -readonly [K in keyof FrontMatterFields]: FrontMatterFields[K] } = {};
  for (const key of ['layout', 'title', 'date', 'slug'] as const) {
    const value = fields[key];
    if (value !== undefined) {
      kept[key] = key === 'layout' ? sharedString(value) : detached(value);
    }
  }
  return kept;
}

/** A repository id's names, for a store written to disk (ids are this process's own). */
export function repoNames(id: number): readonly [string, string] {
  const { owner, repo } = repos[id]!;
  return [owner, repo];
}

/** This process's id of a repository read from a store. */
export function repoIdOf(owner: string, repo: string): number {
  return repoId(owner, repo);
}
