import { trailingInitials } from './authors';
import { formatIsoDate, formatLongDate, parseFrontMatterTime, compareDates } from './calendar';
import { frontMatterKey, frontMatterRange, weekEndingFromFileName } from './edition';
import { parseFrontMatter } from './frontMatter';
import { findGitHubRefs, lineOf, lineStartOffsets } from './githubRefs';
import type { CoverageRuleCode } from './lintCoverage';
import { LINT_DEFAULTS } from './lintDefaults';
import { checkMarkup } from './lintMarkup';
import type { SectionSpan } from './sections';
import { isEmptyBullet, PARAGRAPH_SECTIONS, replaceInlineLinks, sectionSpans, TEMPLATE_SECTIONS } from './sections';
import type { TextEdit } from './textEdit';

/**
 * STYLESHEET.md as checks. Each rule has a stable code, a one-line message that gives the
 * stylesheet's reason, a default severity, and a fix when the fix is mechanical. Pure: text in,
 * findings out; positions are 0-based lines and UTF-16 columns.
 */

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** Every code a finding can carry: the style rules, the coverage rules, and the command line's own two. */
export type FindingCode = StyleRuleCode | CoverageRuleCode | 'check-failed' | 'unreadable';

export interface Finding {
  readonly code: FindingCode;
  readonly message: string;
  readonly severity: Severity;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly fix?: { readonly title: string; readonly edits: readonly TextEdit[] };
}

export interface LintOptions {
  /** The file's name or path, for the week in `YYYY-MM-DD-update.md`. */
  readonly fileName?: string;
  /**
   * `writing` or `publishing` (empty sections become warnings). Unset: `publishing` once the date
   * has been stamped (it is no longer the template's default for the week), else `writing`.
   */
  readonly stage?: 'writing' | 'publishing';
  /** Other Merges items longer than this many words are reported (stylesheet: 4–10). */
  readonly otherMergesWordLimit?: number;
  /** The initials authors.md lists; unset (no authors.md), signatures are not checked. */
  readonly authors?: ReadonlySet<string>;
}

export interface RuleInfo {
  readonly code: string;
  readonly severity: Severity;
  readonly description: string;
}

/** Every style rule, for settings and documentation (the README's table is tested against it). */
export const RULES = [
  { code: 'front-matter-missing', severity: 'error', description: 'layout, title, date and slug are all set' },
  { code: 'front-matter-invalid', severity: 'error', description: 'the front matter can be read' },
  { code: 'title-form', severity: 'error', description: 'title is "Week Ending <Month> <D>, <YYYY>" for the file\'s week' },
  { code: 'slug-form', severity: 'error', description: 'slug is "<file date>-update"' },
  { code: 'date-form', severity: 'error', description: 'date is "YYYY-MM-DD HH:MM:SS -0000" and a real time' },
  { code: 'date-before-week-end', severity: 'error', description: 'the edition is not dated before its week ends' },
  { code: 'date-template-default', severity: 'information', description: 'a finished edition has been stamped' },
  { code: 'template-placeholder', severity: 'error', description: 'no template placeholder is left' },
  { code: 'empty-bullet', severity: 'warning', description: 'no empty "*" bullet is left' },
  { code: 'empty-next-deadline', severity: 'warning', description: '"**Next Deadline:**" names the deadline' },
  { code: 'empty-section', severity: 'hint', description: 'sections have content (a warning when publishing)' },
  { code: 'unknown-section', severity: 'warning', description: "section headings are the template's" },
  { code: 'section-order', severity: 'warning', description: "sections follow the template's order" },
  { code: 'duplicate-section', severity: 'warning', description: 'each section appears once' },
  { code: 'bullet-period', severity: 'warning', description: 'bullets do not end with a period' },
  { code: 'vague-link-text', severity: 'warning', description: 'links are inline in the text, not "here"' },
  { code: 'pulls-url', severity: 'warning', description: 'PR links use /pull/N' },
  { code: 'malformed-pr-url', severity: 'error', description: 'PR links end with the number' },
  { code: 'duplicate-link', severity: 'information', description: 'a link appears once per edition' },
  { code: 'featured-heading-form', severity: 'warning', description: "Featured PR and KEP headings have the stylesheet's form" },
  { code: 'other-merges-length', severity: 'information', description: 'Other Merges items are short' },
  { code: 'capitalization', severity: 'warning', description: 'terms are capitalised as the stylesheet lists them' },
  { code: 'raw-markup', severity: 'warning', description: 'the body has no raw HTML, Liquid or kramdown attribute lists' },
  { code: 'unknown-initials', severity: 'information', description: 'initials that sign an item are in authors.md' },
] as const satisfies readonly RuleInfo[];

