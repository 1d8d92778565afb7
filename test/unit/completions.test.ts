import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CompletionRequest, SnippetDefinition } from '../../src/core/completions';
import { suggestCompletions } from '../../src/core/completions';
import { TEMPLATE_SECTIONS } from '../../src/core/sections';
import { projectRoot } from '../runner/paths';

const snippets = JSON.parse(readFileSync(join(projectRoot, 'snippets', 'lwkd.code-snippets'), 'utf8')) as Record<string, SnippetDefinition>;

const FRONT = '---\nlayout: post\ntitle: Week Ending March 21, 2027\ndate: 2027-03-21 22:00:00 -0000\nslug: 2027-03-21-update\n---\n';

/** An edition with every template section and an empty line in each to complete on. */
const EDITION = FRONT + TEMPLATE_SECTIONS.map((section) => `## ${section}\n\n\n`).join('');

function at(text: string, marker: string, extra: Partial<CompletionRequest> = {}): ReturnType<typeof suggestCompletions> {
  const offset = text.indexOf(marker);
  assert.ok(offset >= 0, `marker ${marker} not in text`);
  const clean = text.replace(marker, '');
  const before = clean.slice(0, offset).split('\n');
  return suggestCompletions({
    text: clean,
    line: before.length - 1,
    character: before.at(-1)!.length,
    snippets,
    explicit: true,
    cachedTitle: () => undefined,
    ...extra,
  });
}

/** The edition with `typed` on the empty line after `section`'s heading; `|` marks the cursor (default: the end). */
function inSection(section: string, typed = ''): string {
  return EDITION.replace(`## ${section}\n\n`, `## ${section}\n\n${typed.includes('|') ? typed : `${typed}|`}`);
}

const EXPECTED_SHAPE: Record<string, { label: string; starts: string }> = {
  'Developer News': { label: 'Developer News item', starts: '${1:Who} [' },
  'Release Schedule': { label: 'Next Deadline', starts: '**Next Deadline: ${1|PRR Freeze,' },
  'Featured PRs': { label: 'Featured PR heading', starts: '### [${1:99999}: ' },
  'KEP of the Week': { label: 'KEP of the Week heading', starts: '### [KEP-${1:0000}: ' },
  'Other Merges': { label: 'Merge item', starts: '* ${1:Component} ' },
  Promotions: { label: 'Promotion', starts: '* [${1:FeatureGate} to ${2|Alpha,Beta,GA|}]' },
  Deprecated: { label: 'Deprecation', starts: '* ${1:The flag} `' },
  'Version Updates': { label: 'Version update', starts: '* [${1:etcd} to v' },
  'Subprojects and Dependency Updates': { label: 'Subproject release', starts: '* [${1:project} v${2:1.2.3}]' },
  Shoutouts: { label: 'Shoutouts item', starts: '* ${1:No shoutouts this week.' },
};

