import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCalendarDate } from '../../src/core/calendar';
import { BUILTIN_TEMPLATE, renderTemplate } from '../../src/core/edition';
import type { Finding, LintOptions } from '../../src/core/lint';
import { lintPost, RULES } from '../../src/core/lint';
import { COVERAGE_RULES } from '../../src/core/lintCoverage';
import { applyEdits } from '../../src/core/textEdit';
import { projectRoot } from '../runner/paths';

const FILE = '_posts/2026-11-22-update.md';
const HEAD = '---\nlayout: post\ntitle: Week Ending November 22, 2026\ndate: 2026-11-23 04:12:09 -0000\nslug: 2026-11-22-update\n---\n';

function lint(body: string, options: LintOptions = {}, head = HEAD): Finding[] {
  return lintPost(`${head}${body}`, { fileName: FILE, ...options });
}

function codes(body: string, options: LintOptions = {}, head = HEAD): string[] {
  return lint(body, options, head).map((finding) => finding.code);
}

/** Applies a finding's fix to the text it came from. */
function fixed(text: string, finding: Finding): string {
  return applyEdits(text, finding.fix?.edits ?? []);
}

const GOOD = `
## Developer News

The steering committee [published its minutes](https://example.invalid/minutes).

## Other Merges

* kube-proxy gains an [nftables backend](https://github.com/kubernetes/kubernetes/pull/121046)
* The APIserver supports [only JSON, YAML, and Protobuf](https://github.com/kubernetes/kubernetes/pull/121325)

## Shoutouts

* No shoutouts this week. Want to thank someone for special efforts to improve Kubernetes? Tag them in the #shoutouts channel.
`;

suite('Style rules as documented', () => {
  test("the README's table lists every rule, in order, with its default severity and description", () => {
    const readme = readFileSync(join(projectRoot, 'README.md'), 'utf8');
    const table = readme.slice(readme.indexOf('## Style rules'), readme.indexOf('\n## ', readme.indexOf('## Style rules') + 1));
    const rows = [...table.matchAll(/^\| `([a-z-]+)` \| (\w+) \| (.+?) \|$/gm)].map((m) => ({ code: m[1], severity: m[2], description: m[3] }));
    assert.deepEqual(
      rows,
      [...RULES, ...COVERAGE_RULES].map(({ code, severity, description }) => ({ code, severity, description })),
    );
  });
});

suite('Style checks: a clean edition', () => {
  test("the stylesheet's own examples raise nothing", () => {
    assert.deepEqual(lint(GOOD), []);
  });

  test('every rule is listed with a default severity', () => {
    assert.ok(RULES.length >= 20);
    assert.equal(new Set(RULES.map((rule) => rule.code)).size, RULES.length);
  });
});

