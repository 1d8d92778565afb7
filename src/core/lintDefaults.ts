/**
 * The style checks' tunable numbers, defaulted once: the core uses them when no option is
 * given, the settings when `lwkd.lint.*` is unset, and the manifest declares the same (a unit
 * test ties them).
 */
export const LINT_DEFAULTS = {
  /** A PR linked in an edition of the last this many weeks is reported (`covered-recently`). */
  recentWeeks: 8,
  /** Other Merges items longer than this many words are reported (the stylesheet asks 4–10). */
  otherMergesWordLimit: 12,
} as const;
