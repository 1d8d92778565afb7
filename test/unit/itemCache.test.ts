import * as assert from 'node:assert/strict';
import { ItemCache, TTL_MS } from '../../src/core/itemCache';
import { readPullRequest } from '../../src/core/pullRequests';
import { key, restPull } from '../util/githubItemFixtures';

suite('GitHub data cache', () => {
  let now = 0;
  const clock = () => now;
  const merged = readPullRequest(restPull(), key)!;
  const open = { ...merged, state: 'open' as const };

  test('keeps merged items 7 days, open ones 10 minutes, not-found 5 minutes', () => {
    const cache = new ItemCache(clock);
    now = 1_000;
    cache.set({ key: 'a/b#1', item: merged, fetchedAt: now });
    cache.set({ key: 'a/b#2', item: open, fetchedAt: now });
    cache.set({ key: 'a/b#3', notFound: true, fetchedAt: now });
    now += TTL_MS.notFound;
    assert.deepEqual(
      ['a/b#1', 'a/b#2', 'a/b#3'].map((k) => cache.get(k)?.fresh),
      [true, true, false],
    );
    now += TTL_MS.open;
    assert.equal(cache.get('a/b#2')?.fresh, false);
    assert.ok(cache.get('a/b#2')?.entry.item, 'stale data stays available to show');
    now = 1_000 + TTL_MS.done;
    assert.equal(cache.get('a/b#1')?.fresh, false);
  });

  test('is bounded, dropping the least recently used', () => {
    const cache = new ItemCache(clock, 2);
    cache.set({ key: 'a/b#1', item: merged, fetchedAt: now });
    cache.set({ key: 'a/b#2', item: merged, fetchedAt: now });
    cache.get('a/b#1');
    cache.set({ key: 'a/b#3', item: merged, fetchedAt: now });
    assert.equal(cache.get('a/b#2'), undefined);
    assert.ok(cache.get('a/b#1'));
  });

  test('survives a restart for what is still fresh, and re-validates what it loads', () => {
    now = 0;
    const cache = new ItemCache(clock);
    cache.set({ key: 'kubernetes/kubernetes#140001', item: merged, fetchedAt: 0, etag: 'W/"1"' });
    cache.set({ key: 'kubernetes/kubernetes#2', item: { ...open, number: 2 }, fetchedAt: 0 });
    now = TTL_MS.open + 1;
    const restored = new ItemCache(clock);
    assert.equal(restored.load(JSON.parse(JSON.stringify(cache.serialize()))), 1);
    assert.deepEqual(restored.get('kubernetes/kubernetes#140001')?.entry.item, merged);
    const hostile = {
      version: 1,
      entries: [
        { key: 'x/y#1', fetchedAt: 0, item: { kind: 'pull', number: 1, title: { toString: 1 }, state: 'merged' } },
        { key: '../../etc#1', fetchedAt: 0, notFound: true },
        'junk',
      ],
    };
    assert.equal(new ItemCache(clock).load(hostile), 0);
    assert.equal(new ItemCache(clock).load('not json'), 0);
  });
});

suite('GitHub data cache: what a load may bring', () => {
  let now = 1_000_000;
  const clock = () => now;
  const merged = readPullRequest(restPull(), key)!;
  const entry = (number: number, fetchedAt: number) => ({ key: `kubernetes/kubernetes#${number}`, fetchedAt, item: { ...merged, number } });

  test('entries dated in the future are dropped on load', () => {
    now = 1_000_000;
    const cache = new ItemCache(clock);
    assert.equal(cache.load({ version: 1, entries: [entry(1, now + 3600_000), entry(2, now - 1000), entry(3, Number.MAX_SAFE_INTEGER)] }), 1);
    assert.equal(cache.get('kubernetes/kubernetes#1'), undefined);
    assert.equal(cache.get('kubernetes/kubernetes#3'), undefined);
    assert.ok(cache.get('kubernetes/kubernetes#2')?.fresh);
  });

  test('a file with more entries than the bound loads the newest, up to the bound', () => {
    now = 1_000_000;
    const cache = new ItemCache(clock, 3);
    const entries = Array.from({ length: 10 }, (_, i) => entry(i + 1, now - (10 - i) * 1000));
    assert.equal(cache.load({ version: 1, entries }), 3);
    assert.equal(cache.size, 3);
    assert.deepEqual(
      [8, 9, 10].map((n) => Boolean(cache.get(`kubernetes/kubernetes#${n}`))),
      [true, true, true],
    );
    const shuffled = new ItemCache(clock, 3);
    shuffled.load({ version: 1, entries: [...entries].reverse() });
    assert.deepEqual(
      [8, 9, 10].map((n) => Boolean(shuffled.get(`kubernetes/kubernetes#${n}`))),
      [true, true, true],
    );
  });

  test('the bound holds when a load comes on top of what was fetched meanwhile', () => {
    now = 1_000_000;
    const cache = new ItemCache(clock, 3);
    cache.set(entry(100, now));
    cache.set(entry(101, now));
    cache.load({ version: 1, entries: [entry(1, now - 3000), entry(2, now - 2000), entry(3, now - 1000)] });
    assert.equal(cache.size, 3);
    assert.ok(cache.get('kubernetes/kubernetes#100') && cache.get('kubernetes/kubernetes#101'), 'what was fetched this session stays');
  });

  test('keys that are path steps are not loaded', () => {
    now = 1_000_000;
    const cache = new ItemCache(clock);
    assert.equal(
      cache.load({
        version: 1,
        entries: [
          { key: 'kubernetes/..#1', fetchedAt: now, notFound: true },
          { key: 'kubernetes/.#1', fetchedAt: now, notFound: true },
        ],
      }),
      0,
    );
  });
});
