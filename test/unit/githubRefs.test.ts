import * as assert from 'node:assert/strict';
import { findGitHubRefs } from '../../src/core/githubRefs';

/**
 * `kind:form:owner/repo#N@line "matched text"`; the test also proves that line and columns point
 * at exactly that text.
 */
const summary = (text: string) =>
  findGitHubRefs(text).map((ref) => {
    const line = text.split(/\r?\n/)[ref.line]!;
    assert.equal(line.slice(ref.column, ref.endColumn), ref.text, 'the position covers the matched text');
    return `${ref.kind}:${ref.form}:${ref.owner}/${ref.repo}#${ref.number}@${ref.line} ${ref.text}${ref.malformed ? ' (malformed)' : ''}`;
  });

suite('GitHub references in LWKD Markdown', () => {
  test('pull-request URLs in their forms, with positions', () => {
    assert.deepEqual(summary('* Kubelet [does X](https://github.com/kubernetes/kubernetes/pull/121046)'), [
      'pull:pullUrl:kubernetes/kubernetes#121046@0 https://github.com/kubernetes/kubernetes/pull/121046',
    ]);
    assert.deepEqual(summary('https://github.com/kubernetes/kubernetes/pulls/99999'), [
      'pull:pullsUrl:kubernetes/kubernetes#99999@0 https://github.com/kubernetes/kubernetes/pulls/99999',
    ]);
    assert.deepEqual(summary('see https://github.com/kubernetes/kubernetes/pull/1/files and https://github.com/kubernetes/test-infra/pull/2#issuecomment-3'), [
      'pull:pullUrl:kubernetes/kubernetes#1@0 https://github.com/kubernetes/kubernetes/pull/1',
      'pull:pullUrl:kubernetes/test-infra#2@0 https://github.com/kubernetes/test-infra/pull/2',
    ]);
    assert.deepEqual(summary('https://github.com/kubernetes/community/issues/3378'), [
      'issue:issueUrl:kubernetes/community#3378@0 https://github.com/kubernetes/community/issues/3378',
    ]);
  });

  test('flags a PR number that runs into letters', () => {
    assert.deepEqual(summary('[x](https://github.com/kubernetes/kubernetes/pull/102377deb)'), [
      'pull:pullUrl:kubernetes/kubernetes#102377@0 https://github.com/kubernetes/kubernetes/pull/102377deb (malformed)',
    ]);
  });

  test('short forms: owner/repo#N, k/k#N, enhancements#N', () => {
    assert.deepEqual(summary('Fixed in k/k#111090, see kubernetes/test-infra#2 and enhancements#4009.'), [
      'issue:short:kubernetes/kubernetes#111090@0 k/k#111090',
      'issue:short:kubernetes/test-infra#2@0 kubernetes/test-infra#2',
      'issue:short:kubernetes/enhancements#4009@0 enhancements#4009',
    ]);
  });

  test('KEP directories and kep.k8s.io links', () => {
    assert.deepEqual(summary('[KEP-3386](https://github.com/kubernetes/enhancements/tree/master/keps/sig-node/3386-kubelet-evented-pleg)'), [
      'kep:kepDirectory:kubernetes/enhancements#3386@0 https://github.com/kubernetes/enhancements/tree/master/keps/sig-node/3386-kubelet-evented-pleg',
    ]);
    assert.deepEqual(summary('https://kep.k8s.io/4009'), ['kep:kepLink:kubernetes/enhancements#4009@0 https://kep.k8s.io/4009']);
    assert.deepEqual(
      summary('https://github.com/kubernetes/enhancements/blob/master/keps/sig-api-machinery/2885-server-side-unknown-field-validation/README.md'),
      [
        'kep:kepDirectory:kubernetes/enhancements#2885@0 https://github.com/kubernetes/enhancements/blob/master/keps/sig-api-machinery/2885-server-side-unknown-field-validation/README.md',
      ],
    );
  });

  test('a short form inside a URL or a path is not a second reference', () => {
    assert.deepEqual(summary('https://github.com/k/k#123 and docs/k/k#12 and x.k/k#1').length, 0);
    assert.equal(findGitHubRefs('https://github.com/kubernetes/enhancements/issues/4009').length, 1);
  });

  test('nothing in code spans or fenced blocks', () => {
    assert.deepEqual(summary('`k/k#123` and ``enhancements#1`` are code\n```\nhttps://github.com/a/b/pull/1\n```\nbut k/k#7 is not'), [
      'issue:short:kubernetes/kubernetes#7@4 k/k#7',
    ]);
  });

  test('nothing in code spans of a post with no fence, including a span over two lines of a paragraph', () => {
    assert.deepEqual(summary('* `k/k#1` then k/k#2\n\nA ``span that k/k#3\ngoes on`` and k/k#4, `open k/k#5\n\n` k/k#6'), [
      'issue:short:kubernetes/kubernetes#2@0 k/k#2',
      'issue:short:kubernetes/kubernetes#4@3 k/k#4',
      'issue:short:kubernetes/kubernetes#5@3 k/k#5',
      'issue:short:kubernetes/kubernetes#6@5 k/k#6',
    ]);
  });

  test('lines and columns across CRLF, and UTF-16 columns after non-ASCII text', () => {
    assert.deepEqual(
      findGitHubRefs('é line\r\nnext k/k#5').map((ref) => [ref.line, ref.column, ref.endColumn]),
      [[1, 5, 10]],
    );
    assert.deepEqual(
      findGitHubRefs('🎉 k/k#5').map((ref) => [ref.line, ref.column, ref.endColumn]),
      [[0, 3, 8]],
    );
  });
});

