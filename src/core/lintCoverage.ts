import { parseCalendarDate } from './calendar';
import type { Finding, RuleInfo } from './lint';
import type { IndexedPost, PostIndex } from './postIndex';
import { isEditionWithinWeeksBefore, refKey } from './postIndex';
import type { GitHubItem, ItemKey } from './pullRequests';
import { LINT_DEFAULTS } from './lintDefaults';
import { isCherryPick } from './pullRequests';

/**
 * The checks that need other editions or GitHub: a PR linked again within a few weeks, a KEP of
 * the Week repeated within six months (STYLESHEET: "This KEP should be one that LWKD has not
 * covered in the last 6 months"), and cherry-picks ("We never report cherry-picks"), the last
 * from cached GitHub data only: a check never waits on the network.
 */

export interface CoverageOptions {
  /** A PR linked in an edition of the last this many weeks is reported. */
  readonly recentWeeks?: number;
  /** What GitHub said of a PR, if it is known without asking. */
  readonly cachedItem?: (key: ItemKey) => GitHubItem | undefined;
}

export const COVERAGE_RULES = [
  { code: 'covered-recently', severity: 'information', description: 'a PR is not linked again within a few weeks' },
  { code: 'kep-covered', severity: 'warning', description: 'a KEP of the Week was not covered in the last 6 months' },
  { code: 'cherry-pick', severity: 'warning', description: 'cherry-picks are not reported' },
] as const satisfies readonly RuleInfo[];

export type CoverageRuleCode = (typeof COVERAGE_RULES)[number]['code'];

const KEP_WEEKS = 26;
const KEP_OF_THE_WEEK = /^kep of the week$/i;

export function lintCoverage(post: IndexedPost, index: PostIndex, options: CoverageOptions = {}): Finding[] {
  const findings: Finding[] = [];
  const week = post.weekEnding ? parseCalendarDate(post.weekEnding) : undefined;
  const recentWeeks = options.recentWeeks ?? LINT_DEFAULTS.recentWeeks;
  const earlierWithin = (other: IndexedPost, weeks: number): boolean => week !== undefined && isEditionWithinWeeksBefore(other, week, weeks, post.file);
  const kepSection = sectionRange(post, KEP_OF_THE_WEEK);
  const reported = new Set<string>();
  // Asked once per key: a post can link one PR 100,000 times, and each answer lists them all.
  const earlierPull = new Map<string, ReturnType<PostIndex['occurrences']>[number] | undefined>();
  const kepHeadingLines = new Set(post.sections.filter((section) => section.level === 3).map((section) => section.line));
  const kepEarlier = new Map<number, ReturnType<PostIndex['occurrences']>[number] | undefined>();
  for (const ref of post.refs) {
    if (ref.malformed) {
      continue;
    }
    const key = refKey(ref);
    if (ref.kind === 'pull' && !reported.has(key)) {
      if (!earlierPull.has(key)) {
        earlierPull.set(
          key,
          index.occurrences(key).find(({ post: other }) => earlierWithin(other, recentWeeks)),
        );
      }
      const earlier = earlierPull.get(key);
      if (earlier) {
        reported.add(key);
        findings.push(
          finding(
            'covered-recently',
            'information',
            `Already linked in "${earlier.post.frontMatter?.title ?? earlier.post.file}" (line ${earlier.ref.line + 1}); avoid repeating news readers have had.`,
            ref,
          ),
        );
      }
      const item = options.cachedItem?.({ owner: ref.owner, repo: ref.repo, number: ref.number });
      if (item && isCherryPick(item)) {
        findings.push(finding('cherry-pick', 'warning', 'This is a cherry-pick; the stylesheet reports the original PR instead.', ref));
      }
    }
    const inKepHeading = kepSection && ref.line >= kepSection.start && ref.line < kepSection.end && kepHeadingLines.has(ref.line);
    if (inKepHeading && (ref.kind === 'kep' || (ref.owner === 'kubernetes' && ref.repo === 'enhancements'))) {
      if (!kepEarlier.has(ref.number)) {
        kepEarlier.set(
          ref.number,
          index
            .occurrencesOf([`kep:${ref.number}`, `kubernetes/enhancements#${ref.number}`])
            .find(({ post: other, ref: otherRef }) => earlierWithin(other, KEP_WEEKS) && inKepOfTheWeek(other, otherRef.line)),
        );
      }
      const earlier = kepEarlier.get(ref.number);
      if (earlier) {
        findings.push(
          finding(
            'kep-covered',
            'warning',
            `KEP ${ref.number} was KEP of the Week in "${earlier.post.frontMatter?.title ?? earlier.post.file}"; the stylesheet asks for one not covered in the last 6 months.`,
            ref,
          ),
        );
      }
    }
  }
  return findings;
}

function finding(code: CoverageRuleCode, severity: Finding['severity'], message: string, ref: { line: number; column: number; endColumn: number }): Finding {
  return { code, message, severity, line: ref.line, column: ref.column, endLine: ref.line, endColumn: ref.endColumn };
}

/** Each post's KEP of the Week lines, found once: the same post is asked about once per link. */
const kepSections = new WeakMap<IndexedPost, { start: number; end: number } | null>();

function sectionRange(post: IndexedPost, title: RegExp): { start: number; end: number } | undefined {
  const level2 = post.sections.filter((section) => section.level === 2);
  const index = level2.findIndex((section) => title.test(section.title.trim()));
  if (index === -1) {
    return undefined;
  }
  return { start: level2[index]!.line, end: level2[index + 1]?.line ?? Number.POSITIVE_INFINITY };
}

function inKepOfTheWeek(post: IndexedPost, line: number): boolean {
  let range = kepSections.get(post);
  if (range === undefined) {
    range = sectionRange(post, KEP_OF_THE_WEEK) ?? null;
    kepSections.set(post, range);
  }
  return range !== null && line >= range.start && line < range.end;
}
