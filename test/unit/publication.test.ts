import * as assert from 'node:assert/strict';
import type { CalendarDate } from '../../src/core/calendar';
import { parseCalendarDate, parseFrontMatterTime } from '../../src/core/calendar';
import { buttondownBody, buttondownSubject, isPlausibleStamp, socialFacts, socialPost } from '../../src/core/publication';

const d = (text: string): CalendarDate => parseCalendarDate(text)!;

const EDITION = `---
layout: post
title: Week Ending March 7, 2027
date: 2027-03-08 04:12:09 -0000
slug: 2027-03-07-update
---

## Developer News

### Steering Election

Candidates for the [Steering election](https://example.invalid/e) are selected; see the [feed](/feed.xml).

### Election Update

### Contributor Blog

## Release Schedule

**Next Deadline: Code Freeze, March 12th**

## Featured PRs

### [#140001: Add **CPU manager** options](https://github.com/kubernetes/kubernetes/pull/140001)

A fixture paragraph.

### [#140002: [KEP-4001] Statefulset scaledown](https://github.com/kubernetes/kubernetes/pull/140002)

Another one.

## KEP of the Week

### [KEP-0000: SIG-Scheduling: NominatedNodeName](https://github.com/kubernetes/enhancements/issues/0)

Text.

## Other Merges

### Not a fact

* A merge
`;

suite('Buttondown', () => {
  test("the subject is publishing.md's, from the week-ending Sunday", () => {
    assert.equal(buttondownSubject(d('2027-03-07')), 'LWKD: Week Ending March 7, 2027');
  });

  test('the body is the edition without its front matter, headed by the edition date only', () => {
    const body = buttondownBody(EDITION, d('2027-03-07'), 'https://lwkd.info/');
    assert.ok(body.startsWith('# Week Ending March 7, 2027\n\n## Developer News\n\n### Steering Election\n'), body.slice(0, 80));
    assert.doesNotMatch(body, /layout:|slug:|^---/m);
    assert.ok(body.endsWith('* A merge\n'));
  });

  test('site-relative links become absolute (an email has no site); other links are untouched', () => {
    const body = buttondownBody(EDITION, d('2027-03-07'), 'https://lwkd.info/');
    assert.match(body, /\[feed\]\(https:\/\/lwkd\.info\/feed\.xml\)/);
    assert.match(body, /\(https:\/\/example\.invalid\/e\)/);
    assert.match(buttondownBody('---\n---\n[a](//cdn.example/x) [b](#top)\n', d('2027-03-07'), 'https://x'), /\(\/\/cdn\.example\/x\) \[b\]\(#top\)/);
  });

  test('CRLF posts and posts without front matter give the same shape', () => {
    assert.equal(
      buttondownBody('---\r\ntitle: x\r\n---\r\n\r\n## A\r\n\r\ntext\r\n', d('2027-03-07'), 'https://x'),
      '# Week Ending March 7, 2027\n\n## A\n\ntext\n',
    );
    assert.equal(buttondownBody('## A\n', d('2027-03-07'), 'https://x'), '# Week Ending March 7, 2027\n\n## A\n');
  });
});

suite('Social post', () => {
  test('facts are the headings of Developer News, Featured PRs and KEP of the Week that have text', () => {
    assert.deepEqual(socialFacts(EDITION), ['Steering Election', 'Add CPU manager options', 'Statefulset scaledown', 'NominatedNodeName']);
    assert.deepEqual(socialFacts(EDITION, 2), ['Steering Election', 'Add CPU manager options']);
  });

  test('an edition of empty template sections has no facts', () => {
    assert.deepEqual(socialFacts('---\n---\n## Developer News\n\n### Election Update\n\n### Contributor Blog\n\n## Featured PRs\n\n'), []);
  });

  test("has publishing.md's format: week, facts, permalink, hashtags", () => {
    assert.equal(
      socialPost(d('2026-08-02'), ['Steering candidates selected', 'CPU manager'], 'https://lwkd.info/2026/20260806'),
      'Week ending August 2: Steering candidates selected, CPU manager\n\nhttps://lwkd.info/2026/20260806\n\n#kubernetes #containers #CloudNative\n',
    );
  });
});

suite('Publication stamp', () => {
  const week = d('2027-03-07');
  const now = new Date('2027-03-09T12:00:00Z');
  const plausible = (date: string): boolean => isPlausibleStamp(parseFrontMatterTime(date)!, week, now);

  test('a stamp after the week ended and not in the future is worth keeping', () => {
    assert.equal(plausible('2027-03-08 04:12:09 -0000'), true);
    assert.equal(plausible('2027-03-09 12:00:30 -0000'), true, 'a clock a little ahead');
  });

  test("the template's default, a date before the week ends, and the future are not", () => {
    assert.equal(plausible('2027-03-07 22:00:00 -0000'), false);
    assert.equal(plausible('2027-03-06 23:00:00 -0000'), false);
    assert.equal(plausible('2027-03-09 12:05:00 -0000'), false);
  });
});
