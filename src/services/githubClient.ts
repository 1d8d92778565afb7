import { Octokit } from '@octokit/core';
import { RequestError } from '@octokit/request-error';
import { DEFAULT_GITHUB_TIMEOUT_MS } from '../constants';
import type { GitHubEndpoints, GitHubFailure, RateLimits } from '../core/githubApi';
import { classifyHttpFailure, isOwnerName, isRepoName, readNextLink, readRateLimits, resolveGitHubEndpoints, tokenProblem } from '../core/githubApi';
import type { Logger } from '../core/logger';
import { plainLine } from '../core/safeText';
import { BodyTooLarge, boundedFetch } from './boundedFetch';

/**
 * The octokit edge of our GitHub access. It does not import `vscode`, so the `lwkd` command line
 * uses it as it is; the extension gives it the settings and the token.
 */
export class GitHubError extends Error {
  constructor(
    readonly failure: GitHubFailure,
    options?: { cause?: unknown },
  ) {
    super(failure.message, options);
    this.name = 'GitHubError';
  }

  get kind(): GitHubFailure['kind'] {
    return this.failure.kind;
  }
}

export interface GitHubClientOptions {
  readonly apiUrl: string;
  /** Absent: anonymous requests (60 an hour on github.com). Never logged. */
  readonly token?: string;
  readonly userAgent: string;
  /** A request whose whole answer (headers and body) has not come after this long fails as `timeout`. */
  readonly timeoutMs?: number;
  /** A longer answer body is not read: it fails as `invalidResponse`. */
  readonly maxBodyBytes?: number;
  readonly logger: Logger;
  /** How requests are sent; the host's global fetch (Node's, the browser's) unless given. */
  readonly fetch?: typeof fetch;
}

/**
 * Far above GitHub's largest answer LWKD asks for (a page of 100 releases with long notes), far
 * below what would hurt the editor to hold.
 */
export const MAX_BODY_BYTES = 32 * 1024 * 1024;

export interface ConnectionReport {
  readonly endpoints: GitHubEndpoints;
  readonly authenticated: boolean;
  readonly rateLimits: RateLimits;
}

export interface PageHeaders {
  /** The `Link` header, e.g. `<…&page=2>; rel="next", <…&page=3>; rel="last"`. */
  readonly link?: string;
  readonly rateRemaining?: number;
  /** Unix seconds when the rate limit window resets. */
  readonly rateReset?: number;
}

export interface PageAnswer extends PageHeaders {
  readonly data: unknown;
  /** The page the `Link` header's `next` names, when it is one to follow. */
  readonly nextPage?: number;
  /** The `next` link left the API or went back, so paging stops here. */
  readonly nextRefused?: boolean;
}

/** Route parameters that become path segments, checked before any URL is built. */
function nameProblem(parameters: Record<string, unknown>): GitHubFailure | undefined {
  const bad =
    ('owner' in parameters && !isOwnerName(parameters.owner)) ||
    ('repo' in parameters && !isRepoName(parameters.repo)) ||
    ('number' in parameters && !(Number.isSafeInteger(parameters.number) && (parameters.number as number) > 0));
  return bad ? { kind: 'invalidName', message: 'That is not a GitHub repository and number, so GitHub was not asked.' } : undefined;
}

function pageHeaders(headers: Record<string, unknown>): PageHeaders {
  const number = (value: unknown): number | undefined =>
    typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : typeof value === 'number' ? value : undefined;
  const remaining = number(headers['x-ratelimit-remaining']);
  const reset = number(headers['x-ratelimit-reset']);
  return {
    ...(typeof headers.link === 'string' ? { link: headers.link } : {}),
    ...(remaining !== undefined ? { rateRemaining: remaining } : {}),
    ...(reset !== undefined ? { rateReset: reset } : {}),
  };
}

/**
 * fetch hands back a redirect as it is (redirect: 'manual'); following it could carry the token
 * to another origin, so it is a failure.
 */
function refuseRedirect(status: number): void {
  if (status >= 300) {
    throw new GitHubError({ kind: 'invalidResponse', status, message: `GitHub answered with a redirect (${status}), which is not followed.` });
  }
}

export class GitHubClient {
  private readonly octokit: Octokit;
  readonly endpoints: GitHubEndpoints;
  private readonly timeoutMs: number;

