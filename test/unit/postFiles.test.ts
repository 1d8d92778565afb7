import * as assert from 'node:assert/strict';
import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { buildIndex } from '../../src/cli/indexCommand';
import { nodePostFiles } from '../../src/node/postFiles';
import type { PostFileSystem } from '../../src/services/postFiles';
import { listPosts, readPost } from '../../src/services/postFiles';

suite('Listing the posts folder', () => {
  let root: string;
  const list = async (folder = join(root, '_posts')) => {
    const errors: string[] = [];
    const files = await listPosts(nodePostFiles, folder, (where, error) => errors.push(`${relative(root, where)}: ${(error as NodeJS.ErrnoException).code}`));
    return { files: files.map((file) => relative(root, file)).sort(), errors };
  };

  setup(async () => {
    root = await mkdtemp(join(tmpdir(), 'lwkd-list-'));
    await mkdir(join(root, '_posts', '2018', 'drafts'), { recursive: true });
    for (const file of [
      '_posts/2026-11-15-update.md',
      '_posts/2018/2018-05-06-update.md',
      '_posts/2018/drafts/2018-05-13-update.MD',
      '_posts/notes.txt',
      '_posts/2018/image.png',
    ]) {
      await writeFile(join(root, file), 'x');
    }
  });

  teardown(async () => {
    await rm(root, { recursive: true, force: true });
  });

  test('Markdown files in the folder and its sub-folders, nothing else', async () => {
    assert.deepEqual(await list(), {
      files: ['_posts/2018/2018-05-06-update.md', '_posts/2018/drafts/2018-05-13-update.MD', '_posts/2026-11-15-update.md'],
      errors: [],
    });
  });

  test('a missing posts folder lists nothing, and is no error (a new site has none yet)', async () => {
    assert.deepEqual(await list(join(root, 'no-such-folder')), { files: [], errors: [] });
  });

  test('a linked post counts; a linked folder is not entered, so a loop ends', async () => {
    await writeFile(join(root, 'elsewhere.md'), 'x');
    await symlink(join(root, 'elsewhere.md'), join(root, '_posts', '2026-11-22-update.md'));
    await symlink(join(root, '_posts'), join(root, '_posts', '2018', 'loop'));
    const { files } = await list();
    assert.deepEqual(files, [
      '_posts/2018/2018-05-06-update.md',
      '_posts/2018/drafts/2018-05-13-update.MD',
      '_posts/2026-11-15-update.md',
      '_posts/2026-11-22-update.md',
    ]);
  });

  test('a folder that cannot be listed is reported; its siblings are still listed', async () => {
    const failing: PostFileSystem<string> = {
      ...nodePostFiles,
      readDirectory: async (folder) => {
        if (folder.endsWith('2018')) {
          throw Object.assign(new Error('permission denied'), { code: 'EACCES' });
        }
        return nodePostFiles.readDirectory(folder);
      },
    };
    const errors: string[] = [];
    const files = await listPosts(failing, join(root, '_posts'), (where, error) =>
      errors.push(`${relative(root, where)}: ${(error as NodeJS.ErrnoException).code}`),
    );
    assert.deepEqual(
      files.map((file) => relative(root, file)),
      ['_posts/2026-11-15-update.md'],
    );
    assert.deepEqual(errors, ['_posts/2018: EACCES']);
  });

  test('a linked folder named like a post is listed, to be reported, not entered', async () => {
    // The command line reported it; the editor skipped it without a word. Both report it now.
    await mkdir(join(root, 'folder.md'));
    await symlink(join(root, 'folder.md'), join(root, '_posts', '2026-11-29-update.md'));
    const { files } = await list();
    assert.ok(files.includes('_posts/2026-11-29-update.md'));
    const post = await readPost(nodePostFiles, join(root, '_posts', '2026-11-29-update.md'), 'linked.md');
    assert.match(post?.errors[0] ?? '', /not indexed: not a regular file/);
  });

  test('a dangling link is left out, like a post deleted since the listing', async () => {
    await symlink(join(root, 'nowhere.md'), join(root, '_posts', '2026-12-06-update.md'));
    const errors: string[] = [];
    const index = await buildIndex(root, join(root, '_posts'), { stderr: (text) => errors.push(text) });
    assert.deepEqual(
      index
        .all()
        .map((post) => post.file)
        .sort(),
      ['_posts/2018/2018-05-06-update.md', '_posts/2018/drafts/2018-05-13-update.MD', '_posts/2026-11-15-update.md'],
    );
    assert.deepEqual(errors, []);
  });
});

suite('Reading a post', () => {
  let root: string;
  setup(async () => {
    root = await mkdtemp(join(tmpdir(), 'lwkd-read-'));
  });
  teardown(async () => {
    await rm(root, { recursive: true, force: true });
  });

  test('a post is indexed under the key it is given', async () => {
    await writeFile(
      join(root, 'a.md'),
      '---\ntitle: Week Ending May 6, 2018\n---\n# Developer News\n\n[#1](https://github.com/kubernetes/kubernetes/pull/1)\n',
    );
    const post = await readPost(nodePostFiles, join(root, 'a.md'), 'key.md');
    assert.equal(post?.file, 'key.md');
    assert.deepEqual(post?.errors, []);
    assert.equal(post?.refs.length, 1);
  });

  test('a file gone since the listing is left out; one that cannot be read says why', async () => {
    assert.equal(await readPost(nodePostFiles, join(root, 'gone.md'), 'gone.md'), undefined);
    await writeFile(join(root, 'binary.md'), Buffer.from([0x23, 0x00, 0x01]));
    await mkdir(join(root, 'folder.md'));
    assert.match((await readPost(nodePostFiles, join(root, 'binary.md'), 'b'))?.errors[0] ?? '', /binary/);
    assert.match((await readPost(nodePostFiles, join(root, 'folder.md'), 'f'))?.errors[0] ?? '', /not a regular file/);
    if (process.getuid?.() !== 0) {
      await writeFile(join(root, 'locked.md'), 'x');
      await chmod(join(root, 'locked.md'), 0o000);
      assert.match((await readPost(nodePostFiles, join(root, 'locked.md'), 'l'))?.errors[0] ?? '', /cannot read the file \(EACCES\)/);
    }
  });
});
