import type { SnippetDefinition } from './completions';

/**
 * The contributed snippets whose prefix the writer is typing. Markdown turns quick suggestions
 * off, so VS Code never offers `lwkd-…` snippets while typing; the completion provider is
 * triggered on `-` in editions and offers them from here instead, leaving other Markdown files
 * as they are.
 */
export interface PrefixMatch {
  readonly name: string;
  readonly prefix: string;
  readonly description?: string;
  readonly body: string;
  /** Where the typed prefix starts on the line (the replacement runs to the cursor). */
  readonly startColumn: number;
}

/** The word being typed ends the text before the cursor: `lwkd-` and what follows it, as a word of its own. */
const TYPED_PREFIX = /(?:^|\s)(lwkd-[a-z-]*)$/;

export function snippetsForTypedPrefix(lineBeforeCursor: string, snippets: Readonly<Record<string, SnippetDefinition>>): PrefixMatch[] {
  // Only the end of the line matters; a long line costs no more than its last few characters.
  const tail = lineBeforeCursor.slice(-64);
  const typed = TYPED_PREFIX.exec(tail)?.[1];
  if (typed === undefined) {
    return [];
  }
  const startColumn = lineBeforeCursor.length - typed.length;
  return Object.entries(snippets)
    .flatMap(([name, snippet]) => {
      const prefixes = typeof snippet.prefix === 'string' ? [snippet.prefix] : snippet.prefix;
      const prefix = prefixes.find((candidate) => candidate.startsWith(typed));
      if (prefix === undefined) {
        return [];
      }
      const body = typeof snippet.body === 'string' ? snippet.body : snippet.body.join('\n');
      return [{ name, prefix, body, startColumn, ...(snippet.description === undefined ? {} : { description: snippet.description }) }];
    })
    .sort((a, b) => a.prefix.localeCompare(b.prefix));
}
