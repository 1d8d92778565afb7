import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { answerControl, isControl } from './control';
import type { Fault } from './faults';
import { FaultInjector } from './faults';
import type { Resource } from './rateLimiter';
import { RateLimiter, resourceOf } from './rateLimiter';
import { notFound, Reply } from './reply';
import { readGraphqlQuery, Routes } from './routes';
import type { FakeIssue, FakePull, FakeRelease, SeedData } from './store';
import { Store } from './store';

export type { Fault, FaultKind } from './faults';
export type { Resource } from './rateLimiter';
export type { FakeIssue, FakePull, FakePullFile, FakeRelease, SeedData } from './store';

/**
 * A small GitHub on 127.0.0.1 for tests: the REST and GraphQL answers the extension reads, with
 * GitHub's status codes, headers (rate limits, ETag, Retry-After, Link) and body shapes, and
 * faults on demand (hang, rate limits, 404, 500 with an HTML body, invalid JSON, bad credentials).
 * It holds only what a test puts in it.
 */

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly authenticated: boolean;
  /** The Authorization header as received (tests check where a token went). */
  readonly authorization?: string;
  readonly ifNoneMatch?: string;
  /** The GraphQL query text, for POST /graphql. */
  readonly graphql?: string;
  /** The Origin header: a browser's requests carry the page's, Node's none. */
  readonly origin?: string;
}

