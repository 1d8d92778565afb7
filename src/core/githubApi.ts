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
  | 'invalidResponse';

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
  const rateLimited = status === 429
    || ((status === 403 || status === 429) && (primaryExhausted || Number.isFinite(retryAfter)
      || /rate limit/i.test(apiMessage ?? '')));
  if (rateLimited) {
    const retryAt = Number.isFinite(retryAfter) && retryAfter >= 0
      ? new Date(now.getTime() + retryAfter * 1000)
      : Number.isFinite(reset) && reset > 0 ? new Date(reset * 1000) : undefined;
    return {
      kind: 'rateLimited',
      status,
      message: retryAt
        ? `GitHub's rate limit is reached until ${retryAt.toISOString().slice(11, 16)} UTC.`
        : `GitHub's rate limit is reached.`,
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
  const oneLine = text.replace(/\s+/g, ' ').trim();
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
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)[name]
    : undefined;
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

/** The one-line summary both the command and `lwkd check-github` print. */
export function describeRateLimits(restUrl: string, authenticated: boolean, limits: RateLimits): string {
  const { core } = limits;
  const reset = core.resetAt.toISOString().slice(11, 16);
  return `GitHub API at ${restUrl} answers (${authenticated ? 'authenticated' : 'anonymous'}): `
    + `${core.remaining} of ${core.limit} requests left, resets at ${reset} UTC.`;
}

/**
 * The page number of the `rel="next"` link in a `Link` header. Only the number is taken: the
 * next request is built from our own route, so a link to another origin is never followed.
 */
export function nextPageNumber(link: string | undefined): number | undefined {
  const next = link?.split(',').find((part) => /;\s*rel="?next"?/.test(part));
  const page = next ? /[?&]page=(\d+)/.exec(next)?.[1] : undefined;
  return page ? Number(page) : undefined;
}
