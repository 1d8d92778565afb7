import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../runner/paths';

/**
 * The built `lwkd` (dist/cli.js) in a child process, as a writer runs it: file-size limits, devices
 * and FIFOs are about the real process and the real file system, which in-process tests cannot show.
 */
const cli = join(projectRoot, 'dist', 'cli.js');

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs lwkd under `ulimit -f <blocks>` (1 KB blocks in bash) when given, with a generous timeout. */
function lwkd(args: readonly string[], options: { cwd: string; fileSizeBlocks?: number; timeoutMs?: number }): Run {
  const limit = options.fileSizeBlocks === undefined ? '' : `ulimit -f ${options.fileSizeBlocks}; `;
  const result = spawnSync('bash', ['-c', `${limit}exec "$0" "$@"`, process.execPath, cli, ...args], {
    cwd: options.cwd,
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 20_000,
    env: { ...process.env, TZ: 'UTC' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const FRONT = '---\nlayout: post\ntitle: Week Ending November 22, 2026\ndate: 2026-11-22 22:00:00 -0000\nslug: 2026-11-22-update\n---\n\n## Developer News\n\n';
/** About 4 KB: more than a 1 KB file-size limit lets a process write. */
const EDITION = FRONT + 'A line of news that the writer spent the evening on.\n'.repeat(80);

suite('lwkd writes: complete or not at all (child process)', () => {
  let root: string;
  let posts: string;
  let post: string;
  setup(() => {
    root = mkdtempSync(join(tmpdir(), 'lwkd-files-'));
    posts = join(root, '_posts');
    mkdirSync(posts);
    post = join(posts, '2026-11-22-update.md');
    writeFileSync(post, EDITION);
  });
  teardown(() => {
    rmSync(root, { recursive: true, force: true });
  });

  test('stamp under a file-size limit fails with a message, exit 1; the post is byte-identical and no temporary file remains', () => {
    const before = readFileSync(post);
    const run = lwkd(['stamp', post, '--now', '2026-11-23T04:12:09Z'], { cwd: root, fileSizeBlocks: 1 });
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stderr, /lwkd stamp: .*2026-11-22-update\.md could not be written .*unchanged/);
    assert.deepEqual(readFileSync(post), before);
    assert.deepEqual(readdirSync(posts), ['2026-11-22-update.md']);
  });

  test('new under a file-size limit fails with a message and leaves no file, so the next run creates it', () => {
    writeFileSync(
      join(root, 'template.md'),
      `${FRONT.replace('November 22, 2026', 'Month DD, YYYY').replace(/2026-11-22/g, 'POST_DATE')}${'Template text.\n'.repeat(200)}`,
    );
    const failed = lwkd(['new', '--root', root, '--week', '2026-11-29'], { cwd: root, fileSizeBlocks: 1 });
    assert.equal(failed.code, 1, failed.stderr);
    assert.match(failed.stderr, /lwkd new: .*2026-11-29-update\.md could not be created/);
    assert.deepEqual(readdirSync(posts), ['2026-11-22-update.md']);
    const retried = lwkd(['new', '--root', root, '--week', '2026-11-29'], { cwd: root });
    assert.equal(retried.code, 0, retried.stderr);
    assert.match(readFileSync(join(posts, '2026-11-29-update.md'), 'utf8'), /Template text\.\n$/);
  });

  test('stamp keeps the mode and the owner', () => {
    chmodSync(post, 0o640);
    const owner = process.getuid?.() === 0 ? { uid: 4321, gid: 4322 } : { uid: statSync(post).uid, gid: statSync(post).gid };
    chownSync(post, owner.uid, owner.gid);
    const run = lwkd(['stamp', post, '--now', '2026-11-23T04:12:09Z'], { cwd: root });
    assert.equal(run.code, 0, run.stderr);
    const stat = statSync(post);
    assert.equal(stat.mode & 0o7777, 0o640);
    assert.deepEqual({ uid: stat.uid, gid: stat.gid }, owner);
    assert.match(readFileSync(post, 'utf8'), /date: 2026-11-23 04:12:09 -0000/);
  });

  test('a symlinked post stays a link; its target gets the stamp, beside which nothing is left', () => {
    const elsewhere = join(root, 'drafts');
    mkdirSync(elsewhere);
    const target = join(elsewhere, 'real.md');
    writeFileSync(target, EDITION);
    rmSync(post);
    symlinkSync(target, post);
    const run = lwkd(['stamp', post, '--now', '2026-11-23T04:12:09Z'], { cwd: root });
    assert.equal(run.code, 0, run.stderr);
    assert.ok(lstatSync(post).isSymbolicLink());
    assert.equal(readlinkSync(post), target);
    assert.equal(readFileSync(target, 'utf8'), EDITION.replace('2026-11-22 22:00:00', '2026-11-23 04:12:09'));
    assert.deepEqual(readdirSync(elsewhere), ['real.md']);
    assert.deepEqual(readdirSync(posts), ['2026-11-22-update.md']);
  });

  test('a read-only post is refused with a message, not rewritten', () => {
    chmodSync(post, 0o444);
    const run = lwkd(['stamp', post, '--now', '2026-11-23T04:12:09Z'], { cwd: root });
    assert.equal(run.code, 1);
    assert.match(run.stderr, /2026-11-22-update\.md is read-only; it is left unchanged/);
    assert.equal(readFileSync(post, 'utf8'), EDITION);
    assert.equal(statSync(post).mode & 0o777, 0o444);
  });
});

suite('lwkd reads only regular files under the cap (child process)', () => {
  let root: string;
  let posts: string;
  setup(() => {
    root = mkdtempSync(join(tmpdir(), 'lwkd-reads-'));
    posts = join(root, '_posts');
    mkdirSync(posts);
    writeFileSync(join(posts, '2026-11-22-update.md'), EDITION);
  });
  teardown(() => {
    rmSync(root, { recursive: true, force: true });
  });

  test('index: a post that is a character device (a link to /dev/zero) is reported, and the others still are', () => {
    symlinkSync('/dev/zero', join(posts, '2026-11-29-update.md'));
    const run = lwkd(['index'], { cwd: root });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /2026-11-29-update\.md .*ERROR: not indexed: not a regular file/);
    assert.match(run.stdout, /Week Ending November 22, 2026 {2}1 sections/);
    assert.match(run.stdout, /2 posts indexed, 1 with errors/);
  });

  test('index and lint: a post linked to a FIFO is reported without waiting for a writer', () => {
    const fifo = join(root, 'pipe');
    const made = spawnSync('mkfifo', [fifo]);
    assert.equal(made.status, 0, 'mkfifo is available');
    symlinkSync(fifo, join(posts, '2026-11-29-update.md'));
    const index = lwkd(['index'], { cwd: root });
    assert.equal(index.code, 0, index.stderr);
    assert.match(index.stdout, /2 posts indexed, 1 with errors/);
    const lint = lwkd(['lint', fifo], { cwd: root });
    assert.equal(lint.code, 1);
    assert.match(lint.stdout, /pipe:1:1 unreadable .*not a regular file/);
  });

  test('lint: a post linked to /dev/zero is an unreadable finding, and the other post is still checked', () => {
    symlinkSync('/dev/zero', join(posts, '2026-11-29-update.md'));
    const run = lwkd(['lint'], { cwd: root });
    assert.equal(run.code, 1);
    assert.match(run.stdout, /_posts\/2026-11-29-update\.md:1:1 unreadable .*is not a regular file/);
    assert.match(run.stdout, /_posts\/2026-11-22-update\.md:4:1 date-template-default/);
  });

  test('stamp refuses a device', () => {
    symlinkSync('/dev/zero', join(posts, '2026-11-29-update.md'));
    const run = lwkd(['stamp', join(posts, '2026-11-29-update.md'), '--now', '2026-11-30T04:00:00Z'], { cwd: root });
    assert.equal(run.code, 1);
    assert.match(run.stderr, /is not a regular file/);
  });

  test('new: a template.md that links outside the root is refused, and nothing is created', () => {
    const secret = join(tmpdir(), `lwkd-secret-${process.pid}.txt`);
    writeFileSync(secret, 'a private key\n');
    try {
      symlinkSync(secret, join(root, 'template.md'));
      const run = lwkd(['new', '--root', root, '--week', '2026-11-29'], { cwd: root });
      assert.equal(run.code, 1);
      assert.match(run.stderr, /lwkd new: template: .*template\.md resolves to .*, outside .*, so it is not read/);
      assert.deepEqual(readdirSync(posts), ['2026-11-22-update.md']);
      const outside = lwkd(['new', '--root', root, '--week', '2026-11-29', '--template', secret, '--dry-run'], { cwd: root });
      assert.equal(outside.code, 1);
      assert.doesNotMatch(outside.stdout, /private key/);
    } finally {
      rmSync(secret, { force: true });
    }
  });

  test('new: a template.md linked to a file inside the root is used', () => {
    mkdirSync(join(root, 'templates'));
    writeFileSync(join(root, 'templates', 'weekly.md'), '---\ntitle: Week Ending Month DD, YYYY\n---\n');
    symlinkSync(join(root, 'templates', 'weekly.md'), join(root, 'template.md'));
    const run = lwkd(['new', '--root', root, '--week', '2026-11-29', '--dry-run'], { cwd: root });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, '---\ntitle: Week Ending November 29, 2026\n---\n');
  });
});
