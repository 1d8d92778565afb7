import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatIsoDate, parseCalendarDate, parseFrontMatterTime } from '../../src/core/calendar';
import { renderTemplate, weekEndingFromFileName } from '../../src/core/edition';
import { lintPost } from '../../src/core/lint';
import { parseSiteConfig, LWKD_PERMALINK } from '../../src/core/permalink';
import { buttondownBody, socialFacts } from '../../src/core/publication';
import { lwkdSampleDir } from '../runner/paths';
import { indexFolder } from '../util/indexFolder';
import { frontMatterLines } from '../util/editionShape';

// The checks against the real LWKD archive (../shared/lwkd-sample, CC BY 4.0). scripts/test.mjs
// runs this layer only when the sample is there, and says so in one line when it is not: a fresh
// clone has no sample, and nothing else in `npm test` may need it.

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

suite("The sample site's _config.yml", () => {
  test("has LWKD's permalink pattern, no url and no timezone", () => {
    const parsed = parseSiteConfig(readFileSync(join(lwkdSampleDir, '_config.yml'), 'utf8'));
    assert.ok('config' in parsed, 'error' in parsed ? parsed.error : '');
    assert.deepEqual(parsed.config, { permalink: LWKD_PERMALINK });
  });
});

suite("The repository's template reproduces the published front matter", () => {
  const template = join(lwkdSampleDir, 'template.md');
  const posts = join(lwkdSampleDir, '_posts');
  test('for every post whose title has the standard form', () => {
    const templateText = readFileSync(template, 'utf8');
    let compared = 0;
    const contradictory: string[] = [];
    for (const name of readdirSync(posts)
      .filter((file) => file.endsWith('.md'))
      .sort()) {
      const real = frontMatterLines(readFileSync(join(posts, name), 'utf8'));
      const title = /^Week Ending ([A-Z][a-z]+) ([1-9]\d?), (\d{4})$/.exec(real.title ?? '');
      const week = parseCalendarDate(real.slug?.replace(/-update$/, '') ?? '');
      if (!title || !MONTHS.includes(title[1]!) || !week) {
        continue;
      }
      const titleWeek = { year: Number(title[3]), month: MONTHS.indexOf(title[1]!) + 1, day: Number(title[2]) };
      if (formatIsoDate(titleWeek) !== formatIsoDate(week)) {
        // The title names another week than the slug: an editing slip in the archive that no
        // generator reproduces (the lint rules flag it).
        contradictory.push(name);
        continue;
      }
      const generated = frontMatterLines(renderTemplate(templateText, week));
      assert.equal(generated.layout, real.layout, name);
      assert.equal(generated.title, real.title, name);
      assert.equal(generated.slug, real.slug, name);
      // The published date is the stamp of publication; the scaffold starts at the template's time.
      assert.equal(generated.date, `${formatIsoDate(week)} 22:00:00 -0000`, name);
      if (real.date !== undefined && !real.date.startsWith('2022-02-29')) {
        assert.ok(parseFrontMatterTime(real.date), `${name}: ${real.date} has the scaffold's form`);
      }
      compared++;
    }
    assert.ok(compared >= 200, `compared ${compared} posts`);
    assert.deepEqual(contradictory, [
      '2018-04-02-update.md',
      '2018-04-09-update.md',
      '2018-04-16-update.md',
      '2018-04-23-update.md',
      '2019-01-06-update.md',
      '2021-04-18-update.md',
    ]);
  });
});

suite('The real LWKD archive', () => {
  test('every post indexes; the known irregular ones are recorded, not fatal', () => {
    const index = indexFolder(join(lwkdSampleDir, '_posts'));
    const posts = index.all();
    assert.ok(posts.length >= 217);
    assert.equal(posts[0]?.weekEnding, '2023-09-03', 'newest first');
    const broken = posts.filter((post) => post.errors.length > 0).map((post) => post.file);
    assert.deepEqual(broken, [], 'every archived post has readable front matter');
    // The very first edition predates the section headings.
    assert.deepEqual(
      posts.filter((post) => post.sections.length === 0).map((post) => post.file),
      ['_posts/2018-01-14-update.md'],
    );
    const withoutDate = posts.filter((post) => post.frontMatter?.date === undefined).map((post) => post.file);
    assert.ok(withoutDate.length > 0 && withoutDate.includes('_posts/2018-01-14-update.md'));
    assert.ok(
      posts.some((post) => post.frontMatter?.date?.startsWith('2022-02-29')),
      'the impossible date 2022-02-29 is kept as written',
    );
    // Heading variants the tree must show as they are.
    const titles = new Set(posts.flatMap((post) => post.sections.filter((s) => s.level === 2).map((s) => s.title)));
    assert.ok(titles.has('Featured PR') && titles.has('Featured PRs') && titles.has('Version Updates.'));
    const refs = posts.reduce((sum, post) => sum + post.refs.length, 0);
    assert.ok(refs > 4000, `${refs} references`); // 4,529 when written
  });
});

suite('Social post from real editions', () => {
  test('real editions give at most 4 short facts, without link syntax, numbers or tags', () => {
    const read = (name: string): string => readFileSync(join(lwkdSampleDir, '_posts', name), 'utf8');
    const posts = readdirSync(join(lwkdSampleDir, '_posts')).filter((name) => name >= '2022');
    assert.ok(posts.length > 10);
    for (const name of posts) {
      const facts = socialFacts(read(name));
      assert.ok(facts.length <= 4, `${name}: ${facts.join(' | ')}`);
      for (const fact of facts) {
        assert.doesNotMatch(fact, /\]\(|^#?\d+:|^KEP[- ]\d+|^\[|#\d+$/, `${name}: ${fact}`);
      }
      const body = buttondownBody(read(name), weekEndingFromFileName(name)!, 'https://lwkd.info');
      assert.ok(body.startsWith('# Week Ending ') && !body.includes('\nlayout: post\n'), name);
    }
    assert.deepEqual(socialFacts(read('2023-09-03-update.md')), ['WebSocket Client and V5 RemoteCommand Subprotocol', 'Phase 4 - Disabling In-Tree Providers']);
    assert.deepEqual(socialFacts(read('2022-02-06-update.md')), [
      'beta apis off by default',
      'Reduction of Secret-based Service Account Tokens',
      'Add Forensic Container Checkpointing KEP',
    ]);
    assert.deepEqual(socialFacts(read('2022-06-12-update.md')), [
      'KEP updates for API review',
      'Cleaning up IPTables Chain Ownership',
      'Split stdout and stderr log stream',
    ]);
    assert.deepEqual(socialFacts(read('2022-07-10-update.md')), ['Migrate Ginkgo from v1 to v2']);
  });
});

suite('The style checks on real editions', () => {
  test('the real LWKD editions (2018-2023) raise no raw-markup finding', () => {
    const posts = join(lwkdSampleDir, '_posts');
    const found = readdirSync(posts)
      .filter((name) => name.endsWith('.md'))
      .flatMap((name) =>
        lintPost(readFileSync(join(posts, name), 'utf8'), { fileName: `_posts/${name}` })
          .filter((finding) => finding.code === 'raw-markup')
          .map((finding) => `${name}:${finding.line + 1}: ${finding.message}`),
      );
    assert.deepEqual(found, []);
  });
});
