/**
 * Calendar dates without time zones. An LWKD week ends on a Sunday, and that Sunday is a date on
 * the writer's wall calendar, not an instant: "next Sunday" is computed from the writer's local
 * date (see `calendarDateIn`), so a writer in UTC+13 on Monday morning and one in UTC-10 on
 * Sunday evening both get the Sunday their own calendar shows. All arithmetic here is on
 * proleptic Gregorian dates through UTC midnights, which have no daylight-saving gaps.
 */

export interface CalendarDate {
  readonly year: number;
  /** 1 to 12. */
  readonly month: number;
  /** 1 to 31. */
  readonly day: number;
}

export const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;

export const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

const DAY_MS = 86_400_000;

function toUtcMs(date: CalendarDate): number {
  return Date.UTC(date.year, date.month - 1, date.day);
}

function fromUtcMs(ms: number): CalendarDate {
  const d = new Date(ms);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export function isValidCalendarDate(date: CalendarDate): boolean {
  if (![date.year, date.month, date.day].every(Number.isInteger) || date.year < 1 || date.year > 9999) {
    return false;
  }
  const roundTrip = fromUtcMs(toUtcMs(date));
  return roundTrip.year === date.year && roundTrip.month === date.month && roundTrip.day === date.day;
}

/** Parses `YYYY-MM-DD` exactly; undefined for any other text or an impossible date (2022-02-29). */
export function parseCalendarDate(text: string): CalendarDate | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!match) {
    return undefined;
  }
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  return isValidCalendarDate(date) ? date : undefined;
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** `2026-08-02` */
export function formatIsoDate(date: CalendarDate): string {
  return `${pad(date.year, 4)}-${pad(date.month)}-${pad(date.day)}`;
}

/** `20260802`: LWKD's branch names and permalink slugs. */
export function formatCompactDate(date: CalendarDate): string {
  return `${pad(date.year, 4)}${pad(date.month)}${pad(date.day)}`;
}

/** `August 2, 2026`: English month, no zero padding, as the published titles write it. */
export function formatLongDate(date: CalendarDate): string {
  return `${MONTH_NAMES[date.month - 1]} ${date.day}, ${date.year}`;
}

/** 0 is Sunday, as in JavaScript. */
export function dayOfWeek(date: CalendarDate): number {
  return new Date(toUtcMs(date)).getUTCDay();
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  return fromUtcMs(toUtcMs(date) + days * DAY_MS);
}

export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return toUtcMs(a) - toUtcMs(b);
}

/** Whole days from `a` to `b` (negative when b is earlier). */
export function daysBetween(a: CalendarDate, b: CalendarDate): number {
  return Math.round((toUtcMs(b) - toUtcMs(a)) / DAY_MS);
}

/** The Sunday that ends the Monday-to-Sunday week `date` falls in: `date` itself on a Sunday. */
export function sundayEndingWeekOf(date: CalendarDate): CalendarDate {
  return addDays(date, (7 - dayOfWeek(date)) % 7);
}

export type WeekChoice = 'next' | 'last';

/**
 * The week-ending Sunday a writer means on `today` (their local date). `next`: the coming Sunday,
 * today when today is a Sunday. `last`: the Sunday before that, i.e. the week that has ended.
 */
export function weekEnding(today: CalendarDate, choice: WeekChoice): CalendarDate {
  const next = sundayEndingWeekOf(today);
  return choice === 'next' ? next : addDays(next, -7);
}

/**
 * The calendar date an instant falls on in an IANA time zone (undefined zone: the runtime's
 * own). Throws RangeError for a zone name the runtime does not know.
 */
export function calendarDateIn(instant: Date, timeZone?: string): CalendarDate {
  const { year, month, day } = wallClockIn(instant, timeZone);
  return { year, month, day };
}

/** True when `name` is a time zone this runtime knows (e.g. `America/Los_Angeles`). */
export function isKnownTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** `2026-08-06 04:12:09 -0000`: the front-matter form of an instant, in UTC. */
export function formatFrontMatterTime(instant: Date): string {
  const date = { year: instant.getUTCFullYear(), month: instant.getUTCMonth() + 1, day: instant.getUTCDate() };
  return `${formatIsoDate(date)} ${pad(instant.getUTCHours())}:${pad(instant.getUTCMinutes())}:${pad(instant.getUTCSeconds())} -0000`;
}

export interface FrontMatterTime {
  readonly date: CalendarDate;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  /** Offset east of UTC in minutes (`-0000` and `+0000` are 0; `-0700` is -420). */
  readonly offsetMinutes: number;
}

