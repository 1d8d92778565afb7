import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FrontMatterTime } from '../../src/core/calendar';
import { parseFrontMatterTime } from '../../src/core/calendar';
import type { PermalinkPost, SiteConfig } from '../../src/core/permalink';
import { LWKD_PERMALINK, parseSiteConfig, permalinkPath, permalinkPost, postUrl } from '../../src/core/permalink';
import { projectRoot } from '../runner/paths';

const t = (text: string): FrontMatterTime => parseFrontMatterTime(text)!;
const post = (date: string, slug = '2026-08-02-update', extra: Partial<PermalinkPost> = {}): PermalinkPost => ({ time: t(date), slug, ...extra });
const config = (text: string): SiteConfig => {
  const parsed = parseSiteConfig(text);
  assert.ok('config' in parsed, 'error' in parsed ? parsed.error : '');
  return parsed.config;
};

suite('Permalinks', () => {
  test("LWKD's pattern gives /YEAR/YEARMONTHDAY of the publication date, as in publishing.md", () => {
    assert.equal(postUrl({ permalink: LWKD_PERMALINK }, 'https://lwkd.info', post('2026-08-06 04:12:09 -0000')), 'https://lwkd.info/2026/20260806');
    assert.equal(postUrl({ permalink: LWKD_PERMALINK }, 'https://lwkd.info/', post('2026-08-06 04:12:09 -0000')), 'https://lwkd.info/2026/20260806');
  });

  test('without timezone: the UTC date, as Jekyll on GitHub Pages dates a -0700 post', () => {
    assert.equal(permalinkPath(LWKD_PERMALINK, post('2026-08-06 20:00:00 -0700')), '/2026/20260807');
  });

  test("with the site's timezone: the date there, daylight saving included", () => {
    const late = post('2026-08-06 04:12:09 -0000');
    assert.equal(permalinkPath(LWKD_PERMALINK, late, 'America/Los_Angeles'), '/2026/20260805');
    assert.equal(permalinkPath(LWKD_PERMALINK, late, 'Asia/Tokyo'), '/2026/20260806');
    // 04:30 UTC is still the evening before in EST (November), already the day in EDT (August).
    assert.equal(permalinkPath(LWKD_PERMALINK, post('2026-11-04 04:30:00 -0000'), 'America/New_York'), '/2026/20261103');
    assert.equal(permalinkPath(LWKD_PERMALINK, post('2026-08-06 04:30:00 -0000'), 'America/New_York'), '/2026/20260806');
  });

  test('a timezone Ruby would not know falls back to UTC, as Ruby does', () => {
    assert.equal(permalinkPath(LWKD_PERMALINK, post('2026-08-06 23:30:00 -0000'), 'Mars/Olympus_Mons'), '/2026/20260806');
  });

  test("knows Jekyll's date placeholders, zero-padded and not", () => {
    const p = post('2026-01-05 09:08:07 -0000', 'A Post');
    assert.equal(permalinkPath('/:short_year/:i_month/:i_day/:month/:day/:hour:minute:second/:y_day/', p), '/26/1/5/01/05/090807/005/');
    assert.equal(permalinkPath('/:title/:slug', p), '/A-Post/a-post');
  });

  test("named styles: date (Jekyll's default), pretty, ordinal, none", () => {
    const p = post('2026-08-06 04:12:09 -0000');
    assert.equal(permalinkPath('date', p), '/2026/08/06/2026-08-02-update.html');
    assert.equal(permalinkPath('pretty', p), '/2026/08/06/2026-08-02-update/');
    assert.equal(permalinkPath('ordinal', p), '/2026/218/2026-08-02-update.html');
    assert.equal(permalinkPath('none', p), '/2026-08-02-update.html');
    assert.equal(postUrl({}, 'https://lwkd.info', p), 'https://lwkd.info/2026/08/06/2026-08-02-update.html');
  });

  test('categories are lower-cased and joined; none leave no empty segment', () => {
    const p = post('2026-08-06 04:12:09 -0000', 'update', { categories: ['News', 'k8s', 'news'] });
    assert.equal(permalinkPath('/:categories/:year/:title/', p), '/news/k8s/2026/update/');
    assert.equal(permalinkPath('/:categories/:year/:title/', post('2026-08-06 04:12:09 -0000', 'update')), '/2026/update/');
  });

  test("the post's own permalink wins; url and baseurl of _config.yml win over the setting", () => {
    const p = post('2026-08-06 04:12:09 -0000', '2026-08-02-update', { permalink: '/special/:year/' });
    assert.equal(
      postUrl({ permalink: LWKD_PERMALINK, url: 'https://example.org', baseurl: '/lwkd/' }, 'https://lwkd.info', p),
      'https://example.org/lwkd/special/2026/',
    );
  });

  test('text that is not a path is percent-encoded, and .. cannot climb', () => {
    assert.equal(permalinkPath('/:title', post('2026-08-06 04:12:09 -0000', 'Ünïcode?#[x]')), '/%C3%9Cn%C3%AFcode-x');
    assert.equal(permalinkPath('/a/../:year', post('2026-08-06 04:12:09 -0000')), '/a/2026');
  });

  test('a placeholder it does not know is an error that names it', () => {
    assert.throws(() => permalinkPath('/:year/:week/', post('2026-08-06 04:12:09 -0000')), /:week/);
  });

  test('the slug comes from the front matter, else from the file name after its date', () => {
    const time = t('2026-08-06 04:12:09 -0000');
    assert.deepEqual(permalinkPost({ slug: '2026-08-02-update', categories: 'a b', category: 'c' }, '/w/_posts/2026-08-02-update.md', time), {
      time,
      slug: '2026-08-02-update',
      categories: ['c', 'a', 'b'],
    });
    assert.deepEqual(permalinkPost(undefined, 'C:\\w\\_posts\\2026-08-02-update.md', time), { time, slug: 'update', categories: [] });
    assert.equal(permalinkPost({ permalink: '/x/' }, 'a.md', time).permalink, '/x/');
  });
});

suite('_config.yml', () => {
  test("the fixture's and the sample workspace's: LWKD's pattern, no url, no timezone", () => {
    for (const dir of [join(projectRoot, 'test', 'fixtures', 'workspace'), join(projectRoot, 'sample-workspace')]) {
      assert.deepEqual(config(readFileSync(join(dir, '_config.yml'), 'utf8')), { permalink: LWKD_PERMALINK }, dir);
    }
    assert.deepEqual(config('url: "https://lwkd.info" # the site\nbaseurl: ""\ntimezone: America/New_York\npermalink: pretty\n'), {
      url: 'https://lwkd.info',
      timezone: 'America/New_York',
      permalink: 'pretty',
    });
    assert.deepEqual(config(''), {});
  });

  test('is read as data: tags, broken YAML, lists and alias bombs are refused with a reason', () => {
    for (const [text, reason] of [
      ['permalink: !!js/function "function () { return 1 }"\n', /YAML/],
      ['permalink: [/:year\n', /not valid YAML/],
      ['- a\n- b\n', /list/],
      ['permalink:\n  - /:year\n', /"permalink" is not text/],
      ['timezone: 5\n', /"timezone" is not text/],
      [
        `a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\n`,
        /more than/,
      ],
    ] as const) {
      const parsed = parseSiteConfig(text);
      assert.ok('error' in parsed, text);
      assert.match(parsed.error, reason, text);
    }
  });
});
