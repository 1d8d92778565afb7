import * as assert from 'node:assert/strict';
import { parseCalendarDate } from '../../src/core/calendar';
import type { CalendarDate } from '../../src/core/calendar';
import {
  BUILTIN_TEMPLATE,
  editionBranchName,
  editionFileName,
  firstWritingPosition,
  renderTemplate,
  readFrontMatterDate,
  stampPublicationTime,
  weekEndingFromFileName,
} from '../../src/core/edition';
import { applyEdits } from '../../src/core/textEdit';
import { frontMatterLines, TEMPLATE_HEADINGS } from '../util/editionShape';

const d = (text: string): CalendarDate => parseCalendarDate(text)!;

suite('Scaffolding an edition', () => {
  test('names the file and branch after the week-ending Sunday', () => {
    assert.equal(editionFileName(d('2026-08-02')), '2026-08-02-update.md');
    assert.equal(editionBranchName(d('2026-08-02')), '20260802');
    assert.deepEqual(weekEndingFromFileName('_posts/2026-08-02-update.md'), d('2026-08-02'));
    assert.equal(weekEndingFromFileName('_posts/notes.md'), undefined);
  });

  test("fills the built-in template's front matter exactly like the published posts", () => {
    const text = renderTemplate(BUILTIN_TEMPLATE, d('2022-08-07'));
    assert.deepEqual(frontMatterLines(text), {
      layout: 'post',
      title: 'Week Ending August 7, 2022',
      date: '2022-08-07 22:00:00 -0000',
      slug: '2022-08-07-update',
    });
  });

  test('the built-in template has the current LWKD sections in order', () => {
    const headings = BUILTIN_TEMPLATE.split('\n').filter((line) => line.startsWith('## '));
    assert.deepEqual(headings, TEMPLATE_HEADINGS);
  });

  test('substitutes placeholders as plain text and keeps everything else byte for byte', () => {
    const template =
      '---\r\ntitle: Week Ending Month DD, YYYY\r\nslug: POST_SLUG_DATE-update\r\n---\r\n${process.exit(1)} {{ site.title }} <%= 1 + 1 %> `rm -rf` $1 $& POST_DATE\r\n';
    const text = renderTemplate(template, d('2026-11-22'));
    assert.equal(
      text,
      '---\r\ntitle: Week Ending November 22, 2026\r\nslug: 2026-11-22-update\r\n---\r\n${process.exit(1)} {{ site.title }} <%= 1 + 1 %> `rm -rf` $1 $& 2026-11-22\r\n',
    );
  });

  test('puts the cursor on the blank line under the first section', () => {
    const text = renderTemplate(BUILTIN_TEMPLATE, d('2026-11-22'));
    const position = firstWritingPosition(text);
    const lines = text.split('\n');
    assert.equal(lines[position.line - 1], '## Developer News');
    assert.equal(lines[position.line], '');
    assert.deepEqual(firstWritingPosition('no sections here'), { line: 0, character: 16 });
  });
});

