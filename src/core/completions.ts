import { frontMatterRange } from './edition';
import { findGitHubRefs } from './githubRefs';
import { sectionSpans, TEMPLATE_SECTIONS } from './sections';
import { findTitleSlot, linkText } from './prTitleEdit';
import type { ItemKey } from './pullRequests';

/**
 * Section-aware completions for an edition. The item shapes are the contributed snippets
 * themselves (snippets/lwkd.code-snippets), read as data, so a shape is written once and the
 * completion a writer gets inside Promotions is the `lwkd-promotion` snippet. Pure: the caller
 * passes the snippets and a cache-only title lookup, so a completion never waits on GitHub.
 */

export interface SnippetDefinition {
  readonly prefix: string | readonly string[];
  readonly description?: string;
  readonly body: string | readonly string[];
}

export type SuggestionKind = 'shape' | 'heading' | 'section' | 'title' | 'initials';

export interface Suggestion {
  readonly kind: SuggestionKind;
  readonly label: string;
  readonly detail: string;
  /** Snippet syntax when `snippet` is set, else plain text. */
  readonly insertText: string;
  readonly snippet: boolean;
  /** The columns of the cursor's line that the suggestion replaces. */
  readonly startColumn: number;
  readonly endColumn: number;
  /** Always begins with the replaced text up to the cursor, so the editor never filters it out. */
  readonly filterText: string;
}

export interface CompletionRequest {
  readonly text: string;
  readonly line: number;
  readonly character: number;
  readonly snippets: Readonly<Record<string, SnippetDefinition>>;
  /**
   * Asked for (Ctrl+Space) rather than triggered by typing a space or `*`. Titles and initials
   * are offered only when asked for or when the link text is still empty: typing inside a
   * sentence must not keep opening the list.
   */
  readonly explicit: boolean;
  /** A pull request's title if it is cached; never fetches. */
  readonly cachedTitle: (key: ItemKey) => string | undefined;
  /** authors.md's people: their initials are offered instead of the snippet's placeholder. */
  readonly authors?: ReadonlyArray<{ readonly initials: string; readonly name: string }>;
}

/**
 * Each section's item shape, by snippet name. Sections without an item snippet (paragraph
 * sections, Shoutouts) get their section snippet's starter body instead.
 */
const ITEM_SNIPPET: Readonly<Record<string, string>> = {
  'Release Schedule': 'Next Deadline',
  'Featured PRs': 'Featured PR heading',
  'KEP of the Week': 'KEP of the Week heading',
  'Other Merges': 'Merge item',
  Promotions: 'Promotion',
  Deprecated: 'Deprecation',
  'Version Updates': 'Version update',
  'Subprojects and Dependency Updates': 'Subproject release',
};
const HEADING_SECTIONS = new Set(['Featured PRs', 'KEP of the Week']);
const INITIALS_SNIPPET = 'Author initials';