suite('Style checks: front matter', () => {
  test('missing fields, with a fix that adds them', () => {
    const head = '---\nlayout: post\ntitle: Week Ending November 22, 2026\n---\n';
    const findings = lint(GOOD, {}, head).filter((finding) => finding.code === 'front-matter-missing');
    assert.deepEqual(
      findings.map((finding) => finding.message.match(/"(\w+):"/)?.[1]),
      ['date', 'slug'],
    );
    assert.match(findings[1]!.fix!.edits[0]!.newText, /^slug: 2026-11-22-update\n$/);
  });

  test('title: misspelled month, zero padding, wrong week; each with the right title as fix', () => {
    for (const [title, why] of [
      ['Week Ending Novemebr 22, 2026', /not a month/],
      ['Week Ending November 02, 2026', /./],
      ['Week Ending November 15, 2026', /week ending November 22, 2026/],
    ] as const) {
      const findings = lint(GOOD, {}, HEAD.replace('Week Ending November 22, 2026', title)).filter((finding) => finding.code === 'title-form');
      assert.equal(findings.length, 1, title);
      assert.match(findings[0]!.message, why);
      assert.equal(findings[0]!.fix!.edits[0]!.newText, 'title: Week Ending November 22, 2026');
    }
    assert.deepEqual(
      codes(GOOD).filter((code) => code === 'title-form'),
      [],
    );
  });

  test('slug, date form, impossible dates, dates before the week ends', () => {
    assert.ok(codes(GOOD, {}, HEAD.replace('slug: 2026-11-22-update', 'slug: 2026-11-15-update')).includes('slug-form'));
    assert.ok(codes(GOOD, {}, HEAD.replace('2026-11-23 04:12:09 -0000', '2026-11-23 04:12')).includes('date-form'));
    assert.ok(codes(GOOD, {}, HEAD.replace('2026-11-23 04:12:09 -0000', '2022-02-29 22:00:00 -0000')).includes('date-form'));
    assert.ok(codes(GOOD, {}, HEAD.replace('2026-11-23 04:12:09 -0000', '2026-11-20 22:00:00 -0000')).includes('date-before-week-end'));
    assert.deepEqual(
      codes(GOOD).filter((code) => code.startsWith('date')),
      [],
    );
  });

  test("the template's default time is flagged only on a finished edition", () => {
    const defaultTime = HEAD.replace('2026-11-23 04:12:09 -0000', '2026-11-22 22:00:00 -0000');
    assert.ok(codes(GOOD, {}, defaultTime).includes('date-template-default'));
    assert.ok(!codes(`${GOOD}\n## Promotions\n\n*\n`, {}, defaultTime).includes('date-template-default'));
  });

  test('unreadable front matter is one finding', () => {
    assert.deepEqual(codes(GOOD, {}, '---js\n{}\n---\n'), ['front-matter-invalid']);
  });
});

suite('Style checks: template leftovers', () => {
  test('a fresh scaffold shows its leftovers, as hints while writing', () => {
    const text = renderTemplate(BUILTIN_TEMPLATE, parseCalendarDate('2026-11-22')!);
    const findings = lintPost(text, { fileName: FILE });
    const found = new Set(findings.map((finding) => finding.code));
    for (const code of ['empty-bullet', 'empty-next-deadline', 'empty-section'] as const) {
      assert.ok(found.has(code), code);
    }
    assert.ok(findings.filter((finding) => finding.code === 'empty-section').every((finding) => finding.severity === 'hint'));
    assert.ok(
      lintPost(text, { fileName: FILE, stage: 'publishing' })
        .filter((finding) => finding.code === 'empty-section')
        .every((finding) => finding.severity === 'warning'),
    );
    // Once the date is stamped, the edition is being published: the same leftovers warn.
    const stamped = text.replace('2026-11-22 22:00:00 -0000', '2026-11-23 04:00:00 -0000');
    assert.ok(
      lintPost(stamped, { fileName: FILE })
        .filter((finding) => finding.code === 'empty-section')
        .every((finding) => finding.severity === 'warning'),
    );
    assert.ok(!found.has('template-placeholder'));
  });

  test('unfilled placeholders are errors', () => {
    const findings = lintPost(BUILTIN_TEMPLATE, { fileName: FILE }).filter((finding) => finding.code === 'template-placeholder');
    assert.equal(findings.length, 3);
  });

  test('removing every empty bullet leaves one blank line between sections, never two', () => {
    const text = `${HEAD}${GOOD}\n## Promotions\n\n*\n\n## Deprecated\n\n*\n*\n\n## Version Updates\n\n* [etcd to v3.6.1](https://github.com/kubernetes/kubernetes/pull/121478)\n*\n`;
    const findings = lintPost(text, { fileName: FILE }).filter((candidate) => candidate.code === 'empty-bullet');
    assert.equal(findings.length, 4);
    // Bottom-up, as Fix all applies them together.
    const result = [...findings].sort((a, b) => b.line - a.line).reduce((current, finding) => fixed(current, finding), text);
    assert.ok(!result.includes('\n\n\n'), result);
    assert.ok(result.includes('## Promotions\n\n## Deprecated\n\n## Version Updates\n\n* [etcd'), result);
  });

  test('removing an empty bullet is a fix', () => {
    const text = `${HEAD}${GOOD}\n## Promotions\n\n*\n\n* [PodHostIPs to Beta](https://github.com/kubernetes/kubernetes/pull/121477)\n`;
    const finding = lintPost(text, { fileName: FILE }).find((candidate) => candidate.code === 'empty-bullet')!;
    assert.ok(!fixed(text, finding).includes('\n*\n'));
  });
});

