import * as assert from 'node:assert/strict';
import { lintPost } from '../../src/core/lint';
import type { MergedPr } from '../../src/core/mergedPrs';
import { bulletFor, kindOf, readReleaseNote, sectionFor, toCandidates } from '../../src/core/mergedPrs';

const pr = (number: number, title: string, labels: string[] = [], extra: Partial<MergedPr> = {}): MergedPr => ({
  owner: 'kubernetes',
  repo: 'kubernetes',
  number,
  title,
  labels,
  ...extra,
});

suite('Merged PRs: grouping and bullets', () => {
  test('kinds: deprecation over api-change over feature; the rest is other', () => {
    assert.equal(kindOf(pr(1, 'x', ['kind/feature', 'kind/deprecation'])), 'deprecation');
    assert.equal(kindOf(pr(1, 'x', ['kind/feature', 'kind/api-change'])), 'api-change');
    assert.equal(kindOf(pr(1, 'x', ['kind/feature'])), 'feature');
    assert.equal(kindOf(pr(1, 'x', ['kind/bug', 'release-note'])), 'other');
  });

  test('sections: promotions, deprecations, dependency bumps, other merges', () => {
    assert.equal(sectionFor(pr(1, 'Promote PodHostIPs to GA', ['kind/feature'])), 'Promotions');
    assert.equal(sectionFor(pr(1, 'Graduate SidecarContainers feature gate to beta', ['kind/feature'])), 'Promotions');
    assert.equal(sectionFor(pr(1, 'Deprecate the --foo flag', ['kind/deprecation'])), 'Deprecated');
    assert.equal(sectionFor(pr(1, 'Bump etcd to v3.5.10', ['kind/cleanup'])), 'Version Updates');
    assert.equal(sectionFor(pr(1, 'Update cri-tools from v1.28.0 to v1.29.0', [])), 'Version Updates');
    assert.equal(sectionFor(pr(1, 'Some dependency change', ['area/dependency'])), 'Version Updates');
    assert.equal(sectionFor(pr(1, 'Kubelet restarts faster', ['kind/feature'])), 'Other Merges');
  });

  test("bullets take the stylesheet's shapes and pass the style checks in their sections", () => {
    const promotion = bulletFor(pr(120001, '[KEP-4444] Promote PodHostIPs to GA.', ['kind/feature']));
    assert.equal(promotion, '* [PodHostIPs to GA](https://github.com/kubernetes/kubernetes/pull/120001)');
    const version = bulletFor(pr(120002, 'Bump etcd from v3.5.9 to v3.5.10', []));
    assert.equal(version, '* [etcd to v3.5.10](https://github.com/kubernetes/kubernetes/pull/120002)');
    assert.equal(
      bulletFor(pr(120004, 'Bump etcd client to v3.6.1', ['area/dependency'])),
      '* [etcd client to v3.6.1](https://github.com/kubernetes/kubernetes/pull/120004)',
    );
    assert.equal(
      bulletFor(pr(120005, 'update golang.org/x/net from v0.30.0 to v0.33.0', [])),
      '* [golang.org/x/net to v0.33.0](https://github.com/kubernetes/kubernetes/pull/120005)',
    );
    const merge = bulletFor(pr(120003, 'Kubelet [alpha] restarts faster.', []));
    assert.equal(merge, '* [Kubelet \\[alpha\\] restarts faster](https://github.com/kubernetes/kubernetes/pull/120003)');
    const edition = [
      '---',
      'layout: post',
      'title: Week Ending March 14, 2027',
      'date: 2027-03-14 22:00:00 -0000',
      'slug: 2027-03-14-update',
      '---',
      '',
      '## Other Merges',
      '',
      merge,
      '',
      '## Promotions',
      '',
      promotion,
      '',
      '## Version Updates',
      '',
      version,
      '',
    ].join('\n');
    const findings = lintPost(edition, { fileName: '2027-03-14-update.md' }).filter((finding) => finding.line > 6 && finding.code !== 'section-order');
    assert.deepEqual(
      findings.map((finding) => `${finding.code}: ${finding.message}`),
      [],
    );
  });

  test('candidates: grouped feature, api-change, deprecation, other; newest first; covered and cherry-picks unticked', () => {
    const candidates = toCandidates(
      [
        pr(5, 'Other thing', ['release-note'], { mergedAt: '2027-03-10T00:00:00Z' }),
        pr(4, 'Deprecate x', ['kind/deprecation'], { mergedAt: '2027-03-09T00:00:00Z' }),
        pr(3, 'Older feature', ['kind/feature'], { mergedAt: '2027-03-08T00:00:00Z' }),
        pr(2, 'Newer feature', ['kind/feature'], { mergedAt: '2027-03-12T00:00:00Z' }),
        pr(1, 'API change', ['kind/api-change'], { mergedAt: '2027-03-11T00:00:00Z' }),
        pr(6, 'Automated cherry pick of #2: Newer feature', ['kind/feature'], { mergedAt: '2027-03-13T00:00:00Z' }),
        pr(5, 'Other thing', ['release-note'], { mergedAt: '2027-03-10T00:00:00Z' }),
      ],
      (candidate) => (candidate.number === 3 ? 'Week Ending March 7, 2027' : undefined),
    );
    assert.deepEqual(
      candidates.map((candidate) => [candidate.number, candidate.kind, candidate.suggested]),
      [
        [6, 'feature', false],
        [2, 'feature', true],
        [3, 'feature', false],
        [1, 'api-change', true],
        [4, 'deprecation', true],
        [5, 'other', true],
      ],
    );
    assert.equal(candidates.find((candidate) => candidate.number === 3)?.coveredIn, 'Week Ending March 7, 2027');
    assert.equal(candidates[0]?.cherryPick, true);
  });

  test('release notes come from the release-note block; NONE is nothing', () => {
    assert.equal(readReleaseNote('Some text\n```release-note\nKubelet now\n  restarts faster.\n```\n'), 'Kubelet now restarts faster.');
    assert.equal(readReleaseNote('```release-note\nNONE\n```'), undefined);
    assert.equal(readReleaseNote(null), undefined);
  });
});
