import { isRefCode, REF_FIELDS, repoIdOf, repoNames } from './compactPost';
import type { FrontMatterFields } from './frontMatter';
import type { IndexedPost, Section } from './postIndex';
import { packedRefsOf, storedPost } from './postIndex';

/**
 * The index as kept between sessions (workspace storage): each post as the index holds it, with
 * the size and modification time of the file it was read from. At the next start a post whose
 * file has the same size and time is taken from here, not read and parsed again. The store is a
 * cache and nothing more: one that cannot be read, of another version, or out of shape anywhere
 * costs a rebuild, never an error.
 *
 * Binary, because it is read at every start: a JSON store of 10,000 posts took longer to parse
 * than reading the posts. Layout: `LWKI`, then version, header length, float count and integer
 * count (u32 each, little-endian); a JSON header (save time, repositories, every distinct string
 * once, numbers too large for 32 bits); then each post's size and time (f64) and the posts as
 * 32-bit integers (strings as indexes into the header's list):
 * `file week fieldMask [layout title date slug] sections×(level title line) refs×(6 numbers)
 * texts×(ref text) errors×(text)`, each list preceded by its length.
 */

/** Bumped whenever what a post keeps, or how it is parsed, changes: an older store is not used. */
export const INDEX_STORE_VERSION = 2;
const MAGIC = 0x494b574c; // "LWKI", little-endian
const PREAMBLE_BYTES = 20;
const FIELDS = ['layout', 'title', 'date', 'slug'] as const;

/**
 * A file changed within this long before the store was written may have changed again without
 * its time moving (file systems keep times to a second or two): it is read again.
 */
const RACY_MS = 2_000;

export interface FileStamp {
  readonly size: number;
  readonly mtime: number;
}

interface Header {
  readonly savedAt: number;
  readonly repos: ReadonlyArray<readonly [string, string]>;
  readonly strings: readonly string[];
  readonly big: readonly number[];
}

/** The store's bytes for `posts` (those read from disk, each with its file's stamp). */
export function serializeIndexStore(posts: ReadonlyArray<{ readonly post: IndexedPost; readonly stamp: FileStamp }>, now = Date.now()): Uint8Array {
  const strings: string[] = [];
  const stringIds = new Map<string, number>();
  const str = (text: string): number => {
    let id = stringIds.get(text);
    if (id === undefined) {
      id = strings.length;
      strings.push(text);
      stringIds.set(text, id);
    }
    return id;
  };
  const repos: Array<readonly [string, string]> = [];
  const repoSlots = new Map<number, number>();
  const big: number[] = [];
  const ints: number[] = [];
  const floats: number[] = [];
  for (const { post, stamp } of posts) {
    const refs = packedRefsOf(post);
    if (!refs) {
      continue;
    }
    floats.push(stamp.size, stamp.mtime);
    ints.push(str(post.file), post.weekEnding === undefined ? -1 : str(post.weekEnding));
    const fields = post.frontMatter;
    let mask = fields ? 16 : 0;
    FIELDS.forEach((field, bit) => {
      if (fields?.[field] !== undefined) {
        mask |= 1 << bit;
      }
    });
    ints.push(mask);
    for (const field of FIELDS) {
      if (fields?.[field] !== undefined) {
        ints.push(str(fields[field]));
      }
    }
    ints.push(post.sections.length);
    for (const section of post.sections) {
      ints.push(section.level, str(section.title), section.line);
    }
    const packed = refs.packed;
    ints.push(packed.length / REF_FIELDS);
    for (let i = 0; i < packed.length; i += REF_FIELDS) {
      let slot = repoSlots.get(packed[i + 1]!);
      if (slot === undefined) {
        slot = repos.length;
        repos.push(repoNames(packed[i + 1]!));
        repoSlots.set(packed[i + 1]!, slot);
      }
      const number = packed[i + 2]!;
      ints.push(packed[i]!, slot, number <= 0x7fffffff ? number : -1 - (big.push(number) - 1), packed[i + 3]!, packed[i + 4]!, packed[i + 5]!);
    }
    const texts = refs.texts ? [...refs.texts] : [];
    ints.push(texts.length);
    for (const [index, text] of texts) {
      ints.push(index, str(text));
    }
    ints.push(post.errors.length, ...post.errors.map(str));
  }
  const header: Header = { savedAt: now, repos, strings, big };
  const headerBytes = new TextEncoder().encode(JSON.stringify(header));
  const floatsAt = Math.ceil((PREAMBLE_BYTES + headerBytes.length) / 8) * 8;
  const bytes = new Uint8Array(floatsAt + floats.length * 8 + ints.length * 4);
  const view = new DataView(bytes.buffer);
  [MAGIC, INDEX_STORE_VERSION, headerBytes.length, floats.length, ints.length].forEach((value, i) => view.setUint32(i * 4, value, true));
  bytes.set(headerBytes, PREAMBLE_BYTES);
  new Float64Array(bytes.buffer, floatsAt, floats.length).set(floats);
  new Int32Array(bytes.buffer, floatsAt + floats.length * 8, ints.length).set(ints);
  return bytes;
}

/** A post from the store, valid while its file still has this stamp. */
export interface StoredEntry {
  readonly stamp: FileStamp;
  readonly post: IndexedPost;
}

class Damaged extends Error {}

/**
 * The store's posts by file key, or undefined for a store that cannot be used (unreadable,
 * another version, out of shape anywhere). Entries too close to the save time to trust are
 * left out: those files are read again.
 */