export type StyleRuleCode = (typeof RULES)[number]['code'];

const SEVERITY = new Map<StyleRuleCode, Severity>(RULES.map((rule) => [rule.code, rule.severity]));

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * Stylesheet: "List of common terms and their capitalization". A term joined to a host name,
 * path or compound (`blog.kubernetes.io`, `kubernetes-based`, `kubernetes/kubernetes`) is not
 * the word itself and is left alone.
 */
const term = (source: string, flags = 'g'): RegExp => new RegExp(`(?<![\\w./@#-])(?:${source})(?![\\w/#-]|\\.\\w)`, flags);
const TERMS: ReadonlyArray<{ pattern: RegExp; right: string }> = [
  { pattern: term('API[ -]server', 'gi'), right: 'APIserver' },
  { pattern: term('GRPC|Grpc'), right: 'gRPC' },
  { pattern: term('ETCD|Etcd'), right: 'etcd' },
  { pattern: term('Kubectl|KubeCtl'), right: 'kubectl' },
  { pattern: term('Kubeadm|KubeAdm'), right: 'kubeadm' },
  { pattern: term('kubernetes'), right: 'Kubernetes' },
  { pattern: term('Kep'), right: 'KEP' },
  { pattern: term('prow'), right: 'Prow' },
];

export function lintPost(text: string, options: LintOptions = {}): Finding[] {
  const findings: Finding[] = [];
  const counts = new Map<StyleRuleCode, number>();
  const unlisted = new Map<StyleRuleCode, Finding>();
  const add: Add = (code, message, line, column, endColumn, fix, severity) => {
    const count = (counts.get(code) ?? 0) + 1;
    counts.set(code, count);
    if (count <= FINDINGS_PER_RULE || !unlisted.has(code)) {
      const finding: Finding = {
        code,
        message,
        severity: severity ?? SEVERITY.get(code) ?? 'warning',
        line,
        column,
        endLine: line,
        endColumn,
        ...(fix ? { fix } : {}),
      };
      if (count <= FINDINGS_PER_RULE) {
        findings.push(finding);
      } else {
        unlisted.set(code, finding);
      }
    }
  };
  add.room = (code) => (counts.get(code) ?? 0) < FINDINGS_PER_RULE;
  const lines = text.split(/\r?\n/);
  const range = frontMatterRange(lines);
  const bodyStart = range ? range.end + 1 : 0;
  const week = options.fileName ? weekEndingFromFileName(options.fileName) : undefined;
  if (options.stage === undefined) {
    const date = range ? lines.slice(range.start + 1, range.end).find((line) => frontMatterKey(line, 'date') !== undefined) : undefined;
    const stamped = week !== undefined && date !== undefined && !date.includes(`${formatIsoDate(week)} 22:00:00`);
    options = { ...options, stage: stamped ? 'publishing' : 'writing' };
  }

  checkFrontMatter(text, lines, range, week, options, add);
  const sections = checkSections(text, lines, bodyStart, options, add);
  checkItems(text, lines, bodyStart, sections, options, add);
  checkMarkup(lines, bodyStart, add);
  for (const [code, first] of unlisted) {
    const more = counts.get(code)! - FINDINGS_PER_RULE;
    const message = `${more} more "${code}" ${more === 1 ? 'finding is' : 'findings are'} not listed; this is where they start.`;
    findings.push({ code, message, severity: first.severity, line: first.line, column: first.column, endLine: first.endLine, endColumn: first.endColumn });
  }
  return findings.sort((a, b) => a.line - b.line || a.column - b.column);
}

