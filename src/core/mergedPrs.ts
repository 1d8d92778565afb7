import type { CalendarDate } from './calendar';
import type { TEMPLATE_SECTIONS } from './sections';
import type { PostIndex } from './postIndex';
import { isEditionWithinWeeksBefore, refKey } from './postIndex';
import { linkText } from './inertMarkdown';
import { isoTime, labelNames, record, text } from './pullRequests';
import type { WeekWindow } from './weekWindow';
import { githubDateRange } from './weekWindow';

/**
 * The week's merged pull requests as LWKD raw material: the search CONTRIBUTING.md has writers
 * type by hand, read without trusting GitHub's JSON, grouped the way writers sort them, and
 * turned into the stylesheet's bullets for the section each belongs in.
 */

/** CONTRIBUTING.md's labels: a PR with any of them is a candidate. */
export const DEFAULT_MERGED_LABELS = ['release-note', 'release-note-action-required', 'kind/deprecation', 'kind/api-change', 'kind/feature', 'size/L'] as const;
export const DEFAULT_MERGED_REPOS = ['kubernetes/kubernetes'] as const;
/** GitHub's search answers at most this many results per query. */
export const SEARCH_RESULT_CAP = 1000;

export type MergedKind = 'feature' | 'api-change' | 'deprecation' | 'other';
export const KIND_ORDER: readonly MergedKind[] = ['feature', 'api-change', 'deprecation', 'other'];

export interface MergedPr {
  readonly owner: string;
  readonly repo: string;
  readonly number: number;
  readonly title: string;
  readonly labels: readonly string[];
  readonly author?: string;
  readonly mergedAt?: string;
  /** The text of the PR's `release-note` block, unless it is NONE. */
  readonly releaseNote?: string;
}

export interface SearchPage {
  readonly total: number;
  readonly incomplete: boolean;
  readonly items: readonly MergedPr[];
}

