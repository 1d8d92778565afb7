/**
 * Lifetimes, the way VS Code's own `Disposable` and `DisposableStore` (vs/base/common/lifecycle)
 * keep them: whatever an object creates that must be disposed is registered with it as it is
 * created, and disposing the object disposes all of it. Editor-free (a `vscode.Disposable` has
 * this shape), so plain-Node unit tests run it.
 */

/** Anything that can be disposed: `vscode.Disposable`, an event subscription, a debouncer. */
export interface IDisposable {
  dispose(): void;
}

/**
 * Disposables disposed together, once, in the order they were added. One added after the store
 * is disposed is disposed at once: nothing outlives its owner. A dispose that throws does not
 * stop the others; its error is thrown after all ran (several as one AggregateError).
 */
export class DisposableStore implements IDisposable {
  private readonly items = new Set<IDisposable>();
  private disposed = false;

  get isDisposed(): boolean {
    return this.disposed;
  }

  add<T extends IDisposable>(item: T): T {
    if ((item as unknown) === this) {
      throw new Error('A disposable store cannot hold itself.');
    }
    if (this.disposed) {
      item.dispose();
    } else {
      this.items.add(item);
    }
    return item;
  }

  /** Disposes what was added so far; the store stays open for more (a rebuilt set of watchers). */
  clear(): void {
    const items = [...this.items];
    this.items.clear();
    disposeAll(items);
  }

  dispose(): void {
    if (this.disposed) {
      return;
    }
    this.disposed = true;
    this.clear();
  }
}

/** A base for objects that own disposables: `_register` each as it is made; `dispose()` ends them all. */
export abstract class Disposable implements IDisposable {
  private readonly store = new DisposableStore();

  protected get isDisposed(): boolean {
    return this.store.isDisposed;
  }

  protected _register<T extends IDisposable>(item: T): T {
    if ((item as unknown) === this) {
      throw new Error('A disposable cannot register itself.');
    }
    return this.store.add(item);
  }

  dispose(): void {
    this.store.dispose();
  }
}

function disposeAll(items: readonly IDisposable[]): void {
  const errors: unknown[] = [];
  for (const item of items) {
    try {
      item.dispose();
    } catch (error) {
      errors.push(error);
    }
  }
  if (errors.length === 1) {
    throw errors[0];
  }
  if (errors.length > 1) {
    throw new AggregateError(errors, 'Several disposables failed to dispose.');
  }
}
