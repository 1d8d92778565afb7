import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lintPost } from '../../src/core/lint';
import { indexPost } from '../../src/core/postIndex';
import { runCli } from '../util/runCli';

/**
 * Front matter of every shape YAML allows: a run over many posts reports each of them, and one
 * post's odd front matter is a finding of its own, never the end of the run.
 */
const SHAPES: Readonly<Record<string, string>> = {
  'a string': 'just a string',
  'a list': '- a\n- b',
  null: '~',
  'a number': '42',
  'date as a mapping': 'layout: post\ntitle: Week Ending March 21, 2027\ndate: {a: 1}\nslug: 2027-03-21-update',
  'date as a list': 'layout: post\ntitle: Week Ending March 21, 2027\ndate: [1, 2]\nslug: 2027-03-21-update',
  'title as a number': 'layout: post\ntitle: 42\ndate: 2027-03-21 22:00:00 -0000\nslug: 2027-03-21-update',
  'a quoted key': 'layout: post\n"title": Week Ending March 2, 2027\n\'date\': 2027-03-21 04:00:00 -0000\nslug: 2027-03-21-update',
  'a key spaced from its colon': 'layout: post\ntitle : Week Ending March 2, 2027\ndate : 2027-03-02 04:00:00 -0000\nslug : x',
  'keys in a flow mapping': '{layout: post, title: x, date: y, slug: z}',
  'an explicit key': '? title\n: x\n? date\n: [y]\nlayout: post\nslug: z',
  'a timestamp tag': 'layout: post\ntitle: !!timestamp 2027-03-21\ndate: 2027-03-21 22:00:00 -0000\nslug: 2027-03-21-update',
  'aliases that would expand to a billion nodes': `${Array.from({ length: 10 }, (_, i) => `a${i}: &a${i} [${Array.from({ length: 10 }, () => (i === 0 ? 'x' : `*a${i - 1}`)).join(', ')}]`).join('\n')}\ntitle: x`,
};

const GOOD =
  '---\nlayout: post\ntitle: Week Ending March 14, 2027\ndate: 2027-03-15 04:00:00 -0000\nslug: 2027-03-14-update\n---\n\n## Other Merges\n\n* A [change](https://github.com/kubernetes/kubernetes/pull/5).\n';

suite('Front matter of any shape', () => {
  for (const [shape, yaml] of Object.entries(SHAPES)) {
    test(`${shape}: the style checks and the index report it and go on`, () => {
      const text = `---\n${yaml}\n---\n\n## Other Merges\n\n* A [change](https://github.com/kubernetes/kubernetes/pull/6).\n`;
      const findings = lintPost(text, { fileName: '_posts/2027-03-21-update.md' });
      assert.ok(
        findings.some((finding) => finding.code === 'bullet-period'),
        'the body is still checked',
      );
      const closing = text.split('\n').indexOf('---', 1);
      for (const finding of findings) {
        assert.ok(finding.line >= 0 && Number.isInteger(finding.line), `${finding.code} is on a real line`);
        for (const edit of ['title-form', 'slug-form', 'front-matter-missing'].includes(finding.code) ? (finding.fix?.edits ?? []) : []) {
          assert.ok(edit.line > 0 && edit.line <= closing, `${finding.code}'s fix edits the front matter, not line ${edit.line}`);
        }
      }
      const post = indexPost('_posts/2027-03-21-update.md', text);
      assert.equal(post.refs.length, 1);
      assert.equal(post.sections.length, 1);
    });
  }

  test('a quoted or spaced key is reported on its own line and fixed there', () => {
    const text = `---\n${SHAPES['a quoted key']}\n---\n`;
    const title = lintPost(text, { fileName: '_posts/2027-03-21-update.md' }).find((finding) => finding.code === 'title-form');
    assert.equal(title?.line, 2);
    assert.deepEqual(title?.fix?.edits, [{ line: 2, column: 0, endLine: 2, endColumn: 34, newText: 'title: Week Ending March 21, 2027' }]);
  });

  suite('lwkd lint and lwkd index over a folder holding every shape', () => {
    let root: string;
    suiteSetup(() => {
      root = mkdtempSync(join(tmpdir(), 'lwkd-shapes-'));
      mkdirSync(join(root, '_posts'));
      writeFileSync(join(root, '_posts', '2027-03-14-update.md'), GOOD);
      Object.values(SHAPES).forEach((yaml, i) => {
        writeFileSync(
          join(root, '_posts', `2027-03-21-shape${String(i).padStart(2, '0')}.md`),
          `---\n${yaml}\n---\n\n## Other Merges\n\n* Item [link](https://github.com/kubernetes/kubernetes/pull/${i + 10})\n`,
        );
      });
    });
    suiteTeardown(() => {
      rmSync(root, { recursive: true, force: true });
    });

    test('lint reports every post, the well-formed one included', async () => {
      const { code, stdout, stderr } = await runCli(['lint', '--root', root], { cwd: root, now: '2027-03-25T12:00:00Z' });
      assert.equal(code, 1, stderr);
      assert.match(stdout, /^_posts\/2027-03-14-update\.md:10:\d+ bullet-period /m);
      assert.match(stderr, new RegExp(`^${Object.keys(SHAPES).length + 1} files, \\d+ findings`, 'm'));
      for (let i = 0; i < Object.keys(SHAPES).length; i++) {
        assert.match(stdout, new RegExp(`^_posts/2027-03-21-shape${String(i).padStart(2, '0')}\\.md:`, 'm'));
      }
    });

    test('index lists every post with its sections and links', async () => {
      const { code, stdout } = await runCli(['index', '--root', root, '--json'], { cwd: root, now: '2027-03-25T12:00:00Z' });
      assert.equal(code, 0);
      const posts = JSON.parse(stdout) as Array<{ file: string; sections: unknown[]; refs: unknown[]; errors: string[] }>;
      assert.equal(posts.length, Object.keys(SHAPES).length + 1);
      for (const post of posts) {
        assert.equal(post.sections.length, 1, post.file);
        assert.equal(post.refs.length, 1, post.file);
        assert.ok(
          post.errors.every((error) => !/TypeError|Cannot read/.test(error)),
          `${post.file}: ${post.errors.join('; ')}`,
        );
      }
    });
  });
});
