import * as assert from 'node:assert/strict';
import { lstat, mkdir, mkdtemp, readdir, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { EntryType, listMarkdownFiles } from '../../src/core/postFile';

/** A folder listing the way vscode.workspace.fs.readDirectory gives it: links are stat'ed through. */
async function readDirectory(folder: string): Promise<Array<[string, number]>> {
  const names = await readdir(folder);
  return Promise.all(names.map(async (name): Promise<[string, number]> => {
    const path = join(folder, name);
    const link = (await lstat(path)).isSymbolicLink() ? EntryType.SymbolicLink : 0;
    const target = await stat(path).catch(() => undefined);
    return [name, link | (target?.isDirectory() ? EntryType.Directory : target?.isFile() ? EntryType.File : 0)];
  }));
}

suite('Listing the posts folder', () => {
  let root: string;
  const list = async (folder = join(root, '_posts')) => {
    const errors: string[] = [];
    const files = await listMarkdownFiles(folder, readDirectory, join, (where, error) => errors.push(`${relative(root, where)}: ${(error as NodeJS.ErrnoException).code}`));
    return { files: files.map((file) => relative(root, file)).sort(), errors };
  };

  setup(async () => {
    root = await mkdtemp(join(tmpdir(), 'lwkd-list-'));
    await mkdir(join(root, '_posts', '2018', 'drafts'), { recursive: true });
    for (const file of ['_posts/2026-11-15-update.md', '_posts/2018/2018-05-06-update.md', '_posts/2018/drafts/2018-05-13-update.MD', '_posts/notes.txt', '_posts/2018/image.png']) {
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

  test('a missing posts folder lists nothing and says why', async () => {
    assert.deepEqual(await list(join(root, 'no-such-folder')), { files: [], errors: ['no-such-folder: ENOENT'] });
  });

  test('a linked post counts; a linked folder is not entered, so a loop ends', async () => {
    await writeFile(join(root, 'elsewhere.md'), 'x');
    await symlink(join(root, 'elsewhere.md'), join(root, '_posts', '2026-11-22-update.md'));
    await symlink(join(root, '_posts'), join(root, '_posts', '2018', 'loop'));
    const { files } = await list();
    assert.deepEqual(files, ['_posts/2018/2018-05-06-update.md', '_posts/2018/drafts/2018-05-13-update.MD', '_posts/2026-11-15-update.md', '_posts/2026-11-22-update.md']);
  });

  test('a folder that cannot be listed is reported; its siblings are still listed', async () => {
    const failing = async (folder: string) => {
      if (folder.endsWith('2018')) {
        throw Object.assign(new Error('permission denied'), { code: 'EACCES' });
      }
      return readDirectory(folder);
    };
    const errors: string[] = [];
    const files = await listMarkdownFiles(join(root, '_posts'), failing, join, (where, error) => errors.push(`${relative(root, where)}: ${(error as NodeJS.ErrnoException).code}`));
    assert.deepEqual(files.map((file) => relative(root, file)), ['_posts/2026-11-15-update.md']);
    assert.deepEqual(errors, ['_posts/2018: EACCES']);
  });
});