  constructor(private readonly options: GitHubClientOptions) {
    const endpoints = resolveGitHubEndpoints(options.apiUrl);
    if ('kind' in endpoints) {
      throw new GitHubError(endpoints);
    }
    const badToken = options.token !== undefined ? tokenProblem(options.token) : undefined;
    if (badToken) {
      throw new GitHubError(badToken);
    }
    this.endpoints = endpoints;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_GITHUB_TIMEOUT_MS;
    const logger = options.logger;
    // octokit logs deprecations to the console by default (a CLI's terminal); route them to our
    // log instead. Its messages quote response headers (`sunset`): server text, made safe.
    const log = {
      debug: () => undefined,
      info: () => undefined,
      warn: (message: string) => logger.warn(`[github] ${plainLine(message)}`),
      error: (message: string) => logger.error(`[github] ${plainLine(message)}`),
    };
    this.octokit = new Octokit({
      baseUrl: endpoints.rest,
      userAgent: options.userAgent,
      // The default calls the global through a closure: a browser's fetch detached from its window throws.
      request: { fetch: boundedFetch(options.fetch ?? ((input, init) => fetch(input, init)), options.maxBodyBytes ?? MAX_BODY_BYTES), log },
      ...(options.token ? { auth: options.token } : {}),
      log,
    });
  }

  get authenticated(): boolean {
    return Boolean(this.options.token);
  }

  /** `GET /rate_limit`: does not count against the limit, so it is the connection check. */
  async checkConnection(signal?: AbortSignal): Promise<ConnectionReport> {
    const data = await this.get('GET /rate_limit', {}, signal);
    const rateLimits = readRateLimits(data);
    if (!rateLimits) {
      throw new GitHubError({ kind: 'invalidResponse', message: 'GitHub answered /rate_limit with an unexpected body.' });
    }
    return { endpoints: this.endpoints, authenticated: this.authenticated, rateLimits };
  }

  /**
   * One REST GET with our timeout and the caller's cancellation; every failure becomes a
   * GitHubError whose `kind` callers branch on. Returns the body, still unvalidated.
   */
  async get(route: string, parameters: Record<string, unknown>, signal?: AbortSignal): Promise<unknown> {
    const answer = await this.getConditional(route, parameters, undefined, signal);
    return answer.notModified ? undefined : answer.data;
  }

  /**
   * One page of a listing: the body, and what the headers say about the rest (the `Link` header's
   * next page) and about the rate limit of the resource the route counts against.
   */
  async getPage(route: string, parameters: Record<string, unknown>, signal?: AbortSignal): Promise<PageAnswer> {
    const answer = await this.getPageConditional(route, parameters, undefined, signal);
    if (answer.notModified) {
      throw new GitHubError({ kind: 'invalidResponse', status: 304, message: 'GitHub answered 304 to a request without an ETag.' });
    }
    return answer;
  }

  /** getPage with `If-None-Match`: `notModified` when the page behind `etag` is unchanged (free of quota). */
  async getPageConditional(
    route: string,
    parameters: Record<string, unknown>,
    etag: string | undefined,
    signal?: AbortSignal,
  ): Promise<{ readonly notModified: true } | (PageAnswer & { readonly notModified: false; readonly etag?: string })> {
    const answer = await this.getConditional(route, parameters, etag, signal);
    if (answer.notModified) {
      return answer;
    }
    const next = readNextLink(answer.headers.link, this.octokit.request.endpoint(route, parameters).url, this.endpoints.rest);
    if (next.kind === 'refused') {
      this.options.logger.warn(`[github] ${route}: the Link header's next page is not followed (another origin, outside the API, or not a later page)`);
    }
    return {
      notModified: false,
      data: answer.data,
      ...(answer.etag ? { etag: answer.etag } : {}),
      ...answer.headers,
      ...(next.kind === 'next' ? { nextPage: next.page } : {}),
      ...(next.kind === 'refused' ? { nextRefused: true } : {}),
    };
  }