interface Add {
  (code: StyleRuleCode, message: string, line: number, column: number, endColumn: number, fix?: Finding['fix'], severity?: Severity): void;
  /** Whether a finding of `code` would still be listed: costly messages are built only then. */
  room: (code: StyleRuleCode) => boolean;
}

/**
 * Findings listed per rule and post; the rest are counted in one finding. A post can hold a
 * million empty bullets, and neither an editor nor a terminal can use a million findings.
 */
export const FINDINGS_PER_RULE = 200;

function replaceLine(line: number, oldText: string, newText: string): TextEdit {
  return { line, column: 0, endLine: line, endColumn: oldText.length, newText };
}

function checkFrontMatter(
  text: string,
  lines: readonly string[],
  range: { start: number; end: number } | undefined,
  week: ReturnType<typeof weekEndingFromFileName>,
  options: LintOptions,
  add: Add,
): void {
  const parsed = parseFrontMatter(text);
  if (parsed.error || !range) {
    add('front-matter-invalid', `Front matter: ${parsed.error ?? 'missing'}. Jekyll needs it to publish the edition.`, 0, 0, (lines[0] ?? '').length);
    return;
  }
  const fields = parsed.fields ?? {};
  // A key may be quoted (`"date":`), spaced (`date :`) or not on a line of its own (`{date: …}`,
  // `? date`): then findings go on the opening `---` and no line is rewritten.
  const keyLine = (key: string): number | undefined => {
    for (let i = range.start + 1; i < range.end; i++) {
      if (frontMatterKey(lines[i]!, key) !== undefined) {
        return i;
      }
    }
    return undefined;
  };
  const fieldLine = (key: string): number => keyLine(key) ?? range.start;
  const lineFix = (key: string, title: string, newText: string): Finding['fix'] => {
    const line = keyLine(key);
    return line === undefined ? undefined : { title, edits: [replaceLine(line, lines[line]!, newText)] };
  };
  const expected: Record<string, string | undefined> = week
    ? {
        layout: 'post',
        title: `Week Ending ${formatLongDate(week)}`,
        slug: `${formatIsoDate(week)}-update`,
      }
    : { layout: 'post' };
  for (const key of ['layout', 'title', 'date', 'slug'] as const) {
    if (fields[key] === undefined) {
      const insert =
        key === 'date' && week ? `date: ${formatIsoDate(week)} 22:00:00 -0000` : expected[key] !== undefined ? `${key}: ${expected[key]}` : undefined;
      add(
        'front-matter-missing',
        `Front matter has no "${key}:"; every edition sets layout, title, date and slug.`,
        range.start,
        0,
        3,
        insert ? { title: `Add "${insert}"`, edits: [{ line: range.end, column: 0, endLine: range.end, endColumn: 0, newText: `${insert}\n` }] } : undefined,
      );
    }
  }
  if (week && fields.title !== undefined && fields.title !== expected.title) {
    const line = fieldLine('title');
    const misspelled = /^Week Ending (\S+)/.exec(fields.title)?.[1];
    const why =
      misspelled && !MONTHS.includes(misspelled)
        ? `"${misspelled}" is not a month`
        : /\b0\d,/.test(fields.title)
          ? 'the day is zero-padded'
          : `the file is for the week ending ${formatLongDate(week)}`;
    add(
      'title-form',
      `Title should be "${expected.title}": ${why}.`,
      line,
      0,
      lines[line]!.length,
      lineFix('title', `Set the title to "${expected.title}"`, `title: ${expected.title}`),
    );
  }
  if (week && fields.slug !== undefined && fields.slug !== expected.slug) {
    const line = fieldLine('slug');
    add(
      'slug-form',
      `Slug should be "${expected.slug}", the file's date: the permalink and feed use it.`,
      line,
      0,
      lines[line]!.length,
      lineFix('slug', `Set the slug to "${expected.slug}"`, `slug: ${expected.slug}`),
    );
  }
  if (fields.date !== undefined) {
    const line = fieldLine('date');
    const time = parseFrontMatterTime(fields.date);
    if (!time) {
      add(
        'date-form',
        `Date "${fields.date}" is not "YYYY-MM-DD HH:MM:SS -0000" and a real time; Jekyll would reject or shift it.`,
        line,
        0,
        lines[line]!.length,
      );
    } else {
      if (week && compareDates(time.date, week) < 0) {
        add(
          'date-before-week-end',
          `Date ${formatIsoDate(time.date)} is before the week ends (${formatIsoDate(week)}): the edition would be published under the wrong date.`,
          line,
          0,
          lines[line]!.length,
        );
      }
      const finished = !/\n\*\s*$/m.test(text) && !/\*\*Next Deadline:\*\*\s*$/m.test(text);
      if (week && finished && formatIsoDate(time.date) === formatIsoDate(week) && time.hour === 22 && time.minute === 0 && time.second === 0) {
        add(
          'date-template-default',
          "Date is still the template's; stamp the publication time (LWKD: Stamp Publication Time) before publishing.",
          line,
          0,
          lines[line]!.length,
          undefined,
          options.stage === 'publishing' ? 'warning' : undefined,
        );
      }
    }
  }
  // Searched in the whole text, not line by line: millions of lines cost seconds.
  let starts: number[] | undefined;
  for (const placeholder of ['Month DD, YYYY', 'POST_DATE', 'POST_SLUG_DATE']) {
    let lastLine = -1;
    for (let offset = text.indexOf(placeholder); offset !== -1; offset = text.indexOf(placeholder, offset + 1)) {
      starts ??= lineStartOffsets(text);
      const line = lineOf(starts, offset);
      // One finding per line, at the first occurrence, as before.
      if (line !== lastLine) {
        lastLine = line;
        add(
          'template-placeholder',
          `"${placeholder}" is a template placeholder left unfilled.`,
          line,
          offset - starts[line]!,
          offset - starts[line]! + placeholder.length,
        );
      }
    }
  }
}

