import type { CalendarDate, FrontMatterTime } from './calendar';
import { compareDates, formatIsoDate, formatLongDate, frontMatterInstant, MONTH_NAMES } from './calendar';
import { frontMatterRange } from './edition';

/**
 * What publishing.md asks the editor to paste by hand: the Buttondown subject and body, and the
 * Bluesky/Mastodon post. Pure text in, text out; the edition's text is copied, never rendered.
 */

/** `LWKD: Week Ending March 7, 2027` */
export function buttondownSubject(week: CalendarDate): string {
  return `LWKD: Week Ending ${formatLongDate(week)}`;
}

/**
 * The edition as Buttondown gets it: front matter (the "web header") removed, the edition's
 * date left as its first line (`# Week Ending March 7, 2027`), and site-relative links
 * (`](/feed.xml)`) made absolute, since an email has no site to be relative to.
 */
export function buttondownBody(text: string, week: CalendarDate, siteUrl: string): string {
  const lines = text.split(/\r?\n/);
  const body = lines
    .slice((frontMatterRange(lines)?.end ?? -1) + 1)
    .join('\n')
    .trim();
  const site = siteUrl.replace(/\/+$/, '');
  return `# Week Ending ${formatLongDate(week)}\n\n${body.replace(/\]\(\/(?!\/)/g, `](${site}/`)}\n`;
}

const FACT_SECTIONS = /^(developer news|featured (prs?|keps?)|keps? of the week)$/i;

/** A heading as a short fact: `[#1: KEP-2: SIG-X: [Y] Title #3](…)` → `Title`. */
function factOf(heading: string): string {
  let fact = heading
    .replace(/^\[(.*)\]\([^()\s]*\)$/, '$1')
    .replace(/\[([^\]]*)\]\([^()\s]*\)/g, '$1')
    .replace(/[*`]/g, '');
  for (let before = ''; before !== fact; ) {
    before = fact;
    fact = fact.replace(/^(?:(?:[\w./-]*#\d+|KEP[- ]?\d+|SIG[- ][\w-]+)\s*:|KEP[- ]?\d+|\[[^\]]*\])\s*/i, '');
  }
  return fact.replace(/\s+#\d+$/, '').trim();
}

/**
 * Up to `max` facts for the social post: the `###` headings of Developer News, Featured PRs (or
 * KEPs) and KEP of the Week that have text under them (the template's empty "Election Update" does not
 * count), in the edition's order. The writer shortens them.
 */
export function socialFacts(text: string, max = 4): string[] {
  const lines = text.split(/\r?\n/);
  const facts: string[] = [];
  let section = '';
  for (let i = (frontMatterRange(lines)?.end ?? -1) + 1; i < lines.length && facts.length < max; i++) {
    const heading = /^(#{2,3})\s+(.*?)\s*#*\s*$/.exec(lines[i]!);
    if (heading?.[1] === '##') {
      section = heading[2]!;
    } else if (heading && FACT_SECTIONS.test(section)) {
      let next = i + 1;
      while (next < lines.length && lines[next]!.trim() === '') {
        next++;
      }
      const fact = factOf(heading[2]!);
      if (next < lines.length && !/^#{1,3}\s/.test(lines[next]!) && fact && !facts.includes(fact)) {
        facts.push(fact);
      }
    }
  }
  return facts;
}

/** publishing.md's format for Bluesky and Mastodon. */
export function socialPost(week: CalendarDate, facts: readonly string[], permalink: string): string {
  return `Week ending ${MONTH_NAMES[week.month - 1]} ${week.day}: ${facts.join(', ')}\n\n${permalink}\n\n#kubernetes #containers #CloudNative\n`;
}

/**
 * Whether `date:` already looks like a publication stamp worth keeping: not the template's
 * `<Sunday> 22:00:00`, not before the week ends, and not in the future (Jekyll does not publish
 * future posts). Up to a minute ahead is allowed for clocks that differ a little.
 */
export function isPlausibleStamp(time: FrontMatterTime, week: CalendarDate, now: Date): boolean {
  const templateDefault = formatIsoDate(time.date) === formatIsoDate(week) && time.hour === 22 && time.minute === 0 && time.second === 0;
  return !templateDefault && compareDates(time.date, week) >= 0 && frontMatterInstant(time).getTime() <= now.getTime() + 60_000;
}
