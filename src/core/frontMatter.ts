// js-yaml 4's loader and CORE schema modules (esbuild aliases; see esbuild.mjs): the dumper,
// which we never use, does not ship.
import CORE_SCHEMA from 'js-yaml-core-schema';
import { load } from 'js-yaml-loader';

/**
 * Front matter, parsed without trusting the post. The block is found here, as Jekyll finds it
 * (from the opening `---` to the first line that is `---` or `...`); YAML is the only language
 * accepted (a `---js` block is refused, never evaluated); js-yaml's CORE schema keeps dates as
 * the text the writer typed; and the parsed value is copied under a budget so that YAML aliases
 * cannot expand into a billion nodes ("billion laughs").
 *
 * Not gray-matter: given the block, it only handed it to the YAML engine we passed it (with
 * the others replaced by refusals, since its defaults `eval` JavaScript), yet it cost 9.5 KB of
 * each bundle and a Buffer the browser's web worker does not have (gray-matter#143).
 */

/** The front-matter fields LWKD uses, as written (quotes removed). */
export interface FrontMatterFields {
  readonly layout?: string;
  readonly title?: string;
  readonly date?: string;
  readonly slug?: string;
}

export interface ParsedFrontMatter {
  /** The fields, when a front-matter block was found and parsed. */
  readonly fields?: FrontMatterFields;
  /** All top-level keys, as parsed (plain JSON values). */
  readonly data?: Readonly<Record<string, unknown>>;
  /** 0-based line of the closing `---` (or `...`); -1 when there is no block. */
  readonly endLine: number;
  /** Why the block could not be read; the rest of the post is still indexed. */
  readonly error?: string;
}

/** The line that ends the block: `---`, or YAML's document end `...`, as Jekyll accepts. */
const CLOSING = /^(---|\.\.\.)\s*$/;

/** Nodes a front matter may expand to; LWKD's have about five. */
export const FRONT_MATTER_NODE_BUDGET = 10_000;
const MAX_DEPTH = 64;

export function parseFrontMatter(text: string): ParsedFrontMatter {
  const lines = frontMatterLines(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  const opening = /^---([^\s-].*)?\s*$/.exec(lines[0] ?? '');
  if (!opening) {
    return { endLine: -1, error: 'no front matter (the post does not start with ---)' };
  }
  const language = opening[1]?.trim();
  if (language && !/^ya?ml$/i.test(language)) {
    return { endLine: -1, error: `front matter marked "---${language}" is not YAML and is never evaluated` };
  }
  // frontMatterLines stops at the closing line, so only its last line can be one.
  const endLine = lines.length > 1 && CLOSING.test(lines[lines.length - 1]!) ? lines.length - 1 : -1;
  if (endLine === -1) {
    return { endLine: -1, error: 'front matter has no closing --- line' };
  }
  const block = lines.slice(1, endLine);
  let data: Record<string, unknown>;
  try {
    data = parseYamlMapping(block.join('\n'));
  } catch (error) {
    return { endLine, error: `front matter is not valid YAML: ${firstLine(error)}` };
  }
  return { endLine, data, fields: readFields(block, data) };
}

/**
 * The lines from the top through the closing `---` (or the whole text when none closes): the
 * body, often 99% of a post, is never split.
 */
function frontMatterLines(text: string): string[] {
  if (!text.startsWith('---')) {
    return [text.slice(0, text.indexOf('\n') === -1 ? text.length : text.indexOf('\n')).replace(/\r$/, '')];
  }
  const lines: string[] = [];
  for (let start = 0; start <= text.length; ) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    const line = text.charCodeAt(end - 1) === 13 ? text.slice(start, end - 1) : text.slice(start, end);
    lines.push(line);
    // Only a line that starts with `-` or `.` can close the block.
    if (lines.length > 1 && (line.charCodeAt(0) === 45 || line.charCodeAt(0) === 46) && CLOSING.test(line)) {
      break;
    }
    if (newline === -1) {
      break;
    }
    start = newline + 1;
  }
  return lines;
}

