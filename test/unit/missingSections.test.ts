import * as assert from 'node:assert/strict';
import { BUILTIN_TEMPLATE } from '../../src/core/edition';
import { lintPost } from '../../src/core/lint';
import type { MissingSection } from '../../src/core/missingSections';
import { missingSectionInsertions } from '../../src/core/missingSections';
import { applyEdits } from '../../src/core/textEdit';
import { TEMPLATE_HEADINGS } from '../util/editionShape';

const withInsertions = (text: string, insertions: readonly MissingSection[]): string =>
  applyEdits(
    text,
    insertions.map((insertion) => insertion.edit),
  );

const HEAD = '---\nlayout: post\ntitle: Week Ending November 22, 2026\n---\n';

suite('Add Missing Sections', () => {
  test("inserts what is missing at its place in the template's order, touching nothing else", () => {
    const text = `${HEAD}\n## Developer News\n\nNews.\n\n## Other Merges\n\n* A [merge](https://x.invalid)\n`;
    const result = withInsertions(text, missingSectionInsertions(text, BUILTIN_TEMPLATE));
    const headings = result.split('\n').filter((line) => line.startsWith('## '));
    assert.deepEqual(headings, TEMPLATE_HEADINGS);
    // Every original line is still there, in order.
    const original = text.split('\n').filter(Boolean);
    let at = 0;
    for (const line of result.split('\n')) {
      if (line === original[at]) {
        at++;
      }
    }
    assert.equal(at, original.length);
    assert.match(result, /## Release Schedule\n\n\*\*Next Deadline:\*\*/);
    assert.match(result, /## Shoutouts\n\n\* No shoutouts this week/);
  });

  test('a complete edition gets nothing', () => {
    const text = `${HEAD}${BUILTIN_TEMPLATE.slice(BUILTIN_TEMPLATE.indexOf('## Developer News'))}`;
    assert.deepEqual(missingSectionInsertions(text, BUILTIN_TEMPLATE), []);
  });

  test('sections are recognised whatever their case; the workspace template decides the order', () => {
    const template = '---\n---\n## Shoutouts\n\n* none\n\n## Developer News\n';
    const text = `${HEAD}\n## developer news\n\nNews.\n`;
    const result = withInsertions(text, missingSectionInsertions(text, template));
    assert.deepEqual(
      result.split('\n').filter((line) => line.startsWith('## ')),
      ['## Shoutouts', '## developer news'],
    );
  });

  test('an archived spelling the style checks accept counts as the section, and still places the others', () => {
    const text = `${HEAD}\n## Developer News\n\nNews.\n\n## Featured PR\n\n## Deprecations\n\n* x\n\n## Shoutout\n`;
    const result = withInsertions(text, missingSectionInsertions(text, BUILTIN_TEMPLATE));
    assert.deepEqual(
      result.split('\n').filter((line) => line.startsWith('## ')),
      [
        '## Developer News',
        '## Release Schedule',
        '## Featured PR',
        '## KEP of the Week',
        '## Other Merges',
        '## Promotions',
        '## Deprecations',
        '## Version Updates',
        '## Subprojects and Dependency Updates',
        '## Shoutout',
      ],
    );
    assert.equal(lintPost(result, { fileName: '2026-11-22-update.md' }).filter((finding) => finding.code === 'duplicate-section').length, 0);
  });

  test('added sections bring no empty bullets for the style checks to flag, and say which they are', () => {
    const text = `${HEAD}\n## Developer News\n\nNews.\n`;
    const insertions = missingSectionInsertions(text, BUILTIN_TEMPLATE);
    const result = withInsertions(text, insertions);
    assert.doesNotMatch(result, /^\s*\*\s*$/m);
    assert.doesNotMatch(result, /\n\n\n/);
    assert.deepEqual(
      lintPost(result, { fileName: '2026-11-22-update.md' }).filter((finding) => finding.code === 'empty-bullet'),
      [],
    );
    assert.deepEqual(
      insertions.map((insertion) => insertion.title),
      [
        'Release Schedule',
        'Featured PRs',
        'KEP of the Week',
        'Other Merges',
        'Promotions',
        'Deprecated',
        'Version Updates',
        'Subprojects and Dependency Updates',
        'Shoutouts',
      ],
    );
  });
});
