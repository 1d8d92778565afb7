import { parseCalendarDate } from './calendar';
import type { Finding } from './lint';
import type { IndexedPost, PostIndex } from './postIndex';
import { isEditionWithinWeeksBefore, refKey } from './postIndex';
import type { GitHubItem, ItemKey } from './pullRequests';
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
] as const;

const KEP_WEEKS = 26;

export function lintCoverage(post: IndexedPost, index: PostIndex, options: CoverageOptions = {}): Finding[] {
  const findings: Finding[] = [];
  const week = post.weekEnding ? parseCalendarDate(post.weekEnding) : undefined;
  const recentWeeks = options.recentWeeks ?? 8;
  const earlierWithin = (other: IndexedPost, weeks: number): boolean => week !== undefined && isEditionWithinWeeksBefore(other, week, weeks, post.file);
  const kepSection = sectionRange(post, /^kep of the week$/i);
  const reported = new Set<string>();
  for (const ref of post.refs) {
    if (ref.malformed) {
      continue;
    }
    const key = refKey(ref);
    if (ref.kind === 'pull' && !reported.has(key)) {
      const earlier = index.occurrences(key).find(({ post: other }) => earlierWithin(other, recentWeeks));
      if (earlier) {
        reported.add(key);
        findings.push(finding('covered-recently', 'information',
          `Already linked in "${earlier.post.frontMatter?.title ?? earlier.post.file}" (line ${earlier.ref.line + 1}); avoid repeating news readers have had.`, ref));
      }
      const item = options.cachedItem?.({ owner: ref.owner, repo: ref.repo, number: ref.number });
      if (item && isCherryPick(item)) {
        findings.push(finding('cherry-pick', 'warning', 'This is a cherry-pick; the stylesheet reports the original PR instead.', ref));
      }
    }
    const inKepHeading = kepSection && ref.line >= kepSection.start && ref.line < kepSection.end
      && post.sections.some((section) => section.level === 3 && section.line === ref.line);
    if (inKepHeading && (ref.kind === 'kep' || (ref.owner === 'kubernetes' && ref.repo === 'enhancements'))) {
      const keys = [`kep:${ref.number}`, `kubernetes/enhancements#${ref.number}`];
      const earlier = keys.flatMap((k) => index.occurrences(k))
        .find(({ post: other, ref: otherRef }) => earlierWithin(other, KEP_WEEKS) && inSection(other, otherRef.line, /^kep of the week$/i));
      if (earlier) {
        findings.push(finding('kep-covered', 'warning',
          `KEP ${ref.number} was KEP of the Week in "${earlier.post.frontMatter?.title ?? earlier.post.file}"; the stylesheet asks for one not covered in the last 6 months.`, ref));
      }
    }
  }
  return findings;
}

function finding(code: string, severity: Finding['severity'], message: string, ref: { line: number; column: number; endColumn: number }): Finding {
  return { code, message, severity, line: ref.line, column: ref.column, endLine: ref.line, endColumn: ref.endColumn };
}

function sectionRange(post: IndexedPost, title: RegExp): { start: number; end: number } | undefined {
  const level2 = post.sections.filter((section) => section.level === 2);
  const index = level2.findIndex((section) => title.test(section.title.trim()));
  if (index === -1) {
    return undefined;
  }
  return { start: level2[index]!.line, end: level2[index + 1]?.line ?? Number.POSITIVE_INFINITY };
}

function inSection(post: IndexedPost, line: number, title: RegExp): boolean {
  const range = sectionRange(post, title);
  return range !== undefined && line >= range.start && line < range.end;
}
