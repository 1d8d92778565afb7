import type { CalendarDate } from '../../src/core/calendar';
import { addDays, formatCompactDate, formatIsoDate, formatLongDate } from '../../src/core/calendar';
import type { FakeIssue, FakePull } from '../fakeGitHub/server';

/**
 * What contributors send for one week, as the fake GitHub serves it from kubernetes-sigs/lwkd:
 * PRs against the week's branch and its post (one a draft, one that no longer applies, one with
 * hostile text), a PR for another week and one that changes only the README; News Items from
 * both versions of the issue template, one with nothing ticked, one from the week before, one
 * with hostile text, and an ordinary issue. Dates follow the week, so a suite can use the week
 * being written now.
 */

export const CONTRIBUTIONS_REPO = 'kubernetes-sigs/lwkd';

/** The writer's copy of the week's post that the PRs' patches were made against. */
export function writerCopy(week: CalendarDate): string {
  const iso = formatIsoDate(week);
  return [
    '---',
    'layout: post',
    `title: Week Ending ${formatLongDate(week)}`,
    `date: ${iso} 22:00:00 -0000`,
    `slug: ${iso}-update`,
    '---',
    '',
    '## Developer News',
    '',
    'The steering committee election is open.',
    '',
    '## Release Schedule',
    '',
    '**Next Deadline: Code freeze, March 20**',
    '',
    '## Other Merges',
    '',
    '* Kubelet [restarts faster](https://github.com/kubernetes/kubernetes/pull/160009)',
    '* kubeadm [checks certificates](https://github.com/kubernetes/kubernetes/pull/160010)',
    '* kubectl [explains more](https://github.com/kubernetes/kubernetes/pull/160011)',
    '',
    '## Promotions',
    '',
    '*',
    '',
    '## Shoutouts',
    '',
    'Thanks.',
    '',
  ].join('\n');
}

interface Edit {
  /** 0-based line of `base` where the change starts. */
  readonly at: number;
  readonly remove?: number;
  readonly add: readonly string[];
}

/** A unified diff of `edits` to `base`, three lines of context, as GitHub's `patch` shows it. */
export function makePatch(base: string, edits: readonly Edit[]): string {
  const lines = base.split('\n');
  const hunks: string[] = [];
  let delta = 0;
  for (const edit of edits) {
    const remove = edit.remove ?? 0;
    const from = Math.max(0, edit.at - 3);
    const to = Math.min(lines.length, edit.at + remove + 3);
    const before = lines.slice(from, edit.at).map((line) => ` ${line}`);
    const removed = lines.slice(edit.at, edit.at + remove).map((line) => `-${line}`);
    const added = edit.add.map((line) => `+${line}`);
    const after = lines.slice(edit.at + remove, to).map((line) => ` ${line}`);
    const oldCount = to - from;
    const newCount = oldCount - remove + edit.add.length;
    hunks.push(`@@ -${from + 1},${oldCount} +${from + 1 + delta},${newCount} @@`, ...before, ...removed, ...added, ...after);
    delta += edit.add.length - remove;
  }
  return hunks.join('\n');
}

export const HOSTILE_TITLE = 'Dev News \u001b]0;pwned\u0007 <script>alert(1)</script> {{ site.title }} $(alert)';
export const HOSTILE_SENTENCE =
  'Join <img src=x onerror=alert(1)> the {% include evil.html %} {{ site.title }} *party* [x](javascript:alert(1)) and {: onclick="x"}.';

/** News Item body in the template's shape (the 2024 template, or the older one with `version`). */
export function newsItemBody(options: { what: string; why?: string; more?: string; ticked: readonly string[]; older?: boolean }): string {
  const boxes = options.older
    ? ['Developer News', 'Release Schedule', 'Featured PRs', 'Other Merges', 'Promotions', 'Deprecated', 'Version Updates', 'Related Projects']
    : [
        'Developer News',
        'Release Schedule',
        'Featured PRs',
        'Other Merges',
        'Version Promotions/ Graduates',
        'Deprecated',
        'Version Updates',
        'Related Projects',
        'Not Sure / Other',
      ];
  return [
    "**Request to add your PR/updates/content/news in the next week's LWKD Newsletter**",
    "<!-- Please only use this template for submitting content you'd like to feature in the LWKD Newsletter -->",
    '',
    '**What would you like to be added**',
    "<!-- Please provide a detailed description of how this news, feature, or enhancement should function from the reader's perspective -->",
    options.what,
    '',
    '**Why is this needed**',
    '<!-- Provide more context -->',
    options.why ?? '',
    '',
    '**Additional Information**',
    '<!-- Provide any supplementary notes, comments or links related to your submission. -->',
    options.more ?? '',
    '',
    '**Section:**',
    '<!-- Choose the most appropriate portion of the newsletter for this information -->',
    ...boxes.map((box) => `- [${options.ticked.includes(box) ? 'x' : ' '}] ${box}`),
    '',
  ].join('\r\n');
}

/** Where the contributions go: a FakeGitHub in this process, or one driven over its controls (the web layer). */
export interface Seeder {
  addPull(repo: string, pull: FakePull): unknown;
  addIssue(repo: string, issue: FakeIssue): unknown;
}

