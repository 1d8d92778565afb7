import { plainLine } from './safeText';

/**
 * Pure knowledge of GitHub's HTTP API: where its endpoints are, how its failures look, and how to
 * read its JSON without trusting it. No I/O here; the octokit client at the edge feeds it.
 */

export type GitHubFailureKind =
  | 'badConfiguration'
  | 'unauthorized'
  | 'notFound'
  | 'rateLimited'
  | 'offline'
  | 'timeout'
  | 'cancelled'
  | 'server'
  | 'invalidResponse'
  /** The token holds characters no token has (a line break, a space): it is never sent. */
  | 'invalidToken'
  /** An owner, repository or number that is not a GitHub name: it never reaches a URL. */
  | 'invalidName';

export interface GitHubFailure {
  readonly kind: GitHubFailureKind;
  /** One sentence a writer can act on. Never contains response bodies (they may be HTML). */
  readonly message: string;
  readonly status?: number;
  /** When a rate limit lifts, if GitHub said. */
  readonly retryAt?: Date;
}

export interface GitHubEndpoints {
  /** REST base without a trailing slash, e.g. `https://api.github.com`. */
  readonly rest: string;
  /** GraphQL endpoint: `https://api.github.com/graphql`, or `https://HOST/api/graphql` on GHES. */
  readonly graphql: string;
}

/**
 * Turns the `lwkd.github.apiUrl` setting into endpoints. GitHub Enterprise Server serves REST at
 * `/api/v3` and GraphQL at `/api/graphql`; github.com (and our fake) serve GraphQL at `/graphql`.
 */
