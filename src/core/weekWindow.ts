import type { CalendarDate } from './calendar';
import { addDays } from './calendar';

/**
 * An edition's week as instants: Monday 00:00 to the next Monday 00:00 (exclusive) on the
 * writer's clock, ending with the Sunday in the file name. GitHub's `merged:` qualifier takes
 * times with offsets, so the window is expressed in the same zone it was meant in, DST included.
 */
export interface WeekWindow {
  readonly weekEnding: CalendarDate;
  readonly start: Date;
  /** Exclusive. */
  readonly end: Date;
  /** Undefined: the runtime's own zone. */
  readonly timeZone?: string;
}

/** Minutes east of UTC that `timeZone` is at `instant`. */
export function offsetMinutesAt(instant: Date, timeZone?: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
  }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return Math.round((wall - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/**
 * The instant a wall-clock time on `date` has in `timeZone`. A time that does not exist (inside
 * a spring-forward gap) resolves to the instant just after the gap, as clocks do.
 */
export function zonedInstant(date: CalendarDate, timeZone: string | undefined, hour = 0, minute = 0, second = 0): Date {
  const wall = Date.UTC(date.year, date.month - 1, date.day, hour, minute, second);
  let guess = wall - offsetMinutesAt(new Date(wall), timeZone) * 60_000;
  // A second pass settles the offset when the first guess fell on the other side of a change.
  guess = wall - offsetMinutesAt(new Date(guess), timeZone) * 60_000;
  return new Date(guess);
}

export function editionWeekWindow(weekEnding: CalendarDate, timeZone?: string): WeekWindow {
  return {
    weekEnding,
    start: zonedInstant(addDays(weekEnding, -6), timeZone),
    end: zonedInstant(addDays(weekEnding, 1), timeZone),
    ...(timeZone ? { timeZone } : {}),
  };
}

export function inWindow(window: WeekWindow, iso: string): boolean {
  const time = Date.parse(iso);
  return time >= window.start.getTime() && time < window.end.getTime();
}

/**
 * `2027-03-29T04:00:00Z..2027-04-05T03:59:59Z`: the window for a search qualifier, in UTC. Not
 * with offsets: octokit leaves `+` unescaped in the query string, where GitHub reads it as a
 * space, so a zone east of UTC would break the query.
 */
export function githubDateRange(window: WeekWindow): string {
  const utc = (instant: Date): string => instant.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return `${utc(window.start)}..${utc(new Date(window.end.getTime() - 1000))}`;
}
