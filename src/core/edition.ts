import type { CalendarDate, FrontMatterTime } from './calendar';
import {
  compareDates,
  formatCompactDate,
  formatFrontMatterTime,
  formatIsoDate,
  formatLongDate,
  parseCalendarDate,
  parseFrontMatterTime,
} from './calendar';

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

export interface TextEdit {
  /** 0-based line the edit replaces, or inserts before when `insert` is true. */
  readonly line: number;
  readonly insert: boolean;
  /** The full new line, without its line break. */
  readonly newText: string;
}

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
  | { readonly ok: false; readonly reason: 'noFrontMatter'; readonly message: string };

/**
 * Sets `date:` to `now` (UTC, whole seconds): the publication time Jekyll dates the post by. The
 * one line changes; a missing `date:` line is added before the closing `---`.
 */
export function stampPublicationTime(text: string, now: Date, fileName?: string): StampResult {
  const lines = text.split(/\r?\n/);
  const range = frontMatterRange(lines);
  if (!range) {
    return { ok: false, reason: 'noFrontMatter', message: 'This file has no front matter (a block between two --- lines at the top), so it has no date to stamp.' };
  }
  const value = formatFrontMatterTime(new Date(Math.floor(now.getTime() / 1000) * 1000));
  const weekEnding = weekEndingOfEdition(lines.slice(range.start + 1, range.end), fileName);
  const stampDay = { year: now.getUTCFullYear(), month: now.getUTCMonth() + 1, day: now.getUTCDate() };
  const beforeWeekEnd = weekEnding !== undefined && compareDates(stampDay, weekEnding) < 0;
  for (let i = range.start + 1; i < range.end; i++) {
    const match = /^date:(\s*)(.*)$/.exec(lines[i]!);
    if (match) {
      return {
        ok: true,
        edit: { line: i, insert: false, newText: `date: ${value}` },
        value,
        previous: match[2]!.trim(),
        ...(weekEnding ? { weekEnding } : {}),
        beforeWeekEnd,
      };
    }
  }
  return { ok: true, edit: { line: range.end, insert: true, newText: `date: ${value}` }, value, ...(weekEnding ? { weekEnding } : {}), beforeWeekEnd };
}

/** Applies a TextEdit to text, keeping its line-break style. */
export function applyTextEdit(text: string, edit: TextEdit): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(/\r?\n/);
  if (edit.insert) {
    lines.splice(edit.line, 0, edit.newText);
  } else {
    lines[edit.line] = edit.newText;
  }
  return lines.join(eol);
}

function weekEndingOfEdition(frontMatterLines: readonly string[], fileName: string | undefined): CalendarDate | undefined {
  for (const line of frontMatterLines) {
    const slug = /^slug:\s*["']?(\d{4}-\d{2}-\d{2})-update["']?\s*$/.exec(line);
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
    const match = /^date:\s*["']?(.*?)["']?\s*$/.exec(lines[i]!);
    if (match) {
      const time = parseFrontMatterTime(match[1]!);
      return { raw: match[1]!, ...(time ? { time } : {}) };
    }
  }
  return undefined;
}
