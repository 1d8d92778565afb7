import type { GitHubItem, ItemKey } from './pullRequests';
import { isCherryPick, relevantLabels } from './pullRequests';
import { safeLine } from './safeText';

/**
 * The hover's Markdown, built from untrusted text. Every piece of remote or post text goes
 * through `escapeMarkdown`; links are made here from validated owner/repo/number on the
 * configured web host, never taken from GitHub's answer; the only command links are ours.
 */

/**
 * Escapes text so that Markdown renders it literally: no emphasis, links, images, HTML or
 * entities. `<` `>` `&` become entities (a backslash before `<` would still let some renderers
 * see a tag); the rest gets a backslash. It is made one safe line first: this is where post
 * titles and cached text meet the hover too, not only what was cleaned when read from GitHub.
 */
export function escapeMarkdown(text: string): string {
  return safeLine(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_{}[\]()#+\-.!|~:]/g, (char) => `\\${char}`);
}

/** The web host for an API URL: api.github.com → github.com; GHES `https://HOST/api/v3` → `https://HOST`. */
export function webBaseFor(apiRestUrl: string): string {
  const url = new URL(apiRestUrl);
  if (url.hostname === 'api.github.com') {
    return 'https://github.com';
  }
  return `${url.origin}${url.pathname.replace(/\/api\/v3\/?$/, '').replace(/\/+$/, '')}`;
}

export function itemUrl(webBase: string, key: ItemKey, kind: 'pull' | 'issue'): string {
  // owner/repo were validated by the reference parser ([A-Za-z0-9._-]); encode anyway.
  return `${webBase}/${encodeURIComponent(key.owner)}/${encodeURIComponent(key.repo)}/${kind === 'pull' ? 'pull' : 'issues'}/${key.number}`;
}

export interface CoveredIn {
  readonly title: string;
  /** The edition's URI, opened through our command. */
  readonly uri: string;
  /** 0-based */
  readonly line: number;
  /** An edition of a later week than the one being read: listed apart, as "later". */
  readonly later?: boolean;
}

export interface HoverInput {
  readonly key: ItemKey;
  /** What the reference looks like in the text: decides pull or issue wording when GitHub is silent. */
  readonly refKind: 'pull' | 'issue';
  readonly item?: GitHubItem;
  /** A one-line reason GitHub's data is missing or old. */
  readonly problem?: string;
  /** The data is from the cache, fetched at this time. */
  readonly staleSince?: Date;
  readonly notFound?: boolean;
  readonly coveredIn: readonly CoveredIn[];
  readonly webBase: string;
  /** The command that opens an edition at a line: the only command a hover may run. */
  readonly openCommand: string;
}

const STATE_TEXT = {
  open: '$(git-pull-request) Open',
  draft: '$(git-pull-request-draft) Draft',
  merged: '$(git-merge) Merged',
  closed: '$(git-pull-request-closed) Closed without merging',
} as const;

const ISSUE_STATE_TEXT = {
  open: '$(issues) Open',
  draft: '$(issues) Open',
  merged: '$(issue-closed) Closed',
  closed: '$(issue-closed) Closed',
} as const;

export function renderHover(input: HoverInput): string {
  const { key, item } = input;
  const kind = item?.kind ?? input.refKind;
  const lines: string[] = [];
  const reference = escapeMarkdown(`${key.owner}/${key.repo}#${key.number}`);
  if (item) {
    lines.push(`**${escapeMarkdown(item.title)}**  `);
    const state = kind === 'pull' ? STATE_TEXT[item.state] : ISSUE_STATE_TEXT[item.state];
    const when = item.state === 'merged' && item.mergedAt ? ` ${item.mergedAt.slice(0, 10)}` : '';
    const by = item.author ? ` · by ${escapeMarkdown(`@${item.author}`)}` : '';
    lines.push(`${reference} · ${state}${when}${by}`);
    const { shown, more } = relevantLabels(item.labels);
    if (shown.length > 0) {
      lines.push('', `Labels: ${shown.map(escapeMarkdown).join(', ')}${more > 0 ? `, +${more} more` : ''}`);
    }
    if (item.milestone) {
      lines.push('', `Milestone: ${escapeMarkdown(item.milestone)}`);
    }
    if (kind === 'pull' && isCherryPick(item)) {
      lines.push('', '$(warning) **Cherry-pick**: LWKD reports the original PR, never the cherry-pick.');
    }
  } else {
    lines.push(`**${reference}**`);
    if (input.notFound) {
      lines.push('', `$(question) GitHub has no ${kind === 'pull' ? 'pull request' : 'issue'} ${reference}.`);
    }
  }
  if (input.problem) {
    const age = input.staleSince && item ? ` Showing what was fetched ${input.staleSince.toISOString().slice(0, 16).replace('T', ' ')} UTC.` : '';
    lines.push('', `$(warning) ${escapeMarkdown(input.problem)}${escapeMarkdown(age)}`);
  }
  // Earlier editions answer "was this covered already?"; later ones are said apart, so a writer
  // reading an old edition is not told it repeats what came after it.
  const places = (list: readonly CoveredIn[]): string => {
    const links = list.slice(0, 5).map((place) => {
      const args = encodeURIComponent(JSON.stringify([place.uri, place.line]));
      return `[${escapeMarkdown(place.title)}](command:${input.openCommand}?${args} "Open at line ${place.line + 1}") (line ${place.line + 1})`;
    });
    return `${links.join(', ')}${list.length > 5 ? `, +${list.length - 5} more` : ''}`;
  };
  const earlier = input.coveredIn.filter((place) => !place.later);
  const later = input.coveredIn.filter((place) => place.later);
  if (earlier.length > 0) {
    lines.push('', `$(history) Covered in LWKD: ${places(earlier)}`);
  }
  if (later.length > 0) {
    lines.push('', `$(arrow-right) Covered again later: ${places(later)}`);
  }
  lines.push('', `[Open on GitHub](${itemUrl(input.webBase, key, kind)})`);
  return lines.join('\n');
}
