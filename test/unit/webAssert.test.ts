import * as assert from 'node:assert/strict';
import * as web from '../web/assert';

/** The web layer's assertions stand in for node:assert there: they must fail where it fails. */
suite("The web layer's assertions", () => {
  const fails = (check: () => void, message: RegExp) =>
    assert.throws(check, (error: unknown) => error instanceof web.AssertionError && message.test(error.message));

  test('ok and equal pass on what node:assert passes, and fail with both values shown', () => {
    web.ok(1);
    web.equal('a', 'a');
    web.equal(Number.NaN, Number.NaN);
    fails(() => web.ok(0, 'zero'), /^zero\nexpected a truthy value, got 0$/);
    fails(() => web.equal(1, '1'), /^1 !== "1"$/);
    fails(() => web.notEqual(2, 2), /anything but 2/);
  });

  test('deepEqual compares arrays and plain objects strictly, and refuses what it cannot compare', () => {
    web.deepEqual({ a: [1, { b: 'c' }], d: undefined }, { a: [1, { b: 'c' }], d: undefined });
    fails(() => web.deepEqual([1, 2], [2, 1]), /expected \[2,1\]/);
    fails(() => web.deepEqual({ a: 1 }, { a: 1, b: undefined }), /expected/);
    fails(() => web.deepEqual({ a: 1, b: undefined }, { a: 1, c: undefined }), /expected/);
    fails(() => web.deepEqual(new Date(0), {}), /expected/);
    fails(() => web.deepEqual(new Date(0), new Date(1)), /expected/);
    fails(() => web.deepEqual(new Map([[1, 2]]), new Map()), /expected/);
    fails(() => web.deepEqual({ a: '1' }, { a: 1 }), /expected/);
  });

  test('match and doesNotMatch', () => {
    web.match('Cannot reach GitHub', /reach/);
    web.doesNotMatch('text', /<img/);
    fails(() => web.match('abc', /d/), /"abc" does not match \/d\//);
    fails(() => web.doesNotMatch('<img>', /<img/), /matches/);
  });
});