suite('Section-aware completions', () => {
  for (const section of TEMPLATE_SECTIONS) {
    test(`at the start of a line in ${section}, the section's item shape comes first`, () => {
      const [first] = at(inSection(section), '|');
      assert.ok(first, 'a suggestion');
      assert.equal(first.label, EXPECTED_SHAPE[section]!.label);
      assert.ok(first.insertText.startsWith(EXPECTED_SHAPE[section]!.starts), first.insertText);
      assert.equal(first.snippet, true);
    });
  }

  test('a typed bullet and first word are replaced by the shape, and still match it', () => {
    const [first] = at(inSection('Promotions', '* Pod'), '|');
    assert.equal(first?.label, 'Promotion');
    assert.equal(first.startColumn, 0);
    assert.equal(first.endColumn, 5);
    assert.ok(first.filterText.startsWith('* Pod'));
  });

  test('inside a sentence no shape is offered', () => {
    assert.deepEqual(at(inSection('Other Merges', '* Kubelet now '), '|'), []);
    assert.deepEqual(at(inSection('Developer News', 'The steering '), '|'), []);
  });

  test('after ### the heading shape is offered in Featured PRs and KEP of the Week only', () => {
    const featured = at(inSection('Featured PRs', '### '), '|');
    assert.equal(featured[0]?.kind, 'heading');
    assert.equal(featured[0].label, 'Featured PR heading');
    assert.equal(at(inSection('KEP of the Week', '### KEP'), '|')[0]?.label, 'KEP of the Week heading');
    assert.deepEqual(at(inSection('Other Merges', '### '), '|'), []);
  });

  test("after ## the template sections the edition lacks, in the template's order", () => {
    const text = `${FRONT}## Developer News\n\nNews.\n\n## Other Merges\n\n* A thing\n\n## |\n`;
    const labels = at(text, '|').map((suggestion) => suggestion.label);
    assert.deepEqual(
      labels,
      TEMPLATE_SECTIONS.filter((section) => section !== 'Developer News' && section !== 'Other Merges'),
    );
    const promotions = at(text, '|').find((suggestion) => suggestion.label === 'Promotions')!;
    assert.ok(promotions.insertText.startsWith('## Promotions\n\n* ['), promotions.insertText);
  });

  test('the front matter and the lines before the first section get nothing', () => {
    assert.deepEqual(at(`---\nlayout: post\n|\n---\n## Promotions\n`, '|'), []);
    assert.deepEqual(at(`${FRONT}|\n## Promotions\n`, '|'), []);
  });

  test("an unknown section gets no shape; an archived spelling gets its section's", () => {
    assert.deepEqual(at(`${FRONT}## Feature Work\n\n|\n`, '|'), []);
    assert.equal(at(`${FRONT}## Deprecations\n\n|\n`, '|')[0]?.label, 'Deprecation');
  });

  suite('PR titles from the cache', () => {
    const url = 'https://github.com/kubernetes/kubernetes/pull/123456';
    const title = 'Graduate [PodHostIPs] to GA';
    const cachedTitle: CompletionRequest['cachedTitle'] = (key) =>
      key.owner === 'kubernetes' && key.repo === 'kubernetes' && key.number === 123456 ? title : undefined;

    test("inside the link text, GitHub's title (escaped for Markdown) replaces the text", () => {
      const line = `* [draft](${url})`;
      const suggestions = at(inSection('Other Merges', `* [dra|ft](${url})`), '|', { cachedTitle });
      const fill = suggestions.find((suggestion) => suggestion.kind === 'title');
      assert.ok(fill, JSON.stringify(suggestions));
      assert.equal(fill.insertText, 'Graduate \\[PodHostIPs\\] to GA');
      assert.equal(fill.snippet, false);
      assert.equal(line.slice(fill.startColumn, fill.endColumn), 'draft');
    });

    test('a Featured PR heading without its number gets "N: " in front', () => {
      const suggestions = at(inSection('Featured PRs', `### [|](${url})`), '|', { cachedTitle });
      assert.equal(suggestions.find((suggestion) => suggestion.kind === 'title')?.insertText, '123456: Graduate \\[PodHostIPs\\] to GA');
    });

    test('a bare PR URL becomes a link with the title', () => {
      const suggestions = at(inSection('Other Merges', `* ${url}|`), '|', { cachedTitle });
      const fill = suggestions.find((suggestion) => suggestion.kind === 'title');
      assert.equal(fill?.insertText, `[Graduate \\[PodHostIPs\\] to GA](${url})`);
      assert.equal(fill.startColumn, 2);
    });

    test('nothing when the title is not cached, or when typing (not asking) in non-empty link text', () => {
      assert.equal(at(inSection('Other Merges', `* [dra|ft](${url})`), '|').filter((s) => s.kind === 'title').length, 0);
      assert.equal(at(inSection('Other Merges', `* [dra|ft](${url})`), '|', { cachedTitle, explicit: false }).filter((s) => s.kind === 'title').length, 0);
      assert.equal(at(inSection('Other Merges', `* [|](${url})`), '|', { cachedTitle, explicit: false }).filter((s) => s.kind === 'title').length, 1);
    });

    test('with the cursor in the URL nothing is offered (the editor cannot replace text away from the cursor)', () => {
      const suggestions = at(inSection('Other Merges', `* [draft](https://github.com/kube|rnetes/kubernetes/pull/123456)`), '|', { cachedTitle });
      assert.deepEqual(
        suggestions.filter((s) => s.kind === 'title'),
        [],
      );
    });
  });

  test('author initials at the end of an item, only when asked for', () => {
    const withCursor = inSection('Other Merges', '* Kubelet [restarts faster](https://github.com/kubernetes/kubernetes/pull/1)');
    const asked = at(withCursor, '|');
    assert.equal(asked.find((s) => s.kind === 'initials')?.insertText, ' *${1:JMB}*$0');
    assert.deepEqual(
      at(withCursor, '|', { explicit: false }).filter((s) => s.kind === 'initials'),
      [],
    );
  });

  test("authors.md's initials, asked for or when ` *` is typed after an item; never while typing a sentence", () => {
    const authors = [
      { initials: 'JMB', name: 'Josh Berkus' },
      { initials: 'FD', name: 'Fabian Deutch' },
    ];
    const item = '* Kubelet [restarts faster](https://github.com/kubernetes/kubernetes/pull/1)';
    const asked = at(inSection('Other Merges', item), '|', { authors }).filter((s) => s.kind === 'initials');
    assert.deepEqual(
      asked.map((s) => [s.label, s.detail, s.insertText]),
      [
        ['*JMB*', 'Josh Berkus', ' *JMB*'],
        ['*FD*', 'Fabian Deutch', ' *FD*'],
      ],
    );
    const typed = at(inSection('Other Merges', `${item} *`), '|', { explicit: false, authors }).filter((s) => s.kind === 'initials');
    assert.deepEqual(
      typed.map((s) => [s.insertText, s.endColumn - s.startColumn]),
      [
        ['*JMB*', 1],
        ['*FD*', 1],
      ],
    );
    assert.deepEqual(
      at(inSection('Other Merges', `${item} `), '|', { explicit: false, authors }).filter((s) => s.kind === 'initials'),
      [],
    );
  });

  test('with no snippets (file unreadable) there are no shapes but nothing breaks', () => {
    assert.deepEqual(
      suggestCompletions({
        text: inSection('Promotions').replace('|', ''),
        line: EDITION.split('\n').findIndex((l) => l === '## Promotions') + 2,
        character: 0,
        snippets: {},
        explicit: true,
        cachedTitle: () => undefined,
      }),
      [],
    );
  });
});