suite('Stamping the publication time', () => {
  const edition =
    '---\nlayout: post\ntitle: Week Ending November 22, 2026\ndate: 2026-11-22 22:00:00 -0000\nslug: 2026-11-22-update\n---\n\n## Developer News\n';

  test('replaces only the date line, in UTC, to the second', () => {
    const result = stampPublicationTime(edition, new Date('2026-11-23T04:12:09.987Z'));
    assert.ok(result.ok);
    assert.equal(result.value, '2026-11-23 04:12:09 -0000');
    assert.equal(result.previous, '2026-11-22 22:00:00 -0000');
    assert.equal(result.beforeWeekEnd, false);
    assert.equal(applyEdits(edition, [result.edit]), edition.replace('2026-11-22 22:00:00 -0000', '2026-11-23 04:12:09 -0000'));
  });

  test("warns about a stamp before the week has ended (the hook's old mistake)", () => {
    const result = stampPublicationTime(edition, new Date('2026-11-20T17:00:00Z'));
    assert.ok(result.ok && result.beforeWeekEnd);
    assert.deepEqual(result.ok && result.weekEnding, d('2026-11-22'));
  });

  test('adds a missing date line before the closing ---, keeping CRLF', () => {
    const crlf = '---\r\nlayout: post\r\nslug: 2026-11-22-update\r\n---\r\nbody\r\n';
    const result = stampPublicationTime(crlf, new Date('2026-11-23T00:00:00Z'));
    assert.ok(result.ok);
    assert.equal(applyEdits(crlf, [result.edit]), '---\r\nlayout: post\r\nslug: 2026-11-22-update\r\ndate: 2026-11-23 00:00:00 -0000\r\n---\r\nbody\r\n');
  });

  test('takes the week from the file name when there is no slug', () => {
    const result = stampPublicationTime('---\ntitle: x\n---\n', new Date('2026-11-21T00:00:00Z'), '/w/_posts/2026-11-22-update.md');
    assert.ok(result.ok && result.beforeWeekEnd);
  });

  test('refuses a file without front matter', () => {
    const result = stampPublicationTime('## Just notes\n', new Date());
    assert.equal(result.ok, false);
  });

  const stamp = (text: string, now = '2026-11-23T04:12:09Z'): string => {
    const result = stampPublicationTime(text, new Date(now));
    assert.ok(result.ok, result.ok ? '' : result.message);
    return applyEdits(text, [result.edit]);
  };

  test('each line keeps its own line ending: a mostly-LF file stays so', () => {
    const mixed = '---\nlayout: post\r\ndate: 2026-11-22 22:00:00 -0000\nslug: 2026-11-22-update\n---\r\nbody\n';
    assert.equal(stamp(mixed), mixed.replace('2026-11-22 22:00:00', '2026-11-23 04:12:09'));
    const missing = '---\nlayout: post\r\nslug: 2026-11-22-update\n---\r\nbody\n';
    assert.equal(stamp(missing), '---\nlayout: post\r\nslug: 2026-11-22-update\ndate: 2026-11-23 04:12:09 -0000\n---\r\nbody\n');
  });

  test('the byte-order mark is kept', () => {
    const withBom = '\uFEFF---\r\ndate: 2026-11-22 22:00:00 -0000\r\n---\r\n';
    assert.equal(stamp(withBom), '\uFEFF---\r\ndate: 2026-11-23 04:12:09 -0000\r\n---\r\n');
  });

  test('"date":, \'date\': and date : are updated in place, never added a second time', () => {
    for (const key of ['"date":', "'date':", 'date :', 'date\t:']) {
      const text = `---\nlayout: post\n${key} 2026-11-22 22:00:00 -0000\nslug: 2026-11-22-update\n---\n`;
      assert.equal(stamp(text), text.replace('2026-11-22 22:00:00', '2026-11-23 04:12:09'), key);
    }
  });

  test('only the value changes: quotes and a trailing comment stay', () => {
    const quoted = '---\ndate: "2026-11-22 22:00:00 -0000"  # publication time\n---\n';
    assert.equal(stamp(quoted), '---\ndate: "2026-11-23 04:12:09 -0000"  # publication time\n---\n');
    const empty = '---\ndate:\ntitle: x\n---\n';
    assert.equal(stamp(empty), '---\ndate: 2026-11-23 04:12:09 -0000\ntitle: x\n---\n');
    assert.equal(readFrontMatterDate(quoted)?.raw, '2026-11-22 22:00:00 -0000');
    assert.equal(readFrontMatterDate('---\n"date" : 2026-11-22 22:00:00 -0000\n---\n')?.time?.hour, 22);
  });

  test('refuses two date keys, a date over several lines and a time past 9999, changing nothing', () => {
    const twice = stampPublicationTime('---\ndate: 2026-11-22 22:00:00 -0000\n"date": 2026-11-22 22:00:00 -0000\n---\n', new Date('2026-11-23T00:00:00Z'));
    assert.equal(twice.ok === false && twice.reason, 'duplicateDate');
    assert.match(twice.ok ? '' : twice.message, /lines 2, 3/);
    const folded = stampPublicationTime('---\ndate: >-\n  2026-11-22 22:00:00 -0000\n---\n', new Date('2026-11-23T00:00:00Z'));
    assert.equal(folded.ok === false && folded.reason, 'multiLineDate');
    const continued = stampPublicationTime('---\ndate:\n  2026-11-22 22:00:00 -0000\n---\n', new Date('2026-11-23T00:00:00Z'));
    assert.equal(continued.ok === false && continued.reason, 'multiLineDate');
    const far = stampPublicationTime('---\ndate: x\n---\n', new Date(Date.UTC(10000, 0, 1)));
    assert.equal(far.ok === false && far.reason, 'timeOutOfRange');
  });
});
