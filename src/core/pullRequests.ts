import { safeLine } from './safeText';

/**
 * What the hover shows about a pull request or an issue, read from GitHub's JSON without trusting
 * it: every field is checked, nothing is cast, and links are never taken from the response (they
 * are rebuilt from the validated owner/repo/number by the renderer).
 */

export type ItemState = 'open' | 'draft' | 'merged' | 'closed';

export interface GitHubItem {
  readonly kind: 'pull' | 'issue';
  readonly owner: string;
  readonly repo: string;
  readonly number: number;
  readonly title: string;
  readonly state: ItemState;
  /** ISO time, for merged pull requests. */
  readonly mergedAt?: string;
  readonly closedAt?: string;
  /** Absent when GitHub says the user is gone (`user: null`, a "ghost"). */
  readonly author?: string;
  readonly labels: readonly string[];
  readonly milestone?: string;
  /** The branch a pull request merges into. */
  readonly baseRef?: string;
}

/** Titles longer than this are cut: a hover is not the place for 100 KB of text. */
export const MAX_TITLE_LENGTH = 300;
const MAX_LABELS_READ = 100;

/** Shared validators for GitHub JSON: each returns undefined for anything not of its shape. */
export function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

export function text(value: unknown, max = 200): string | undefined {
  if (typeof value !== 'string') {
    return undefined;
  }
  // One line, nothing that steers a terminal or reorders or hides text. Only a bounded prefix
  // is cleaned: what lies beyond it would be cut anyway.
  const clean = safeLine(value.slice(0, max * 4 + 16)).trim();
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

export function isoTime(value: unknown): string | undefined {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(value) ? value : undefined;
}

export function labelNames(value: unknown): string[] {
  const list = Array.isArray(value) ? value : Array.isArray(record(value)?.nodes) ? (record(value)!.nodes as unknown[]) : [];
  return list.slice(0, MAX_LABELS_READ).flatMap((label) => {
    const name = text(record(label)?.name, 100);
    return name ? [name] : [];
  });
}

export interface ItemKey {
  readonly owner: string;
  readonly repo: string;
  readonly number: number;
}

/**
 * Reads `GET /repos/{owner}/{repo}/pulls/{number}`. Undefined when the body is not a pull
 * request, or not the one asked for.
 */
export function readPullRequest(value: unknown, key: ItemKey): GitHubItem | undefined {
  const body = readRestBody(value, key);
  if (!body) {
    return undefined;
  }
  const mergedAt = isoTime(body.merged_at);
  const state: ItemState = mergedAt ? 'merged' : body.state === 'closed' ? 'closed' : body.draft === true ? 'draft' : 'open';
  return buildRestItem(body, key, 'pull', state, mergedAt, text(record(body.base)?.ref, 200));
}

/**
 * Reads `GET /repos/{owner}/{repo}/issues/{number}`, which also answers for pull requests (then
 * with a `pull_request` field; such an answer is read as a pull request without its base branch).
 */
export function readIssue(value: unknown, key: ItemKey): GitHubItem | undefined {
  const body = readRestBody(value, key);
  if (!body) {
    return undefined;
  }
  const pull = record(body.pull_request);
  const mergedAt = isoTime(pull?.merged_at);
  const state: ItemState = mergedAt ? 'merged' : body.state === 'closed' ? 'closed' : pull && body.draft === true ? 'draft' : 'open';
  return buildRestItem(body, key, pull ? 'pull' : 'issue', state, mergedAt, undefined);
}

/** The REST body of the item asked for, with a title and a known state; else undefined. */
function readRestBody(value: unknown, key: ItemKey): Record<string, unknown> | undefined {
  const body = record(value);
  const valid = body && body.number === key.number && typeof body.title === 'string' && (body.state === 'open' || body.state === 'closed');
  return valid ? body : undefined;
}

function buildRestItem(
  body: Record<string, unknown>,
  key: ItemKey,
  kind: 'pull' | 'issue',
  state: ItemState,
  mergedAt: string | undefined,
  baseRef: string | undefined,
): GitHubItem {
  const closedAt = isoTime(body.closed_at);
  const author = text(record(body.user)?.login, 39);
  const milestone = text(record(body.milestone)?.title, 100);
  return {
    kind,
    owner: key.owner,
    repo: key.repo,
    number: key.number,
    title: text(body.title, MAX_TITLE_LENGTH)!,
    state,
    ...(mergedAt ? { mergedAt } : {}),
    ...(closedAt ? { closedAt } : {}),
    ...(author ? { author } : {}),
    labels: labelNames(body.labels),
    ...(milestone ? { milestone } : {}),
    ...(baseRef ? { baseRef } : {}),
  };
}

/** Reads a GraphQL `PullRequest` or `Issue` node, as our batched query asks for them. */
export function readGraphqlItem(value: unknown, key: ItemKey): GitHubItem | undefined {
  const node = record(value);
  const title = text(node?.title, MAX_TITLE_LENGTH);
  if (!node || node.number !== key.number || title === undefined) {
    return undefined;
  }
  const isPull = node.__typename === 'PullRequest';
  if (!isPull && node.__typename !== 'Issue') {
    return undefined;
  }
  const rawState = node.state;
  if (rawState !== 'OPEN' && rawState !== 'CLOSED' && rawState !== 'MERGED') {
    return undefined;
  }
  const mergedAt = isoTime(node.mergedAt);
  const closedAt = isoTime(node.closedAt);
  const state: ItemState = rawState === 'MERGED' ? 'merged' : rawState === 'CLOSED' ? 'closed' : isPull && node.isDraft === true ? 'draft' : 'open';
  const author = text(record(node.author)?.login, 39);
  const milestone = text(record(node.milestone)?.title, 100);
  const baseRef = text(node.baseRefName, 200);
  return {
    kind: isPull ? 'pull' : 'issue',
    owner: key.owner,
    repo: key.repo,
    number: key.number,
    title,
    state,
    ...(mergedAt ? { mergedAt } : {}),
    ...(closedAt ? { closedAt } : {}),
    ...(author ? { author } : {}),
    labels: labelNames(node.labels),
    ...(milestone ? { milestone } : {}),
    ...(isPull && baseRef ? { baseRef } : {}),
  };
}

/** Labels LWKD writers look at, in GitHub's order. */
export function relevantLabels(labels: readonly string[], max = 10): { shown: string[]; more: number } {
  const relevant = labels.filter((label) => /^(kind|sig|area|size)\/|^release-note/.test(label));
  return { shown: relevant.slice(0, max), more: Math.max(0, relevant.length - max) };
}

/** STYLESHEET: "We never report cherry-picks. Instead, report the original PR." */
export function isCherryPick(item: GitHubItem): boolean {
  return /^automated cherry pick of/i.test(item.title) || (item.baseRef !== undefined && /^release-/.test(item.baseRef));
}
