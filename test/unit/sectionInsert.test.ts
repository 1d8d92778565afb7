import * as assert from 'node:assert/strict';
import { sectionInsertions } from '../../src/core/sectionInsert';

suite('Inserting lines into their sections', () => {
  test('bullets go to the end of their section, replace the template\'s empty bullet, or start the missing section in order', () => {
    const text = ['---', 'title: x', '---', '## Featured PRs', '', 'Text.', '', '## Other Merges', '', '* Existing [item](u)', '', '## Promotions', '', '*', '', '## Shoutouts', '', 'Thanks', ''].join('\n');
    const edits = sectionInsertions(text, new Map([
      ['Other Merges', ['* a']], ['Promotions', ['* b']], ['Version Updates', ['* c']], ['Deprecated', ['* d']],
    ]));
    const lines = text.split('\n');
    for (const edit of [...edits].reverse()) {
      lines.splice(edit.line, edit.replace ? 1 : 0, ...edit.lines);
    }
    assert.equal(lines.join('\n'), ['---', 'title: x', '---', '## Featured PRs', '', 'Text.', '', '## Other Merges', '', '* Existing [item](u)', '* a', '',
      '## Promotions', '', '* b', '', '## Deprecated', '', '* d', '', '## Version Updates', '', '* c', '', '## Shoutouts', '', 'Thanks', ''].join('\n'));
  });
});
