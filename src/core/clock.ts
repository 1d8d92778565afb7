/**
 * The time, in milliseconds since the epoch, as Date.now gives it. Everything that keeps time
 * (cache freshness, rate-limit waits, search pacing) takes one, so tests can move it.
 */
export type Clock = () => number;
