import * as assert from 'node:assert/strict';
import { lineSummary } from '../../src/core/sections';

suite('A line as a reader sees it', () => {
  test('a bullet reads as its words, links as their text', () => {
    assert.equal(lineSummary('* Revert [an example change](https://github.com/kubernetes/kubernetes/pull/140003)'), 'Revert an example change');
    assert.equal(lineSummary('### [#140101: CPU manager options](https://github.com/kubernetes/kubernetes/pull/140101)'), '#140101: CPU manager options');
    assert.equal(lineSummary('**Next Deadline: Code Freeze, March 5**'), 'Next Deadline: Code Freeze, March 5');
  });

  test('a long line is cut, and what is cut is said with an ellipsis', () => {
    const summary = lineSummary(`* ${'word '.repeat(100_000)}`, 40);
    assert.equal(summary.length, 40);
    assert.ok(summary.endsWith('…'));
  });
});