/** Start of a line: nothing, or a bullet marker and the first word being typed. */
const LINE_START = /^(?:\* ?)?[\w-]*$/;
// One space, then anything but `]`: ` +[^\]]*` says the same but retries every run of spaces.
const HEADING_START = /^(#{2,3}) [^\]]*$/;

export function suggestCompletions(request: CompletionRequest): Suggestion[] {
  const lines = request.text.split(/\r?\n/);
  const lineText = lines[request.line] ?? '';
  const before = lineText.slice(0, request.character);
  const bodyStart = (frontMatterRange(lines)?.end ?? -1) + 1;
  if (request.line < bodyStart) {
    return [];
  }
  const suggestions: Suggestion[] = [...titleSuggestions(lineText, request)];
  const spans = sectionSpans(request.text, bodyStart, lines.length);
  const heading = HEADING_START.exec(before);
  if (heading?.[1] === '##') {
    suggestions.push(
      ...sectionSuggestions(
        spans.map((span) => span.canonical),
        request,
      ),
    );
    return suggestions;
  }
  const section = spans.filter((span) => span.line < request.line).at(-1)?.canonical;
  if (!section) {
    return suggestions;
  }
  const shape = itemShape(section, request.snippets);
  if (shape && (LINE_START.test(before) || (heading?.[1] === '###' && HEADING_SECTIONS.has(section)))) {
    suggestions.push({
      kind: heading ? 'heading' : 'shape',
      label: shape.label,
      detail: shape.detail,
      insertText: shape.body,
      snippet: true,
      startColumn: 0,
      endColumn: request.character,
      filterText: before + shape.label,
    });
  }
  const initials = request.snippets[INITIALS_SNIPPET];
  const atItemEnd = request.character === lineText.length && request.explicit && endsWithLinkItem(before);
  // ` *` typed after an item: the `*` starts the signature, so it is replaced with the whole of it.
  const typedMark = request.authors?.length && request.character === lineText.length && before.endsWith(' *') && endsWithLinkItem(before.slice(0, -1));
  if (request.authors?.length && (atItemEnd || typedMark)) {
    const replaced = typedMark ? 1 : before.endsWith(' ') ? 0 : -1;
    for (const author of request.authors) {
      const mark = `*${author.initials}*`;
      suggestions.push({
        kind: 'initials',
        label: mark,
        detail: author.name,
        insertText: replaced === -1 ? ` ${mark}` : mark,
        snippet: false,
        startColumn: request.character - Math.max(0, replaced),
        endColumn: request.character,
        // What is replaced is nothing or the typed `*`: either way the start of the mark.
        filterText: mark,
      });
    }
  } else if (initials && request.explicit && endsWithLinkItem(before) && request.character === lineText.length) {
    const trimmed = before.endsWith(' ') ? 1 : 0;
    suggestions.push({
      kind: 'initials',
      label: INITIALS_SNIPPET,
      detail: initials.description ?? '',
      insertText: bodyText(initials.body),
      snippet: true,
      startColumn: request.character - trimmed,
      endColumn: request.character,
      filterText: before.slice(before.length - trimmed) + INITIALS_SNIPPET,
    });
  }
  return suggestions;
}

interface Shape {
  readonly label: string;
  readonly detail: string;
  readonly body: string;
}

function itemShape(section: string, snippets: CompletionRequest['snippets']): Shape | undefined {
  const item = ITEM_SNIPPET[section] ? snippets[ITEM_SNIPPET[section]] : undefined;
  if (item) {
    return { label: ITEM_SNIPPET[section]!, detail: item.description ?? section, body: bodyText(item.body) };
  }
  // The section snippet without its heading and the blank line after it.
  const whole = snippets[`${section} section`];
  if (!whole) {
    return undefined;
  }
  const body = (typeof whole.body === 'string' ? whole.body.split('\n') : [...whole.body]).slice(1);
  while (body[0] === '') {
    body.shift();
  }
  return body.length ? { label: `${section} item`, detail: whole.description ?? section, body: body.join('\n') } : undefined;
}

/** After `## `: the template's sections the edition does not have yet, in the template's order. */
function sectionSuggestions(present: ReadonlyArray<string | undefined>, request: CompletionRequest): Suggestion[] {
  const have = new Set(present);
  return TEMPLATE_SECTIONS.filter((section) => !have.has(section)).map((section) => {
    const snippet = request.snippets[`${section} section`];
    return {
      kind: 'section' as const,
      label: section,
      detail: snippet?.description ?? 'LWKD template section',
      insertText: snippet ? bodyText(snippet.body) : `## ${section}\n\n$0`,
      snippet: true,
      startColumn: 0,
      endColumn: request.character,
      filterText: `## ${section}`,
    };
  });
}

/**
 * On a line that holds a pull-request link: GitHub's title for its text, if the hover has
 * already fetched it. Inside `[...]` the link text is replaced; a bare URL becomes a link.
 */
function titleSuggestions(lineText: string, request: CompletionRequest): Suggestion[] {
  if (!lineText.includes('/pull/')) {
    return [];
  }
  const slot = findTitleSlot(lineText, request.character);
  if (slot) {
    const title = request.cachedTitle(slot.key);
    // The editor replaces only a range that holds the cursor: the link text, not the URL.
    if (!title || request.character < slot.start || request.character > slot.end || (!request.explicit && slot.end > slot.start)) {
      return [];
    }
    const text = `${slot.prefix}${linkText(title)}`;
    const typed = lineText.slice(slot.start, request.character);
    return [
      {
        kind: 'title',
        label: text,
        detail: `Title of ${slot.key.owner}/${slot.key.repo}#${slot.key.number} from GitHub`,
        insertText: text,
        snippet: false,
        startColumn: slot.start,
        endColumn: slot.end,
        filterText: typed + text,
      },
    ];
  }
  const suggestions: Suggestion[] = [];
  for (const ref of findGitHubRefs(lineText)) {
    const bare = ref.form === 'pullUrl' && !ref.malformed && lineText[ref.column - 1] !== '(' && lineText[ref.column - 1] !== '<';
    if (!bare || !request.explicit || request.character < ref.column || request.character > ref.endColumn) {
      continue;
    }
    const title = request.cachedTitle({ owner: ref.owner, repo: ref.repo, number: ref.number });
    if (title) {
      const text = `[${linkText(title)}](${ref.text})`;
      suggestions.push({
        kind: 'title',
        label: text,
        detail: `Link ${ref.owner}/${ref.repo}#${ref.number} with its title from GitHub`,
        insertText: text,
        snippet: false,
        startColumn: ref.column,
        endColumn: ref.endColumn,
        filterText: lineText.slice(ref.column, request.character) + text,
      });
    }
  }
  return suggestions;
}

/**
 * `* … [text](target)` with at most one space after: what `/^\* .*\]\([^)\s]+\) ?$/` accepts,
 * read from the end: that pattern tried the rest of the line again from every `](`.
 */
function endsWithLinkItem(before: string): boolean {
  const text = before.endsWith(' ') ? before.slice(0, -1) : before;
  if (!before.startsWith('* ') || !text.endsWith(')') || /[\r\u2028\u2029]/.test(text)) {
    return false;
  }
  // The target runs back from the `)` to the last `)` or space before it.
  let start = text.length - 1;
  while (start > 0 && !/[)\s]/.test(text[start - 1]!)) {
    start--;
  }
  const open = text.lastIndexOf('](', text.length - 4);
  return open >= 2 && open + 2 >= start;
}

function bodyText(body: SnippetDefinition['body']): string {
  return typeof body === 'string' ? body : body.join('\n');
}
