import type { CalendarDate } from './calendar';
import { addDays, MONTH_NAMES, zonedInstant } from './calendar';

/**
 * CONTRIBUTING's timeline for an edition: drafts are due Tuesday end of day and the edition is
 * published Wednesday end of day, US Eastern, after the Sunday the week ends. End of day is
 * 23:59 on New York's wall clock, so EST or EDT as that day has it.
 */

export const DEADLINE_TIME_ZONE = 'America/New_York';

export interface EditionDeadlines {
  readonly drafts: Date;
  readonly publication: Date;
}

export function editionDeadlines(week: CalendarDate): EditionDeadlines {
  return {
    drafts: zonedInstant(addDays(week, 2), 23, 59, DEADLINE_TIME_ZONE),
    publication: zonedInstant(addDays(week, 3), 23, 59, DEADLINE_TIME_ZONE),
  };
}

/** `2d 4h`, `20h`, `5h 12m`, `45m`, `<1m`: the two largest units, rounded down. */
export function formatDuration(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  const [d, h, m] = [Math.floor(minutes / 1440), Math.floor(minutes / 60) % 24, minutes % 60];
  if (d > 0) {
    return h > 0 ? `${d}d ${h}h` : `${d}d`;
  }
  if (h > 0) {
    return m > 0 ? `${h}h ${m}m` : `${h}h`;
  }
  return m > 0 ? `${m}m` : '<1m';
}

export type DeadlinePhase = 'drafts' | 'publication' | 'past';

export interface Countdown {
  readonly phase: DeadlinePhase;
  /** `Week ending Mar 7 · drafts due in 2d 4h` */
  readonly text: string;
}

/** Where `now` stands in the edition's timeline, as the status bar says it. */
export function editionCountdown(week: CalendarDate, now: Date): Countdown {
  const { drafts, publication } = editionDeadlines(week);
  const label = `Week ending ${MONTH_NAMES[week.month - 1]!.slice(0, 3)} ${week.day}`;
  if (now < drafts) {
    return { phase: 'drafts', text: `${label} · drafts due in ${formatDuration(drafts.getTime() - now.getTime())}` };
  }
  if (now < publication) {
    return { phase: 'publication', text: `${label} · publication in ${formatDuration(publication.getTime() - now.getTime())}` };
  }
  return { phase: 'past', text: `${label} · past publication` };
}

/** `Tue, Mar 9, 11:59 PM EST`, in an IANA zone (undefined: the runtime's own). */
export function formatInZone(instant: Date, timeZone?: string): string {
  return new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(instant);
}