  /**
   * A GET that sends `If-None-Match` when an ETag is known: a 304 answer costs nothing against
   * the rate limit and means the cached copy is still right.
   */
  async getConditional(
    route: string,
    parameters: Record<string, unknown>,
    etag: string | undefined,
    signal?: AbortSignal,
  ): Promise<{ notModified: true } | { notModified: false; data: unknown; etag?: string; headers: PageHeaders }> {
    const badName = nameProblem(parameters);
    if (badName) {
      throw new GitHubError(badName);
    }
    const { timeout, combined } = this.signals(signal);
    try {
      const response = await this.octokit.request(route, {
        ...parameters,
        ...(etag ? { headers: { 'if-none-match': etag } } : {}),
        request: { signal: combined, redirect: 'manual' },
      });
      refuseRedirect(response.status);
      const newEtag = typeof response.headers.etag === 'string' ? response.headers.etag : undefined;
      return { notModified: false, data: response.data, ...(newEtag ? { etag: newEtag } : {}), headers: pageHeaders(response.headers) };
    } catch (error) {
      if (error instanceof RequestError && error.status === 304) {
        return { notModified: true };
      }
      if (error instanceof GitHubError) {
        throw error;
      }
      throw this.fail(this.describeRequest(route, parameters), error, signal, timeout);
    }
  }

  /**
   * `GET /repos/kubernetes/kubernetes/pulls/123` rather than the route's template, for the log.
   * The names in it are checked (nameProblem) and the query carries no token.
   */
  private describeRequest(route: string, parameters: Record<string, unknown>): string {
    try {
      const { method, url } = this.octokit.request.endpoint(route, parameters);
      const { pathname, search } = new URL(url);
      return `${method} ${pathname}${search}`;
    } catch {
      return route;
    }
  }

  /** A GraphQL query (GitHub requires a token for GraphQL). Returns the body, unvalidated. */
  async graphql(query: string, signal?: AbortSignal): Promise<unknown> {
    const { timeout, combined } = this.signals(signal);
    try {
      // POSTed to the GraphQL endpoint next to the REST base (GHES: /api/graphql).
      const response = await this.octokit.request('POST {+url}', {
        url: this.endpoints.graphql,
        query,
        request: { signal: combined, redirect: 'manual' },
      });
      refuseRedirect(response.status);
      return response.data;
    } catch (error) {
      if (error instanceof GitHubError) {
        throw error;
      }
      throw this.fail('POST graphql', error, signal, timeout);
    }
  }

  private signals(signal: AbortSignal | undefined): { timeout: AbortSignal; combined: AbortSignal } {
    const timeout = AbortSignal.timeout(this.timeoutMs);
    return { timeout, combined: signal ? AbortSignal.any([signal, timeout]) : timeout };
  }

  private fail(route: string, error: unknown, signal: AbortSignal | undefined, timeout: AbortSignal): GitHubError {
    const failure = this.toFailure(error, signal, timeout);
    this.options.logger.warn(`[github] ${route} failed: ${failure.kind}${failure.status ? ` (${failure.status})` : ''}`);
    return new GitHubError(failure, { cause: error });
  }

  private toFailure(error: unknown, signal: AbortSignal | undefined, timeout: AbortSignal): GitHubFailure {
    if (signal?.aborted) {
      return { kind: 'cancelled', message: 'The GitHub request was cancelled.' };
    }
    if (timeout.aborted) {
      return { kind: 'timeout', message: `GitHub did not answer within ${Math.round(this.timeoutMs / 1000)} s.` };
    }
    if (error instanceof BodyTooLarge || (error instanceof Error && error.cause instanceof BodyTooLarge)) {
      const megabytes = Math.round((this.options.maxBodyBytes ?? MAX_BODY_BYTES) / (1024 * 1024));
      return { kind: 'invalidResponse', message: `GitHub's answer was longer than ${megabytes} MB, so it was not read.` };
    }
    if (error instanceof RequestError && error.response && error.status >= 300 && error.status < 400) {
      // We never follow redirects: the token must not reach another origin.
      return { kind: 'invalidResponse', status: error.status, message: `GitHub answered with a redirect (${error.status}), which is not followed.` };
    }
    if (error instanceof RequestError && error.response) {
      return classifyHttpFailure({
        status: error.status,
        headers: error.response.headers as Record<string, string | undefined>,
        body: error.response.data,
      });
    }
    // octokit reports a request that never got an answer as status 500 without a response.
    return { kind: 'offline', message: `Cannot reach GitHub at ${this.endpoints.rest}.` };
  }
}
