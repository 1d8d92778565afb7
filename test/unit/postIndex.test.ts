import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { indexPost, searchIndex } from '../../src/core/postIndex';
import { projectRoot } from '../runner/paths';
import { indexFolder } from '../util/indexFolder';

const fixturePosts = join(projectRoot, 'test', 'fixtures', 'workspace', '_posts');

suite('Indexing a post', () => {
  test('records front matter, week, sections with lines, and references', () => {
    const post = indexPost('_posts/2026-11-08-update.md', readFileSync(join(fixturePosts, '2026-11-08-update.md'), 'utf8'));
    assert.equal(post.weekEnding, '2026-11-08');
    assert.equal(post.frontMatter?.title, 'Week Ending November 8, 2026');
    assert.deepEqual(post.errors, []);
    assert.deepEqual(
      post.sections.map((s) => `${s.level}:${s.line}:${s.title}`),
      [
        '2:7:Developer News',
        '2:11:Release Schedule',
        '2:15:Featured PRs',
        '3:17:[#140001: Example feature for the fixture](https://github.com/kubernetes/kubernetes/pull/140001)',
        '2:21:Other Merges',
        '2:25:Shoutouts',
      ],
    );
    assert.deepEqual(
      post.refs.map((r) => `${r.owner}/${r.repo}#${r.number}@${r.line}`),
      ['kubernetes/kubernetes#140001@17', 'kubernetes/kubernetes#140001@19', 'kubernetes/kubernetes#140002@19', 'kubernetes/kubernetes#140003@23'],
    );
  });

  test('a broken post stays in the index with its error', () => {
    const post = indexPost('_posts/2026-01-04-update.md', '---js\nalert(1)\n---\n## Developer News\nk/k#9\n');
    assert.equal(post.errors.length, 1);
    assert.equal(post.frontMatter, undefined);
    assert.equal(post.sections.length, 1);
    assert.equal(post.refs.length, 1);
  });

  test('a file name without a date, or with an impossible one, has no week', () => {
    assert.equal(indexPost('_posts/notes.md', '').weekEnding, undefined);
    assert.equal(indexPost('_posts/2022-02-30-update.md', '').weekEnding, undefined);
  });

  test('headings in fenced code are not sections', () => {
    assert.deepEqual(
      indexPost('x.md', '---\n---\n```\n## not a section\n```\n## Real\n').sections.map((s) => s.title),
      ['Real'],
    );
  });

  test('what is a ## or ### heading: up to three spaces before it, a space or tab after, closing #s dropped', () => {
    const text = [
      '---',
      '---',
      '## Two',
      '### Three',
      '#### Four is not',
      '   ## Indented three',
      '    ## Indented four is code',
      '##No space',
      '##',
      '##\tTabbed ##',
      '## Closed ###  ',
      '~~~~',
      '## In a tilde fence',
      '~~~~',
      ' ```',
      '### In an indented fence',
      '```',
      '### After',
      '    ```',
      '## Four spaces do not open a fence',
    ].join('\n');
    assert.deepEqual(
      indexPost('x.md', text).sections.map((s) => `${s.level}:${s.line}:${s.title}`),
      ['2:2:Two', '3:3:Three', '2:5:Indented three', '2:9:Tabbed', '2:10:Closed', '3:17:After', '2:19:Four spaces do not open a fence'],
    );
  });
});

suite('The index', () => {
  test('finds every edition that linked a PR, newest first, in any link form', () => {
    const index = indexFolder(fixturePosts);
    const hits = index.occurrences('kubernetes/kubernetes#140003');
    assert.deepEqual(
      hits.map((hit) => `${hit.post.weekEnding}:${hit.ref.line}`),
      ['2026-11-15:24', '2026-11-08:23'],
    );
  });

  test('replacing and deleting a post keeps lookups right', () => {
    const index = indexFolder(fixturePosts);
    index.set(indexPost('_posts/2026-11-15-update.md', '---\n---\nno links now\n'));
    assert.deepEqual(
      index.occurrences('kubernetes/kubernetes#140003').map((hit) => hit.post.weekEnding),
      ['2026-11-08'],
    );
    index.delete('_posts/2026-11-08-update.md');
    assert.deepEqual(index.occurrences('kubernetes/kubernetes#140003'), []);
    assert.equal(index.size, 1);
  });

  test('Find in Past Issues: by number, URL, KEP and heading words', () => {
    const index = indexFolder(fixturePosts);
    assert.deepEqual(
      searchIndex(index, '140001').map((hit) => hit.line),
      [17, 19],
    );
    assert.deepEqual(
      searchIndex(index, '#140002').map((hit) => hit.text),
      ['k/k#140002'],
    );
    assert.equal(searchIndex(index, 'https://github.com/kubernetes/kubernetes/pulls/140010').length, 1);
    assert.deepEqual(
      searchIndex(index, 'KEP-9001').map((hit) => hit.kind),
      ['reference', 'reference'],
    );
    assert.deepEqual(
      searchIndex(index, '9001').map((hit) => hit.post.weekEnding),
      ['2026-11-15', '2026-11-15'],
    );
    assert.deepEqual(
      searchIndex(index, 'fixture enhancement').map((hit) => hit.kind),
      ['heading'],
    );
    assert.deepEqual(searchIndex(index, 'nothing like this'), []);
  });
});