suite('GitHub references: hosts, path steps and paragraph ends', () => {
  test('scheme and host are matched whatever their case; the path is not', () => {
    assert.deepEqual(summary('[x](HTTPS://GITHUB.COM/kubernetes/kubernetes/pull/7) and Https://WWW.GitHub.com/o/r/issues/8'), [
      'pull:pullUrl:kubernetes/kubernetes#7@0 HTTPS://GITHUB.COM/kubernetes/kubernetes/pull/7',
      'issue:issueUrl:o/r#8@0 Https://WWW.GitHub.com/o/r/issues/8',
    ]);
    assert.deepEqual(summary('HTTPS://KEP.K8S.IO/4009 and HTTPS://GITHUB.COM/kubernetes/enhancements/tree/master/keps/sig-node/4009-x'), [
      'kep:kepLink:kubernetes/enhancements#4009@0 HTTPS://KEP.K8S.IO/4009',
      'kep:kepDirectory:kubernetes/enhancements#4009@0 HTTPS://GITHUB.COM/kubernetes/enhancements/tree/master/keps/sig-node/4009-x',
    ]);
    assert.deepEqual(summary('https://github.com/o/r/PULL/1'), []);
  });

  test('`.` and `..` are never a repository, in a URL or a short form', () => {
    assert.deepEqual(summary('https://github.com/kubernetes/../pull/1 https://github.com/kubernetes/./issues/2 kubernetes/..#3 o/.#4'), []);
    assert.deepEqual(summary('https://github.com/o/.github/pull/5 o/.github#6'), [
      'pull:pullUrl:o/.github#5@0 https://github.com/o/.github/pull/5',
      'issue:short:o/.github#6@0 o/.github#6',
    ]);
  });

  test('an unclosed backtick ends with its paragraph whatever the line endings', () => {
    const lf = '* a `b\n\n* [x](https://github.com/o/r/pull/2)\n\n* c `d` e\n';
    for (const text of [
      lf,
      lf.replace(/\n/g, '\r\n'),
      '* a `b\n\r\n* [x](https://github.com/o/r/pull/2)\n\r\n* c `d` e\n',
      '* a `b\n \t\n* [x](https://github.com/o/r/pull/2)\n\n* c `d` e\n',
    ]) {
      assert.deepEqual(
        findGitHubRefs(text).map((ref) => ref.number),
        [2],
        JSON.stringify(text),
      );
    }
  });
});
