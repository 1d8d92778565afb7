import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { frontMatterRange } from '../../src/core/edition';
import { parseFrontMatter } from '../../src/core/frontMatter';

suite('Front matter, read safely', () => {
  test('reads the four LWKD fields exactly as written', () => {
    const parsed = parseFrontMatter(
      '---\nlayout: post\ntitle: "Week Ending August 2, 2026"\ndate: 2026-08-03 04:12:09 -0000\nslug: 2026-08-02-update\n---\nbody',
    );
    assert.equal(parsed.error, undefined);
    assert.deepEqual(parsed.fields, { layout: 'post', title: 'Week Ending August 2, 2026', date: '2026-08-03 04:12:09 -0000', slug: '2026-08-02-update' });
    assert.equal(parsed.endLine, 5);
    assert.equal(typeof parsed.data?.date, 'string', 'dates stay text (CORE schema)');
  });

  test('keeps impossible dates as written instead of shifting them', () => {
    assert.equal(parseFrontMatter('---\ndate: 2022-02-29 22:00:00 -0000\n---\n').fields?.date, '2022-02-29 22:00:00 -0000');
  });

  test('never evaluates ---js front matter', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lwkd-fm-'));
    const marker = join(dir, 'marker');
    try {
      for (const language of ['js', 'javascript', 'coffee', 'json']) {
        const text = `---${language}\n{ title: require('fs').writeFileSync(${JSON.stringify(marker)}, 'pwned') }\n---\nbody`;
        const parsed = parseFrontMatter(text);
        assert.match(parsed.error ?? '', /never evaluated/, language);
        assert.equal(existsSync(marker), false, `${language} front matter wrote the marker`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('rejects a YAML alias bomb quickly', () => {
    const lines = ['---', 'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i <= 9; i++) {
      lines.push(`a${i}: &a${i} [${Array.from({ length: 9 }, () => `*a${i - 1}`).join(',')}]`);
    }
    lines.push('---', 'body');
    const started = process.hrtime.bigint();
    const parsed = parseFrontMatter(lines.join('\n'));
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    assert.match(parsed.error ?? '', /expands to more than/);
    assert.ok(ms < 100, `took ${ms} ms`);
  });

  test('a block closed by ... (the YAML document end Jekyll accepts) reads like one closed by ---', () => {
    const text = '---\ntitle: Week Ending August 2, 2026\n...\n## Developer News\n\n---\n';
    const parsed = parseFrontMatter(text);
    assert.equal(parsed.error, undefined);
    assert.equal(parsed.fields?.title, 'Week Ending August 2, 2026');
    assert.equal(parsed.endLine, 2);
    assert.deepEqual(frontMatterRange(text.split('\n')), { start: 0, end: parsed.endLine }, 'the style checks see the same block');
  });

  test('a block with no closing --- is an error, not the whole file', () => {
    assert.match(parseFrontMatter('---\ntitle: x\n\n## Developer News\n').error ?? '', /no closing ---/);
  });

  test('front matter that is a list or a string is an error', () => {
    assert.match(parseFrontMatter('---\n- a\n- b\n---\n').error ?? '', /a list, not key: value pairs/);
    assert.match(parseFrontMatter('---\njust words\n---\n').error ?? '', /a string, not key: value pairs/);
  });

  test('invalid YAML is an error naming the problem', () => {
    assert.match(parseFrontMatter('---\ntitle: [unclosed\n---\n').error ?? '', /not valid YAML/);
    assert.match(parseFrontMatter('---\ntitle: a\ntitle: b\n---\n').error ?? '', /not valid YAML: duplicated mapping key/);
  });

  test('a post without front matter says so', () => {
    assert.match(parseFrontMatter('## Developer News\n').error ?? '', /no front matter/);
  });

  test('CRLF and a byte-order mark are read like LF', () => {
    const parsed = parseFrontMatter('\uFEFF---\r\nlayout: post\r\ntitle: Week Ending May 3, 2026\r\n---\r\nbody');
    assert.equal(parsed.error, undefined);
    assert.deepEqual(parsed.fields, { layout: 'post', title: 'Week Ending May 3, 2026' });
  });

  test('empty front matter is fine and has no fields', () => {
    assert.deepEqual(parseFrontMatter('---\n---\nbody').fields, {});
  });

  test('a block of comments only is empty, as Jekyll reads it', () => {
    assert.deepEqual(parseFrontMatter('---\n# drafted by hand\n---\n\nBody\n'), { endLine: 2, data: {}, fields: {} });
  });

  test('a "--- x" line inside the block is a second YAML document: an error, and the block still ends where Jekyll ends it', () => {
    const parsed = parseFrontMatter('---\ntitle: Week Ending March 7, 2027\n--- x\n---\n\nBody\n');
    assert.equal(parsed.endLine, 3);
    assert.match(parsed.error ?? '', /^front matter is not valid YAML: expected a single document/);
  });

  test('a __proto__ key stays a plain key', () => {
    const parsed = parseFrontMatter('---\n__proto__: {polluted: true}\ntitle: x\n---\n');
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.deepEqual(Object.keys(parsed.data ?? {}), ['__proto__', 'title']);
  });
});
