import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FAKE_BUTTONDOWN_KEY, FakeButtondown } from '../fakeButtondown/server';
import { runCli } from '../util/runCli';

const EDITION = `---
layout: post
title: Week Ending March 14, 2027
date: 2027-03-15 04:00:00 -0000
slug: 2027-03-14-update
---

## Developer News

The [archive](/archive) has the rest.
`;

suite('lwkd email: the Buttondown draft from the command line', () => {
  let buttondown: FakeButtondown;
  let site: string;

  setup(async () => {
    buttondown = await FakeButtondown.start();
    site = mkdtempSync(join(tmpdir(), 'lwkd-email-'));
    mkdirSync(join(site, '_posts'));
    writeFileSync(join(site, '_posts', '2027-03-14-update.md'), EDITION);
    writeFileSync(join(site, '_config.yml'), 'url: https://lwkd.example\nbaseurl: /news\n');
  });

  teardown(async () => {
    await buttondown.close();
    rmSync(site, { recursive: true, force: true });
  });

  const env = () => ({ BUTTONDOWN_API_KEY: FAKE_BUTTONDOWN_KEY, LWKD_BUTTONDOWN_API_URL: buttondown.url });

  test('makes the draft with the subject and the body without front matter, then updates it', async () => {
    const first = await runCli(['email', '_posts/2027-03-14-update.md'], { env: env(), cwd: site, now: '2027-03-20T12:00:00Z' });
    assert.equal(first.code, 0, first.stderr);
    assert.match(
      first.stdout,
      /^created the Buttondown draft "LWKD: Week Ending March 14, 2027" \(nothing was sent\)\nhttps:\/\/buttondown\.com\/emails\/[0-9a-f-]+\n$/,
    );
    assert.equal(buttondown.emails.length, 1);
    assert.equal(buttondown.emails[0]!.status, 'draft');
    assert.equal(
      buttondown.emails[0]!.body,
      '# Week Ending March 14, 2027\n\n## Developer News\n\nThe [archive](https://lwkd.example/news/archive) has the rest.\n',
    );
    const second = await runCli(['email', '_posts/2027-03-14-update.md', '--api-url', buttondown.url], {
      env: { BUTTONDOWN_API_KEY: FAKE_BUTTONDOWN_KEY },
      cwd: site,
      now: '2027-03-20T12:00:00Z',
    });
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stdout, /^updated the Buttondown draft/);
    assert.equal(buttondown.emails.length, 1, 'found by its subject: one draft per edition');
  });

  test('without BUTTONDOWN_API_KEY it says so and asks nothing; a bad key is named; neither prints the key', async () => {
    const none = await runCli(['email', '_posts/2027-03-14-update.md'], {
      env: { LWKD_BUTTONDOWN_API_URL: buttondown.url },
      cwd: site,
      now: '2027-03-20T12:00:00Z',
    });
    assert.deepEqual([none.code, none.stderr], [1, 'lwkd email: No Buttondown API key is set, so Buttondown was not asked.\n']);
    assert.equal(buttondown.calls.length, 0);
    const wrong = await runCli(['email', '_posts/2027-03-14-update.md'], {
      env: { BUTTONDOWN_API_KEY: 'not-the-key-12345', LWKD_BUTTONDOWN_API_URL: buttondown.url },
      cwd: site,
      now: '2027-03-20T12:00:00Z',
    });
    assert.equal(wrong.code, 1);
    assert.match(wrong.stderr, /refused the API key/);
    assert.ok(!`${wrong.stdout}${wrong.stderr}`.includes('not-the-key-12345'));
  });

  test('a file not named for its week, and a missing file, are one line each', async () => {
    writeFileSync(join(site, 'notes.md'), '# Notes\n');
    const unnamed = await runCli(['email', 'notes.md'], { env: env(), cwd: site, now: '2027-03-20T12:00:00Z' });
    assert.equal(unnamed.code, 1);
    assert.match(unnamed.stderr, /is not named for its week/);
    const missing = await runCli(['email', '_posts/2027-03-21-update.md'], { env: env(), cwd: site, now: '2027-03-20T12:00:00Z' });
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /^lwkd email: .*2027-03-21-update\.md does not exist\.\n$/);
    assert.equal(buttondown.calls.length, 0);
  });
});
