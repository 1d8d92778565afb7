import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SnippetDefinition } from '../../src/core/completions';
import { snippetsForTypedPrefix } from '../../src/core/snippetPrefixes';
import { projectRoot } from '../runner/paths';

const snippets = JSON.parse(readFileSync(join(projectRoot, 'snippets', 'lwkd.code-snippets'), 'utf8')) as Record<string, SnippetDefinition>;
const prefixes = (line: string): string[] => snippetsForTypedPrefix(line, snippets).map((match) => match.prefix);

suite('Snippets offered while their prefix is typed', () => {
  test('lwkd- offers every contributed snippet, in prefix order, replacing what was typed', () => {
    const all = Object.values(snippets)
      .map((snippet) => snippet.prefix as string)
      .sort();
    assert.deepEqual(prefixes('lwkd-'), all);
    assert.equal(all.length, 20);
    const [first] = snippetsForTypedPrefix('* Thanks to lwkd-', snippets);
    assert.equal(first?.startColumn, '* Thanks to '.length);
    assert.equal(typeof first?.body, 'string');
  });

  test('more of the prefix narrows the list', () => {
    assert.deepEqual(prefixes('lwkd-kep'), ['lwkd-kep', 'lwkd-kep-of-the-week']);
    assert.deepEqual(prefixes('  lwkd-rel'), ['lwkd-release', 'lwkd-release-schedule']);
    assert.deepEqual(prefixes('lwkd-nothing'), []);
  });

  test('a dash that is not after lwkd offers nothing: list markers, words, URLs', () => {
    for (const line of ['-', '- ', 'well-', 'mylwkd-', 'https://example.com/lwkd-', 'x_lwkd-', 'lwkd', 'Lwkd-']) {
      assert.deepEqual(prefixes(line), [], line);
    }
  });

  test('a long line is read from its end only', () => {
    assert.deepEqual(prefixes(`${'-'.repeat(200_000)} lwkd-shout`), ['lwkd-shoutouts']);
  });
});