/** The template section closest in spelling, for "did you mean". */
function closestSection(title: string): string {
  const distance = (a: string, b: string): number => {
    const row = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
      let previous = row[0]!;
      row[0] = i;
      for (let j = 1; j <= b.length; j++) {
        const current = row[j]!;
        row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
        previous = current;
      }
    }
    return row[b.length]!;
  };
  // Past twice the longest section's length no spelling is close; the cost stays bounded.
  const lower = title.slice(0, 80).toLowerCase();
  const distances = new Map(TEMPLATE_SECTIONS.map((section) => [section, distance(lower, section.toLowerCase())]));
  return [...TEMPLATE_SECTIONS].sort((a, b) => distances.get(a)! - distances.get(b)!)[0]!;
}

function checkSections(text: string, lines: readonly string[], bodyStart: number, options: LintOptions, add: Add): SectionSpan[] {
  const spans = sectionSpans(text, bodyStart, lines.length);
  const seen = new Map<string, number>();
  let lastOrder = -1;
  for (const span of spans) {
    const heading = lines[span.line]!;
    if (!span.canonical) {
      if (!add.room('unknown-section')) {
        add('unknown-section', '', span.line, 0, heading.length);
        continue;
      }
      const suggestion = closestSection(span.title);
      add('unknown-section', `"${span.title}" is not a section of the template; did you mean "${suggestion}"?`, span.line, 0, heading.length, {
        title: `Rename to "${suggestion}"`,
        edits: [replaceLine(span.line, heading, `## ${suggestion}`)],
      });
      continue;
    }
    if (span.canonical !== span.title.trim()) {
      add('unknown-section', `The template calls this section "${span.canonical}".`, span.line, 0, heading.length, {
        title: `Rename to "${span.canonical}"`,
        edits: [replaceLine(span.line, heading, `## ${span.canonical}`)],
      });
    }
    const earlier = seen.get(span.canonical);
    if (earlier !== undefined) {
      add(
        'duplicate-section',
        `"${span.canonical}" appears twice (first at line ${earlier + 1}); readers expect each section once.`,
        span.line,
        0,
        heading.length,
      );
    }
    seen.set(span.canonical, span.line);
    const order = TEMPLATE_SECTIONS.indexOf(span.canonical as (typeof TEMPLATE_SECTIONS)[number]);
    if (order < lastOrder) {
      add(
        'section-order',
        `"${span.canonical}" is out of the template's order (it comes before "${TEMPLATE_SECTIONS[lastOrder]}").`,
        span.line,
        0,
        heading.length,
      );
    }
    lastOrder = Math.max(lastOrder, order);
    let filled = false;
    for (let i = span.line + 1; i < span.end && !filled; i++) {
      const line = lines[i]!.trim();
      filled = line !== '' && line !== '*' && !/^\*\*Next Deadline:\*\*\s*$/.test(line);
    }
    if (!filled) {
      add(
        'empty-section',
        `"${span.title}" has no content yet; remove it or fill it before publishing.`,
        span.line,
        0,
        heading.length,
        undefined,
        options.stage === 'publishing' ? 'warning' : undefined,
      );
    }
  }
  return spans;
}

