import * as assert from 'node:assert/strict';
import { codeRanges, findGitHubRefs } from '../../src/core/githubRefs';
import { regexRefs } from '../util/regexRefs';
import { seededRandom } from '../util/seededRandom';

/** findGitHubRefs's answer in the oracle's shape, with offsets rebuilt from line and column. */
function scanned(text: string) {
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    lineStarts.push(i + 1);
  }
  return findGitHubRefs(text).map((ref) => {
    const start = lineStarts[ref.line]! + ref.column;
    assert.equal(text.slice(start, start + ref.text.length), ref.text, 'line and column point at the text');
    return {
      kind: ref.kind,
      form: ref.form,
      owner: ref.owner,
      repo: ref.repo,
      number: ref.number,
      start,
      end: start + ref.text.length,
      malformed: ref.malformed === true,
    };
  });
}

/** Pieces that build and break every form: schemes, hosts, names at their limits, numbers, ends. */
const PIECES = [
  'https://',
  'http://',
  'HTTPS://',
  'httpss://',
  'xhttp://',
  '://',
  'github.com/',
  'GitHub.COM/',
  'www.',
  'WWW.',
  'kep.k8s.io/',
  'kubernetes/',
  'enhancements/',
  'tree/',
  'blob/',
  'master/',
  'keps/',
  'sig-node/',
  'k/',
  'k',
  'kubernetes',
  'enhancements',
  'pull/',
  'pulls/',
  'issues/',
  'pull',
  '/',
  '#',
  '12',
  '007',
  '3-',
  '-',
  '.',
  '..',
  '_',
  'abc',
  'x'.repeat(39),
  'y'.repeat(40),
  'r'.repeat(100),
  'r'.repeat(101),
  '9007199254740993',
  ' ',
  '\n',
  '\u00a0',
  '\u2028',
  ')',
  '(',
  '[',
  ']',
  ',',
  ':',
  'deb',
  'Z',
];

suite('The reference scanner against the patterns it replaced', () => {
  test('the listed forms and their near misses', () => {
    const cases = [
      'https://github.com/kubernetes/kubernetes/pull/121046 https://www.github.com/a/b/pulls/0012 HTTP://GITHUB.COM/o/r/issues/3x_1',
      'https://github.com/kubernetes/enhancements/tree/master/keps/sig-node/3000-a-kep,https://github.com/k/k/pull/1)',
      'https://github.com/kubernetes/enhancements/blob/x/keps/s/1-a-https://github.com/kubernetes/enhancements/tree/m/keps/s/2-b',
      'https://kep.k8s.io/4009 https://kep.k8s.io/12ab https://kep.k8s.io/12. httpss://github.com/a/b/pull/1 xhttps://github.com/a/b/pull/2',
      'k/k#1 kubernetes/test-infra#22 enhancements#4009 x.enhancements#1 -a/b#2 a/b#3x a/./c #4 a/.#5 a/..#6 k/kk#7 K/k#8',
      `https://github.com/${'o'.repeat(39)}/r/pull/1 https://github.com/${'o'.repeat(40)}/r/pull/2 https://github.com/o/${'r'.repeat(101)}/pull/3 ${'o'.repeat(39)}/r#1 ${'o'.repeat(40)}/r#2 o/${'r'.repeat(100)}#3 o/${'r'.repeat(101)}#4 a/b#12/c#3 https://github.com/a/b/pull/9007199254740993`,
    ];
    for (const text of cases) {
      assert.deepEqual(scanned(text), regexRefs(text), text);
    }
  });

  test('code spans in a text without fences are those found walking every line', () => {
    // A text with no fence goes from backtick to backtick; the same text with a fenced block
    // after a blank line walks every line, and must find the same spans before that block.
    const pieces = ['`', '``', '```x', 'k/k#1', ' ', 'word', '\n', '\n\n', '\r\n', '\n \n', '  `', '~~'];
    const next = seededRandom(20261207);
    for (let round = 0; round < 3000; round++) {
      const text = Array.from({ length: 1 + Math.floor(next() * 30) }, () => pieces[Math.floor(next() * pieces.length)])
        .join('')
        // No fence in the text itself: runs of three or more are cut to two.
        .replace(/`{3,}/g, '``')
        .replace(/~{3,}/g, '~~');
      const fenced = `${text}\n\n~~~\ncode\n`;
      const walked = codeRanges(fenced).filter(([start]) => start < text.length);
      assert.deepEqual(codeRanges(text), walked, JSON.stringify(text));
    }
  });

  test('generated texts: the same references, in text order', () => {
    const next = seededRandom(20261202);
    const random = (n: number) => Math.floor(next() * n);
    for (let round = 0; round < 3000; round++) {
      const text = Array.from({ length: 1 + random(24) }, () => PIECES[random(PIECES.length)]).join('');
      assert.deepEqual(scanned(text), regexRefs(text), JSON.stringify(text));
    }
  });
});
