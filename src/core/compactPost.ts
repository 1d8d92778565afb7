import type { FrontMatterFields } from './frontMatter';
import type { GitHubRef, RefForm, RefKind, RefMatch } from './githubRefs';
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
/** The repository of the last reference packed: most of a post's are to one repository. */
let lastOwner = '';
let lastRepo = '';
let lastId = -1;

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
  if (lastId !== -1 && lastOwner === owner && lastRepo === repo) {
    return lastId;
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
  lastOwner = repos[id]!.owner;
  lastRepo = repos[id]!.repo;
  lastId = id;
  return id;
}

/**
 * The repository id of a match, compared in place with the last one's names when the text
 * writes them: no strings are cut for the many references to the same repository.
 */
function matchRepoId(text: string, match: RefMatch): number {
  if (match.ownerStart === -1) {
    return repoId(match.owner, match.repo);
  }
  if (
    lastId !== -1 &&
    match.ownerEnd - match.ownerStart === lastOwner.length &&
    match.repoEnd - match.repoStart === lastRepo.length &&
    text.startsWith(lastOwner, match.ownerStart) &&
    text.startsWith(lastRepo, match.repoStart)
  ) {
    return lastId;
  }
  return repoId(text.slice(match.ownerStart, match.ownerEnd), text.slice(match.repoStart, match.repoEnd));
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
 * Which of canonicalTexts the match's text is, or -1, from where its parts lie: a URL's owner,
 * repository and number are cut from its text, so one that starts with the lower-case
 * `https://github.com/` and ends at its number (no suffix) without leading zeros is the
 * canonical text. This runs for every reference of every post the index reads; building the
 * candidates took a third of its time.
 */
function canonicalVariant(text: string, match: RefMatch): number {
  const plainNumber = match.numberEnd - match.numberStart === 1 || text.charCodeAt(match.numberStart) !== 48;
  switch (match.form) {
    case 'pullUrl':
    case 'pullsUrl':
    case 'issueUrl':
      return plainNumber && match.end === match.numberEnd && match.lowerGitHub ? 0 : -1;
    case 'short':
      // owner/repo#N as typed (0), or k/k#N and enhancements#N, whose names are filled in (1).
      return plainNumber ? (match.ownerStart === -1 ? 1 : 0) : -1;
    case 'kepLink':
      return plainNumber && text.startsWith('https://kep.k8s.io/', match.start) ? 0 : -1;
    case 'kepDirectory':
      return -1;
  }
}

/** What a post's references are kept as. */
export interface PackedRefs {
  /** A list, or a view into the index store's numbers after a restart. */
  readonly packed: ArrayLike<number>;
  /** Texts that are not a canonical form, by reference index. */
  readonly texts?: ReadonlyMap<number, string>;
}

/**
 * The references of `text` (findGitHubRefs's, in the text order scanGitHubRefs reports them),
 * packed as they are found: no GitHubRef and no string per reference, only the texts that are
 * not canonical.
 */
export function packRefsOf(text: string, lineStarts?: readonly number[]): PackedRefs {
  // Filled in a scratch list and copied out once at its size: a list grown by push was copied
  // at each growth, and the copies were garbage.
  const rows = scratchRows;
  let length = 0;
  let kept: Map<number, string> | undefined;
  scanGitHubRefs(
    text,
    (match) => {
      const variant = canonicalVariant(text, match);
      if (variant === -1) {
        (kept ??= new Map()).set(length / REF_FIELDS, detached(text.slice(match.start, match.end)));
      }
      rows[length] = KINDS.indexOf(match.kind) | (FORMS.indexOf(match.form) << 2) | ((variant + 1) << 5) | (match.malformed ? MALFORMED : 0);
      rows[length + 1] = matchRepoId(text, match);
      rows[length + 2] = match.number;
      rows[length + 3] = match.line;
      rows[length + 4] = match.column;
      rows[length + 5] = match.column + (match.end - match.start);
      length += REF_FIELDS;
    },
    lineStarts,
  );
  const packed = rows.slice(0, length);
  if (rows.length > SCRATCH_KEPT) {
    // One post with many references must not keep a large list alive for good.
    rows.length = SCRATCH_KEPT;
  }
  return kept ? { packed, texts: kept } : { packed };
}

/** packRefsOf's scratch list, reused; up to this many numbers of it stay between posts. */
const SCRATCH_KEPT = 4096 * REF_FIELDS;
const scratchRows: number[] = [];

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
