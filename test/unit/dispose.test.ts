import * as assert from 'node:assert/strict';
import type { IDisposable } from '../../src/vscode/dispose';
import { Disposable, DisposableStore } from '../../src/vscode/dispose';

/** A disposable that notes in `log` each time it is disposed. */
const noting = (log: string[], name: string): IDisposable => ({ dispose: () => log.push(name) });

/** An owner as the extension's are: it registers what it makes. */
class Owner extends Disposable {
  register<T extends IDisposable>(item: T): T {
    return this._register(item);
  }

  get disposed(): boolean {
    return this.isDisposed;
  }
}

suite('Disposing what an object owns', () => {
  test('disposes what was registered, in the order it was registered', () => {
    const log: string[] = [];
    const owner = new Owner();
    owner.register(noting(log, 'emitter'));
    owner.register(noting(log, 'listener'));
    owner.register(noting(log, 'watcher'));
    assert.equal(owner.disposed, false);
    owner.dispose();
    assert.deepEqual(log, ['emitter', 'listener', 'watcher']);
    assert.equal(owner.disposed, true);
  });

  test('disposing twice disposes each thing once', () => {
    const log: string[] = [];
    const owner = new Owner();
    owner.register(noting(log, 'a'));
    owner.dispose();
    owner.dispose();
    assert.deepEqual(log, ['a']);
  });

  test('registering after dispose disposes at once, and returns the thing registered', () => {
    const log: string[] = [];
    const owner = new Owner();
    owner.dispose();
    const late = noting(log, 'late');
    assert.equal(owner.register(late), late);
    assert.deepEqual(log, ['late']);
  });

  test('_register returns what it was given, so a field can be made and registered in one line', () => {
    const owner = new Owner();
    const item = noting([], 'x');
    assert.equal(owner.register(item), item);
  });

  test('a dispose that throws does not stop the others; its error is thrown after', () => {
    const log: string[] = [];
    const owner = new Owner();
    owner.register(noting(log, 'first'));
    owner.register({
      dispose: () => {
        throw new Error('broken');
      },
    });
    owner.register(noting(log, 'last'));
    assert.throws(() => owner.dispose(), /broken/);
    assert.deepEqual(log, ['first', 'last']);
  });

  test('several that throw come back as one AggregateError', () => {
    const owner = new Owner();
    owner.register({
      dispose: () => {
        throw new Error('one');
      },
    });
    owner.register({
      dispose: () => {
        throw new Error('two');
      },
    });
    assert.throws(
      () => owner.dispose(),
      (error: unknown) => error instanceof AggregateError && error.errors.length === 2,
    );
  });

  test('an owner cannot register itself', () => {
    const owner = new Owner();
    assert.throws(() => owner.register(owner), /itself/);
  });

  test('a store can be cleared and filled again (watchers rebuilt); after dispose it disposes what comes', () => {
    const log: string[] = [];
    const store = new DisposableStore();
    store.add(noting(log, 'old watcher'));
    store.clear();
    assert.deepEqual(log, ['old watcher']);
    assert.equal(store.isDisposed, false);
    store.add(noting(log, 'new watcher'));
    store.dispose();
    assert.deepEqual(log, ['old watcher', 'new watcher']);
    store.add(noting(log, 'too late'));
    assert.deepEqual(log, ['old watcher', 'new watcher', 'too late']);
  });

  test('the same disposable added twice is disposed once', () => {
    const log: string[] = [];
    const store = new DisposableStore();
    const item = noting(log, 'once');
    store.add(item);
    store.add(item);
    store.dispose();
    assert.deepEqual(log, ['once']);
  });
});
