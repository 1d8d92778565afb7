/** A small seeded generator of numbers in [0, 1), so that a failure on generated input repeats. */
export function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}
