import { linkText, inlineText } from './inertMarkdown';
import { canonicalSection, PARAGRAPH_SECTIONS, TEMPLATE_SECTIONS } from './sections';

/**
 * News Items: the issues contributors file from `.github/ISSUE_TEMPLATE/lwkd-report.md`. The
 * template's bold headings ("What would you like to be added", "Why is this needed",
 * "Additional Information", "Section:") and its section checkboxes are read as data; an issue
 * without the first and the last of those headings is an ordinary issue. Issue bodies are remote
 * text: nothing here renders or evaluates them, and what goes into an edition goes through
 * inertMarkdown.
 */

export type TemplateSection = (typeof TEMPLATE_SECTIONS)[number];

export interface NewsItem {
  readonly number: number;
  /** The issue on GitHub (`html_url`). */
  readonly url: string;
  readonly title: string;
  readonly author: string;
  /** ISO time the issue was opened. */
  readonly createdAt: string;
  /** The "What would you like to be added" paragraph, on one line; the title when it is empty. */
  readonly sentence: string;
  /** http(s) links from the body, in order, without repeats. */
  readonly links: readonly string[];
  /** The ticked section as the edition names it; absent when nothing (or only "Not Sure") is ticked. */
  readonly section?: TemplateSection;
  /** The ticked boxes' labels as the contributor saw them. */
  readonly ticked: readonly string[];
}

/** GitHub caps an issue body at 65,536 characters; a longer one is read no further. */
const MAX_BODY = 65_536;
/** More links than this in one item is not "one or two links": the rest stay on GitHub. */
const MAX_LINKS = 5;

/** The template's checkbox labels, old and new, that the edition names otherwise. */
const TEMPLATE_ALIASES: Readonly<Record<string, TemplateSection>> = {
  'version promotions/ graduates': 'Promotions',
  'version promotions/graduates': 'Promotions',
  'version promotions': 'Promotions',
  graduates: 'Promotions',
  'related projects': 'Subprojects and Dependency Updates',
  subprojects: 'Subprojects and Dependency Updates',
  'kep of the week': 'KEP of the Week',
};

/** A ticked label as the edition's section, or undefined ("Not Sure / Other", unknown labels). */
export function editionSectionOf(label: string): TemplateSection | undefined {
  const normalized = label.replace(/\s+/g, ' ').trim().toLowerCase();
  const alias = TEMPLATE_ALIASES[normalized];
  if (alias) {
    return alias;
  }
  const canonical = canonicalSection(label);
  return TEMPLATE_SECTIONS.find((section) => section === canonical);
}

type Part = 'what' | 'why' | 'more' | 'section';

