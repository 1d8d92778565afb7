import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Fault } from './faults';
import { FaultInjector } from './faults';
import type { FakeIssue, FakePull, FakeRelease, SeedData } from './store';
import { issueJson, issueNode, pullAsIssueJson, pullJson, pullNode, releaseJson } from './payloads';
import type { Resource } from './rateLimiter';
import { RateLimiter, resourceOf } from './rateLimiter';
import { notFound, Reply } from './reply';
import { Store } from './store';

export type { Fault, FaultKind } from './faults';
export type { Resource } from './rateLimiter';
export type { FakeIssue, FakePull, FakeRelease, SeedData } from './store';

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
}

export class FakeGitHub {
  readonly requests: RecordedRequest[] = [];
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
  private active = 0;
  private readonly store = new Store();
  private readonly limiter = new RateLimiter();
  private readonly reply = new Reply(this.limiter, () => this.extraHeaders);
  private readonly faults = new FaultInjector(this.reply, this.limiter);
  private readonly sockets = new Set<Socket>();
  private readonly validTokens: Set<string>;
  private readonly server = createServer((request, response) => {
    this.handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) {
        this.reply.json(response, 500, { message: `fake GitHub error: ${String(error)}` }, 'core', undefined);
      }
    });
  });

  private constructor(tokens: Iterable<string>) {
    this.validTokens = new Set(tokens);
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  /** Starts on a random port of 127.0.0.1. `tokens` are the credentials it accepts. */
  static async start(options: { tokens?: Iterable<string> } = {}): Promise<FakeGitHub> {
    const fake = new FakeGitHub(options.tokens ?? ['test-token']);
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

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    this.active++;
    this.maxConcurrent = Math.max(this.maxConcurrent, this.active);
    response.once('close', () => this.active--);
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const body = await readBody(request);
    const authorization = request.headers.authorization;
    const token = authorization?.replace(/^(token|bearer)\s+/i, '');
    const method = request.method ?? 'GET';
    this.requests.push({
      method,
      path: url.pathname,
      query: url.searchParams,
      authenticated: Boolean(token),
      ...(authorization ? { authorization } : {}),
      ...(typeof request.headers['if-none-match'] === 'string' ? { ifNoneMatch: request.headers['if-none-match'] } : {}),
      ...(url.pathname === '/graphql' ? { graphql: readGraphqlQuery(body) } : {}),
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
      this.graphql(response, body, token);
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
    const answer = this.route(url);
    const link = this.linkOverride && answer.status === 200 ? this.linkOverride(new URL(url.pathname + url.search, this.url)) : answer.link;
    this.reply.json(response, answer.status, answer.body, resource, token, { request, ...(link ? { link } : {}) });
  }

  private route(url: URL): { status: number; body: unknown; link?: string } {
    const parts = url.pathname.split('/').filter(Boolean);
    if (parts[0] === 'repos' && parts.length >= 4) {
      const fullName = `${parts[1]}/${parts[2]}`;
      const data = this.store.find(fullName);
      const number = Number(parts[4]);
      if (parts[3] === 'pulls' && parts.length === 5 && Number.isInteger(number)) {
        const pull = data?.pulls.get(number);
        return pull ? { status: 200, body: pullJson(this.url, fullName, pull) } : { status: 404, body: notFound() };
      }
      if (parts[3] === 'issues' && parts.length === 5 && Number.isInteger(number)) {
        const issue = data?.issues.get(number);
        const pull = data?.pulls.get(number);
        if (issue) {
          return { status: 200, body: issueJson(this.url, fullName, issue) };
        }
        return pull ? { status: 200, body: pullAsIssueJson(this.url, fullName, pull) } : { status: 404, body: notFound() };
      }
      if (parts[3] === 'releases' && parts.length === 4) {
        const releases = [...(data?.releases ?? [])].sort((a, b) => b.publishedAt.localeCompare(a.publishedAt));
        return this.page(url, data ? releases.map((release, i) => releaseJson(fullName, release, i)) : undefined);
      }
    }
    if (url.pathname === '/search/issues') {
      return this.search(url);
    }
    return { status: 404, body: notFound() };
  }

  /** Pages a list the way GitHub does: `per_page` (max 100), `page`, and a Link header. */
  private page(url: URL, items: unknown[] | undefined, wrap?: (items: unknown[]) => unknown): { status: number; body: unknown; link?: string } {
    if (!items) {
      return { status: 404, body: notFound() };
    }
    const perPage = Math.min(100, Math.max(1, Number(url.searchParams.get('per_page') ?? 30) || 30));
    const page = Math.max(1, Number(url.searchParams.get('page') ?? 1) || 1);
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const slice = items.slice((page - 1) * perPage, page * perPage);
    const link = (n: number, rel: string): string => {
      const target = new URL(url.toString());
      target.protocol = 'http:';
      target.host = new URL(this.url).host;
      target.searchParams.set('page', String(n));
      target.searchParams.set('per_page', String(perPage));
      return `<${target.toString()}>; rel="${rel}"`;
    };
    const links: string[] = [];
    if (page < last) {
      links.push(link(page + 1, 'next'), link(last, 'last'));
    }
    if (page > 1) {
      links.push(link(1, 'first'), link(page - 1, 'prev'));
    }
    return { status: 200, body: wrap ? wrap(slice) : slice, ...(links.length ? { link: links.join(', ') } : {}) };
  }

  /**
   * `GET /search/issues` with the qualifiers LWKD's queries use: `repo:`, `is:pr`, `is:issue`,
   * `is:merged`, `merged:A..B` / `merged:>=A`, `label:a,b` (any of), and free words in titles.
   * GitHub returns at most 1,000 results per query; so does this.
   */
  private search(url: URL): { status: number; body: unknown; link?: string } {
    const q = url.searchParams.get('q') ?? '';
    const terms = q.split(/\s+/).filter(Boolean);
    const results: unknown[] = [];
    for (const [fullName, data] of this.store.entries()) {
      const repoTerms = terms.filter((term) => term.startsWith('repo:'));
      if (repoTerms.length && !repoTerms.some((term) => term.slice(5).toLowerCase() === fullName)) {
        continue;
      }
      for (const pull of data.pulls.values()) {
        if (matchesSearch(terms, pull)) {
          results.push({ ...(pullAsIssueJson(this.url, fullName, pull) as Record<string, unknown>), score: 1 });
        }
      }
    }
    const capped = results.slice(0, 1000);
    return this.page(url, capped, (items) => ({ total_count: results.length, incomplete_results: this.searchIncomplete, items }));
  }

  private graphql(response: ServerResponse, body: string, token: string | undefined): void {
    if (!token) {
      this.reply.json(response, 401, {
        message: 'This endpoint requires you to be authenticated.',
        documentation_url: 'https://docs.github.com/graphql/guides/forming-calls-with-graphql#authenticating-with-graphql',
      }, 'graphql', undefined);
      return;
    }
    const query = readGraphqlQuery(body);
    if (query === undefined) {
      this.reply.json(response, 200, { errors: [{ message: 'Problems parsing JSON' }] }, 'graphql', token);
      return;
    }
    // The batched lookup the extension sends: `alias: repository(owner: "o", name: "r") { field(number: N) { ... } }`.
    const pattern = /(\w+)\s*:\s*repository\(\s*owner:\s*"([^"]+)"\s*,\s*name:\s*"([^"]+)"\s*\)\s*\{\s*(pullRequest|issue|issueOrPullRequest)\(\s*number:\s*(\d+)\s*\)/g;
    const data: Record<string, unknown> = {};
    const errors: unknown[] = [];
    for (const match of query.matchAll(pattern)) {
      const [, alias, owner, name, field, numberText] = match as unknown as [string, string, string, string, string, string];
      const fullName = `${owner}/${name}`;
      const repo = this.store.find(fullName);
      const number = Number(numberText);
      const pull = repo?.pulls.get(number);
      const issue = repo?.issues.get(number);
      let node: unknown = null;
      if (pull && field !== 'issue') {
        node = pullNode(fullName, pull);
      } else if (issue && field !== 'pullRequest') {
        node = issueNode(fullName, issue);
      }
      if (!repo) {
        data[alias] = null;
        errors.push({ type: 'NOT_FOUND', path: [alias], locations: [], message: `Could not resolve to a Repository with the name '${fullName}'.` });
      } else {
        data[alias] = { [field]: node };
        if (node === null) {
          const what = field === 'pullRequest' ? 'PullRequest' : field === 'issue' ? 'Issue' : 'issue or pull request';
          errors.push({ type: 'NOT_FOUND', path: [alias, field], locations: [], message: `Could not resolve to ${what === 'Issue' ? 'an' : 'a'} ${what} with the number of ${number}.` });
        }
      }
    }
    this.reply.json(response, 200, errors.length ? { data, errors } : { data }, 'graphql', token);
  }


}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function readGraphqlQuery(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { query?: unknown };
    return typeof parsed.query === 'string' ? parsed.query : undefined;
  } catch {
    return undefined;
  }
}

function matchesSearch(terms: readonly string[], pull: FakePull): boolean {
  for (const term of terms) {
    const [qualifier, value = ''] = term.includes(':') ? [term.slice(0, term.indexOf(':')), term.slice(term.indexOf(':') + 1)] : [undefined, term];
    switch (qualifier) {
      case 'repo':
        break;
      case 'is':
        if (value === 'issue' || (value === 'merged' && !pull.mergedAt) || (value === 'open' && (pull.state ?? 'open') !== 'open')
          || (value === 'closed' && (pull.state ?? 'open') !== 'closed')) {
          return false;
        }
        break;
      case 'label': {
        const wanted = value.split(',').map((label) => label.replace(/^"|"$/g, '').toLowerCase());
        if (!(pull.labels ?? []).some((label) => wanted.includes(label.toLowerCase()))) {
          return false;
        }
        break;
      }
      case 'merged':
        if (!pull.mergedAt || !inDateRange(pull.mergedAt, value)) {
          return false;
        }
        break;
      case undefined:
        if (!pull.title.toLowerCase().includes(value.toLowerCase())) {
          return false;
        }
        break;
      default:
        break;
    }
  }
  return true;
}

/**
 * GitHub's date qualifiers: `A..B`, `>=A`, `>A`, `<=A`, `<A`, `A` (dates compare by day), and
 * `A..B` with times and offsets (`2027-03-29T00:00:00-04:00..2027-04-04T23:59:59-04:00`), which
 * compare as instants, both ends included.
 */
function inDateRange(iso: string, range: string): boolean {
  const TIME = '\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:Z|[+-]\\d{2}:\\d{2})';
  const times = new RegExp(`^(${TIME})\\.\\.(${TIME})$`).exec(range);
  if (times) {
    const at = Date.parse(iso);
    return at >= Date.parse(times[1]!) && at <= Date.parse(times[2]!);
  }
  const day = iso.slice(0, 10);
  const between = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(range);
  if (between) {
    return day >= between[1]! && day <= between[2]!;
  }
  const compare = /^(>=|<=|>|<)?(\d{4}-\d{2}-\d{2})$/.exec(range);
  if (!compare) {
    return false;
  }
  const [, op, date] = compare as unknown as [string, string | undefined, string];
  switch (op) {
    case '>=': return day >= date;
    case '>': return day > date;
    case '<=': return day <= date;
    case '<': return day < date;
    default: return day === date;
  }
}