const isBlank = (line: string | undefined): boolean => line !== undefined && line.trim() === '';

/**
 * Where removing the empty bullet at `i` ends (exclusive). The last of a run of empty bullets
 * between blank lines takes the blank line after it too, so removing them all (Fix all) leaves
 * one blank line where the template had `\n\n*\n\n`, not two. Walking back over the run costs
 * its length once, at its last bullet.
 */
function emptyBulletEnd(lines: readonly string[], i: number): number {
  if (!isBlank(lines[i + 1]) || (lines[i + 1] !== undefined && isEmptyBullet(lines[i + 1]!))) {
    return i + 1;
  }
  let start = i;
  while (start > 0 && isEmptyBullet(lines[start - 1]!) && !isBlank(lines[start - 1])) {
    start--;
  }
  return start === 0 || isBlank(lines[start - 1]) ? i + 2 : i + 1;
}

function checkItems(text: string, lines: readonly string[], bodyStart: number, sections: readonly SectionSpan[], options: LintOptions, add: Add): void {
  // Lines are visited in order and spans follow each other: one cursor, not a search per line.
  let cursor = 0;
  const sectionAt = (line: number): SectionSpan | undefined => {
    while (cursor < sections.length && sections[cursor]!.end <= line) {
      cursor++;
    }
    const span = sections[cursor];
    return span && line > span.line && line < span.end ? span : undefined;
  };
  const wordLimit = options.otherMergesWordLimit ?? LINT_DEFAULTS.otherMergesWordLimit;
  let fence = false;
  const prose = new Uint8Array(lines.length);
  for (let i = bodyStart; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.length === 0) {
      continue;
    }
    const first = line.charCodeAt(0);
    // Most lines start with a letter: the patterns below, anchored on a space, `*`, `-`, `#`,
    // a backtick or a tilde, are only tried on lines that can match them.
    const marked = Number.isNaN(first) || first <= 32 || first === 42 || first === 45 || first === 35 || first === 96 || first === 126 || /\s/.test(line[0]!);
    if (marked && /^ {0,3}(```|~~~)/.test(line)) {
      fence = !fence;
      continue;
    }
    if (fence) {
      continue;
    }
    const section = sectionAt(i)?.canonical;
    if (marked && isEmptyBullet(line) && i > 0) {
      add('empty-bullet', 'An empty bullet is a template leftover; remove it.', i, 0, line.length, {
        title: 'Remove the empty bullet',
        edits: [{ line: i, column: 0, endLine: emptyBulletEnd(lines, i), endColumn: 0, newText: '' }],
      });
    }
    if (line.includes('**Next Deadline:**') && /^\*\*Next Deadline:\*\*\s*$/.test(line.trim())) {
      add('empty-next-deadline', '"**Next Deadline:**" names no deadline; the stylesheet\'s form is "**Next Deadline: Item, Date**".', i, 0, line.length);
    }
    const signed = options.authors && (line.endsWith('*') || line.endsWith('_') || line.endsWith(' ')) ? trailingInitials(line) : undefined;
    if (signed && !options.authors!.has(signed.initials)) {
      add(
        'unknown-initials',
        `*${signed.initials}* is not in authors.md; CONTRIBUTING asks whoever signs items to add their initials, name and link there (LWKD: Add Me to authors.md).`,
        i,
        signed.column,
        signed.endColumn,
      );
    }
    const bullet = marked ? readBullet(line) : undefined;
    if (bullet && section && !PARAGRAPH_SECTIONS.has(section) && /[^.]\.$/.test(bullet[1]) && !/\b(etc|e\.g|i\.e|vs)\.$/.test(bullet[1])) {
      const end = bullet[0].length + bullet[1].length;
      add('bullet-period', 'Bullets do not end with a period (stylesheet: periods only in paragraph sections).', i, end - 1, end, {
        title: 'Remove the period',
        edits: [{ line: i, column: end - 1, endLine: i, endColumn: end, newText: '' }],
      });
    }
    if (bullet && section === 'Other Merges') {
      const words = replaceInlineLinks(bullet[1])
        .replace(/\*[A-Z]{2,4}\*$/, '')
        .split(/\s+/)
        .filter(Boolean).length;
      if (words > wordLimit) {
        add('other-merges-length', `${words} words; the stylesheet asks for one short statement, ideally 4–10 words.`, i, bullet[0].length, line.length);
      }
    }
    prose[i] = line.includes('`') ? PROSE : PROSE | TERMS_APPLY;
    if (first === 35 && /^###\s/.test(line) && (section === 'Featured PRs' || section === 'KEP of the Week')) {
      const ok = section === 'Featured PRs' ? isFeaturedPrHeading(line) : isKepHeading(line);
      if (!ok) {
        const form =
          section === 'Featured PRs' ? '### [NNNNN: PR Title](https://github.com/kubernetes/kubernetes/pull/NNNNN)' : '### [KEP-0000: Title](link to the KEP)';
        add('featured-heading-form', `The stylesheet's form for this heading is "${form}".`, i, 0, line.length);
      }
    }
  }
  checkWords(text, lines, prose, add);
  checkLinks(text, bodyStart, add);
}

const PROSE = 1;
const TERMS_APPLY = 2;

/**
 * Vague link text and capitalisation, each pattern run once over the whole text rather than once
 * per line (none of them can span a line): per line, 2.6 million short lines cost seconds.
 */
function checkWords(text: string, lines: readonly string[], prose: Uint8Array, add: Add): void {
  let starts: number[] | undefined;
  const at = (offset: number): { line: number; column: number } => {
    starts ??= lineStartOffsets(text);
    const line = lineOf(starts, offset);
    return { line, column: offset - starts[line]! };
  };
  for (const link of text.matchAll(/\[(here|link|this|this link|click here)\]\(/gi)) {
    const { line, column } = at(link.index);
    if (prose[line]! & PROSE) {
      add('vague-link-text', 'Links should be inline in the natural text, not a separate "here" (stylesheet).', line, column, column + link[0].length - 1);
    }
  }
  const places = new Map<number, LinePlaces>();
  const placesOf = (line: number): LinePlaces => {
    let place = places.get(line);
    if (!place) {
      place = new LinePlaces(lines[line]!);
      places.set(line, place);
    }
    return place;
  };
  for (const term of TERMS) {
    term.pattern.lastIndex = 0;
    for (let m = term.pattern.exec(text); m; m = term.pattern.exec(text)) {
      const { line, column } = at(m.index);
      if (!(prose[line]! & TERMS_APPLY) || placesOf(line).insideLink(column) || (term.right === 'kubeadm' && placesOf(line).sentenceStart(column))) {
        continue;
      }
      add('capitalization', `The stylesheet writes "${term.right}".`, line, column, column + m[0].length, {
        title: `Write "${term.right}"`,
        edits: [{ line, column, endLine: line, endColumn: column + m[0].length, newText: term.right }],
      });
    }
  }
}

function checkLinks(text: string, bodyStart: number, add: Add): void {
  const seen = new Map<string, number>();
  for (const ref of findGitHubRefs(text)) {
    if (ref.line < bodyStart || ref.form === 'short') {
      continue;
    }
    if (ref.malformed) {
      add('malformed-pr-url', `"${ref.text}" is not a PR link: the number runs into other characters.`, ref.line, ref.column, ref.endColumn);
      continue;
    }
    if (ref.form === 'pullsUrl') {
      const fixed = ref.text.replace('/pulls/', '/pull/');
      add('pulls-url', 'Use /pull/N: /pulls/N only works through a redirect.', ref.line, ref.column, ref.endColumn, {
        title: 'Use /pull/',
        edits: [{ line: ref.line, column: ref.column, endLine: ref.line, endColumn: ref.endColumn, newText: fixed }],
      });
    }
    if (ref.kind === 'kep') {
      continue;
    }
    const key = `${ref.owner}/${ref.repo}#${ref.number}`.toLowerCase();
    const first = seen.get(key);
    // A Featured PR links its PR in the heading and again in the text: that is the stylesheet's form.
    if (first !== undefined && ref.line !== first && !(ref.line - first <= 3)) {
      add('duplicate-link', `This PR is already linked at line ${first + 1}; one link per item keeps the edition short.`, ref.line, ref.column, ref.endColumn);
    }
    if (first === undefined) {
      seen.set(key, ref.line);
    }
  }
}

/**
 * A bullet's marker (with the spaces around it) and its text without trailing spaces; what
 * `/^(\s*[*-]\s+)(.*?)(\s*)$/` matched, read without its quadratic retries over a run of spaces.
 */
function readBullet(line: string): readonly [string, string] | undefined {
  const marker = /^\s*[*-]\s+/.exec(line);
  if (!marker) {
    return undefined;
  }
  const text = line.slice(marker[0].length).trimEnd();
  return /[\r\u2028\u2029]/.test(text) ? undefined : [marker[0], text];
}

const isSpace = (char: string | undefined): boolean => char !== undefined && /\s/.test(char);

/**
 * Questions about places in one line, answered in time independent of the line's length after
 * one pass: a line can hold thousands of term matches, and scanning it again for each was
 * quadratic.
 */
class LinePlaces {
  private opens?: number[];
  private closes?: number[];
  private starts?: readonly [number, number];

  constructor(private readonly line: string) {}

  /** Within a link's target: after the last `](` at or before `column`, and before its `)`. */
  insideLink(column: number): boolean {
    if (!this.opens) {
      this.opens = [];
      this.closes = [];
      let close = -1;
      for (let open = this.line.indexOf(']('); open !== -1; open = this.line.indexOf('](', open + 1)) {
        if (close !== -1 && close < open) {
          close = -1;
        }
        if (close === -1) {
          close = this.line.indexOf(')', open);
        }
        this.opens.push(open);
        this.closes.push(close);
      }
    }
    let low = 0;
    let high = this.opens.length - 1;
    let found = -1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (this.opens[middle]! <= column) {
        found = middle;
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    return found !== -1 && this.closes![found]! >= column;
  }

  /** The first word of the line or of its bullet, or the first after `.`, `!` or `?` and a space. */
  sentenceStart(column: number): boolean {
    if (!this.starts) {
      let first = 0;
      while (isSpace(this.line[first])) {
        first++;
      }
      let afterMarker = first + 1;
      while (isSpace(this.line[afterMarker])) {
        afterMarker++;
      }
      const bulleted = (this.line[first] === '*' || this.line[first] === '-') && afterMarker > first + 1;
      this.starts = [first, bulleted ? afterMarker : first];
    }
    if (column === this.starts[0] || column === this.starts[1]) {
      return true;
    }
    let before = column - 1;
    while (before >= 0 && isSpace(this.line[before])) {
      before--;
    }
    return before < column - 1 && before >= 0 && '.!?'.includes(this.line[before]!);
  }
}

/** Line terminators that `.` in a pattern does not match: a heading holding one is not the form. */
const TERMINATOR = /[\r\u2028\u2029]/;

/**
 * `### [NNN: Title](https://github.com/o/r/pull/NNN)`, the stylesheet's Featured PR heading
 * (`[#NNN:`, `[repo#NNN:` and `/pulls/` accepted). Read from both ends rather than by one
 * pattern, whose `.*` before the link retried the rest of the line from every `](`.
 */
function isFeaturedPrHeading(line: string): boolean {
  const number = /^###\s\[([\w.#-]*):\s\S/.exec(line);
  if (!number || !isHeadingNumber(number[1]!)) {
    return false;
  }
  const text = line.trimEnd();
  let at = text.length - 1;
  if (text[at] !== ')') {
    return false;
  }
  const digitsEnd = at;
  while (at > 0 && text.charCodeAt(at - 1) >= 48 && text.charCodeAt(at - 1) <= 57) {
    at--;
  }
  if (at === digitsEnd) {
    return false;
  }
  const path = text.endsWith('/pulls/', at) ? '/pulls/' : text.endsWith('/pull/', at) ? '/pull/' : undefined;
  if (!path) {
    return false;
  }
  // `[^/]+/[^/]+`: the repository, then the owner, each between two slashes.
  const repoEnd = at - path.length;
  const repoStart = text.lastIndexOf('/', repoEnd - 1) + 1;
  const ownerStart = repoStart > 1 ? text.lastIndexOf('/', repoStart - 2) + 1 : 0;
  if (repoStart >= repoEnd || repoStart === 0 || ownerStart >= repoStart - 1 || ownerStart === 0) {
    return false;
  }
  const link = ownerStart - '](https://github.com/'.length;
  return (
    link >= number[0].length && text.slice(link, ownerStart).toLowerCase() === '](https://github.com/' && !TERMINATOR.test(text.slice(number[0].length, link))
  );
}

/** `NNN`, `#NNN` or `repo#NNN`: what `/^[\w.-]*#?\d+$/` accepts, without its retries over digits. */
function isHeadingNumber(text: string): boolean {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) >= 48 && text.charCodeAt(end - 1) <= 57) {
    end--;
  }
  if (end === text.length) {
    return false;
  }
  if (text[end - 1] === '#') {
    end--;
  }
  return !text.slice(0, end).includes('#');
}

/** `### [KEP-NNNN: Title](link to the KEP)`, the stylesheet's KEP of the Week heading. */
function isKepHeading(line: string): boolean {
  const start = /^###\s\[KEP-\d+:\s\S/.exec(line);
  const text = line.trimEnd();
  if (!start || !text.endsWith(')')) {
    return false;
  }
  // The link's target has no spaces: it starts after the line's last one.
  let lastSpace = text.length - 1;
  while (lastSpace >= 0 && !isSpace(text[lastSpace])) {
    lastSpace--;
  }
  const from = Math.max(start[0].length, lastSpace + 1);
  const lower = text.toLowerCase();
  return ['](https://github.com/kubernetes/enhancements/', '](https://kep.k8s.io/'].some((host) => {
    const link = lower.indexOf(host, from);
    return link !== -1 && link + host.length <= text.length - 2 && !TERMINATOR.test(text.slice(start[0].length, link));
  });
}