export class FakeGitHub {
  readonly requests: RecordedRequest[] = [];
  /** The paths of the preflights (OPTIONS) a browser sent, with the headers it asked to send. */
  readonly preflights: Array<{ readonly path: string; readonly headers: string }> = [];
  /** The most requests that were open at the same moment (for concurrency limits). */
  maxConcurrent = 0;
  /** GitHub sets `incomplete_results` when a search timed out on its side. */
  searchIncomplete = false;
  /**
   * Replaces the `Link` header of listings (search, releases): e.g. a `next` link that never
   * ends, points back, or points to another host. Given the request's URL as the client sent it.
   */
  linkOverride: ((url: URL) => string | undefined) | undefined;
  /** Headers added to every JSON answer (e.g. `deprecation` and `sunset`, which octokit logs). */
  extraHeaders: Record<string, string> = {};
  /**
   * False: answer as a server that sends no CORS headers (a GitHub Enterprise behind a proxy
   * that strips them). A browser then refuses every answer, and even the preflight.
   */
  cors = true;
  private active = 0;
  private readonly store = new Store();
  private readonly limiter = new RateLimiter();
  private readonly reply = new Reply(this.limiter, () => this.extraHeaders);
  private readonly faults = new FaultInjector(this.reply, this.limiter);
  private readonly routes = new Routes(this.store, this);
  private readonly sockets = new Set<Socket>();
  private readonly validTokens: Set<string>;
  private readonly server = createServer((request, response) => {
    this.handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) {
        this.reply.json(response, 500, { message: `fake GitHub error: ${String(error)}` }, 'core', undefined);
      }
    });
  });

  private constructor(
    tokens: Iterable<string>,
    private readonly control: boolean,
  ) {
    this.validTokens = new Set(tokens);
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  /**
   * Starts on a random port of 127.0.0.1. `tokens` are the credentials it accepts; `control`
   * also answers `/_fake/…` (control.ts), for a suite that runs where it cannot hold this object.
   */
  static async start(options: { tokens?: Iterable<string>; control?: boolean } = {}): Promise<FakeGitHub> {
    const fake = new FakeGitHub(options.tokens ?? ['test-token'], options.control ?? false);
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  /** Requests open right now (a hung one stays open until its client gives up). */
  get activeRequests(): number {
    return this.active;
  }

  get url(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  addPull(repo: string, pull: FakePull): this {
    this.store.addPull(repo, pull);
    return this;
  }

  addIssue(repo: string, issue: FakeIssue): this {
    this.store.addIssue(repo, issue);
    return this;
  }

  addRelease(repo: string, release: FakeRelease): this {
    this.store.addRelease(repo, release);
    return this;
  }

  /** Loads `{ "owner/repo": { pulls, issues, releases } }`, e.g. sample-workspace/github.json. */
  seed(data: SeedData): this {
    this.store.seed(data);
    return this;
  }

  /** Accepts one more token from now on. */
  acceptToken(token: string): this {
    this.validTokens.add(token);
    return this;
  }

  fail(fault: Fault): this {
    this.faults.add(fault);
    return this;
  }

  clearFaults(): this {
    this.faults.clear();
    return this;
  }

  /** Sets what is left of a rate-limit bucket, e.g. to exhaust it. */
  setRemaining(resource: Resource, remaining: number, token?: string): this {
    this.limiter.setRemaining(resource, remaining, token);
    return this;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) {
      socket.destroy();
    }
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /**
   * Records the request, then answers in this order: a fault the test queued, bad credentials,
   * `/rate_limit` (which GitHub answers even with an empty bucket), GraphQL (whose quota is
   * counted but not enforced), an exhausted bucket, then the REST routes.
   */
  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const control = this.control && isControl(request);
    if (!control) {
      this.active++;
      this.maxConcurrent = Math.max(this.maxConcurrent, this.active);
      response.once('close', () => this.active--);
    }
    // Every answer carries api.github.com's CORS headers, so a browser (the web worker host) can
    // read it, ETag, Link and rate-limit headers included. Without them a browser refuses it.
    if (this.cors || control) {
      for (const [name, value] of Object.entries(CORS_HEADERS)) {
        response.setHeader(name, value);
      }
    }
    if (request.method === 'OPTIONS') {
      // A browser's preflight: answered as GitHub answers it, and not an API request (not
      // recorded, not charged).
      request.resume();
      if (!control) {
        const asked = request.headers['access-control-request-headers'];
        this.preflights.push({ path: new URL(request.url ?? '/', 'http://127.0.0.1').pathname, headers: typeof asked === 'string' ? asked : '' });
      }
      response.writeHead(204, this.cors || control ? PREFLIGHT_HEADERS : {}).end();
      return;
    }
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const body = await readBody(request);
    if (control) {
      await answerControl(this, url, body, response);
      return;
    }
    const authorization = request.headers.authorization;
    const token = authorization?.replace(/^(token|bearer)\s+/i, '');
    const method = request.method ?? 'GET';
    const graphql = url.pathname === '/graphql' ? readGraphqlQuery(body) : undefined;
    this.requests.push({
      method,
      path: url.pathname,
      query: url.searchParams,
      authenticated: Boolean(token),
      ...(authorization ? { authorization } : {}),
      ...(typeof request.headers['if-none-match'] === 'string' ? { ifNoneMatch: request.headers['if-none-match'] } : {}),
      ...(graphql !== undefined ? { graphql } : {}),
      ...(typeof request.headers.origin === 'string' ? { origin: request.headers.origin } : {}),
    });
    const resource = resourceOf(url.pathname);

    const fault = this.faults.take(url.pathname);
    if (fault) {
      this.faults.answer(response, fault, resource, token);
      return;
    }
    if (token !== undefined && !this.validTokens.has(token)) {
      this.faults.answer(response, { kind: 'badCredentials' }, resource, undefined);
      return;
    }
    if (url.pathname === '/rate_limit' && method === 'GET') {
      this.reply.json(response, 200, this.limiter.status(token), 'core', token, { count: false, request });
      return;
    }
    if (url.pathname === '/graphql' && method === 'POST') {
      const answer = this.routes.graphql(body, token);
      this.reply.json(response, answer.status, answer.body, 'graphql', token);
      return;
    }
    if (this.limiter.bucket(resource, token).remaining <= 0) {
      this.faults.answer(response, { kind: 'rateLimit' }, resource, token);
      return;
    }
    if (method !== 'GET') {
      this.reply.json(response, 404, notFound(), resource, token);
      return;
    }
    const answer = this.routes.rest(url);
    const link = this.linkOverride && answer.status === 200 ? this.linkOverride(new URL(url.pathname + url.search, this.url)) : answer.link;
    this.reply.json(response, answer.status, answer.body, resource, token, { request, ...(link ? { link } : {}) });
  }
}

/** What api.github.com sends on every answer (200, 304 and errors alike). */
const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers':
    'ETag, Link, Location, Retry-After, X-GitHub-OTP, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Used, X-RateLimit-Resource, ' +
    'X-RateLimit-Reset, X-OAuth-Scopes, X-Accepted-OAuth-Scopes, X-Poll-Interval, X-GitHub-Media-Type, X-GitHub-SSO, X-GitHub-Request-Id, Deprecation, Sunset',
} as const;

/** What api.github.com answers to a preflight (OPTIONS). */
const PREFLIGHT_HEADERS = {
  'access-control-allow-headers':
    'Authorization, Content-Type, If-Match, If-Modified-Since, If-None-Match, If-Unmodified-Since, Accept-Encoding, X-GitHub-OTP, ' +
    'X-Requested-With, User-Agent, GraphQL-Features, X-Github-Next-Global-ID, X-GitHub-Api-Version',
  'access-control-allow-methods': 'GET, POST, PATCH, PUT, DELETE',
  'access-control-max-age': '86400',
} as const;

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