suite('Style checks: sections', () => {
  test("unknown or misspelled headings suggest the template's", () => {
    const findings = lint('\n## Developr News\n\nText.\n\n## Featured PR\n\n### [1: A](https://github.com/kubernetes/kubernetes/pull/1)\n\nText.\n').filter(
      (finding) => finding.code === 'unknown-section',
    );
    assert.match(findings[0]!.message, /did you mean "Developer News"/);
    assert.match(findings[1]!.message, /calls this section "Featured PRs"/);
    assert.equal(findings[1]!.fix!.edits[0]!.newText, '## Featured PRs');
  });

  test('order and duplicates', () => {
    const found = codes('\n## Other Merges\n\n* A [b](https://x.invalid)\n\n## Developer News\n\nText.\n\n## Other Merges\n\n* C [d](https://y.invalid)\n');
    assert.ok(found.includes('section-order'));
    assert.ok(found.includes('duplicate-section'));
  });
});

suite('Style checks: items', () => {
  const merges = (item: string) => codes(`\n## Other Merges\n\n${item}\n`);

  test('bullets with a period, but not in paragraph sections or after "etc."', () => {
    assert.ok(merges('* Kubelet [rotates logs](https://github.com/kubernetes/kubernetes/pull/1).').includes('bullet-period'));
    assert.ok(!merges('* Kubelet rotates [logs, images, etc.](https://x.invalid) etc.').includes('bullet-period'));
    assert.ok(!codes('\n## Developer News\n\n* A full sentence in a paragraph section.\n').includes('bullet-period'));
  });

  test('"here" links, /pulls/ links (with a fix), malformed PR links', () => {
    assert.ok(codes('\n## Developer News\n\nThe schedule is [here](https://x.invalid).\n').includes('vague-link-text'));
    const text = `${HEAD}\n## Other Merges\n\n* A [change](https://github.com/kubernetes/kubernetes/pulls/99999)\n`;
    const pulls = lintPost(text, { fileName: FILE }).find((finding) => finding.code === 'pulls-url')!;
    assert.ok(fixed(text, pulls).includes('/pull/99999)'));
    assert.ok(merges('* A [change](https://github.com/kubernetes/kubernetes/pull/102377deb)').includes('malformed-pr-url'));
  });

  test('the same PR linked twice, but a Featured PR may repeat its heading link below it', () => {
    assert.ok(
      codes(
        '\n## Other Merges\n\n* A [x](https://github.com/kubernetes/kubernetes/pull/5)\n* B [y](https://github.com/kubernetes/kubernetes/pull/7)\n* C [z](https://github.com/kubernetes/kubernetes/pull/8)\n* D [w](https://github.com/kubernetes/kubernetes/pull/9)\n* E [v](https://github.com/kubernetes/kubernetes/pull/5)\n',
      ).includes('duplicate-link'),
    );
    assert.ok(
      !codes(
        '\n## Featured PRs\n\n### [#5: Title](https://github.com/kubernetes/kubernetes/pull/5)\n\nIt [does x](https://github.com/kubernetes/kubernetes/pull/5).\n',
      ).includes('duplicate-link'),
    );
  });

  test("Featured PR and KEP headings in the stylesheet's form", () => {
    assert.ok(
      !codes('\n## Featured PRs\n\n### [111090: A title](https://github.com/kubernetes/kubernetes/pull/111090)\n\nText.\n').includes('featured-heading-form'),
    );
    assert.ok(codes('\n## Featured PRs\n\n### A title without its link\n\nText.\n').includes('featured-heading-form'));
    assert.ok(
      !codes('\n## Featured PRs\n\n### [test-infra#10851: Install kubectl](https://github.com/kubernetes/test-infra/pull/10851)\n\nText.\n').includes(
        'featured-heading-form',
      ),
    );
    assert.ok(
      codes('\n## Featured PRs\n\n### (#96878: Title)[https://github.com/kubernetes/kubernetes/pull/96878]\n\nText.\n').includes('featured-heading-form'),
    );
    assert.ok(
      !codes('\n## KEP of the Week\n\n### [KEP-4009: Title](https://github.com/kubernetes/enhancements/tree/master/keps/sig-node/4009-x)\n\nText.\n').includes(
        'featured-heading-form',
      ),
    );
    assert.ok(codes('\n## KEP of the Week\n\n### KEP 4009\n\nText.\n').includes('featured-heading-form'));
  });

  test('Other Merges items over the word limit (information), configurable', () => {
    const long = '* Kubelet now reports a great many additional metrics about the [container runtime](https://x.invalid) and images';
    const findings = lint(`\n## Other Merges\n\n${long}\n`).filter((finding) => finding.code === 'other-merges-length');
    assert.equal(findings[0]?.severity, 'information');
    assert.equal(lint(`\n## Other Merges\n\n${long}\n`, { otherMergesWordLimit: 30 }).filter((finding) => finding.code === 'other-merges-length').length, 0);
  });

  test("capitalisation from the stylesheet's list, with a fix; not in links, code, or kubeadm starting a sentence", () => {
    const text = `${HEAD}\n## Other Merges\n\n* The API server speaks GRPC to [etcd](https://github.com/kubernetes/kubernetes/pull/3)\n* Kubeadm: add [key options](https://github.com/kubernetes/kubernetes/pull/4)\n* \`API server\` in code and [API server docs](https://x.invalid/api-server)\n`;
    const findings = lintPost(text, { fileName: FILE }).filter((finding) => finding.code === 'capitalization');
    assert.deepEqual(
      findings.map((finding) => finding.fix!.edits[0]!.newText),
      ['APIserver', 'gRPC'],
    );
    const compounds = codes(
      '\n## Developer News\n\nThe blog moves from blog.kubernetes.io; kubernetes-based aliases and kubernetes/kubernetes stay, but kubernetes alone does not.\n',
    );
    assert.equal(compounds.filter((code) => code === 'capitalization').length, 1);
    assert.ok(fixed(text, findings[0]!).includes('The APIserver speaks'));
  });
});

suite('Style checks over real posts', () => {
  test("the sample site's editions lint without crashing", () => {
    for (const name of ['2026-11-01-update.md', '2026-11-08-update.md', '2026-11-15-update.md']) {
      const findings = lintPost(readFileSync(join(projectRoot, 'sample-workspace', '_posts', name), 'utf8'), { fileName: `_posts/${name}` });
      assert.ok(Array.isArray(findings));
    }
  });

  test('a fix and the whole new line it makes agree', () => {
    const text = `${HEAD}${GOOD}`.replace('pull/121046', 'pulls/121046');
    const finding = lintPost(text, { fileName: FILE }).find((candidate) => candidate.code === 'pulls-url')!;
    const edit = finding.fix!.edits[0]!;
    const line = text.split('\n')[edit.line]!;
    const wholeLine = {
      line: edit.line,
      column: 0,
      endLine: edit.line,
      endColumn: line.length,
      newText: line.slice(0, edit.column) + edit.newText + line.slice(edit.endColumn),
    };
    assert.equal(applyEdits(text, [wholeLine]), fixed(text, finding));
  });
});
