import * as assert from 'node:assert/strict';
import { BUTTONDOWN_API_VERSION, ButtondownClient, ButtondownError } from '../../src/services/buttondown';
import type { ButtondownFailureKind } from '../../src/services/buttondown';
import { FakeButtondown } from '../fakeButtondown/server';

const KEY = 'bd-test-key';
const REQUEST = {
  subject: 'LWKD: Week Ending March 7, 2027',
  body: '# Week Ending March 7, 2027\n\n## Developer News\n\nNews.\n',
  edition: '2027-03-07-update',
};

async function rejectsWith(promise: Promise<unknown>, kind: ButtondownFailureKind, message?: RegExp): Promise<ButtondownError> {
  let caught: unknown;
  await promise.catch((error: unknown) => {
    caught = error;
  });
  assert.ok(caught instanceof ButtondownError, `a ButtondownError, got ${String(caught)}`);
  assert.equal(caught.kind, kind, caught.message);
  if (message) {
    assert.match(caught.message, message);
  }
  assert.doesNotMatch(caught.message, new RegExp(KEY), 'the key is never in a message');
  return caught;
}

suite('Buttondown draft', () => {
  let buttondown: FakeButtondown;
  const client = (options: { key?: string | undefined; timeoutMs?: number } = {}) =>
    new ButtondownClient({
      apiUrl: buttondown.url,
      key: 'key' in options ? options.key : KEY,
      timeoutMs: options.timeoutMs ?? 2_000,
      userAgent: 'lwkd-author/test',
    });

  setup(async () => {
    buttondown = await FakeButtondown.start(KEY);
  });

  teardown(async () => {
    await buttondown.close();
  });

  test('creates a draft, never an email that sends: status draft, the pinned API version, an idempotency key', async () => {
    const outcome = await client().saveDraft(REQUEST);
    assert.equal(outcome.action, 'created');
    assert.deepEqual(
      buttondown.emails.map(({ subject, body, status }) => ({ subject, body, status })),
      [{ subject: REQUEST.subject, body: REQUEST.body, status: 'draft' }],
    );
    assert.equal(outcome.url, `https://buttondown.com/emails/${buttondown.emails[0]!.id}`);
    const post = buttondown.calls.find((call) => call.method === 'POST')!;
    assert.equal((post.body as { status: string }).status, 'draft');
    assert.equal(post.apiVersion, BUTTONDOWN_API_VERSION);
    assert.equal(post.authorization, `Token ${KEY}`);
    assert.match(post.idempotencyKey ?? '', /^lwkd-2027-03-07-update-[0-9a-f]{16}$/);
  });

  test('a second run updates the remembered draft instead of making another', async () => {
    const first = await client().saveDraft(REQUEST);
    const second = await client().saveDraft({ ...REQUEST, body: `${REQUEST.body}\nMore.\n`, knownId: first.email.id });
    assert.equal(second.action, 'updated');
    assert.equal(second.email.id, first.email.id);
    assert.equal(buttondown.emails.length, 1);
    assert.match(buttondown.emails[0]!.body, /More\./);
    assert.equal(buttondown.emails[0]!.status, 'draft');
  });

  test('without a remembered id, it finds the draft by its subject (the command line has no memory)', async () => {
    buttondown.addEmail({ subject: 'LWKD: Week Ending February 28, 2027', status: 'sent' });
    const existing = buttondown.addEmail({ subject: REQUEST.subject, status: 'draft' });
    const outcome = await client().saveDraft(REQUEST);
    assert.deepEqual([outcome.action, outcome.email.id], ['updated', existing.id]);
    assert.equal(buttondown.emails.length, 2);
  });

  test('a remembered email that was sent or scheduled is left alone, and no new draft is made', async () => {
    const sent = buttondown.addEmail({ subject: REQUEST.subject, status: 'scheduled', body: 'as scheduled' });
    await rejectsWith(client().saveDraft({ ...REQUEST, knownId: sent.id }), 'notDraft', /scheduled, not a draft/);
    assert.deepEqual(
      buttondown.calls.map((call) => call.method),
      ['GET'],
    );
    assert.equal(sent.body, 'as scheduled');
  });

  test('a remembered draft deleted in Buttondown is made again', async () => {
    const outcome = await client().saveDraft({ ...REQUEST, knownId: '00000000-0000-0000-0000-000000000000' });
    assert.equal(outcome.action, 'created');
  });

  test('a retried create with the same key makes one draft', async () => {
    await client().saveDraft(REQUEST);
    // The first answer was lost, say, and the draft was not found by subject (renamed there).
    buttondown.emails[0]!.subject = 'renamed';
    await client().saveDraft(REQUEST);
    assert.equal(buttondown.emails.length, 1);
  });

  test('no key: a clear error and no request', async () => {
    await rejectsWith(client({ key: undefined }).saveDraft(REQUEST), 'noKey', /No Buttondown API key/);
    await rejectsWith(client({ key: '  ' }).saveDraft(REQUEST), 'noKey');
    assert.equal(buttondown.calls.length, 0);
  });

  test('a bad key is named as such', async () => {
    await rejectsWith(client({ key: 'wrong' }).saveDraft(REQUEST), 'badKey', /refused the API key/);
  });

  test("a refused body shows Buttondown's detail: front matter is refused", async () => {
    await rejectsWith(client().saveDraft({ ...REQUEST, body: '---\nlayout: post\n---\n\nText' }), 'refused', /starts with YAML frontmatter/);
    buttondown.fail({ kind: 'status', status: 422, body: { code: 'subject_invalid', detail: '<b>Subject</b> is\n too long.' } });
    await rejectsWith(client().saveDraft(REQUEST), 'refused', /^Buttondown refused the draft: Subject is too long\.$/);
  });

  test('429 says when to try again; a 5xx is tried once', async () => {
    buttondown.fail({ kind: 'status', status: 429, headers: { 'retry-after': '42' } });
    const limited = await rejectsWith(client().saveDraft(REQUEST), 'rateLimited', /in 42 s/);
    assert.equal(limited.retryAfterSeconds, 42);
    const before = buttondown.calls.length;
    buttondown.fail({ kind: 'status', status: 503, body: '<html>down</html>' });
    await rejectsWith(client().saveDraft(REQUEST), 'server', /server error \(503\)/);
    assert.equal(buttondown.calls.length - before, 1, 'no retry storm');
  });

  test('an answer larger than an email holds is refused, not read whole', async () => {
    buttondown.fail({ kind: 'status', status: 200, body: { results: [], padding: 'x'.repeat(5 * 1024 * 1024) } });
    await rejectsWith(client().saveDraft(REQUEST), 'badResponse', /more than an email holds/);
  });

  test('a Buttondown that hangs gets a timeout, soon after the deadline', async () => {
    buttondown.fail({ kind: 'hang' });
    const started = Date.now();
    await rejectsWith(client({ timeoutMs: 200 }).saveDraft(REQUEST), 'timeout', /did not answer within/);
    assert.ok(Date.now() - started < 2_000, `${Date.now() - started} ms`);
  });

  test('an unreachable Buttondown and an API URL that is not one', async () => {
    const url = buttondown.url;
    await buttondown.close();
    await rejectsWith(
      new ButtondownClient({ apiUrl: url, key: KEY, timeoutMs: 2_000, userAgent: 't' }).saveDraft(REQUEST),
      'offline',
      /Cannot reach Buttondown/,
    );
    await rejectsWith(new ButtondownClient({ apiUrl: 'file:///etc', key: KEY, timeoutMs: 2_000, userAgent: 't' }).saveDraft(REQUEST), 'badConfiguration');
    buttondown = await FakeButtondown.start(KEY);
  });
});

/** The fake must be as dangerous as Buttondown, or the tests above prove nothing. */
suite('Fake Buttondown speaks the documented API', () => {
  test('a create without a status under an older API version is sent at once, as Buttondown does', async () => {
    const buttondown = await FakeButtondown.start(KEY);
    try {
      const post = (version?: string) =>
        fetch(`${buttondown.url}/v1/emails`, {
          method: 'POST',
          headers: { authorization: `Token ${KEY}`, 'content-type': 'application/json', ...(version ? { 'x-api-version': version } : {}) },
          body: JSON.stringify({ subject: 'Hello', body: 'Text' }),
        });
      assert.equal(((await (await post()).json()) as { status: string }).status, 'about_to_send');
      assert.equal(((await (await post('2026-01-01')).json()) as { status: string }).status, 'about_to_send');
      assert.equal(((await (await post(BUTTONDOWN_API_VERSION)).json()) as { status: string }).status, 'draft');
    } finally {
      await buttondown.close();
    }
  });
});
