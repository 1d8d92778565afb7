import * as assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INDEX_STORE_VERSION, parseIndexStore, serializeIndexStore } from '../../src/core/indexStore';
import { indexPost, unreadablePost } from '../../src/core/postIndex';
import { nodePostFiles } from '../../src/node/postFiles';
import { readPostsWithStore } from '../../src/services/postFiles';

const post = (week: string, extra = ''): string =>
  `---\nlayout: post\ntitle: Week Ending ${week}\ndate: ${week} 22:00:00 -0000\nslug: ${week}-update\n---\n\n## Developer News\n\nSee k/k#120001 and https://github.com/kubernetes/kubernetes/pull/120002/files.\n\n## Other Merges\n\n* [x](https://github.com/kubernetes-sigs/kind/pull/7)${extra}\n`;

/** A store written long enough after the files' times that none of them is "racy". */
const LATER = Date.now() + 60_000;

suite('The saved index', () => {
  let folder: string;
  const files = (): string[] => readdirSync(folder).map((name) => join(folder, name));
  const old = (path: string, seconds: number): void => utimesSync(path, new Date(Date.now() - seconds * 1000), new Date(Date.now() - seconds * 1000));

  setup(() => {
    folder = mkdtempSync(join(tmpdir(), 'lwkd-store-'));
    for (let i = 1; i <= 5; i++) {
      const path = join(folder, `2027-0${i}-07-update.md`);
      writeFileSync(path, post(`2027-0${i}-07`));
      old(path, 600);
    }
  });
  teardown(() => rmSync(folder, { recursive: true, force: true }));

  test('a post read back from the store is the post that was indexed, references, sections and errors included', () => {
    const posts = [
      indexPost('a/2027-03-07-update.md', post('2027-03-07', ' and https://kep.k8s.io/0042')),
      // A number past 32 bits (a mistyped link) goes through the header's list of large numbers.
      indexPost('a/2027-03-21-update.md', post('2027-03-21', ' and o/r#99999999999 and k/k#5')),
      unreadablePost('a/2027-03-14-update.md', 'not UTF-8'),
    ];
    const store = parseIndexStore(
      serializeIndexStore(
        posts.map((p) => ({ post: p, stamp: { size: 1, mtime: 0 } })),
        LATER,
      ),
    )!;
    assert.deepEqual(
      posts.map((p) => JSON.parse(JSON.stringify(store.get(p.file)!.post)) as unknown),
      posts.map((p) => JSON.parse(JSON.stringify(p)) as unknown),
    );
  });

  test('after a restart only changed posts are read; new ones are read; gone ones are left out', async () => {
    const cold = await readPostsWithStore(nodePostFiles, files(), (path) => path, undefined);
    assert.equal(cold.parsed, 5);
    const text = serializeIndexStore(
      cold.posts.map((p) => ({ post: p, stamp: cold.stamps.get(p.file)! })),
      LATER,
    );

    const warm = await readPostsWithStore(nodePostFiles, files(), (path) => path, parseIndexStore(text));
    assert.equal(warm.parsed, 0);
    assert.deepEqual(JSON.parse(JSON.stringify(warm.posts)), JSON.parse(JSON.stringify(cold.posts)));

    const changed = join(folder, '2027-02-07-update.md');
    writeFileSync(changed, post('2027-02-07', ' and k/k#999'));
    old(changed, 300);
    rmSync(join(folder, '2027-05-07-update.md'));
    writeFileSync(join(folder, '2027-06-07-update.md'), post('2027-06-07'));
    const after = await readPostsWithStore(nodePostFiles, files(), (path) => path, parseIndexStore(text));
    assert.equal(after.parsed, 2, 'the changed post and the new one');
    assert.equal(after.posts.length, 5);
    assert.ok(
      after.posts.find((p) => p.file === changed)!.refs.some((ref) => ref.number === 999),
      'the change is in the index',
    );
  });

  test('a damaged store, one of another version, or one out of shape anywhere is not used: every post is read, silently', async () => {
    const cold = await readPostsWithStore(nodePostFiles, files(), (path) => path, undefined);
    const bytes = serializeIndexStore(
      cold.posts.map((p) => ({ post: p, stamp: cold.stamps.get(p.file)! })),
      LATER,
    );
    assert.equal(parseIndexStore(bytes)?.size, 5, 'the store itself is fine');
    assert.equal(parseIndexStore(bytes.subarray(0, bytes.length / 2)), undefined, 'cut short');
    assert.equal(parseIndexStore(new TextEncoder().encode('{"version":1,"posts":[]}')), undefined, 'the JSON store of version 1');
    assert.equal(parseIndexStore(new Uint8Array(0)), undefined);
    const version = bytes.slice();
    new DataView(version.buffer).setUint32(4, INDEX_STORE_VERSION + 1, true);
    assert.equal(parseIndexStore(version), undefined, 'another version');
    const header = bytes.slice();
    header[25] = 0x7b; // inside the JSON header
    assert.equal(parseIndexStore(header), undefined, 'a header that is not JSON');
    const stream = bytes.slice();
    const ints = new Int32Array(stream.buffer, stream.length - 4 * 40, 40);
    ints.fill(0x7fffffff);
    assert.equal(parseIndexStore(stream), undefined, 'numbers out of range');
    const again = await readPostsWithStore(nodePostFiles, files(), (path) => path, parseIndexStore(stream));
    assert.equal(again.parsed, 5);
  });

  test('a store read from bytes that are not aligned for its numbers, or from a Node Buffer, is read the same', () => {
    const posts = [indexPost('a/2027-03-07-update.md', post('2027-03-07'))];
    const bytes = serializeIndexStore(
      posts.map((p) => ({ post: p, stamp: { size: 1, mtime: 0 } })),
      LATER,
    );
    const shifted = new Uint8Array(bytes.length + 3);
    shifted.set(bytes, 3);
    const expected = JSON.parse(JSON.stringify(posts[0])) as unknown;
    assert.deepEqual(JSON.parse(JSON.stringify(parseIndexStore(shifted.subarray(3))!.get('a/2027-03-07-update.md')!.post)), expected);
    // A Node Buffer (what a read on the desktop gives) sits in a shared pool, and its slice is a view.
    const pooled = Buffer.concat([Buffer.from('xyz'), Buffer.from(bytes)]).subarray(3);
    assert.deepEqual(JSON.parse(JSON.stringify(parseIndexStore(pooled)!.get('a/2027-03-07-update.md')!.post)), expected);
  });

  test('a file changed just before the store was written is read again: its time may not have moved since', async () => {
    const cold = await readPostsWithStore(nodePostFiles, files(), (path) => path, undefined);
    const recent = join(folder, '2027-01-07-update.md');
    utimesSync(recent, new Date(), new Date());
    const stamps = (await readPostsWithStore(nodePostFiles, files(), (path) => path, undefined)).stamps;
    const text = serializeIndexStore(
      cold.posts.map((p) => ({ post: p, stamp: stamps.get(p.file)! })),
      Date.now(),
    );
    const warm = await readPostsWithStore(nodePostFiles, files(), (path) => path, parseIndexStore(text));
    assert.equal(warm.parsed, 1);
  });
});
