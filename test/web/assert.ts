/**
 * The strict assertions the suites use (node:assert/strict's names and meaning), for the web
 * worker, which has no `node:assert`. Failures are AssertionErrors with the values shown.
 */

export class AssertionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AssertionError';
  }
}

const show = (value: unknown): string => {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
};

const fail = (message: string | undefined, fallback: string): never => {
  throw new AssertionError(message ? `${message}\n${fallback}` : fallback);
};

export function ok(value: unknown, message?: string): asserts value {
  if (!value) {
    fail(message, `expected a truthy value, got ${show(value)}`);
  }
}

export function equal<T>(actual: unknown, expected: T, message?: string): asserts actual is T {
  if (!Object.is(actual, expected)) {
    fail(message, `${show(actual)} !== ${show(expected)}`);
  }
}

export function notEqual(actual: unknown, expected: unknown, message?: string): void {
  if (Object.is(actual, expected)) {
    fail(message, `expected anything but ${show(expected)}`);
  }
}

function same(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) {
    return true;
  }
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) {
    return false;
  }
  // Only what the suites compare: arrays and plain objects. Anything else (a Date, a Map) is
  // equal only to itself, so a comparison this cannot make fails instead of passing.
  const prototype = Object.getPrototypeOf(a) as unknown;
  if (prototype !== Array.prototype && prototype !== Object.prototype && prototype !== null) {
    return false;
  }
  if (Array.isArray(a)) {
    return a.length === (b as unknown[]).length && a.every((item, i) => same(item, (b as unknown[])[i]));
  }
  const keys = Object.keys(a);
  return (
    keys.length === Object.keys(b).length &&
    keys.every((key) => Object.hasOwn(b, key) && same((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]))
  );
}

export function deepEqual<T>(actual: unknown, expected: T, message?: string): asserts actual is T {
  if (!same(actual, expected)) {
    fail(message, `expected ${show(expected)}\n     got ${show(actual)}`);
  }
}

export function match(text: string, pattern: RegExp, message?: string): void {
  if (!pattern.test(text)) {
    fail(message, `${show(text)} does not match ${String(pattern)}`);
  }
}

export function doesNotMatch(text: string, pattern: RegExp, message?: string): void {
  if (pattern.test(text)) {
    fail(message, `${show(text)} matches ${String(pattern)}`);
  }
}