export function resolveGitHubEndpoints(apiUrl: string): GitHubEndpoints | GitHubFailure {
  let url: URL;
  try {
    url = new URL(apiUrl.trim());
  } catch {
    return { kind: 'badConfiguration', message: `The GitHub API URL "${apiUrl}" is not a URL.` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { kind: 'badConfiguration', message: `The GitHub API URL must use https (got "${url.protocol}").` };
  }
  if (url.username || url.password || url.search || url.hash) {
    return { kind: 'badConfiguration', message: 'The GitHub API URL must not carry credentials, a query or a fragment.' };
  }
  const rest = `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  const graphql = /\/api\/v3$/.test(rest) ? rest.replace(/\/api\/v3$/, '/api/graphql') : `${rest}/graphql`;
  return { rest, graphql };
}

export interface HttpOutcome {
  readonly status: number;
  /** Lower-case header names. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** The parsed body when it was JSON, else the raw text or nothing. */
  readonly body?: unknown;
}

/** Reads a failed HTTP answer the way GitHub documents its failures. `now` is for tests. */
export function classifyHttpFailure(outcome: HttpOutcome, now: Date = new Date()): GitHubFailure {
  const { status, headers } = outcome;
  const apiMessage = readMessage(outcome.body);
  const retryAfter = Number(headers['retry-after']);
  const reset = Number(headers['x-ratelimit-reset']);
  const primaryExhausted = headers['x-ratelimit-remaining'] === '0';
  const rateLimited =
    status === 429 || ((status === 403 || status === 429) && (primaryExhausted || Number.isFinite(retryAfter) || /rate limit/i.test(apiMessage ?? '')));
  if (rateLimited) {
    const retryAt =
      Number.isFinite(retryAfter) && retryAfter >= 0
        ? new Date(now.getTime() + retryAfter * 1000)
        : Number.isFinite(reset) && reset > 0
          ? new Date(reset * 1000)
          : undefined;
    return {
      kind: 'rateLimited',
      status,
      message: retryAt ? `GitHub's rate limit is reached until ${retryAt.toISOString().slice(11, 16)} UTC.` : `GitHub's rate limit is reached.`,
      ...(retryAt ? { retryAt } : {}),
    };
  }
  if (status === 401) {
    return { kind: 'unauthorized', status, message: 'GitHub rejected the credentials (401 Bad credentials).' };
  }
  if (status === 403) {
    return { kind: 'unauthorized', status, message: `GitHub refused access (403${apiMessage ? `: ${clip(apiMessage)}` : ''}).` };
  }
  if (status === 404 || status === 410) {
    return { kind: 'notFound', status, message: `GitHub has no such resource (${status}).` };
  }
  if (status >= 500) {
    return { kind: 'server', status, message: `GitHub answered with a server error (${status}); try again later.` };
  }
  return { kind: 'invalidResponse', status, message: `GitHub answered ${status}${apiMessage ? `: ${clip(apiMessage)}` : ''}.` };
}

function readMessage(body: unknown): string | undefined {
  if (typeof body === 'object' && body !== null && typeof (body as { message?: unknown }).message === 'string') {
    return (body as { message: string }).message;
  }
  return undefined;
}

/** API messages are remote text: shown as plain text, and never at length. */
function clip(text: string): string {
  const oneLine = plainLine(text.slice(0, 1_000));
  return oneLine.length > 120 ? `${oneLine.slice(0, 117)}...` : oneLine;
}

export interface RateLimitStatus {
  readonly limit: number;
  readonly remaining: number;
  readonly used: number;
  readonly resetAt: Date;
}

export interface RateLimits {
  readonly core: RateLimitStatus;
  readonly search?: RateLimitStatus;
  readonly graphql?: RateLimitStatus;
}

/** Validates the body of `GET /rate_limit`; undefined when it is not that shape. */
export function readRateLimits(value: unknown): RateLimits | undefined {
  const resources = field(value, 'resources');
  const core = readRateLimitStatus(field(resources, 'core'));
  if (!core) {
    return undefined;
  }
  const search = readRateLimitStatus(field(resources, 'search'));
  const graphql = readRateLimitStatus(field(resources, 'graphql'));
  return { core, ...(search ? { search } : {}), ...(graphql ? { graphql } : {}) };
}

function readRateLimitStatus(value: unknown): RateLimitStatus | undefined {
  const limit = field(value, 'limit');
  const remaining = field(value, 'remaining');
  const reset = field(value, 'reset');
  const used = field(value, 'used');
  if (!isCount(limit) || !isCount(remaining) || !isCount(reset)) {
    return undefined;
  }
  return { limit, remaining, used: isCount(used) ? used : limit - remaining, resetAt: new Date(reset * 1000) };
}

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>)[name] : undefined;
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

/** The one-line summary both the command and `lwkd check-github` print. */
export function describeRateLimits(restUrl: string, authenticated: boolean, limits: RateLimits): string {
  const { core } = limits;
  const reset = core.resetAt.toISOString().slice(11, 16);
  return (
    `GitHub API at ${restUrl} answers (${authenticated ? 'authenticated' : 'anonymous'}): ` +
    `${core.remaining} of ${core.limit} requests left, resets at ${reset} UTC.`
  );
}

export type NextLink =
  | { readonly kind: 'last' }
  | { readonly kind: 'next'; readonly page: number }
  /** A `next` link that leaves the API, goes back, or cannot be read: paging stops there. */
  | { readonly kind: 'refused' };

/** Longer `Link` headers are not read: GitHub's have four entries. */
const MAX_LINK_HEADER = 8_192;

/**
 * Reads the `rel="next"` link of a `Link` header, given the URL of the request it answered and
 * the REST base. Only the page number is ever used (the next request is built from our own
 * route, so the token goes nowhere else), and only from a link on the same origin, under the
 * API's path, to a later page: anything else ends the paging, so a server cannot keep a loop
 * going or point it elsewhere. GitHub links repository listings as `/repositories/{id}/…`,
 * so the path is only checked to lie under the REST base.
 */
export function readNextLink(link: string | undefined, requestUrl: string, restBase: string): NextLink {
  if (link === undefined || link === '') {
    return { kind: 'last' };
  }
  if (link.length > MAX_LINK_HEADER) {
    return { kind: 'refused' };
  }
  let target: string | undefined;
  for (const [, url, params] of link.matchAll(/<([^<>]*)>([^<]*)/g)) {
    const rel = /;\s*rel\s*=\s*"?([^";,]*)/i.exec(params ?? '')?.[1] ?? '';
    if (rel.toLowerCase().split(/\s+/).includes('next')) {
      target = url;
      break;
    }
  }
  if (target === undefined) {
    return { kind: 'last' };
  }
  try {
    const request = new URL(requestUrl);
    const base = new URL(restBase);
    const next = new URL(target, request);
    const basePath = base.pathname.replace(/\/+$/, '');
    const underBase = basePath === '' || next.pathname === basePath || next.pathname.startsWith(`${basePath}/`);
    const page = next.searchParams.get('page') ?? '';
    const current = Number(request.searchParams.get('page') ?? '1');
    if (next.origin !== base.origin || next.username || next.password || !underBase || !/^\d{1,6}$/.test(page) || Number(page) <= current) {
      return { kind: 'refused' };
    }
    return { kind: 'next', page: Number(page) };
  } catch {
    return { kind: 'refused' };
  }
}

const OWNER_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
const REPO_NAME = /^[A-Za-z0-9._-]{1,100}$/;

/** A GitHub account name: letters, digits and inner hyphens, at most 39. */
export function isOwnerName(value: unknown): value is string {
  return typeof value === 'string' && OWNER_NAME.test(value);
}

/**
 * A GitHub repository name. `.` and `..` match the characters but are path steps, not names:
 * in a URL they would climb out of `/repos/{owner}/`.
 */
export function isRepoName(value: unknown): value is string {
  return typeof value === 'string' && REPO_NAME.test(value) && value !== '.' && value !== '..';
}

/** `owner/repo` as configured or typed, split and checked; undefined when either part is not a name. */
export function parseRepoName(value: string): { owner: string; repo: string } | undefined {
  const [owner, repo, ...rest] = value.trim().split('/');
  return rest.length === 0 && isOwnerName(owner) && isRepoName(repo) ? { owner, repo } : undefined;
}

/**
 * Why a token cannot be sent, or undefined when it can. A token goes into a header: a line
 * break there would end it (or add another), so anything but visible ASCII is refused before
 * any request, rather than failing inside fetch as if GitHub could not be reached.
 */
export function tokenProblem(token: string): GitHubFailure | undefined {
  return /^[\x21-\x7e]{1,1024}$/.test(token)
    ? undefined
    : { kind: 'invalidToken', message: 'The GitHub token is not a valid token: it holds a line break, a space or another character no token has.' };
}

/** What Set GitHub Token accepts: a token that can be sent, of a token's length (GitHub's are 40 to 93). */
export function isPlausibleToken(value: string): boolean {
  return value.length >= 20 && value.length <= 255 && tokenProblem(value) === undefined;
}
