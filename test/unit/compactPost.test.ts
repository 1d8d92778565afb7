import * as assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { findGitHubRefs } from '../../src/core/githubRefs';
import { indexPost, PostIndex, searchIndex } from '../../src/core/postIndex';
import { HOSTILE_SHAPES } from '../util/hostilePosts';

/** A full collection on demand (mocha runs without --expose-gc). */
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const FRONT = '---\nlayout: post\ntitle: Week Ending March 21, 2027\ndate: 2027-03-21 22:00:00 -0000\nslug: 2027-03-21-update\n---\n\n';
const MIXED = `${FRONT}## Developer News

See https://github.com/kubernetes/kubernetes/pull/123, HTTPS://GITHUB.COM/kubernetes/kubernetes/pull/124,
https://www.github.com/kubernetes/kubernetes/pull/125, https://github.com/kubernetes/kubernetes/pull/0126,
https://github.com/kubernetes/kubernetes/pull/127/files, https://github.com/kubernetes/kubernetes/pull/128#issuecomment-1,
https://github.com/kubernetes/kubernetes/pulls/129, https://github.com/kubernetes/kubernetes/issues/130,
https://github.com/kubernetes/kubernetes/pull/131abc, k/k#132, kubernetes/kubernetes#133, Kubernetes/Kubernetes#134,
enhancements#135, kubernetes/enhancements#136, kubernetes-sigs/kind#137, https://kep.k8s.io/138, https://kep.k8s.io/0139,
https://github.com/kubernetes/enhancements/tree/master/keps/sig-node/140-a-kep and o/r#99999999999.
`;

suite('The index keeps posts compactly', () => {
  test('references read back from the packed form exactly as they were found, whatever their form', () => {
    for (const [name, text] of [
      ['mixed forms', MIXED],
      ...HOSTILE_SHAPES.filter((shape) => /ref|link|repositor|url/i.test(shape.name)).map((shape) => [shape.name, shape.build(8 * 1024)] as const),
    ] as const) {
      assert.deepEqual(indexPost('_posts/2027-03-21-update.md', text).refs, findGitHubRefs(text), name);
    }
  });

  test('a post with more references than the packing keeps room for, and the small post after it, read back whole', () => {
    const many = `${FRONT}${Array.from({ length: 5_000 }, (_, i) => `* https://github.com/kubernetes/kubernetes/pull/${i + 1} and k/k#${i + 1}`).join('\n')}\n`;
    const manyPost = indexPost('_posts/2027-03-21-update.md', many);
    const smallPost = indexPost('_posts/2027-03-28-update.md', MIXED);
    assert.equal(manyPost.refs.length, 10_000);
    assert.deepEqual(manyPost.refs, findGitHubRefs(many), 'packing the next post leaves this one as it was');
    assert.deepEqual(smallPost.refs, findGitHubRefs(MIXED));
  });

  test('lookups by key, by number and by search agree with the references, across repositories and case', () => {
    const index = new PostIndex();
    index.set(indexPost('_posts/2027-03-21-update.md', MIXED));
    index.set(indexPost('_posts/2027-03-28-update.md', `${FRONT}* k/k#123 and https://kep.k8s.io/140`));
    assert.deepEqual(
      index.occurrences('kubernetes/kubernetes#123').map(({ post }) => post.file),
      ['_posts/2027-03-28-update.md', '_posts/2027-03-21-update.md'],
    );
    assert.equal(index.occurrences('KUBERNETES/Kubernetes#134').length, 1);
    assert.deepEqual(index.keysWithNumber(140).sort(), ['kep:140']);
    assert.deepEqual(index.keysWithNumber(99999999999), ['o/r#99999999999']);
    assert.equal(searchIndex(index, 'https://github.com/kubernetes-sigs/kind/pull/137')[0]?.text, 'kubernetes-sigs/kind#137');
    assert.equal(index.occurrences('nobody/here#1').length, 0);
    index.set(indexPost('_posts/undated.md', FRONT));
    assert.equal(index.newest()?.file, index.all()[0]?.file, 'newest() is the first of all(), found without sorting');
    assert.equal(index.newest()?.file, '_posts/2027-03-28-update.md');
    index.delete('_posts/2027-03-28-update.md');
    assert.deepEqual(
      index.occurrences('kubernetes/kubernetes#123').map(({ post }) => post.file),
      ['_posts/2027-03-21-update.md'],
    );
  });

  test("no post's text stays alive behind what the index keeps", () => {
    const filler = 'A paragraph of ordinary words that the index has no use for. '.repeat(16_000);
    const build = (i: number): string =>
      `${FRONT}## Developer News ${i} with a long heading\n\n${filler}\n\n### [12345: A featured change ${i}](https://github.com/kubernetes/kubernetes/pull/12345)\n\n` +
      `See https://github.com/kubernetes/enhancements/tree/master/keps/sig-node/${i}-a-kep and k/k#${i}.\n`;
    const index = new PostIndex();
    gc();
    const before = process.memoryUsage().heapUsed;
    let bytes = 0;
    for (let i = 0; i < 8; i++) {
      const text = build(i);
      bytes += text.length;
      index.set(indexPost(`_posts/2027-03-${10 + i}-update.md`, text));
    }
    gc();
    const grown = process.memoryUsage().heapUsed - before;
    assert.equal(index.size, 8);
    // Kept: a few headings, references and front-matter values per post. A slice that kept its
    // post alive would keep every post: the whole 7.8 MB. What grows besides the index (compiled
    // code, the collector's own slack) stays well under a fifth of it.
    assert.ok(grown < bytes / 5, `the index grew by ${grown} bytes for ${bytes} characters of posts`);
  });
});