export function parseIndexStore(bytes: Uint8Array): Map<string, StoredEntry> | undefined {
  try {
    return readStore(bytes);
  } catch (error) {
    if (error instanceof Damaged || error instanceof SyntaxError || error instanceof RangeError) {
      return undefined;
    }
    throw error;
  }
}

function readStore(bytes: Uint8Array): Map<string, StoredEntry> | undefined {
  if (bytes.length < PREAMBLE_BYTES) {
    return undefined;
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const [magic, version, headerLength, floatCount, intCount] = [0, 1, 2, 3, 4].map((i) => view.getUint32(i * 4, true));
  const floatsAt = Math.ceil((PREAMBLE_BYTES + headerLength!) / 8) * 8;
  if (magic !== MAGIC || version !== INDEX_STORE_VERSION || floatsAt + floatCount! * 8 + intCount! * 4 !== bytes.length) {
    return undefined;
  }
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(PREAMBLE_BYTES, PREAMBLE_BYTES + headerLength!))) as Partial<Header>;
  const { savedAt, repos, strings, big } = header;
  if (
    typeof savedAt !== 'number' ||
    !Array.isArray(repos) ||
    !Array.isArray(strings) ||
    !strings.every((text) => typeof text === 'string') ||
    !Array.isArray(big) ||
    !big.every((n) => Number.isSafeInteger(n))
  ) {
    return undefined;
  }
  const bigNumbers = big as number[];
  const repoIds = repos.map((names: unknown) => {
    if (!Array.isArray(names) || typeof names[0] !== 'string' || typeof names[1] !== 'string') {
      throw new Damaged();
    }
    return repoIdOf(names[0], names[1]);
  });
  // The numbers are copied out once: aligned for the typed views, and ours to remap in place. (Not
  // `slice`: on a Node Buffer, which the desktop's reads give, it is a view, not a copy.)
  const owned = new Uint8Array(bytes.subarray(floatsAt));
  const floats = new Float64Array(owned.buffer, 0, floatCount);
  const ints = new Int32Array(owned.buffer, floatCount! * 8, intCount);
  const total = ints.length;
  let at = 0;
  /** Makes sure `n` more numbers are there. */
  const need = (n: number): void => {
    if (n < 0 || at + n > total) {
      throw new Damaged();
    }
  };
  const str = (id: number): string => {
    const text = strings[id];
    if (text === undefined) {
      throw new Damaged();
    }
    return text;
  };
  const entries = new Map<string, StoredEntry>();
  for (let f = 0; f < floats.length; f += 2) {
    const stamp = { size: floats[f]!, mtime: floats[f + 1]! };
    need(3);
    const file = str(ints[at++]!);
    const weekId = ints[at++]!;
    const weekEnding = weekId === -1 ? undefined : str(weekId);
    const mask = ints[at++]!;
    let frontMatter: { -readonly [K in keyof FrontMatterFields]: FrontMatterFields[K] } | undefined;
    if (mask & 16) {
      frontMatter = {};
      for (const [bit, field] of FIELDS.entries()) {
        if (mask & (1 << bit)) {
          need(1);
          frontMatter[field] = str(ints[at++]!);
        }
      }
    }
    need(1);
    const sectionCount = ints[at++]!;
    need(sectionCount * 3 + 1);
    const sections: Section[] = new Array<Section>(sectionCount);
    for (let n = 0; n < sectionCount; n++, at += 3) {
      const level = ints[at]!;
      if (level !== 2 && level !== 3) {
        throw new Damaged();
      }
      sections[n] = { level, title: str(ints[at + 1]!), line: ints[at + 2]! };
    }
    const refCount = ints[at++]!;
    need(refCount * REF_FIELDS + 1);
    // The references stay in the store's buffer: a view, with repository slots made ids in place.
    let packed: ArrayLike<number> = ints.subarray(at, at + refCount * REF_FIELDS);
    let large = false;
    for (let n = 0; n < refCount; n++, at += REF_FIELDS) {
      const repo = repoIds[ints[at + 1]!];
      if (!isRefCode(ints[at]!) || repo === undefined || (ints[at + 2]! < 0 && bigNumbers[-1 - ints[at + 2]!] === undefined)) {
        throw new Damaged();
      }
      ints[at + 1] = repo;
      large ||= ints[at + 2]! < 0;
    }
    if (large) {
      // A number past 32 bits (a mistyped link): this post's references as a plain list.
      const list = Array.from(packed);
      for (let i = 2; i < list.length; i += REF_FIELDS) {
        list[i] = list[i]! < 0 ? bigNumbers[-1 - list[i]!]! : list[i]!;
      }
      packed = list;
    }
    const textCount = ints[at++]!;
    need(textCount * 2 + 1);
    let texts: Map<number, string> | undefined;
    for (let n = 0; n < textCount; n++, at += 2) {
      (texts ??= new Map()).set(ints[at]!, str(ints[at + 1]!));
    }
    const errorCount = ints[at++]!;
    need(errorCount);
    const errors: string[] = [];
    for (let n = 0; n < errorCount; n++) {
      errors.push(str(ints[at++]!));
    }
    // A file touched just before the save may have changed again within its time's resolution.
    if (stamp.mtime <= savedAt - RACY_MS) {
      entries.set(file, { stamp, post: storedPost(file, weekEnding, frontMatter, sections, texts ? { packed, texts } : { packed }, errors) });
    }
  }
  if (at !== ints.length) {
    throw new Damaged();
  }
  return entries;
}
