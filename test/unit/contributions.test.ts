import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addAuthorEdit, newAuthorProblem, parseAuthors, suggestInitials, trailingInitials } from '../../src/core/authors';
import { lintPost } from '../../src/core/lint';
import { editionSectionOf, newsItemBullet, readNewsItem, safeLinkUrl } from '../../src/core/newsItems';
import { parsePatch, readPatch } from '../../src/core/pullPatch';
import { applyEdits } from '../../src/core/textEdit';
import { editionWeekWindow } from '../../src/core/weekWindow';
import { silentLogger } from '../../src/core/logger';
import { ContributionsFetcher, readContributedPr } from '../../src/services/contributions';
import { GitHubClient } from '../../src/services/githubClient';
import { FakeGitHub } from '../fakeGitHub/server';
import { CONTRIBUTIONS_REPO, HOSTILE_SENTENCE, makePatch, newsItemBody, seedContributions, writerCopy } from '../util/contributionFixtures';
import { runCli } from '../util/runCli';

const WEEK = { year: 2027, month: 3, day: 14 };
const issue = (fields: Record<string, unknown>): Record<string, unknown> => ({
  number: 7,
  title: 'News Item: x',
  html_url: 'https://github.com/kubernetes-sigs/lwkd/issues/7',
  created_at: '2027-03-10T10:00:00Z',
  user: { login: 'erin' },
  ...fields,
});