/** Puts the week's contributions in the fake GitHub. */
export async function seedContributions(target: Seeder, week: CalendarDate): Promise<void> {
  const pending: unknown[] = [];
  const github = {
    addPull: (repo: string, pull: FakePull) => pending.push(target.addPull(repo, pull)),
    addIssue: (repo: string, issue: FakeIssue) => pending.push(target.addIssue(repo, issue)),
  };
  const iso = formatIsoDate(week);
  const branch = formatCompactDate(week);
  const post = `_posts/${iso}-update.md`;
  const copy = writerCopy(week);
  const midweek = `${formatIsoDate(addDays(week, -3))}T15:00:00Z`;
  const lastWeek = addDays(week, -7);
  github.addPull(CONTRIBUTIONS_REPO, {
    number: 501,
    title: `Dev News ${iso}-update.md`,
    author: 'alice',
    baseRef: branch,
    headRef: 'dev-news',
    createdAt: midweek,
    files: [
      {
        filename: post,
        patch: makePatch(copy, [{ at: 10, add: ['', 'SIG Docs is looking for [new reviewers](https://github.com/kubernetes/website/issues/1) *AB*'] }]),
      },
    ],
  });
  github.addPull(CONTRIBUTIONS_REPO, {
    number: 502,
    title: 'Add scheduler and promotion items',
    author: 'bob',
    draft: true,
    baseRef: 'main',
    createdAt: midweek,
    files: [
      { filename: 'README.md', patch: '@@ -1 +1 @@\n-old\n+new' },
      {
        filename: post,
        patch: makePatch(copy, [
          { at: 17, add: ['* Scheduler [scores nodes faster](https://github.com/kubernetes/kubernetes/pull/160100)'] },
          { at: 23, remove: 1, add: ['* [PodHostIPs to GA](https://github.com/kubernetes/kubernetes/pull/160101)'] },
        ]),
      },
    ],
  });
  github.addPull(CONTRIBUTIONS_REPO, {
    number: 503,
    title: `Dev News ${formatIsoDate(lastWeek)}-update.md`,
    author: 'carol',
    baseRef: formatCompactDate(lastWeek),
    createdAt: midweek,
    files: [{ filename: `_posts/${formatIsoDate(lastWeek)}-update.md`, patch: makePatch(writerCopy(lastWeek), [{ at: 10, add: ['Last week.'] }]) }],
  });
  github.addPull(CONTRIBUTIONS_REPO, {
    number: 504,
    title: 'Fix a typo in the README',
    author: 'dan',
    baseRef: 'main',
    createdAt: midweek,
    files: [{ filename: 'README.md', patch: '@@ -1 +1 @@\n-teh\n+the' }],
  });
  github.addPull(CONTRIBUTIONS_REPO, {
    number: 505,
    title: HOSTILE_TITLE,
    author: 'mallory',
    baseRef: branch,
    createdAt: midweek,
    // Made against a copy whose Developer News said something else: it no longer applies.
    files: [
      {
        filename: post,
        patch: makePatch(copy.replace('The steering committee election is open.', 'The election is closed.'), [
          { at: 10, add: ['', `${HOSTILE_SENTENCE} *MAL*`] },
        ]),
      },
    ],
  });
  github.addIssue(CONTRIBUTIONS_REPO, {
    number: 601,
    title: 'News Item: Steering election results',
    author: 'erin',
    createdAt: midweek,
    body: newsItemBody({
      what: 'The Steering Committee [election results](https://elections.k8s.io/app/elections/2027) are out.',
      more: 'Announcement: https://groups.google.com/a/kubernetes.io/g/dev/c/abc123',
      ticked: ['Developer News'],
    }),
  });
  github.addIssue(CONTRIBUTIONS_REPO, {
    number: 602,
    title: 'LWKD - PodHostIPs graduates',
    author: 'frank',
    createdAt: midweek,
    body: newsItemBody({
      what: 'PodHostIPs graduates to GA.',
      more: 'https://github.com/kubernetes/kubernetes/pull/160101',
      ticked: ['Version Promotions/ Graduates'],
    }),
  });
  github.addIssue(CONTRIBUTIONS_REPO, {
    number: 603,
    title: 'News Item: Contributor summit CFP',
    author: 'gina',
    createdAt: midweek,
    body: newsItemBody({ what: 'The contributor summit CFP closes Friday.', more: 'https://k8s.dev/summit', ticked: [] }),
  });
  github.addIssue(CONTRIBUTIONS_REPO, { number: 604, title: 'Typo on the site', author: 'hank', createdAt: midweek, body: 'The footer says "Kubernets".' });
  github.addIssue(CONTRIBUTIONS_REPO, {
    number: 605,
    title: 'News Item: Last week',
    author: 'ivy',
    createdAt: `${formatIsoDate(addDays(week, -9))}T10:00:00Z`,
    updatedAt: midweek,
    body: newsItemBody({ what: 'Filed for last week.', ticked: ['Developer News'] }),
  });
  github.addIssue(CONTRIBUTIONS_REPO, {
    number: 606,
    title: `News Item: ${HOSTILE_TITLE}`,
    author: 'mallory',
    createdAt: midweek,
    body: newsItemBody({
      what: HOSTILE_SENTENCE,
      more: 'See https://evil.example/a{{site.title}}(b)<c> and javascript:alert(1) and https://user:pw@evil.example/x',
      ticked: ['Related Projects'],
      older: true,
    }),
  });
  await Promise.all(pending);
}
