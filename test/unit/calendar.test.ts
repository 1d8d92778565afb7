import * as assert from 'node:assert/strict';
import type { CalendarDate } from '../../src/core/calendar';
import {
  parseIsoInstant,
  addDays,
  calendarDateIn,
  dayOfWeek,
  formatCompactDate,
  formatFrontMatterTime,
  formatIsoDate,
  formatLongDate,
  frontMatterInstant,
  isKnownTimeZone,
  parseCalendarDate,
  parseFrontMatterTime,
  sundayEndingWeekOf,
  weekEnding,
} from '../../src/core/calendar';

const d = (text: string): CalendarDate => {
  const date = parseCalendarDate(text);
  assert.ok(date, `${text} is a date`);
  return date;
};

suite('Calendar dates', () => {
  test('parses YYYY-MM-DD and rejects impossible or malformed dates', () => {
    assert.deepEqual(parseCalendarDate('2024-02-29'), { year: 2024, month: 2, day: 29 });
    for (const bad of ['2022-02-29', '2023-13-01', '2023-00-10', '2023-04-31', '2023-4-1', '20230401', '2023-04-01T00:00', '', 'next sunday']) {
      assert.equal(parseCalendarDate(bad), undefined, bad);
    }
  });

  test('formats as the published titles do: no zero padding, English months', () => {
    assert.equal(formatLongDate(d('2026-08-02')), 'August 2, 2026');
    assert.equal(formatLongDate(d('2022-08-07')), 'August 7, 2022');
    assert.equal(formatIsoDate(d('2026-08-02')), '2026-08-02');
    assert.equal(formatCompactDate(d('2026-08-02')), '20260802');
  });

  test('knows the day of the week across centuries and leap years', () => {
    assert.equal(dayOfWeek(d('2026-11-22')), 0);
    assert.equal(dayOfWeek(d('2000-02-29')), 2);
    assert.equal(dayOfWeek(d('2100-03-01')), 1);
  });

  test('adds days across month, year and leap-day boundaries', () => {
    assert.equal(formatIsoDate(addDays(d('2024-02-28'), 1)), '2024-02-29');
    assert.equal(formatIsoDate(addDays(d('2023-02-28'), 1)), '2023-03-01');
    assert.equal(formatIsoDate(addDays(d('2026-12-31'), 1)), '2027-01-01');
    assert.equal(formatIsoDate(addDays(d('2027-01-03'), -7)), '2026-12-27');
  });
});

suite('Week-ending Sundays', () => {
  test('next Sunday on a Sunday is that same day; last Sunday is the week before', () => {
    assert.equal(formatIsoDate(weekEnding(d('2026-11-22'), 'next')), '2026-11-22');
    assert.equal(formatIsoDate(weekEnding(d('2026-11-22'), 'last')), '2026-11-15');
  });

  test('on a Friday (when editors start) next is in two days, last is five days back', () => {
    assert.equal(formatIsoDate(weekEnding(d('2026-11-20'), 'next')), '2026-11-22');
    assert.equal(formatIsoDate(weekEnding(d('2026-11-20'), 'last')), '2026-11-15');
  });

  test('on a Monday (publication day) last Sunday is yesterday', () => {
    assert.equal(formatIsoDate(weekEnding(d('2026-11-23'), 'last')), '2026-11-22');
    assert.equal(formatIsoDate(weekEnding(d('2026-11-23'), 'next')), '2026-11-29');
  });

  test('crosses year ends both ways', () => {
    assert.equal(formatIsoDate(weekEnding(d('2026-12-29'), 'next')), '2027-01-03');
    assert.equal(formatIsoDate(weekEnding(d('2027-01-02'), 'last')), '2026-12-27');
    assert.equal(formatIsoDate(weekEnding(d('2021-01-01'), 'next')), '2021-01-03');
  });

  test('crosses leap days', () => {
    assert.equal(formatIsoDate(weekEnding(d('2024-02-27'), 'next')), '2024-03-03');
    assert.equal(formatIsoDate(weekEnding(d('2032-02-29'), 'next')), '2032-02-29', '2032-02-29 is a Sunday');
    assert.equal(formatIsoDate(weekEnding(d('2028-03-01'), 'last')), '2028-02-27');
  });

  test("the Sunday of any day's week is on or after it, within six days", () => {
    let date = d('2023-12-25');
    for (let i = 0; i < 800; i++, date = addDays(date, 1)) {
      const sunday = sundayEndingWeekOf(date);
      assert.equal(dayOfWeek(sunday), 0);
      const gap = (Date.UTC(sunday.year, sunday.month - 1, sunday.day) - Date.UTC(date.year, date.month - 1, date.day)) / 86_400_000;
      assert.ok(gap >= 0 && gap <= 6, formatIsoDate(date));
    }
  });
});