/** A line that is one of the template's headings: `**What would you like to be added**`, `### Section:`. */
function headingPart(line: string): Part | undefined {
  const match = /^\s{0,3}(?:#{1,6}\s+)?(?:\*\*|__)?([^*_#]{1,80}?)(?:\*\*|__)?\s*$/.exec(line);
  if (!match || !/^\s{0,3}(?:#|\*\*|__)/.test(line)) {
    return undefined;
  }
  const name = match[1]!.replace(/[:\s]+$/, '').toLowerCase();
  if (name === 'what would you like to be added') {
    return 'what';
  }
  if (name === 'why is this needed') {
    return 'why';
  }
  if (name === 'additional information') {
    return 'more';
  }
  return name === 'section' ? 'section' : undefined;
}

/** The body without HTML comments (the template's guidance), scanned once. */
function withoutComments(body: string): string {
  let out = '';
  let at = 0;
  for (;;) {
    const open = body.indexOf('<!--', at);
    if (open === -1) {
      return out + body.slice(at);
    }
    out += body.slice(at, open);
    const close = body.indexOf('-->', open + 4);
    if (close === -1) {
      return out;
    }
    at = close + 3;
  }
}

/** `[text](url)` destinations and bare URLs, in order of appearance. */
function linksIn(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(/\]\((https?:\/\/[^\s()<>]{1,2000})\)|(?<![(\w])(https?:\/\/[^\s()<>[\]]{1,2000})/g)) {
    const url = (match[1] ?? match[2]!).replace(/[.,;:!?'"]+$/, '');
    found.push(url);
  }
  return found;
}

/** An issue of `repo` from GitHub's issues API as a News Item, or undefined for anything else. */
export function readNewsItem(value: unknown, repo: string): NewsItem | undefined {
  if (typeof value !== 'object' || value === null) {
    return undefined;
  }
  const issue = value as Record<string, unknown>;
  const user = issue.user as Record<string, unknown> | null | undefined;
  if (
    'pull_request' in issue ||
    typeof issue.number !== 'number' ||
    !Number.isSafeInteger(issue.number) ||
    typeof issue.title !== 'string' ||
    typeof issue.body !== 'string' ||
    typeof issue.created_at !== 'string'
  ) {
    return undefined;
  }
  const parts = new Map<Part, string[]>();
  let part: Part | undefined;
  for (const line of withoutComments(issue.body.slice(0, MAX_BODY)).split(/\r?\n/)) {
    const heading = headingPart(line);
    if (heading) {
      part = heading;
      parts.set(part, parts.get(part) ?? []);
    } else if (part) {
      parts.get(part)!.push(line);
    }
  }
  if (!parts.has('what') || !parts.has('section')) {
    return undefined;
  }
  const ticked: string[] = [];
  for (const line of parts.get('section')!) {
    const box = /^\s*[-*+]\s+\[[xX]\]\s+(.{1,100}?)\s*$/.exec(line);
    if (box) {
      ticked.push(box[1]!);
    }
  }
  const section = ticked.map(editionSectionOf).find((name) => name !== undefined);
  const what = parts.get('what')!;
  const blank = what.findIndex((line, i) => i > 0 && line.trim() === '' && what.slice(0, i).some((before) => before.trim() !== ''));
  // Link markup and bare URLs leave the sentence: their addresses are in `links`.
  const paragraph = (blank === -1 ? what : what.slice(0, blank))
    .join(' ')
    .replace(/\[([^\][]{0,300})\]\(https?:\/\/[^\s()<>]{1,2000}\)/g, '$1')
    .replace(/https?:\/\/[^\s()<>]{1,2000}/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  const title = issue.title.replace(/^\s*(?:news item|lwkd)\s*[:-]\s*/i, '').trim();
  const links = [...new Set([...what, ...(parts.get('why') ?? []), ...(parts.get('more') ?? [])].flatMap((line) => linksIn(line)))]
    .filter((url) => safeLinkUrl(url) !== undefined)
    .slice(0, MAX_LINKS);
  return {
    number: issue.number,
    url: githubWebUrl(issue.html_url, repo, 'issues', issue.number),
    title: issue.title,
    author: typeof user?.login === 'string' ? user.login : '',
    createdAt: issue.created_at,
    sentence: paragraph || title,
    links,
    ...(section ? { section } : {}),
    ticked,
  };
}

/**
 * The page GitHub names for an issue or PR (`html_url`), if it is one: an https address whose
 * path ends `/owner/repo/issues/N` (or `/pull/N`) for this number. Anything else (another
 * scheme, a `command:` link) is never opened; the github.com address stands in.
 */
export function githubWebUrl(htmlUrl: unknown, repo: string, kind: 'issues' | 'pull', number: number): string {
  const fallback = `https://github.com/${repo}/${kind}/${number}`;
  if (typeof htmlUrl !== 'string' || htmlUrl.length > 2000) {
    return fallback;
  }
  try {
    const url = new URL(htmlUrl);
    const segments = url.pathname.split('/');
    const [owner, name, what, n] = segments.slice(-4);
    const named = `${owner}/${name}`.toLowerCase() === repo.toLowerCase() && what === kind && n === String(number);
    return url.protocol === 'https:' && !url.username && !url.password && !url.search && named ? `${url.origin}${url.pathname}` : fallback;
  } catch {
    return fallback;
  }
}

/**
 * A URL from remote text as a link destination every renderer reads as the same address: http
 * or https, no credentials, and every character outside a small safe set percent-encoded, so no
 * `{` (Liquid), `<`, `)`, space or quote can end the destination or start markup.
 */
export function safeLinkUrl(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password || url.href.length > 2000) {
    return undefined;
  }
  return url.href.replace(/%(?![0-9A-Fa-f]{2})|[^A-Za-z0-9\-._~:/?#@!&+,;=%]/g, (char) =>
    [...new TextEncoder().encode(char)].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join(''),
  );
}

/** `kubernetes/kubernetes#123` for GitHub PRs and issues, else the host and path, shortened. */
export function linkLabel(url: string): string {
  const parsed = new URL(url);
  const github = /^\/([\w.-]+)\/([\w.-]+)\/(?:pull|issues)\/(\d+)\/?$/.exec(parsed.pathname);
  if (parsed.hostname === 'github.com' && github) {
    return `${github[1]}/${github[2]}#${github[3]}`;
  }
  const path = decodeURIComponentSafe(parsed.pathname.replace(/\/+$/, ''));
  const label = `${parsed.hostname.replace(/^www\./, '')}${path}`;
  return label.length > 60 ? `${label.slice(0, 57)}...` : label;
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * The item as a stylesheet bullet for `section`: the contributor's sentence as inert text, then
 * its links (`([kubernetes/kubernetes#1](…), [kubernetes.io/blog/x](…))`). The writer moves each
 * link onto the words it belongs to. Bullets outside the paragraph sections drop a final period.
 */
export function newsItemBullet(item: Pick<NewsItem, 'sentence' | 'links'>, section: string): string {
  let sentence = item.sentence.replace(/\s+/g, ' ').trim();
  if (!PARAGRAPH_SECTIONS.has(section)) {
    sentence = sentence.replace(/[.\s]+$/, '');
  }
  const links = item.links.flatMap((raw) => {
    const url = safeLinkUrl(raw);
    return url ? [`[${linkText(linkLabel(url))}](${url})`] : [];
  });
  return `* ${inlineText(sentence)}${links.length ? ` (${links.join(', ')})` : ''}`;
}
