import type { CalendarDate } from './calendar';
import { addDays, zonedInstant } from './calendar';

/**
 * An edition's week as instants: Monday 00:00 to the next Monday 00:00 (exclusive) on the
 * writer's clock (DST included, so a week can last 167 or 169 hours), ending with the Sunday in
 * the file name.
 */
export interface WeekWindow {
  readonly weekEnding: CalendarDate;
  readonly start: Date;
  /** Exclusive. */
  readonly end: Date;
  /** Undefined: the runtime's own zone. */
  readonly timeZone?: string;
}

export function editionWeekWindow(weekEnding: CalendarDate, timeZone?: string): WeekWindow {
  return {
    weekEnding,
    start: zonedInstant(addDays(weekEnding, -6), 0, 0, timeZone),
    end: zonedInstant(addDays(weekEnding, 1), 0, 0, timeZone),
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