/**
 * Parses the `date:` value LWKD writes: `YYYY-MM-DD HH:MM:SS ±HHMM`. Undefined when it is not
 * that form or not a real calendar time (Jekyll would reject or silently shift it).
 */
export function parseFrontMatterTime(text: string): FrontMatterTime | undefined {
  const match = /^(\d{4}-\d{2}-\d{2}) (\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})$/.exec(text.trim());
  if (!match) {
    return undefined;
  }
  const date = parseCalendarDate(match[1]!);
  const [hour, minute, second, offsetHours, offsetMins] = [match[2], match[3], match[4], match[6], match[7]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  if (!date || hour > 23 || minute > 59 || second > 59 || offsetHours > 14 || offsetMins > 59) {
    return undefined;
  }
  const sign = match[5] === '-' ? -1 : 1;
  return { date, hour, minute, second, offsetMinutes: sign * (offsetHours * 60 + offsetMins) };
}

/** The instant a front-matter time denotes. */
export function frontMatterInstant(time: FrontMatterTime): Date {
  return new Date(toUtcMs(time.date) + ((time.hour * 60 + time.minute - time.offsetMinutes) * 60 + time.second) * 1000);
}

export interface WallClock extends CalendarDate {
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

/** What a wall clock in an IANA zone (undefined: the runtime's own) shows at an instant. */
export function wallClockIn(instant: Date, timeZone?: string): WallClock {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
    hourCycle: 'h23',
    calendar: 'gregory',
    numberingSystem: 'latn',
  }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value);
  return { year: part('year'), month: part('month'), day: part('day'), hour: part('hour'), minute: part('minute'), second: part('second') };
}

/**
 * The instant a wall clock in `timeZone` (undefined: the runtime's own) shows `hour:minute` on `date`, daylight saving included
 * (the zone's offset is read at that moment, not today). A time that a spring-forward skips is
 * taken at the same distance past the jump; LWKD's 23:59 deadlines never fall in one.
 */
export function zonedInstant(date: CalendarDate, hour: number, minute: number, timeZone?: string): Date {
  const wanted = toUtcMs(date) + (hour * 60 + minute) * 60_000;
  let guess = wanted;
  for (let i = 0; i < 2; i++) {
    const shown = wallClockIn(new Date(guess), timeZone);
    guess += wanted - (toUtcMs(shown) + ((shown.hour * 60 + shown.minute) * 60 + shown.second) * 1000);
  }
  return new Date(guess);
}

export type InstantParse =
  | { readonly ok: true; readonly instant: Date }
  | { readonly ok: false; readonly reason: 'form' | 'noOffset' | 'impossible' | 'outOfRange'; readonly message: string };

/**
 * Parses an ISO-8601 instant such as `2026-11-23T04:12:09Z` or `2026-11-23T06:12:09+02:00`,
 * strictly: the offset is required (a time without one would be read in whatever zone the
 * machine is in), the calendar time must exist (no `2026-02-30`, no `24:00`), and the instant
 * must fall within the years 1 to 9999 in UTC, which is all front matter can hold.
 */
export function parseIsoInstant(text: string): InstantParse {
  const match = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i.exec(text.trim());
  if (!match) {
    return { ok: false, reason: 'form', message: `"${text}" is not an ISO-8601 time such as 2026-11-23T04:12:09Z.` };
  }
  if (match[6] === undefined) {
    return {
      ok: false,
      reason: 'noOffset',
      message: `"${text}" has no UTC offset; add Z or one such as +02:00, so it does not depend on this machine's time zone.`,
    };
  }
  const date = parseCalendarDate(match[1]!);
  const [hour, minute, second] = [match[2], match[3], match[4] ?? '0'].map(Number) as [number, number, number];
  const offset = /^([+-])(\d{2}):?(\d{2})?$/.exec(match[6]);
  const offsetMinutes = offset ? (offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3] ?? 0)) : 0;
  if (!date || hour > 23 || minute > 59 || second > 59 || (offset && (Number(offset[2]) > 23 || Number(offset[3] ?? 0) > 59))) {
    return { ok: false, reason: 'impossible', message: `"${text}" is not a real time.` };
  }
  const fraction = match[5] ? Math.floor(Number(`0.${match[5]}`) * 1000) : 0;
  const instant = new Date(toUtcMs(date) + ((hour * 60 + minute - offsetMinutes) * 60 + second) * 1000 + fraction);
  if (instant.getUTCFullYear() < 1 || instant.getUTCFullYear() > 9999) {
    return { ok: false, reason: 'outOfRange', message: `"${text}" falls outside the years 1 to 9999 in UTC, which front matter cannot hold.` };
  }
  return { ok: true, instant };
}
