import * as assert from 'node:assert/strict';
import type { CalendarDate } from '../../src/core/calendar';
import { parseCalendarDate, wallClockIn, zonedInstant } from '../../src/core/calendar';
import { editionCountdown, editionDeadlines, formatDuration, formatInZone } from '../../src/core/deadlines';

const d = (text: string): CalendarDate => parseCalendarDate(text)!;
const iso = (instant: Date): string => instant.toISOString().replace('.000', '');
/** ICU puts a narrow no-break space before AM/PM; compare as typed. */
const plain = (text: string): string => text.replace(/\s/g, ' ');

suite('Edition deadlines', () => {
  test('drafts are due Tuesday 23:59 and publication is Wednesday 23:59 in New York, EST in winter', () => {
    const { drafts, publication } = editionDeadlines(d('2027-03-07'));
    assert.equal(iso(drafts), '2027-03-10T04:59:00Z');
    assert.equal(iso(publication), '2027-03-11T04:59:00Z');
  });

  test('the week DST starts (Sunday March 14, 2027) has its deadlines in EDT', () => {
    const { drafts, publication } = editionDeadlines(d('2027-03-14'));
    assert.equal(iso(drafts), '2027-03-17T03:59:00Z');
    assert.equal(iso(publication), '2027-03-18T03:59:00Z');
  });

  test('the week DST ends (Sunday November 1, 2026) has its deadlines in EST; the week before in EDT', () => {
    assert.equal(iso(editionDeadlines(d('2026-11-01')).drafts), '2026-11-04T04:59:00Z');
    assert.equal(iso(editionDeadlines(d('2026-10-25')).drafts), '2026-10-28T03:59:00Z');
  });

  test("zonedInstant reads the zone's offset on that day, wherever the zone is", () => {
    assert.equal(iso(zonedInstant(d('2027-07-01'), 9, 30, 'Asia/Kolkata')), '2027-07-01T04:00:00Z');
    assert.equal(iso(zonedInstant(d('2027-01-01'), 0, 0, 'Pacific/Kiritimati')), '2026-12-31T10:00:00Z');
    assert.equal(iso(zonedInstant(d('2027-03-28'), 12, 0, 'Europe/London')), '2027-03-28T11:00:00Z');
    assert.deepEqual(wallClockIn(new Date('2027-03-17T03:59:00Z'), 'America/New_York'), { year: 2027, month: 3, day: 16, hour: 23, minute: 59, second: 0 });
  });

  test('durations show their two largest units, rounded down', () => {
    const minute = 60_000;
    assert.equal(formatDuration((2 * 24 * 60 + 4 * 60 + 59) * minute), '2d 4h');
    assert.equal(formatDuration(3 * 24 * 60 * minute), '3d');
    assert.equal(formatDuration(20 * 60 * minute), '20h');
    assert.equal(formatDuration((5 * 60 + 12) * minute + 59_000), '5h 12m');
    assert.equal(formatDuration(45 * minute), '45m');
    assert.equal(formatDuration(59_000), '<1m');
  });
});

suite('Edition countdown', () => {
  const week = d('2027-03-07');

  test('before Tuesday night: the drafts deadline, even while the week is still going', () => {
    assert.deepEqual(editionCountdown(week, new Date('2027-03-08T00:59:00Z')), { phase: 'drafts', text: 'Week ending Mar 7 · drafts due in 2d 4h' });
    assert.deepEqual(editionCountdown(week, new Date('2027-03-03T12:00:00Z')), { phase: 'drafts', text: 'Week ending Mar 7 · drafts due in 6d 16h' });
  });

  test('after the drafts deadline: publication; at Wednesday 23:59 Eastern: past', () => {
    assert.deepEqual(editionCountdown(week, new Date('2027-03-10T04:59:00Z')), { phase: 'publication', text: 'Week ending Mar 7 · publication in 1d' });
    assert.deepEqual(editionCountdown(week, new Date('2027-03-10T08:59:00Z')), { phase: 'publication', text: 'Week ending Mar 7 · publication in 20h' });
    assert.deepEqual(editionCountdown(week, new Date('2027-03-11T04:58:30Z')), { phase: 'publication', text: 'Week ending Mar 7 · publication in <1m' });
    assert.deepEqual(editionCountdown(week, new Date('2027-03-11T04:59:00Z')), { phase: 'past', text: 'Week ending Mar 7 · past publication' });
  });

  test('counts real time across the spring-forward: Sunday 01:00 EST to Tuesday 23:59 EDT is 2d 21h, not 2d 22h', () => {
    assert.equal(editionCountdown(d('2027-03-14'), new Date('2027-03-14T06:00:00Z')).text, 'Week ending Mar 14 · drafts due in 2d 21h');
  });

  test('and across the fall-back: Sunday 00:00 EDT to Tuesday 23:59 EST is 3d, not 2d 23h', () => {
    assert.equal(editionCountdown(d('2026-11-01'), new Date('2026-11-01T04:00:00Z')).text, 'Week ending Nov 1 · drafts due in 3d');
  });

  test("a deadline reads in US Eastern and in the writer's zone, with the zone's own abbreviation", () => {
    const { drafts } = editionDeadlines(d('2027-03-14'));
    assert.equal(plain(formatInZone(drafts, 'America/New_York')), 'Tue, Mar 16, 11:59 PM EDT');
    assert.equal(plain(formatInZone(drafts, 'America/Los_Angeles')), 'Tue, Mar 16, 8:59 PM PDT');
    assert.equal(plain(formatInZone(drafts, 'Asia/Kolkata')), 'Wed, Mar 17, 9:29 AM GMT+5:30');
    // Europe is still on winter time that week.
    assert.equal(plain(formatInZone(drafts, 'Europe/Berlin')), 'Wed, Mar 17, 4:59 AM GMT+1');
  });
});
