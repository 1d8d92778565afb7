import * as assert from 'node:assert/strict';
import { findTitleSlot, linkText, titleEdit } from '../../src/core/prTitleEdit';
import { applyEdits } from '../../src/core/textEdit';

suite('Where a PR title goes', () => {
  test('the text of a link to a pull request', () => {
    const line = '* Kubelet [does x](https://github.com/kubernetes/kubernetes/pull/121046) now';
    const slot = findTitleSlot(line, 14);
    assert.deepEqual(slot && { ...slot, text: line.slice(slot.start, slot.end) }, {
      key: { owner: 'kubernetes', repo: 'kubernetes', number: 121046 },
      start: 11,
      end: 17,
      prefix: '',
      text: 'does x',
    });
  });

  test('the title part of a Featured PR heading, keeping its number', () => {
    const line = '### [#111090: old title](https://github.com/kubernetes/kubernetes/pull/111090)';
    const slot = findTitleSlot(line, 8)!;
    assert.equal(line.slice(slot.start, slot.end), 'old title');
    const bare = '### [https://github.com/kubernetes/kubernetes/pull/1](https://github.com/kubernetes/kubernetes/pull/1)';
    assert.equal(findTitleSlot(bare, 10)?.prefix, '1: ');
  });

  test('nothing for issues, other links, malformed PR links, or outside the link', () => {
    assert.equal(findTitleSlot('[x](https://github.com/kubernetes/kubernetes/issues/1)', 1), undefined);
    assert.equal(findTitleSlot('[x](https://example.com/pull/1)', 1), undefined);
    assert.equal(findTitleSlot('[x](https://github.com/kubernetes/kubernetes/pull/102377deb)', 1), undefined);
    assert.equal(findTitleSlot('text [x](https://github.com/kubernetes/kubernetes/pull/1)', 2), undefined);
  });

  test('titles are made safe for link text', () => {
    assert.equal(linkText('Fix [beta] \\ parsing\n of x'), 'Fix \\[beta\\] \\\\ parsing of x');
  });

  test("the title goes into its slot, inert, after the heading's number when it lacked one", () => {
    const text =
      'intro\r\n* Kubelet [does x](https://github.com/kubernetes/kubernetes/pull/121046) now\r\n### [https://github.com/kubernetes/kubernetes/pull/1](https://github.com/kubernetes/kubernetes/pull/1)\r\n';
    const lines = text.split(/\r?\n/);
    const edits = [titleEdit(1, findTitleSlot(lines[1]!, 14)!, 'Kubelet does [y]'), titleEdit(2, findTitleSlot(lines[2]!, 10)!, 'First')];
    assert.equal(
      applyEdits(text, edits),
      'intro\r\n* Kubelet [Kubelet does \\[y\\]](https://github.com/kubernetes/kubernetes/pull/121046) now\r\n### [1: First](https://github.com/kubernetes/kubernetes/pull/1)\r\n',
    );
  });
});