suite('News Items: read from the issue template', () => {
  test('the sentence, the links and the ticked section, from either version of the template', () => {
    const item = readNewsItem(
      issue({
        body: newsItemBody({
          what: 'The [election results](https://elections.k8s.io/2027) are out.\nSee them soon.',
          why: 'Voters care.',
          more: 'Thread: https://groups.google.com/g/dev/c/1. Also https://elections.k8s.io/2027',
          ticked: ['Version Promotions/ Graduates'],
        }),
      }),
      CONTRIBUTIONS_REPO,
    );
    assert.deepEqual(item && { sentence: item.sentence, links: item.links, section: item.section, ticked: item.ticked, author: item.author }, {
      sentence: 'The election results are out. See them soon.',
      links: ['https://elections.k8s.io/2027', 'https://groups.google.com/g/dev/c/1'],
      section: 'Promotions',
      ticked: ['Version Promotions/ Graduates'],
      author: 'erin',
    });
    const older = readNewsItem(issue({ body: newsItemBody({ what: 'x', ticked: ['Related Projects'], older: true }) }), CONTRIBUTIONS_REPO);
    assert.equal(older?.section, 'Subprojects and Dependency Updates');
  });

  test("template names map to the edition's sections; Not Sure is no section", () => {
    assert.equal(editionSectionOf('Developer News'), 'Developer News');
    assert.equal(editionSectionOf('Version Promotions/ Graduates'), 'Promotions');
    assert.equal(editionSectionOf('Related Projects'), 'Subprojects and Dependency Updates');
    assert.equal(editionSectionOf('Deprecated'), 'Deprecated');
    assert.equal(editionSectionOf('Not Sure / Other'), undefined);
  });

  test('nothing ticked: a News Item without a section; an empty sentence falls back to the title', () => {
    const item = readNewsItem(issue({ title: 'News Item: Summit CFP', body: newsItemBody({ what: '', ticked: [] }) }), CONTRIBUTIONS_REPO);
    assert.equal(item?.section, undefined);
    assert.equal(item?.sentence, 'Summit CFP');
  });

  test('an ordinary issue, a pull request and a malformed answer are not News Items', () => {
    assert.equal(readNewsItem(issue({ body: 'The footer has a typo.' }), CONTRIBUTIONS_REPO), undefined);
    assert.equal(readNewsItem(issue({ body: null }), CONTRIBUTIONS_REPO), undefined);
    assert.equal(readNewsItem(issue({ body: newsItemBody({ what: 'x', ticked: [] }), pull_request: {} }), CONTRIBUTIONS_REPO), undefined);
    assert.equal(readNewsItem(issue({ number: '7', body: newsItemBody({ what: 'x', ticked: [] }) }), CONTRIBUTIONS_REPO), undefined);
    assert.equal(readNewsItem('x', CONTRIBUTIONS_REPO), undefined);
  });

  test('an html_url that is not this issue on https is replaced by the github.com address', () => {
    for (const html_url of [
      'javascript:alert(1)',
      'command:workbench.action.terminal.new',
      'https://evil.example/x',
      'http://github.com/kubernetes-sigs/lwkd/issues/7',
      7,
    ]) {
      const item = readNewsItem(issue({ html_url, body: newsItemBody({ what: 'x', ticked: [] }) }), CONTRIBUTIONS_REPO);
      assert.equal(item?.url, 'https://github.com/kubernetes-sigs/lwkd/issues/7', String(html_url));
    }
  });

  test('the bullet: the sentence as inert text, then its links; a final period goes outside paragraph sections', () => {
    const item = { sentence: 'PodHostIPs graduates to GA.', links: ['https://github.com/kubernetes/kubernetes/pull/1', 'https://kubernetes.io/blog/2027/x/'] };
    assert.equal(
      newsItemBullet(item, 'Promotions'),
      '* PodHostIPs graduates to GA ([kubernetes/kubernetes#1](https://github.com/kubernetes/kubernetes/pull/1), [kubernetes.io/blog/2027/x](https://kubernetes.io/blog/2027/x/))',
    );
    assert.match(newsItemBullet(item, 'Developer News'), /^\* PodHostIPs graduates to GA\. \(/);
    const hostile = newsItemBullet({ sentence: HOSTILE_SENTENCE, links: ['https://evil.example/a{{x}}(b)<c>'] }, 'Other Merges');
    assert.ok(!/[<>{]/.test(hostile.replace(/&lt;|&gt;|&#123;/g, '')), hostile);
    assert.match(hostile, /\(https:\/\/evil\.example\/a%7B%7Bx%7D%7D%28b%29%3Cc%3E\)\)$/);
  });

  test('only plain http(s) links, without credentials, reach a bullet', () => {
    assert.equal(safeLinkUrl('javascript:alert(1)'), undefined);
    assert.equal(safeLinkUrl('https://user:pw@evil.example/'), undefined);
    assert.equal(safeLinkUrl('data:text/html,x'), undefined);
    assert.equal(safeLinkUrl("https://k8s.io/a b'*$"), 'https://k8s.io/a%20b%27%2A%24');
    assert.equal(safeLinkUrl('https://k8s.io/100%'), 'https://k8s.io/100%25');
  });
});

suite('Contributed PRs: read from the patch', () => {
  const copy = writerCopy(WEEK);

  test('a hunk applies to the copy it was made from; its lines are grouped by the section they land in', () => {
    const hunks = parsePatch(
      makePatch(copy, [
        { at: 17, add: ['* Scheduler [scores faster](https://github.com/kubernetes/kubernetes/pull/2)'] },
        { at: 23, remove: 1, add: ['* [A to GA](https://github.com/kubernetes/kubernetes/pull/3)'] },
      ]),
    )!;
    assert.equal(hunks.length, 2);
    const reading = readPatch(hunks, copy);
    assert.equal(reading.fit, 'applies');
    assert.deepEqual(reading.added, [
      { section: 'Other Merges', lines: ['* Scheduler [scores faster](https://github.com/kubernetes/kubernetes/pull/2)'] },
      { section: 'Promotions', lines: ['* [A to GA](https://github.com/kubernetes/kubernetes/pull/3)'] },
    ]);
    assert.ok(reading.merged.includes('* Scheduler [scores faster]'));
    assert.ok(!/^\*$/m.test(reading.merged), 'the empty bullet was replaced');
  });

  test('a hunk whose heading is out of view takes its section from where it applies in the copy', () => {
    const hunks = parsePatch(makePatch(copy, [{ at: 19, add: ['* kube-proxy [drops iptables](https://github.com/kubernetes/kubernetes/pull/4)'] }]))!;
    const firstAdded = hunks[0]!.added[0]!;
    assert.ok(!hunks[0]!.newLines.slice(0, firstAdded).some((line) => line.startsWith('## ')), 'no heading above it in the hunk');
    assert.deepEqual(readPatch(hunks, copy).added, [
      { section: 'Other Merges', lines: ['* kube-proxy [drops iptables](https://github.com/kubernetes/kubernetes/pull/4)'] },
    ]);
  });

  test('lines moved by the writer still apply (at an offset); changed lines conflict; merged ones are already in', () => {
    const hunks = parsePatch(makePatch(copy, [{ at: 10, add: ['', 'New paragraph.'] }]))!;
    const moved = copy.replace('---\n\n## Developer News', '---\n\nAn intro the writer added.\n\n## Developer News');
    assert.equal(readPatch(hunks, moved).fit, 'applies');
    const changed = copy.replace('The steering committee election is open.', 'The election is closed.');
    const conflict = readPatch(hunks, changed);
    assert.equal(conflict.fit, 'conflicts');
    assert.deepEqual(conflict.added, [{ section: 'Developer News', lines: ['New paragraph.'] }]);
    assert.ok(conflict.merged.includes('New paragraph.'), 'the preview still shows the added lines, in their section');
    const merged = readPatch(hunks, copy).merged;
    assert.equal(readPatch(hunks, merged).fit, 'alreadyIn');
    assert.equal(readPatch(hunks, undefined).fit, 'newFile');
  });

  test('CRLF copies compare by line; what is not a unified diff is refused', () => {
    const hunks = parsePatch(makePatch(copy, [{ at: 10, add: ['x'] }]))!;
    const crlf = readPatch(hunks, copy.replace(/\n/g, '\r\n'));
    assert.equal(crlf.fit, 'applies');
    assert.ok(crlf.merged.includes('open.\r\nx\r\n'));
    assert.equal(parsePatch('not a diff'), undefined);
    assert.equal(parsePatch('@@ -1,3 +1,3 @@\n a'), undefined, 'fewer lines than the header says');
    assert.deepEqual(parsePatch(''), []);
  });
});

suite('authors.md', () => {
  const FILE = '# List of Authors for LWKD\n\n* *JMB* [Josh Berkus](https://github.com/jberkus)\n* *FD* [Fabian Deutch](https://github.com/fabiand)\n';

  test("reads the real file's shape", () => {
    assert.deepEqual(
      parseAuthors(FILE).authors.map(({ initials, name, link }) => ({ initials, name, link })),
      [
        { initials: 'JMB', name: 'Josh Berkus', link: 'https://github.com/jberkus' },
        { initials: 'FD', name: 'Fabian Deutch', link: 'https://github.com/fabiand' },
      ],
    );
  });

  test("a new author goes after the last one, in the file's own marks", () => {
    const file = parseAuthors(FILE);
    const author = { initials: 'AB', name: 'Ada Bee', link: 'https://github.com/adabee' };
    assert.equal(newAuthorProblem(file, author), undefined);
    assert.equal(applyEdits(FILE, [addAuthorEdit(FILE, file, author)]), `${FILE.trimEnd()}\n* *AB* [Ada Bee](https://github.com/adabee)\n`);
    const dashes = '- _JMB_ [Josh](https://github.com/jberkus)';
    assert.equal(applyEdits(dashes, [addAuthorEdit(dashes, parseAuthors(dashes), author)]), `${dashes}\n- _AB_ [Ada Bee](https://github.com/adabee)`);
    assert.equal(applyEdits('', [addAuthorEdit('', parseAuthors(''), author)]), '# List of Authors for LWKD\n\n* *AB* [Ada Bee](https://github.com/adabee)\n');
  });

  test('taken initials, bad initials, names and links are refused', () => {
    const file = parseAuthors(FILE);
    assert.match(newAuthorProblem(file, { initials: 'JMB', name: 'J', link: 'https://github.com/j' })!, /already stands for Josh Berkus/);
    assert.match(newAuthorProblem(file, { initials: 'ab', name: 'A', link: 'https://github.com/a' })!, /capital letters/);
    assert.match(newAuthorProblem(file, { initials: 'AB', name: 'A](x)[', link: 'https://github.com/a' })!, /brackets/);
    assert.match(newAuthorProblem(file, { initials: 'AB', name: 'A', link: 'javascript:alert(1)' })!, /http/);
    assert.equal(suggestInitials('Josh M. Berkus'), 'JMB');
    assert.equal(suggestInitials('ada'), 'AD');
  });

  test('initials end an item; italics elsewhere do not sign it', () => {
    assert.deepEqual(trailingInitials('* Tests use the [simulator](https://x) *JMB*'), { initials: 'JMB', column: 39, endColumn: 44 });
    assert.equal(trailingInitials('* Tests use the simulator _FD_  ')?.initials, 'FD');
    for (const line of ['*JMB*', '* **Next Deadline: X**', '* an *emphasised* word', '* ends in *jmb*', '* x*JMB*']) {
      assert.equal(trailingInitials(line), undefined, line);
    }
  });

  test('the lint rule: unknown initials are information; known ones and posts without authors.md are quiet', () => {
    const post =
      '---\nlayout: post\n---\n\n## Other Merges\n\n* Faster [kubelet](https://github.com/kubernetes/kubernetes/pull/1) *JMB*\n* Slower [proxy](https://github.com/kubernetes/kubernetes/pull/2) *ZZ*\n';
    const findings = lintPost(post, { authors: new Set(['JMB']) }).filter((finding) => finding.code === 'unknown-initials');
    assert.deepEqual(
      findings.map(({ line, severity, message }) => ({ line, severity, message: message.slice(0, 25) })),
      [{ line: 7, severity: 'information', message: '*ZZ* is not in authors.md' }],
    );
    assert.equal(lintPost(post).filter((finding) => finding.code === 'unknown-initials').length, 0);
  });
});

suite('Contributions from the fake GitHub', () => {
  let github: FakeGitHub;
  const window = editionWeekWindow(WEEK, 'UTC');
  const query = { repo: CONTRIBUTIONS_REPO, week: WEEK, window, postsFolder: '_posts' };

  setup(async () => {
    github = await FakeGitHub.start();
    await seedContributions(github, WEEK);
  });
  teardown(() => github.close());

  const fetcher = (): ContributionsFetcher =>
    new ContributionsFetcher(() => new GitHubClient({ apiUrl: github.url, userAgent: 'test', logger: silentLogger }), silentLogger);

  test("the week's PRs and News Items, nothing from other weeks, no ordinary issue", async () => {
    const found = await fetcher().fetch(query);
    assert.deepEqual(
      found.prs.map((pr) => pr.number),
      [501, 502, 505],
    );
    assert.deepEqual(
      found.newsItems.map((item) => [item.number, item.section ?? null]),
      [
        [601, 'Developer News'],
        [602, 'Promotions'],
        [603, null],
        [606, 'Subprojects and Dependency Updates'],
      ],
    );
    assert.equal(found.prs.find((pr) => pr.number === 502)?.draft, true);
    assert.equal(found.prs.find((pr) => pr.number === 502)?.files, 2);
    const copy = writerCopy(WEEK);
    assert.deepEqual(
      found.prs.map((pr) => readContributedPr(pr, copy).fit),
      ['applies', 'applies', 'conflicts'],
    );
    assert.deepEqual(readContributedPr(found.prs[0]!, copy).added, [
      { section: 'Developer News', lines: ['SIG Docs is looking for [new reviewers](https://github.com/kubernetes/website/issues/1) *AB*'] },
    ]);
    assert.deepEqual(found.failures, []);
    assert.ok(
      github.requests.every((request) => !request.path.startsWith('/search')),
      'no search API',
    );
  });

  test('requests: cold, the two listings and one files list per candidate PR; warm, two free 304s; a new push, its files again', async () => {
    const contributions = fetcher();
    const cold = await contributions.fetch(query);
    // 501, 502, 504 and 505 are asked about; 503 names another week.
    assert.deepEqual({ requests: cold.requests, notModified: cold.notModified }, { requests: 6, notModified: 0 });
    assert.ok(!github.requests.some((request) => request.path.endsWith('/pulls/503/files')));
    const warm = await contributions.fetch(query);
    assert.deepEqual({ requests: warm.requests, notModified: warm.notModified }, { requests: 2, notModified: 2 });
    assert.deepEqual(
      warm.prs.map((pr) => pr.number),
      [501, 502, 505],
    );
    github.addPull(CONTRIBUTIONS_REPO, { number: 501, title: 'Dev News again', author: 'alice', baseRef: '20270314', headSha: 'f'.repeat(40), files: [] });
    const pushed = await contributions.fetch(query);
    // Both listings changed (the issues list carries PRs too); only the pushed PR's files are asked.
    assert.deepEqual({ requests: pushed.requests, notModified: pushed.notModified }, { requests: 3, notModified: 0 });
    assert.equal(pushed.prs.find((pr) => pr.number === 501)?.post, undefined, 'the new head no longer changes the post');
  });

  test('a listing that fails is reported and the other still shown', async () => {
    github.fail({ kind: 'serverError', path: '/repos/kubernetes-sigs/lwkd/issues' });
    const found = await fetcher().fetch(query);
    assert.equal(found.newsItems.length, 0);
    assert.equal(found.prs.length, 3);
    assert.equal(found.failures.length, 1);
  });

  test('lwkd lint checks signatures against <root>/authors.md, and not without one', async () => {
    const root = mkdtempSync(join(tmpdir(), 'lwkd-authors-'));
    try {
      mkdirSync(join(root, '_posts'));
      const file = join(root, '_posts', '2027-03-14-update.md');
      writeFileSync(file, writerCopy(WEEK).replace('pull/160011)', 'pull/160011) *ZQ*').replace('pull/160010)', 'pull/160010) *JMB*'));
      const without = await runCli(['lint', '--root', root, '--stage', 'writing'], { cwd: root });
      assert.ok(!without.stdout.includes('unknown-initials'), without.stdout);
      writeFileSync(join(root, 'authors.md'), '# List of Authors for LWKD\n\n* *JMB* [Josh Berkus](https://github.com/jberkus)\n');
      const checked = await runCli(['lint', '--root', root, '--stage', 'writing'], { cwd: root });
      assert.deepEqual(
        checked.stdout
          .split('\n')
          .filter((line) => line.includes('unknown-initials'))
          .map((line) => line.split(' ').slice(0, 3).join(' ')),
        ['_posts/2027-03-14-update.md:20:81 unknown-initials *ZQ*'],
      );
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  test('lwkd contributions prints both, with the bullets, safely; --json for scripts', async () => {
    const root = mkdtempSync(join(tmpdir(), 'lwkd-contributions-'));
    try {
      mkdirSync(join(root, '_posts'));
      writeFileSync(join(root, '_posts', '2027-03-14-update.md'), writerCopy(WEEK));
      const env = { LWKD_GITHUB_API_URL: github.url };
      const text = await runCli(['contributions', '--week', '2027-03-14', '--root', root], { env });
      assert.equal(text.code, 0, text.stderr);
      assert.match(text.stdout, /^Week Ending March 14, 2027: 3 pull requests and 4 News Items in kubernetes-sigs\/lwkd$/m);
      assert.match(text.stdout, /#502 Add scheduler and promotion items · by bob · draft · into main · applies cleanly to your copy/);
      assert.match(text.stdout, /#505 .* conflicts with your copy/);
      assert.match(text.stdout, /^ {4}\* PodHostIPs graduates to GA \(\[kubernetes\/kubernetes#160101\]/m);
      // eslint-disable-next-line no-control-regex
      assert.ok(!/[\u001b\u0007]/.test(text.stdout), 'no terminal escapes from remote text');
      assert.match(text.stderr, /^6 GitHub requests \(0 unchanged\)$/m);
      const json = await runCli(['contributions', '--week', '2027-03-14', '--root', root, '--json'], { env });
      const parsed = JSON.parse(json.stdout) as { pullRequests: Array<{ number: number; fit: string }>; newsItems: Array<{ number: number; bullet?: string }> };
      assert.deepEqual(
        parsed.pullRequests.map((pr) => [pr.number, pr.fit]),
        [
          [501, 'applies'],
          [502, 'applies'],
          [505, 'conflicts'],
        ],
      );
      assert.equal(parsed.newsItems.find((item) => item.number === 603)?.bullet, undefined, 'no section ticked, no bullet');
      const usage = await runCli(['contributions', '--week', '2027-03-15'], { env });
      assert.equal(usage.code, 2);
      assert.match(usage.stderr, /not a Sunday/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
