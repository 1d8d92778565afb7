import type { CalendarDate, FrontMatterTime } from './calendar';
import { compareDates, formatCompactDate, formatFrontMatterTime, formatIsoDate, formatLongDate, parseCalendarDate, parseFrontMatterTime } from './calendar';
import type { TextEdit } from './textEdit';
import { insertAt } from './textEdit';

/**
 * A weekly edition's file, text and publication time. Templates are filled by plain text
 * substitution of LWKD's three placeholders; nothing in a template or a post is ever evaluated.
 */

/** `2026-08-02-update.md` */
export function editionFileName(weekEnding: CalendarDate): string {
  return `${formatIsoDate(weekEnding)}-update.md`;
}

/** `20260802`: the branch new_edition.sh checks out for the week. */
export function editionBranchName(weekEnding: CalendarDate): string {
  return formatCompactDate(weekEnding);
}

/** The week-ending date in a post's file name (`2026-08-02-update.md`), if it has one. */
export function weekEndingFromFileName(fileName: string): CalendarDate | undefined {
  const match = /(?:^|[/\\])(\d{4}-\d{2}-\d{2})-[^/\\]*\.md$/i.exec(fileName);
  return match ? parseCalendarDate(match[1]!) : undefined;
}

/**
 * LWKD's sections in template order, for a workspace without a template.md. Same text as the
 * repository's template (2026), so an edition scaffolded either way looks alike.
 */
export const BUILTIN_TEMPLATE = `---
layout: post
title: Week Ending Month DD, YYYY
date: POST_DATE 22:00:00 -0000
slug: POST_SLUG_DATE-update
---

## Developer News


### Election Update

### Contributor Blog

## Release Schedule

**Next Deadline:**


## Featured PRs


## KEP of the Week


## Other Merges

*

## Promotions

*

## Deprecated

*

## Version Updates

*

## Subprojects and Dependency Updates

*

## Shoutouts

* No shoutouts this week. Want to thank someone for special efforts to improve Kubernetes? Tag them in the #shoutouts channel.
`;

/** The placeholders new_edition.sh fills, and what each becomes. */
export function templatePlaceholders(weekEnding: CalendarDate): ReadonlyArray<readonly [string, string]> {
  return [
    // The title's placeholder; the published titles never zero-pad the day ("August 7").
    ['Month DD, YYYY', formatLongDate(weekEnding)],
    // Longer name first, so a template that has both is filled the same in any order.
    ['POST_SLUG_DATE', formatIsoDate(weekEnding)],
    ['POST_DATE', formatIsoDate(weekEnding)],
  ];
}

/**
 * Fills the template for a week: every occurrence of each placeholder, as plain text. Line
 * endings and every other character of the template are kept as they are.
 */
export function renderTemplate(template: string, weekEnding: CalendarDate): string {
  let text = template.replace(/^\uFEFF/, '');
  for (const [placeholder, value] of templatePlaceholders(weekEnding)) {
    text = text.split(placeholder).join(value);
  }
  return text;
}

export interface Position {
  /** 0-based */
  readonly line: number;
  /** 0-based, in UTF-16 code units */
  readonly character: number;
}

/**
 * Where the writer starts typing in a new edition: the first blank line under the first `##`
 * section after the front matter (Developer News in the template), else the end of the text.
 */
export function firstWritingPosition(text: string): Position {
  const lines = text.split(/\r?\n/);
  const bodyStart = frontMatterRange(lines)?.end ?? -1;
  for (let i = bodyStart + 1; i < lines.length; i++) {
    if (/^##\s/.test(lines[i]!)) {
      for (let j = i + 1; j < lines.length; j++) {
        if (lines[j]!.trim() === '') {
          return { line: j, character: 0 };
        }
        if (/^#{1,3}\s/.test(lines[j]!)) {
          break;
        }
      }
      return { line: i, character: lines[i]!.length };
    }
  }
  const last = lines.length - 1;
  return { line: last, character: lines[last]!.length };
}

/** 0-based line numbers of the opening and closing `---` of a leading front-matter block. */
export function frontMatterRange(lines: readonly string[]): { start: number; end: number } | undefined {
  if (lines[0]?.replace(/^\uFEFF/, '').trimEnd() !== '---') {
    return undefined;
  }
  for (let i = 1; i < lines.length; i++) {
    if (/^(---|\.\.\.)\s*$/.test(lines[i]!)) {
      return { start: 0, end: i };
    }
  }
  return undefined;
}

export type StampFailure = 'noFrontMatter' | 'duplicateDate' | 'multiLineDate' | 'timeOutOfRange';

export type StampResult =
  | {
      readonly ok: true;
      readonly edit: TextEdit;
      /** The value written after `date: `. */
      readonly value: string;
      readonly previous?: string;
      /** The week-ending Sunday, from the slug or the file name, when known. */
      readonly weekEnding?: CalendarDate;
      /** The stamp falls on a calendar day (UTC) before the week-ending Sunday. */
      readonly beforeWeekEnd: boolean;
    }
  | { readonly ok: false; readonly reason: StampFailure; readonly message: string };

/** A top-level front-matter key as YAML allows it on one line: `date:`, `"date":`, `'date' :`. */
export function frontMatterKey(line: string, key: string): string | undefined {
  const match = /^(?:([A-Za-z_][\w-]*)|"([^"\\]*)"|'([^']*)')[ \t]*:(?=[ \t]|$)/.exec(line);
  return match && (match[1] ?? match[2] ?? match[3]) === key ? match[0] : undefined;
}

/** A one-line `key: value` split so the value alone can be replaced. */
interface ScalarLine {
  /** The key, the colon and the spaces after it, as written. */
  readonly prefix: string;
  /** `"`, `'` or empty. */
  readonly quote: string;
  /** The value without its quotes. */
  readonly value: string;
  /** Whatever follows the value: spaces, a `# comment`. */
  readonly suffix: string;
}