suite("The writer's calendar date, in any time zone", () => {
  // Sunday 2026-11-22 19:30 in Honolulu (UTC-10) is already Monday 05:30 in UTC.
  const sundayEveningHonolulu = new Date('2026-11-23T05:30:00Z');
  // Monday 2026-11-23 08:00 in Tonga (UTC+13) is still Sunday 19:00 in UTC.
  const mondayMorningTonga = new Date('2026-11-22T19:00:00Z');

  test('a writer in UTC-10 on Sunday evening gets that Sunday as the next week end', () => {
    const today = calendarDateIn(sundayEveningHonolulu, 'Pacific/Honolulu');
    assert.equal(formatIsoDate(today), '2026-11-22');
    assert.equal(formatIsoDate(weekEnding(today, 'next')), '2026-11-22');
    // UTC would have said Monday, and next Sunday a week too late.
    assert.equal(formatIsoDate(weekEnding(calendarDateIn(sundayEveningHonolulu, 'UTC'), 'next')), '2026-11-29');
  });

  test('a writer in UTC+13 on Monday morning gets yesterday as the last week end', () => {
    const today = calendarDateIn(mondayMorningTonga, 'Pacific/Tongatapu');
    assert.equal(formatIsoDate(today), '2026-11-23');
    assert.equal(formatIsoDate(weekEnding(today, 'last')), '2026-11-22');
    assert.equal(formatIsoDate(weekEnding(today, 'next')), '2026-11-29');
  });

  test('the dateline extremes UTC+14 and UTC-12 differ by two calendar days', () => {
    const instant = new Date('2026-11-22T11:30:00Z');
    assert.equal(formatIsoDate(calendarDateIn(instant, 'Pacific/Kiritimati')), '2026-11-23');
    assert.equal(formatIsoDate(calendarDateIn(instant, 'Etc/GMT+12')), '2026-11-21');
  });

  test('knows which time zone names are real', () => {
    assert.ok(isKnownTimeZone('America/Los_Angeles'));
    assert.ok(!isKnownTimeZone('Mars/Olympus_Mons'));
  });
});

suite('Front-matter times', () => {
  test('formats an instant in UTC with -0000, as the posts do', () => {
    assert.equal(formatFrontMatterTime(new Date('2026-08-06T04:12:09.900Z')), '2026-08-06 04:12:09 -0000');
  });

  test("parses the posts' form and rejects impossible times", () => {
    const time = parseFrontMatterTime('2026-08-06 04:12:09 -0700');
    assert.ok(time);
    assert.equal(frontMatterInstant(time).toISOString(), '2026-08-06T11:12:09.000Z');
    for (const bad of [
      '2022-02-29 22:00:00 -0000',
      '2026-08-06 24:00:00 -0000',
      '2026-08-06 22:00 -0000',
      '2026-08-06T22:00:00Z',
      '2026-08-06 22:00:00',
      '2026-08-06 22:61:00 -0000',
    ]) {
      assert.equal(parseFrontMatterTime(bad), undefined, bad);
    }
  });
});

suite('ISO-8601 instants (lwkd stamp --now)', () => {
  test('reads Z and numeric offsets to the instant they name', () => {
    const at = (text: string): string => {
      const parsed = parseIsoInstant(text);
      assert.ok(parsed.ok, text);
      return parsed.instant.toISOString();
    };
    assert.equal(at('2026-11-23T04:12:09Z'), '2026-11-23T04:12:09.000Z');
    assert.equal(at('2026-11-23T06:12:09+02:00'), '2026-11-23T04:12:09.000Z');
    assert.equal(at('2026-11-22T23:12:09-0500'), '2026-11-23T04:12:09.000Z');
    assert.equal(at('2026-11-23T04:12Z'), '2026-11-23T04:12:00.000Z');
    assert.equal(at('2026-11-23T04:12:09.5Z'), '2026-11-23T04:12:09.500Z');
  });

  test('a time without an offset is refused, whatever zone the machine is in', () => {
    // Date would read "2026-11-23T04:12:09" in the machine's zone (TZ=Asia/Kolkata: 22:42 UTC the day before).
    const parsed = parseIsoInstant('2026-11-23T04:12:09');
    assert.equal(parsed.ok === false && parsed.reason, 'noOffset');
  });

  test('impossible times and years past 9999 are refused', () => {
    for (const text of ['2026-02-30T00:00:00Z', '2026-11-23T24:00:00Z', '2026-11-23T04:60:00Z', '2026-11-23T04:12:60Z', '2026-11-23T04:12:09+25:00']) {
      const parsed = parseIsoInstant(text);
      assert.equal(parsed.ok === false && parsed.reason, 'impossible', text);
    }
    const past = parseIsoInstant('9999-12-31T23:00:00-05:00');
    assert.equal(past.ok === false && past.reason, 'outOfRange');
    for (const text of ['+010000-01-01T00:00:00Z', '10000-01-01T00:00:00Z', 'tomorrow', '2026-11-23']) {
      const parsed = parseIsoInstant(text);
      assert.equal(parsed.ok === false && parsed.reason, 'form', text);
    }
  });
});