/** YAML text → a plain mapping, or throws with a reason a writer can act on. */
export function parseYamlMapping(text: string): Record<string, unknown> {
  const value = load(text, { schema: CORE_SCHEMA, json: false });
  if (value === null || value === undefined) {
    return {};
  }
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new Error(`it is ${Array.isArray(value) ? 'a list' : `a ${typeof value}`}, not key: value pairs`);
  }
  const budget = { left: FRONT_MATTER_NODE_BUDGET };
  return copyBounded(value, budget, 0) as Record<string, unknown>;
}

/**
 * A deep copy into plain objects that counts every node it visits, shared ones (YAML aliases)
 * each time: a document that would expand beyond the budget is rejected in linear time.
 */
function copyBounded(value: unknown, budget: { left: number }, depth: number): unknown {
  if (--budget.left < 0) {
    throw new Error(`it expands to more than ${FRONT_MATTER_NODE_BUDGET} values (YAML aliases?)`);
  }
  if (depth > MAX_DEPTH) {
    throw new Error(`it nests deeper than ${MAX_DEPTH} levels`);
  }
  if (Array.isArray(value)) {
    return value.map((item) => copyBounded(item, budget, depth + 1));
  }
  if (value !== null && typeof value === 'object') {
    const copy: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      const item = copyBounded((value as Record<string, unknown>)[key], budget, depth + 1);
      if (key === '__proto__') {
        // Assigned, it would set the copy's prototype: it stays a plain key.
        Object.defineProperty(copy, key, { value: item, enumerable: true, writable: true, configurable: true });
      } else {
        copy[key] = item;
      }
    }
    return copy;
  }
  return value;
}

const FIELD_NAMES = ['layout', 'title', 'date', 'slug'] as const;
/** Each field's `name:`, made once rather than for every line looked at. */
const FIELD_PREFIXES = FIELD_NAMES.map((name) => `${name}:`);

/**
 * The four fields as the writer typed them: read from the lines (so `date` keeps its exact
 * text), falling back to the parsed value for forms a line cannot show (e.g. block scalars).
 */
function readFields(lines: readonly string[], data: Readonly<Record<string, unknown>>): FrontMatterFields {
  const fields: Partial<Record<(typeof FIELD_NAMES)[number], string>> = {};
  for (const [i, name] of FIELD_NAMES.entries()) {
    const prefix = FIELD_PREFIXES[i]!;
    const line = lines.find((candidate) => candidate.startsWith(prefix));
    const raw = line?.slice(name.length + 1).trim();
    if (raw !== undefined && raw !== '' && !/^[|>]/.test(raw)) {
      const first = raw.charCodeAt(0);
      const quoted = first === 34 || first === 39 ? /^(["'])(.*)\1$/.exec(raw) : null;
      fields[name] = quoted ? quoted[2]! : withoutComment(raw);
    } else if (data[name] !== undefined && data[name] !== null) {
      fields[name] = typeof data[name] === 'string' ? data[name] : JSON.stringify(data[name]);
    }
  }
  return fields;
}

/**
 * A plain value without its ` # comment`, as `/\s+#.*$/` would strip it, found by hand: that
 * pattern retried a long run of spaces from each of them.
 */
function withoutComment(raw: string): string {
  if (!raw.includes('#')) {
    return raw;
  }
  // `.` stops at these, so a comment must come after the last of them.
  const terminator = Math.max(raw.lastIndexOf('\r'), raw.lastIndexOf('\u2028'), raw.lastIndexOf('\u2029'));
  const comment = /\s#/g;
  comment.lastIndex = Math.max(0, terminator);
  for (let m = comment.exec(raw); m; m = comment.exec(raw)) {
    if (m.index + 1 > terminator) {
      let start = m.index;
      while (start > 0 && /\s/.test(raw[start - 1]!)) {
        start--;
      }
      return raw.slice(0, start);
    }
  }
  return raw;
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]!.trim();
}
