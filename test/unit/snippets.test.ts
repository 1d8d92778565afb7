import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintPost } from '../../src/core/lint';
import { TEMPLATE_SECTIONS } from '../../src/core/sections';
import { projectRoot } from '../runner/paths';

interface Snippet {
  prefix: string;
  description: string;
  body: string[];
}

const snippets = JSON.parse(readFileSync(join(projectRoot, 'snippets', 'lwkd.code-snippets'), 'utf8')) as Record<string, Snippet>;

/**
 * What a writer gets by tabbing through a snippet without typing: placeholders keep their
 * defaults, choices their first option, mirrors the first value, variables today's values.
 */
function expand(body: readonly string[], now = new Date('2026-11-20T12:00:00Z')): string {
  const values = new Map<string, string>();
  const variables: Record<string, string> = {
    CURRENT_MONTH_NAME: now.toLocaleString('en-US', { month: 'long', timeZone: 'UTC' }),
    CURRENT_YEAR: String(now.getUTCFullYear()),
    CURRENT_DATE: String(now.getUTCDate()).padStart(2, '0'),
  };
  const resolve = (text: string): string => {
    let previous: string;
    let current = text;
    do {
      previous = current;
      current = current
        .replace(/\$\{(\d+):((?:[^${}]|\$[A-Z_]+)*)\}/g, (_, n: string, fallback: string) => {
          const value = values.get(n) ?? resolve(fallback);
          values.set(n, value);
          return value;
        })
        .replace(/\$\{(\d+)\|([^|]*)\|\}/g, (_, n: string, choices: string) => {
          const value = choices.split(',')[0]!;
          values.set(n, value);
          return value;
        })
        .replace(/\$\{([A-Z_]+)\}|\$([A-Z_]+)/g, (whole, a: string | undefined, b: string | undefined) => variables[a ?? b ?? ''] ?? whole)
        .replace(/\$\{(\d+)\}|\$(\d+)/g, (_, a: string | undefined, b: string | undefined) => values.get(a ?? b ?? '') ?? '');
    } while (current !== previous);
    return current;
  };
  return resolve(body.join('\n'));
}

const HEAD = '---\nlayout: post\ntitle: Week Ending November 22, 2026\ndate: 2026-11-23 04:12:09 -0000\nslug: 2026-11-22-update\n---\n\n';

suite('Snippets', () => {
  test('the file is valid JSON, prefixes are lwkd-* and unique, descriptions name a section', () => {
    const all = Object.values(snippets);
    assert.ok(all.length >= 20);
    assert.ok(
      all.every((snippet) => /^lwkd-[a-z-]+$/.test(snippet.prefix)),
      'prefixes',
    );
    assert.equal(new Set(all.map((snippet) => snippet.prefix)).size, all.length);
    assert.ok(all.every((snippet) => Array.isArray(snippet.body) && snippet.body.length > 0));
    for (const snippet of all) {
      assert.ok(
        [...TEMPLATE_SECTIONS, 'Any section'].some((section) => snippet.description.startsWith(section)),
        snippet.description,
      );
    }
  });

  test('every template section has a snippet with its heading', () => {
    for (const section of TEMPLATE_SECTIONS) {
      assert.ok(
        Object.values(snippets).some((snippet) => snippet.body[0] === `## ${section}`),
        section,
      );
    }
  });

  test('every item shape of the stylesheet has a snippet', () => {
    const shapes: Array<[string, RegExp]> = [
      ['Featured PR heading', /^### \[99999: PR Title From GitHub\]\(https:\/\/github\.com\/kubernetes\/kubernetes\/pull\/99999\)/],
      ['KEP heading', /^### \[KEP-0000: Title\]\(https:\/\/github\.com\/kubernetes\/enhancements\/tree\/master\/keps\/sig-node\/0000-kep-directory\)/],
      ['Next Deadline', /^\*\*Next Deadline: PRR Freeze, Date\*\*$/],
      ['promotion', /^\* \[FeatureGate to Alpha\]\(https:/],
      ['version update', /^\* \[etcd to v3\.5\.10\]\(https:/],
      ['subproject release', /^\* \[project v1\.2\.3\]\(https:[^)]+\): change one, change two; also \[v1\.1\.9\]\(https:/],
      ['shoutouts', /No shoutouts this week\. Want to thank someone/],
      ['author initials', /^ \*JMB\*$/],
    ];
    const expansions = Object.values(snippets).map((snippet) => expand(snippet.body));
    for (const [name, shape] of shapes) {
      assert.ok(
        expansions.some((text) => text.split('\n').some((line) => shape.test(line))),
        name,
      );
    }
  });

  test('$CURRENT_ variables only where today is right: the cherry-pick month', () => {
    const uses = Object.values(snippets)
      .filter((snippet) => snippet.body.join('').includes('$CURRENT_'))
      .map((snippet) => snippet.prefix);
    assert.deepEqual(uses, ['lwkd-cherry-pick-deadline']);
    assert.match(expand(snippets['Patch release cherry-picks']!.body), /^November Patch Release cherry-picks are due this Friday \(November DDth\)\.$/);
  });

  test('expanding each one, in its section, gives text the style checks accept', () => {
    for (const [name, snippet] of Object.entries(snippets)) {
      const section = TEMPLATE_SECTIONS.find((candidate) => snippet.description.startsWith(candidate));
      const expansion = expand(snippet.body);
      const body = snippet.body[0]!.startsWith('## ')
        ? expansion
        : `## ${section ?? 'Other Merges'}\n\n${section === undefined ? `* A [short item](https://github.com/kubernetes/kubernetes/pull/1)${expansion}` : expansion}`;
      const findings = lintPost(`${HEAD}${body}\n`, { fileName: '_posts/2026-11-22-update.md' });
      assert.deepEqual(
        findings.map((finding) => `${finding.code}: ${finding.message}`),
        [],
        name,
      );
    }
  });
});
