import * as assert from 'node:assert/strict';
import { firstInsertedBullet, sectionInsertions } from '../../src/core/sectionInsert';
import { applyEdits } from '../../src/core/textEdit';

suite('Inserting lines into their sections', () => {
  test("bullets go to the end of their section, replace the template's empty bullet, or start the missing section in order", () => {
    const text = [
      '---',
      'title: x',
      '---',
      '## Featured PRs',
      '',
      'Text.',
      '',
      '## Other Merges',
      '',
      '* Existing [item](u)',
      '',
      '## Promotions',
      '',
      '*',
      '',
      '## Shoutouts',
      '',
      'Thanks',
      '',
    ].join('\n');
    const edits = sectionInsertions(
      text,
      new Map([
        ['Other Merges', ['* a']],
        ['Promotions', ['* b']],
        ['Version Updates', ['* c']],
        ['Deprecated', ['* d']],
      ]),
    );
    assert.equal(
      applyEdits(text, edits),
      [
        '---',
        'title: x',
        '---',
        '## Featured PRs',
        '',
        'Text.',
        '',
        '## Other Merges',
        '',
        '* Existing [item](u)',
        '* a',
        '',
        '## Promotions',
        '',
        '* b',
        '',
        '## Deprecated',
        '',
        '* d',
        '',
        '## Version Updates',
        '',
        '* c',
        '',
        '## Shoutouts',
        '',
        'Thanks',
        '',
      ].join('\n'),
    );
  });

  test("at the end of a text without a final line break, insertions follow its last line in the template's order", () => {
    const text = '---\n---\n## Developer News\n\nNews.';
    const edits = sectionInsertions(
      text,
      new Map([
        ['Shoutouts', ['* t']],
        ['Developer News', ['* n']],
      ]),
    );
    assert.equal(applyEdits(text, edits), '---\n---\n## Developer News\n\nNews.\n\n* n\n\n## Shoutouts\n\n* t');
  });

  test('the first inserted bullet is where the edited text has it', () => {
    const texts = [
      ['---', 'title: x', '---', '## Other Merges', '', '* Existing [item](u)', '', '## Promotions', '', '*', ''].join('\n'),
      '---\n---\n## Developer News\n\nNews.',
      '---\n---\n## Shoutouts\n',
    ];
    for (const text of texts) {
      const edits = sectionInsertions(
        text,
        new Map([
          ['Developer News', ['* n']],
          ['Other Merges', ['* a']],
          ['Promotions', ['* b']],
        ]),
      );
      // The inserted bullets are the only lines that read so.
      const expected = applyEdits(text, edits)
        .split('\n')
        .findIndex((line) => /^\* [nab]$/.test(line));
      assert.ok(expected > 0, text);
      assert.equal(firstInsertedBullet(edits), expected, text);
    }
    assert.equal(firstInsertedBullet([]), undefined);
  });
});
