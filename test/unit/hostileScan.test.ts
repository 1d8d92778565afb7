import * as assert from 'node:assert/strict';
import { FINDINGS_PER_RULE, lintPost } from '../../src/core/lint';
import { indexPost, PostIndex, searchIndex } from '../../src/core/postIndex';
import { sectionLinkCounts } from '../../src/core/sections';
import { HOSTILE_FILE, HOSTILE_SHAPES, scanTimes, totalMs } from '../util/hostilePosts';

/**
 * Every scanner (index, lint, coverage, references, completions, Find, the Past Issues view,
 * titles, section edits) on every hostile shape. At 256 KB the quadratic scans took from seconds
 * to minutes each. The check is the growth, not a wall-clock bound, so a busy machine cannot fail
 * it: four times the text costs about four times the time when scanning is linear, sixteen when
 * it is quadratic. A noisy pair is measured again (at most three times) before it counts.
 */
const BYTES = 256 * 1024;
const GROWTH_BOUND = 8;
const ATTEMPTS = 3;

suite('Scanning stays linear, whatever a post holds', () => {
  for (const shape of HOSTILE_SHAPES) {
    test(`${shape.name}: four times the text costs well under ${GROWTH_BOUND} times the time`, function () {
      this.timeout(120_000);
      const large = shape.build(BYTES);
      const small = shape.build(BYTES / 4);
      assert.ok(large.length >= BYTES * 0.9, `the shape fills the post (${large.length})`);
      let report = '';
      for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
        // A floor of 1 ms on the small post keeps timer resolution from making a ratio of noise.
        const smallMs = Math.max(1, totalMs(scanTimes(small)));
        const times = scanTimes(large);
        const growth = totalMs(times) / smallMs;
        if (growth < GROWTH_BOUND) {
          return;
        }
        const slowest = Object.entries(times)
          .sort((a, b) => b[1] - a[1])
          .slice(0, 3)
          .map(([name, ms]) => `${name} ${ms.toFixed(0)} ms`)
          .join(', ');
        report = `${growth.toFixed(1)}x (${smallMs.toFixed(0)} ms for 64 KB, ${totalMs(times).toFixed(0)} ms for 256 KB: ${slowest})`;
      }
      assert.fail(`scanning grew faster than the text: ${report}`);
    });
  }

  test('a post with more findings of one rule than can be used lists the first ones and counts the rest', () => {
    const text = HOSTILE_SHAPES.find((shape) => shape.name === 'empty-bullets')!.build(20_000);
    const bullets = lintPost(text, { fileName: HOSTILE_FILE }).filter((finding) => finding.code === 'empty-bullet');
    assert.equal(bullets.length, FINDINGS_PER_RULE + 1);
    const last = bullets.at(-1)!;
    assert.equal(last.line, bullets[FINDINGS_PER_RULE - 1]!.line + 1);
    assert.match(last.message, /^\d+ more "empty-bullet" findings are not listed/);
    assert.equal(last.fix, undefined, 'the count is not a fix');
    assert.equal(Number(/^(\d+)/.exec(last.message)![1]) + FINDINGS_PER_RULE, text.split('\n').filter((line) => line === '*').length);
  });

  test('the Past Issues counts are the same when read from one pass', () => {
    const text = `---\nlayout: post\n---\n\nhttps://github.com/o/r/pull/1\n\n## Featured PRs\n\n### [1: a](https://github.com/o/r/pull/2)\n\nhttps://github.com/o/r/pull/3 https://kep.k8s.io/1\n\n### b\n\n## Other Merges\n\n* https://github.com/o/r/pull/4\n* https://github.com/o/r/issues/5\n\n## Shoutouts\n`;
    assert.deepEqual(sectionLinkCounts(indexPost('_posts/2027-03-21-update.md', text)), [2, 2, 0, 1, 0]);
  });

  test('Find lists each link of one number once, in order, across repositories and posts', () => {
    const index = new PostIndex();
    index.set(indexPost('_posts/2027-03-21-update.md', '* a/b#5 c/d#5 a/b#5\n* https://github.com/a/b/pull/5\n'));
    index.set(indexPost('_posts/2027-03-14-update.md', '* e/f#5\n'));
    assert.deepEqual(
      searchIndex(index, '#5').map((hit) => `${hit.post.weekEnding} ${hit.line}:${hit.column} ${hit.text}`),
      ['2027-03-21 0:2 a/b#5', '2027-03-21 0:8 c/d#5', '2027-03-21 0:14 a/b#5', '2027-03-21 1:2 https://github.com/a/b/pull/5', '2027-03-14 0:2 e/f#5'],
    );
  });
});
