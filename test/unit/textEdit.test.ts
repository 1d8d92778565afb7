import * as assert from 'node:assert/strict';
import type { TextEdit } from '../../src/core/textEdit';
import { applyEdits, editsOverlap, insertAt, replaceAllEdit } from '../../src/core/textEdit';
import { seededRandom } from '../util/seededRandom';

const edit = (line: number, column: number, endLine: number, endColumn: number, newText: string): TextEdit => ({ line, column, endLine, endColumn, newText });

/** Every order of `items`. */
function permutations<T>(items: readonly T[]): T[][] {
  return items.length <= 1
    ? [[...items]]
    : items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

suite('Text edits: one shape, one applier', () => {
  test('positions refer to the text before any edit, whatever order the edits come in', () => {
    const text = 'hello world\nsecond line\n';
    const edits = [edit(0, 0, 0, 5, 'goodbye'), edit(0, 6, 0, 11, 'moon'), edit(1, 0, 1, 6, '2nd'), insertAt(2, 0, 'third\n')];
    // Applied one after another at the given positions, the second edit would land inside
    // "goodbye": the applier must place every edit against the original text.
    for (const order of permutations(edits)) {
      assert.equal(applyEdits(text, order), 'goodbye moon\n2nd line\nthird\n');
    }
  });

  test('no edits leave the text as it is', () => {
    assert.equal(applyEdits('a\r\nb', []), 'a\r\nb');
  });

  test('insertions at one place keep their order; one where a replacement starts goes before it, one where it ends after it', () => {
    assert.equal(applyEdits('abc', [insertAt(0, 1, 'X'), insertAt(0, 1, 'Y'), insertAt(0, 1, 'Z')]), 'aXYZbc');
    assert.equal(applyEdits('abc', [insertAt(0, 1, 'Z'), insertAt(0, 1, 'Y')]), 'aZYbc');
    assert.equal(applyEdits('abcd', [edit(0, 1, 0, 3, 'R'), insertAt(0, 1, '<'), insertAt(0, 3, '>')]), 'a<R>d');
    assert.equal(applyEdits('abcd', [insertAt(0, 3, '>'), insertAt(0, 1, '<'), edit(0, 1, 0, 3, 'R')]), 'a<R>d');
  });

  test('edits that touch are applied; edits that overlap are refused', () => {
    assert.equal(applyEdits('abcdef', [edit(0, 2, 0, 4, '2'), edit(0, 0, 0, 2, '1'), edit(0, 4, 0, 6, '3')]), '123');
    assert.equal(applyEdits('ab\ncd\n', [edit(0, 1, 1, 0, '-'), edit(1, 0, 1, 1, 'C')]), 'a-Cd\n');
    assert.throws(() => applyEdits('abcdef', [edit(0, 0, 0, 3, 'x'), edit(0, 2, 0, 5, 'y')]), RangeError);
    assert.throws(() => applyEdits('abcdef', [edit(0, 1, 0, 5, 'x'), edit(0, 2, 0, 3, 'y')]), RangeError);
    assert.throws(() => applyEdits('abcdef', [edit(0, 1, 0, 5, 'x'), insertAt(0, 3, 'y')]), RangeError);
    assert.throws(() => applyEdits('ab\ncd\n', [edit(0, 1, 1, 1, 'x'), edit(1, 0, 1, 2, 'y')]), RangeError);
    assert.throws(() => applyEdits('abc', [edit(0, 0, 0, 2, 'x'), edit(0, 0, 0, 2, 'x')]), RangeError);
  });

  test('editsOverlap says what applyEdits refuses', () => {
    const cases: Array<[TextEdit, TextEdit, boolean]> = [
      [edit(0, 0, 0, 3, ''), edit(0, 2, 0, 5, ''), true],
      [edit(0, 0, 0, 2, ''), edit(0, 2, 0, 5, ''), false],
      [edit(0, 1, 0, 5, ''), insertAt(0, 3, ''), true],
      [edit(0, 1, 0, 5, ''), insertAt(0, 1, ''), false],
      [edit(0, 1, 0, 5, ''), insertAt(0, 5, ''), false],
      [insertAt(0, 2, ''), insertAt(0, 2, ''), false],
      [edit(0, 4, 1, 0, ''), edit(1, 0, 1, 3, ''), false],
      [edit(0, 4, 1, 1, ''), edit(1, 0, 1, 3, ''), true],
    ];
    for (const [a, b, overlap] of cases) {
      assert.equal(editsOverlap(a, b), overlap, JSON.stringify([a, b]));
      assert.equal(editsOverlap(b, a), overlap, JSON.stringify([b, a]));
      const apply = (): string => applyEdits('abcdef\nghijkl\n', [a, b]);
      if (overlap) {
        assert.throws(apply, RangeError);
      } else {
        assert.doesNotThrow(apply);
      }
    }
  });

  test('positions that are not positions are refused', () => {
    assert.throws(() => applyEdits('abc', [edit(-1, 0, 0, 0, 'x')]), RangeError);
    assert.throws(() => applyEdits('abc', [edit(0, 0.5, 0, 1, 'x')]), RangeError);
    assert.throws(() => applyEdits('abc', [edit(0, 2, 0, 1, 'x')]), RangeError);
    assert.throws(() => applyEdits('a\nb', [edit(1, 0, 0, 1, 'x')]), RangeError);
  });

  test('CRLF text: columns stop before the line break, lines keep their endings, new text goes in as written', () => {
    const text = 'one\r\ntwo\r\nthree\r\n';
    assert.equal(applyEdits(text, [edit(1, 0, 1, 3, 'TWO')]), 'one\r\nTWO\r\nthree\r\n');
    // A column past the end of the line means its end, before the \r: the break stays whole.
    assert.equal(applyEdits(text, [edit(0, 0, 0, 99, 'ONE')]), 'ONE\r\ntwo\r\nthree\r\n');
    assert.equal(applyEdits(text, [insertAt(0, 99, '!')]), 'one!\r\ntwo\r\nthree\r\n');
    // From the end of one line to the start of the next removes the whole \r\n.
    assert.equal(applyEdits(text, [edit(0, 3, 1, 0, ' ')]), 'one two\r\nthree\r\n');
    assert.equal(applyEdits(text, [insertAt(1, 0, 'new\r\n'), insertAt(2, 0, 'lf\n')]), 'one\r\nnew\r\ntwo\r\nlf\nthree\r\n');
    // Removing a whole line takes its break with it.
    assert.equal(applyEdits(text, [edit(1, 0, 2, 0, '')]), 'one\r\nthree\r\n');
    // A lone \r is not a line break (core splits on \r?\n): it is a character of its line.
    assert.equal(applyEdits('a\rb\nc', [edit(0, 2, 0, 3, 'B'), edit(1, 0, 1, 1, 'C')]), 'a\rB\nC');
  });

  test('mixed line endings: each line keeps its own', () => {
    const text = 'a\nb\r\nc\n';
    assert.equal(applyEdits(text, [edit(0, 0, 0, 1, 'A'), edit(1, 0, 1, 1, 'B'), edit(2, 0, 2, 1, 'C')]), 'A\nB\r\nC\n');
  });

  test('at the end of the text: the last line, a line past it, and text without a final line break', () => {
    assert.equal(applyEdits('a\nb\n', [insertAt(2, 0, 'c\n')]), 'a\nb\nc\n');
    assert.equal(applyEdits('a\nb', [insertAt(1, 1, '\nc')]), 'a\nb\nc');
    // A line past the last means the end of the text, as in VS Code.
    assert.equal(applyEdits('a\nb', [insertAt(5, 0, '!')]), 'a\nb!');
    assert.equal(applyEdits('a\nb\n', [insertAt(3, 0, 'c')]), 'a\nb\nc');
    assert.equal(applyEdits('a\n*', [edit(1, 0, 2, 0, '')]), 'a\n');
    assert.equal(applyEdits('a\r\n', [insertAt(1, 0, 'b')]), 'a\r\nb');
    assert.equal(applyEdits('', [insertAt(0, 0, 'x')]), 'x');
    assert.equal(applyEdits('', [insertAt(3, 4, 'x')]), 'x');
  });

  test('replaceAllEdit covers the whole text, whatever its endings', () => {
    for (const text of ['', 'a', 'a\n', 'a\r\nb\r\n', 'a\nb\r\nc']) {
      assert.equal(applyEdits(text, [replaceAllEdit(text, 'new\n')]), 'new\n');
    }
    assert.deepEqual(replaceAllEdit('a\r\nbc', 'x'), { line: 0, column: 0, endLine: 1, endColumn: 2, newText: 'x' });
  });

  test('agrees with applying the edits one by one from the last to the first, on random texts and edits', () => {
    const next = seededRandom(20261122);
    const pick = (n: number): number => Math.floor(next() * n);
    for (let round = 0; round < 300; round++) {
      const lines = Array.from({ length: 1 + pick(5) }, () => 'abcdefgh'.slice(0, pick(8)));
      const eol = ['\n', '\r\n'][pick(2)]!;
      const text = lines.join(eol) + (pick(2) ? eol : '');
      const textLines = text.split(/\r?\n/);
      const offset = (line: number, column: number): number => {
        let at = 0;
        for (let i = 0; i < line; i++) {
          at += textLines[i]!.length + eol.length;
        }
        return at + column;
      };
      // Positions in order through the text; consecutive pairs make edits that only touch.
      const positions = Array.from({ length: 2 * (1 + pick(4)) }, () => {
        const line = pick(textLines.length);
        return { line, column: pick(textLines[line]!.length + 1) };
      }).sort((a, b) => a.line - b.line || a.column - b.column);
      const edits: TextEdit[] = [];
      for (let i = 0; i < positions.length; i += 2) {
        edits.push(edit(positions[i]!.line, positions[i]!.column, positions[i + 1]!.line, positions[i + 1]!.column, `<${i}${pick(2) ? eol : ''}>`));
      }
      let expected = text;
      for (const change of [...edits].reverse()) {
        expected = expected.slice(0, offset(change.line, change.column)) + change.newText + expected.slice(offset(change.endLine, change.endColumn));
      }
      const shuffled = [...edits].sort(() => next() - 0.5);
      // Insertions at one place are applied in the order given: keep those in order.
      const stable = shuffled.some((a, i) =>
        shuffled.some((b, j) => i < j && a.line === b.line && a.column === b.column && edits.indexOf(a) > edits.indexOf(b)),
      );
      assert.equal(applyEdits(text, stable ? edits : shuffled), expected, JSON.stringify({ text, edits }));
    }
  });
});
