import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli';
import type { IndexedPost } from '../../src/core/postIndex';
import { projectRoot } from '../runner/paths';

const MARKER = '/tmp/lwkd-front-matter-was-evaluated';

function hashes(folder: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(folder)
      .filter((name) => name.endsWith('.md') && !name.startsWith('2030'))
      .map((name) => [
        name,
        createHash('sha256')
          .update(readFileSync(join(folder, name)))
          .digest('hex'),
      ]),
  );
}

suite('lwkd index over broken posts: a clear error each, nothing else breaks', () => {
  let root: string;
  let posts: IndexedPost[];
  let code: number;
  let elapsedMs: number;
  let before: Record<string, string>;

  suiteSetup(async function () {
    this.timeout(60_000);
    rmSync(MARKER, { force: true });
    root = mkdtempSync(join(tmpdir(), 'lwkd-bad-'));
    cpSync(join(projectRoot, 'test', 'fixtures', 'bad-posts'), root, { recursive: true });
    const folder = join(root, '_posts');
    // 50 MB of a "post" (sparse, so the test machine does not care).
    writeFileSync(join(folder, '2030-01-06-update.md'), '---\ntitle: huge\n---\n');
    truncateSync(join(folder, '2030-01-06-update.md'), 50 * 1024 * 1024);
    // Unreadable: permissions do not stop root, a directory behind the name does.
    mkdirSync(join(root, 'a-folder'));
    symlinkSync(join(root, 'a-folder'), join(folder, '2030-01-13-update.md'));
    if (process.getuid?.() !== 0) {
      writeFileSync(join(folder, '2030-01-20-update.md'), '---\n---\n');
      chmodSync(join(folder, '2030-01-20-update.md'), 0o000);
    }
    // Listed, then gone before it is read.
    symlinkSync(join(root, 'deleted-target.md'), join(folder, '2030-01-27-update.md'));
    before = hashes(folder);
    let stdout = '';
    const started = process.hrtime.bigint();
    code = await main(['index', '--root', root, '--json'], {
      stdout: (text) => {
        stdout += text;
      },
      stderr: () => undefined,
      env: {},
      cwd: root,
      now: () => new Date(),
    });
    elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
    posts = JSON.parse(stdout) as IndexedPost[];
  });

  suiteTeardown(() => {
    rmSync(root, { recursive: true, force: true });
  });

  const post = (name: string): IndexedPost => {
    const found = posts.find((entry) => entry.file === `_posts/${name}`);
    assert.ok(found, `${name} is in the index`);
    return found;
  };

  test('exits 0 and keeps every post, healthy or not', () => {
    assert.equal(code, 0);
    assert.equal(post('2026-03-01-update.md').errors.length, 0);
    assert.equal(post('2026-03-01-update.md').refs[0]?.number, 130002);
  });

  test('---js front matter is refused and never runs', () => {
    assert.match(post('2026-01-04-update.md').errors[0] ?? '', /never evaluated/);
    assert.equal(existsSync(MARKER), false);
  });

  test('a YAML alias bomb is refused, and the whole run stays quick', () => {
    assert.match(post('2026-01-11-update.md').errors[0] ?? '', /expands to more than/);
    assert.ok(elapsedMs < 2_000, `index took ${elapsedMs} ms`);
  });

  test('no closing ---, a list, a string: each says what is wrong, sections still indexed', () => {
    assert.match(post('2026-01-18-update.md').errors[0] ?? '', /no closing ---/);
    assert.match(post('2026-01-25-update.md').errors[0] ?? '', /a list/);
    assert.match(post('2026-02-01-update.md').errors[0] ?? '', /a string/);
    assert.deepEqual(
      post('2026-01-25-update.md').sections.map((s) => s.title),
      ['Developer News'],
    );
  });

  test('invalid dates are kept as written, for the style checks to flag', () => {
    assert.equal(post('2022-02-27-update.md').frontMatter?.date, '2022-02-29 22:00:00 -0000');
    assert.equal(post('2026-02-08-update.md').frontMatter?.date, '2026-13-45 99:00:00 +9999');
    assert.deepEqual(post('2022-02-27-update.md').errors, []);
  });

  test('CRLF and a BOM index like any post', () => {
    const crlf = post('2026-02-15-update.md');
    assert.deepEqual(crlf.errors, []);
    assert.equal(crlf.frontMatter?.title, 'Week Ending February 15, 2026');
    assert.deepEqual(
      crlf.sections.map((s) => [s.title, s.line]),
      [['Other Merges', 7]],
    );
    assert.equal(crlf.refs[0]?.number, 130001);
  });

  test('a binary file, a 50 MB file and an unreadable one are skipped with their reason', () => {
    assert.match(post('2026-02-22-update.md').errors[0] ?? '', /binary/);
    assert.match(post('2030-01-06-update.md').errors[0] ?? '', /50\.0 MB is larger than the 1 MB/);
    assert.match(post('2030-01-13-update.md').errors[0] ?? '', /not indexed: not a regular file/);
    if (process.getuid?.() !== 0) {
      assert.match(post('2030-01-20-update.md').errors[0] ?? '', /cannot read the file \(EACCES\)/);
    }
  });

  test('a post that disappears before it is read is simply not there', () => {
    assert.equal(
      posts.some((entry) => entry.file === '_posts/2030-01-27-update.md'),
      false,
    );
  });

  test('the index never rewrites a post', () => {
    assert.deepEqual(hashes(join(root, '_posts')), before);
  });
});
