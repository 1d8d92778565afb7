import * as assert from 'node:assert/strict';
import { compareVersions, groupReleases, highlights, releaseLine } from '../../src/core/releases';
import { editionWeekWindow } from '../../src/core/weekWindow';

const week = { year: 2027, month: 3, day: 14 };

suite('Subproject releases: lines', () => {
  const window = editionWeekWindow(week, 'UTC');
  const release = (tag: string, publishedAt: string, extra: { prerelease?: boolean; highlights?: string[] } = {}) => ({
    tag,
    url: `https://github.com/cri-o/cri-o/releases/tag/${tag}`,
    publishedAt,
    prerelease: extra.prerelease ?? false,
    highlights: extra.highlights ?? [],
  });

  test('the highest version leads; backports go under "also"; pre-releases are marked; other weeks are left out', () => {
    const group = groupReleases(
      'cri-o/cri-o',
      [
        release('v1.30.6', '2027-03-10T10:00:00Z'),
        release('v1.31.2', '2027-03-09T10:00:00Z', { highlights: ['Fix seccomp default', 'Bump runc to 1.2'] }),
        release('v1.32.0-rc.1', '2027-03-11T10:00:00Z', { prerelease: true }),
        release('v1.31.1', '2027-03-01T10:00:00Z'),
      ],
      window,
    )!;
    assert.equal(
      releaseLine(group),
      '* [cri-o v1.31.2](https://github.com/cri-o/cri-o/releases/tag/v1.31.2): Fix seccomp default, Bump runc to 1.2; also [v1.30.6](https://github.com/cri-o/cri-o/releases/tag/v1.30.6), [v1.32.0-rc.1](https://github.com/cri-o/cri-o/releases/tag/v1.32.0-rc.1) (pre-release)',
    );
    assert.equal(groupReleases('cri-o/cri-o', [release('v1.31.1', '2027-03-01T10:00:00Z')], window), undefined);
    const onlyPre = groupReleases('cri-o/cri-o', [release('v2.0.0-beta.1', '2027-03-12T10:00:00Z', { prerelease: true })], window)!;
    assert.equal(releaseLine(onlyPre), '* [cri-o v2.0.0-beta.1](https://github.com/cri-o/cri-o/releases/tag/v2.0.0-beta.1) (pre-release)');
  });

  test('versions compare by number; highlights are short plain text without links or mentions', () => {
    assert.ok(compareVersions('v1.31.10', 'v1.31.9') > 0);
    assert.ok(compareVersions('v2.0.0', 'v1.99.99') > 0);
    assert.deepEqual(
      highlights(
        [
          "## What's Changed",
          '* Fix [the thing](https://x) by @someone in https://github.com/o/r/pull/1',
          '- **Add** `--flag` support (#123)',
          '* <img src=x onerror=alert(1)>Drop old API',
          '* Full Changelog: https://x',
          '* Fourth',
        ].join('\n'),
      ),
      ['Fix the thing', 'Add --flag support', 'Drop old API'],
    );
  });
});
