import * as assert from 'node:assert/strict';
import { DEFAULT_MERGED_LABELS, mergedSearchQuery } from '../../src/core/mergedPrs';
import { editionWeekWindow, githubDateRange } from '../../src/core/weekWindow';

const week = { year: 2027, month: 3, day: 14 };

suite('Week windows', () => {
  test("Monday 00:00 to the next Monday 00:00 on the writer's clock, across the spring DST change", () => {
    // US clocks spring forward on Sunday 2027-03-14: the week starts at -05:00 and ends at -04:00.
    const window = editionWeekWindow(week, 'America/New_York');
    assert.equal(window.start.toISOString(), '2027-03-08T05:00:00.000Z');
    assert.equal(window.end.toISOString(), '2027-03-15T04:00:00.000Z');
    assert.equal(githubDateRange(window), '2027-03-08T05:00:00Z..2027-03-15T03:59:59Z');
  });

  test('the autumn change, UTC, and zones east of UTC', () => {
    const fall = editionWeekWindow({ year: 2026, month: 11, day: 1 }, 'America/Los_Angeles');
    assert.equal(githubDateRange(fall), '2026-10-26T07:00:00Z..2026-11-02T07:59:59Z');
    assert.equal(fall.end.getTime() - fall.start.getTime(), (7 * 24 + 1) * 3600_000, 'a 169-hour week');
    assert.equal(githubDateRange(editionWeekWindow(week, 'UTC')), '2027-03-08T00:00:00Z..2027-03-14T23:59:59Z');
    assert.equal(githubDateRange(editionWeekWindow(week, 'Asia/Kolkata')), '2027-03-07T18:30:00Z..2027-03-14T18:29:59Z');
    assert.equal(editionWeekWindow(week, 'Asia/Tokyo').start.toISOString(), '2027-03-07T15:00:00.000Z');
  });

  test("the search query is CONTRIBUTING's, scoped to the repository and the window", () => {
    const q = mergedSearchQuery('kubernetes/kubernetes', editionWeekWindow(week, 'UTC'), [...DEFAULT_MERGED_LABELS, 'needs quoting']);
    assert.equal(
      q,
      'repo:kubernetes/kubernetes is:pr is:merged merged:2027-03-08T00:00:00Z..2027-03-14T23:59:59Z label:release-note,release-note-action-required,kind/deprecation,kind/api-change,kind/feature,size/L,"needs quoting"',
    );
  });
});