export function mergedSearchQuery(repo: string, window: WeekWindow, labels: readonly string[]): string {
  const quoted = labels.map((label) => (/[\s,"]/.test(label) ? `"${label.replace(/"/g, '')}"` : label));
  return `repo:${repo} is:pr is:merged merged:${githubDateRange(window)}${quoted.length ? ` label:${quoted.join(',')}` : ''}`;
}

/** Reads one page of `GET /search/issues`; undefined when the body is not that shape. */
export function readSearchPage(value: unknown, repo: string): SearchPage | undefined {
  const body = record(value);
  if (!body || typeof body.total_count !== 'number' || !Array.isArray(body.items)) {
    return undefined;
  }
  const [owner, name] = repo.split('/') as [string, string];
  const items = body.items.flatMap((raw): MergedPr[] => {
    const item = record(raw);
    const number = item?.number;
    const title = text(item?.title);
    if (!item || typeof number !== 'number' || !Number.isSafeInteger(number) || number <= 0 || !title || !record(item.pull_request)) {
      return [];
    }
    const author = text(record(item.user)?.login, 100);
    const mergedAt = isoTime(record(item.pull_request)?.merged_at);
    const releaseNote = readReleaseNote(item.body);
    return [
      {
        owner,
        repo: name,
        number,
        title,
        labels: labelNames(item.labels),
        ...(author ? { author } : {}),
        ...(mergedAt ? { mergedAt } : {}),
        ...(releaseNote ? { releaseNote } : {}),
      },
    ];
  });
  return { total: body.total_count, incomplete: body.incomplete_results === true, items };
}

/** The Kubernetes PR template's ```release-note block, on one line; NONE and empty are nothing. */
export function readReleaseNote(body: unknown): string | undefined {
  if (typeof body !== 'string') {
    return undefined;
  }
  const block = /```release-note\s*\r?\n([\s\S]*?)```/i.exec(body.slice(0, 100_000))?.[1];
  const note = text(block?.replace(/\s+/g, ' '), 400);
  return note && !/^(none|n\/a)\.?$/i.test(note) ? note : undefined;
}

export function kindOf(pr: Pick<MergedPr, 'labels'>): MergedKind {
  const has = (label: string): boolean => pr.labels.some((candidate) => candidate.toLowerCase() === label);
  return has('kind/deprecation') ? 'deprecation' : has('kind/api-change') ? 'api-change' : has('kind/feature') ? 'feature' : 'other';
}

/** STYLESHEET: "We never report cherry-picks." The search has no base branch, so the title tells. */
export function isCherryPickTitle(title: string): boolean {
  return /^(\[release-\d+\.\d+\]\s*)?automated cherry pick of/i.test(title) || /^\[release-\d+\.\d+\]/i.test(title);
}

const PROMOTION = /^(?:\[[^\]]*\]\s*)?(?:promote|graduate|move|bump)s?\s+(?:the\s+)?(.+?)\s+(?:feature(?:\s+gate)?\s+)?to\s+(ga|beta|alpha|stable)\b/i;
const BUMP =
  /^(?:\[[^\]]*\]\s*)?(?:bump|update|upgrade)s?\s+(?:the\s+)?(?:dependency\s+)?([\w./@-]+(?:\s+[\w./@-]+){0,2}?)\s+(?:(?:version\s+)?from\s+v?\S+\s+)?to\s+v?(\d[\w.+-]*)/i;

/** Where a merged PR goes in the edition. */
export function sectionFor(pr: Pick<MergedPr, 'title' | 'labels'>): (typeof TEMPLATE_SECTIONS)[number] {
  if (PROMOTION.test(pr.title)) {
    return 'Promotions';
  }
  if (kindOf(pr) === 'deprecation') {
    return 'Deprecated';
  }
  if (BUMP.test(pr.title) || pr.labels.some((label) => label.toLowerCase() === 'area/dependency')) {
    return 'Version Updates';
  }
  return 'Other Merges';
}

/**
 * The stylesheet's bullet for a merged PR in its section. The link text is a draft (from the
 * title) for the writer to shorten; it never ends with a period (bullet-period).
 */
export function bulletFor(pr: Pick<MergedPr, 'owner' | 'repo' | 'number' | 'title' | 'labels'>): string {
  const url = `https://github.com/${pr.owner}/${pr.repo}/pull/${pr.number}`;
  const title = pr.title.replace(/[.\s]+$/, '');
  const section = sectionFor(pr);
  const promotion = PROMOTION.exec(title);
  if (section === 'Promotions' && promotion) {
    const stage =
      promotion[2]!.toLowerCase() === 'ga' || promotion[2]!.toLowerCase() === 'stable'
        ? 'GA'
        : promotion[2]![0]!.toUpperCase() + promotion[2]!.slice(1).toLowerCase();
    return `* [${linkText(`${promotion[1]} to ${stage}`)}](${url})`;
  }
  const bump = BUMP.exec(title);
  if (section === 'Version Updates' && bump) {
    return `* [${linkText(`${bump[1]} to v${bump[2]}`)}](${url})`;
  }
  return `* [${linkText(title)}](${url})`;
}

export interface Candidate extends MergedPr {
  readonly kind: MergedKind;
  readonly section: (typeof TEMPLATE_SECTIONS)[number];
  readonly cherryPick: boolean;
  /** The edition (title or file) that already linked it, this one included. */
  readonly coveredIn?: string;
  /** Ticked in the picker: neither a cherry-pick nor already covered. */
  readonly suggested: boolean;
}

/**
 * The picker's candidates, grouped by kind (feature, api-change, deprecation, other) and newest
 * first within a group. `coveredIn` says which edition already linked a PR.
 */
export function toCandidates(prs: readonly MergedPr[], coveredIn: (pr: MergedPr) => string | undefined): Candidate[] {
  const seen = new Set<string>();
  return prs
    .filter((pr) => {
      const key = `${pr.owner}/${pr.repo}#${pr.number}`.toLowerCase();
      return seen.has(key) ? false : (seen.add(key), true);
    })
    .map((pr): Candidate => {
      const covered = coveredIn(pr);
      const cherryPick = isCherryPickTitle(pr.title);
      return { ...pr, kind: kindOf(pr), section: sectionFor(pr), cherryPick, ...(covered ? { coveredIn: covered } : {}), suggested: !cherryPick && !covered };
    })
    .sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || (b.mergedAt ?? '').localeCompare(a.mergedAt ?? '') || b.number - a.number);
}

/**
 * The edition (title, else file) of the last `weeks` weeks before `weekEnding` that linked a PR;
 * `exceptFile` (the edition being written) does not count.
 */
export function coveredBefore(
  index: PostIndex,
  pr: Pick<MergedPr, 'owner' | 'repo' | 'number'>,
  weekEnding: CalendarDate,
  weeks: number,
  exceptFile?: string,
): string | undefined {
  const earlier = index.occurrences(refKey({ kind: 'pull', ...pr })).find(({ post }) => isEditionWithinWeeksBefore(post, weekEnding, weeks, exceptFile));
  return earlier ? (earlier.post.frontMatter?.title ?? earlier.post.file) : undefined;
}
