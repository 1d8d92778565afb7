import * as assert from 'node:assert/strict';
import { checkEdition } from '../../src/core/checkEdition';
import { lintCoverage } from '../../src/core/lintCoverage';
import { indexPost, PostIndex } from '../../src/core/postIndex';

const edition = (week: string, body: string) => indexPost(`_posts/${week}-update.md`, `---\ntitle: Week Ending ${week}\n---\n${body}`);
const kep = (n: number) =>
  `\n## KEP of the Week\n\n### [KEP-${n}: A KEP](https://github.com/kubernetes/enhancements/tree/master/keps/sig-node/${n}-a-kep)\n\nText.\n`;
const merge = (n: number) => `\n## Other Merges\n\n* A [change](https://github.com/kubernetes/kubernetes/pull/${n})\n`;

function indexOf(...posts: ReturnType<typeof edition>[]): PostIndex {
  const index = new PostIndex();
  posts.forEach((post) => index.set(post));
  return index;
}

suite('Coverage checks', () => {
  test('a PR linked in an edition of the last 8 weeks, naming it; not older, not later, not this one', () => {
    const current = edition('2026-11-22', merge(5) + merge(6));
    const index = indexOf(edition('2026-10-04', merge(5)), edition('2026-08-02', merge(6)), edition('2026-12-06', merge(6)), current);
    const findings = lintCoverage(current, index);
    assert.deepEqual(
      findings.map((finding) => [finding.code, finding.line]),
      [['covered-recently', 6]],
    );
    assert.match(findings[0]!.message, /Week Ending 2026-10-04/);
    assert.equal(lintCoverage(current, index, { recentWeeks: 30 }).length, 2);
  });

  test('a KEP of the Week repeated within 6 months, but not one merely mentioned elsewhere', () => {
    const current = edition('2026-11-22', kep(4009));
    assert.deepEqual(
      lintCoverage(current, indexOf(edition('2026-08-30', kep(4009)), current)).map((finding) => finding.code),
      ['kep-covered'],
    );
    assert.deepEqual(lintCoverage(current, indexOf(edition('2026-03-01', kep(4009)), current)), [], 'over 6 months ago');
    const mentioned = edition(
      '2026-11-08',
      '\n## Developer News\n\nSee [KEP-4009](https://github.com/kubernetes/enhancements/tree/master/keps/sig-node/4009-a-kep).\n',
    );
    assert.deepEqual(lintCoverage(current, indexOf(mentioned, current)), []);
  });

  test('a cherry-pick, from cached GitHub data only', () => {
    const current = edition('2026-11-22', merge(7));
    const cached = (key: { number: number }) =>
      key.number === 7
        ? {
            kind: 'pull' as const,
            owner: 'kubernetes',
            repo: 'kubernetes',
            number: 7,
            title: 'Automated cherry pick of #5: fix',
            state: 'merged' as const,
            labels: [],
          }
        : undefined;
    assert.deepEqual(
      lintCoverage(current, indexOf(current), { cachedItem: cached }).map((finding) => finding.code),
      ['cherry-pick'],
    );
    assert.deepEqual(lintCoverage(current, indexOf(current)), [], 'unknown to the cache: nothing said');
  });
});

suite('Checking an edition as the editor does', () => {
  const text = `---\ntitle: Week Ending 2026-11-22\n---\n${merge(5)}\n* Done.\n`;

  test("style and coverage findings, with the writer's rules: off drops a rule, a severity re-grades it", () => {
    const index = indexOf(edition('2026-10-04', merge(5)));
    const codes = (findings: ReturnType<typeof checkEdition>) => findings.map((finding) => `${finding.code}:${finding.severity}`).sort();
    const all = codes(checkEdition(text, '_posts/2026-11-22-update.md', index, { fileName: '2026-11-22-update.md' }));
    assert.ok(all.includes('covered-recently:information') && all.includes('bullet-period:warning'), all.join());
    const graded = codes(
      checkEdition(text, '_posts/2026-11-22-update.md', index, {
        fileName: '2026-11-22-update.md',
        rules: { 'bullet-period': 'off', 'covered-recently': 'error' },
      }),
    );
    assert.ok(graded.includes('covered-recently:error') && !graded.some((code) => code.startsWith('bullet-period')), graded.join());
    assert.ok(
      !codes(checkEdition(text, '_posts/2026-11-22-update.md', undefined, { fileName: '2026-11-22-update.md' })).some((code) =>
        code.startsWith('covered-recently'),
      ),
      'no index, no coverage',
    );
  });
});
