/**
 * What tests compare an edition against, written out here rather than taken from src: a test that
 * borrowed the code's own list or parser could not catch a mistake in it.
 */

/** The stylesheet's ten section headings, in order. */
export const TEMPLATE_HEADINGS: readonly string[] = [
  '## Developer News',
  '## Release Schedule',
  '## Featured PRs',
  '## KEP of the Week',
  '## Other Merges',
  '## Promotions',
  '## Deprecated',
  '## Version Updates',
  '## Subprojects and Dependency Updates',
  '## Shoutouts',
];

/** The front matter's `key: value` lines as written, without a YAML parser. */
export function frontMatterLines(text: string): Record<string, string> {
  const block = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1] ?? '';
  return Object.fromEntries(
    block
      .split(/\r?\n/)
      .map((line) => /^(\w+):\s*(.*)$/.exec(line))
      .filter((m) => m !== null)
      .map((m) => [m[1]!, m[2]!]),
  );
}
