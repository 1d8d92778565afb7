import * as assert from 'node:assert/strict';
import { KeyedDebouncer } from '../../src/vscode/debouncer';

const ran = (debouncer: KeyedDebouncer, key: string, log: string[], name: string): Promise<void> =>
  new Promise((resolve) =>
    debouncer.run(key, () => {
      log.push(name);
      resolve();
    }),
  );

suite('Running after the writer pauses', () => {
  test('a later call for the same key replaces the pending one; other keys run on their own', async () => {
    const debouncer = new KeyedDebouncer(5);
    const log: string[] = [];
    void ran(debouncer, 'a', log, 'a1');
    const second = ran(debouncer, 'a', log, 'a2');
    const other = ran(debouncer, 'b', log, 'b1');
    await Promise.all([second, other]);
    assert.deepEqual(log.sort(), ['a2', 'b1']);
    debouncer.dispose();
  });

  test('disposing cancels what is pending', async () => {
    const debouncer = new KeyedDebouncer(5);
    const log: string[] = [];
    void ran(debouncer, 'a', log, 'cancelled');
    debouncer.dispose();
    // A later task on a slower debouncer: by the time it runs, the cancelled one would have.
    const later = new KeyedDebouncer(20);
    await ran(later, 'x', log, 'later');
    assert.deepEqual(log, ['later']);
  });
});