/** Undefined when the value does not end on this line (an open quote, a block scalar). */
function scalarLine(line: string, key: string): ScalarLine | undefined {
  const keyText = frontMatterKey(line, key)!;
  const rest = line.slice(keyText.length);
  const space = /^[ \t]*/.exec(rest)![0];
  const prefix = keyText + space;
  const body = rest.slice(space.length);
  const quote = body[0] === '"' || body[0] === "'" ? body[0] : '';
  if (quote) {
    const close = quote === '"' ? /^"((?:[^"\\]|\\.)*)"/.exec(body) : /^'((?:[^']|'')*)'/.exec(body);
    if (!close) {
      return undefined;
    }
    return { prefix, quote, value: close[1]!, suffix: body.slice(close[0].length) };
  }
  if (/^[|>]/.test(body)) {
    return undefined;
  }
  const comment = /[ \t]+#.*$|[ \t]+$/.exec(body);
  const value = comment ? body.slice(0, comment.index) : body;
  return { prefix, quote, value, suffix: comment ? comment[0] : '' };
}

/**
 * Sets `date:` to `now` (UTC, whole seconds): the publication time Jekyll dates the post by.
 * Only the value changes: the key as written (`"date" :`), quotes and a trailing comment stay.
 * A missing `date:` line is added before the closing `---`.
 */
export function stampPublicationTime(text: string, now: Date, fileName?: string): StampResult {
  const lines = text.split(/\r?\n/);
  const range = frontMatterRange(lines);
  if (!range) {
    return {
      ok: false,
      reason: 'noFrontMatter',
      message: 'This file has no front matter (a block between two --- lines at the top), so it has no date to stamp.',
    };
  }
  const seconds = Math.floor(now.getTime() / 1000) * 1000;
  const stampTime = new Date(seconds);
  if (!Number.isFinite(seconds) || stampTime.getUTCFullYear() < 1 || stampTime.getUTCFullYear() > 9999) {
    return {
      ok: false,
      reason: 'timeOutOfRange',
      message: 'The time to stamp is not between the years 1 and 9999 in UTC, which front matter cannot hold; nothing changed.',
    };
  }
  const value = formatFrontMatterTime(stampTime);
  const weekEnding = weekEndingOfEdition(lines.slice(range.start + 1, range.end), fileName);
  const stampDay = { year: stampTime.getUTCFullYear(), month: stampTime.getUTCMonth() + 1, day: stampTime.getUTCDate() };
  const beforeWeekEnd = weekEnding !== undefined && compareDates(stampDay, weekEnding) < 0;
  const dateLines: number[] = [];
  for (let i = range.start + 1; i < range.end; i++) {
    if (frontMatterKey(lines[i]!, 'date') !== undefined) {
      dateLines.push(i);
    }
  }
  const known = weekEnding ? { weekEnding } : {};
  if (dateLines.length > 1) {
    return {
      ok: false,
      reason: 'duplicateDate',
      message: `The front matter has more than one date key (lines ${dateLines.map((line) => line + 1).join(', ')}); keep one and stamp again. Nothing changed.`,
    };
  }
  const line = dateLines[0];
  if (line === undefined) {
    // The new line ends as the line before it does: a mostly-LF file with one CRLF line stays so.
    const eol = text.split('\n', range.end)[range.end - 1]!.endsWith('\r') ? '\r\n' : '\n';
    return { ok: true, edit: insertAt(range.end, 0, `date: ${value}${eol}`), value, ...known, beforeWeekEnd };
  }
  const scalar = scalarLine(lines[line]!, 'date');
  const continued = line + 1 < range.end && /^[ \t]+\S/.test(lines[line + 1]!);
  if (!scalar || continued) {
    return {
      ok: false,
      reason: 'multiLineDate',
      message: `The date on line ${line + 1} spans more than one line; write it on one line and stamp again. Nothing changed.`,
    };
  }
  const prefix = /[ \t]$/.test(scalar.prefix) ? scalar.prefix : `${scalar.prefix} `;
  return {
    ok: true,
    // Only this line's text changes: its line break, and every other line's, stay as they are.
    edit: { line, column: 0, endLine: line, endColumn: lines[line]!.length, newText: `${prefix}${scalar.quote}${value}${scalar.quote}${scalar.suffix}` },
    value,
    previous: scalar.value.trim(),
    ...known,
    beforeWeekEnd,
  };
}

function weekEndingOfEdition(frontMatterLines: readonly string[], fileName: string | undefined): CalendarDate | undefined {
  for (const line of frontMatterLines) {
    const key = frontMatterKey(line, 'slug');
    const slug = key === undefined ? null : /^\s*["']?(\d{4}-\d{2}-\d{2})-update["']?\s*$/.exec(line.slice(key.length));
    if (slug) {
      return parseCalendarDate(slug[1]!);
    }
  }
  return fileName ? weekEndingFromFileName(fileName) : undefined;
}

/** Reads `date:` from a post's front matter as text, if present. */
export function readFrontMatterDate(text: string): { raw: string; time?: FrontMatterTime } | undefined {
  const lines = text.split(/\r?\n/);
  const range = frontMatterRange(lines);
  if (!range) {
    return undefined;
  }
  for (let i = range.start + 1; i < range.end; i++) {
    if (frontMatterKey(lines[i]!, 'date') !== undefined) {
      const raw = scalarLine(lines[i]!, 'date')?.value.trim() ?? '';
      const time = parseFrontMatterTime(raw);
      return { raw, ...(time ? { time } : {}) };
    }
  }
  return undefined;
}
