import { issueJson, issueNode, pullAsIssueJson, pullFileJson, pullJson, pullNode, releaseJson } from './payloads';
import { notFound } from './reply';
import type { FakePull, RepoData, Store } from './store';

/**
 * The endpoints the extension calls, answered from the store: pulls, issues and releases over
 * REST with GitHub's paging, the issue search, and the batched GraphQL lookup.
 */

export interface Answer {
  readonly status: number;
  readonly body: unknown;
  /** The `Link` header of a paged listing. */
  readonly link?: string;
}

/** What the routes read from the running server. */
export interface Site {
  /** Where the server listens; links and `url` fields point back to it. */
  readonly url: string;
  readonly searchIncomplete: boolean;
}

export class Routes {
  constructor(
    private readonly store: Store,
    private readonly site: Site,
  ) {}

  /** A GET on the REST API. */
  rest(url: URL): Answer {
    const parts = url.pathname.split('/').filter(Boolean);
    if (parts[0] === 'repos' && parts.length >= 4) {
      const fullName = `${parts[1]}/${parts[2]}`;
      const data = this.store.find(fullName);
      const number = Number(parts[4]);
      if (parts[3] === 'pulls' && parts.length === 4) {
        return this.page(url, data && this.pullList(fullName, data, url));
      }
      if (parts[3] === 'pulls' && parts.length === 6 && parts[5] === 'files' && Number.isInteger(number)) {
        const pull = data?.pulls.get(number);
        return this.page(url, pull && (pull.files ?? []).map((file) => pullFileJson(fullName, pull, file)));
      }
      if (parts[3] === 'issues' && parts.length === 4) {
        return this.page(url, data && this.issueList(fullName, data, url));
      }
      if (parts[3] === 'pulls' && parts.length === 5 && Number.isInteger(number)) {
        const pull = data?.pulls.get(number);
        return pull ? { status: 200, body: pullJson(this.site.url, fullName, pull) } : { status: 404, body: notFound() };
      }
      if (parts[3] === 'issues' && parts.length === 5 && Number.isInteger(number)) {
        const issue = data?.issues.get(number);
        const pull = data?.pulls.get(number);
        if (issue) {
          return { status: 200, body: issueJson(this.site.url, fullName, issue) };
        }
        return pull ? { status: 200, body: pullAsIssueJson(this.site.url, fullName, pull) } : { status: 404, body: notFound() };
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

  /** `GET /repos/{o}/{r}/pulls`: `state` (default open), newest first, as GitHub sorts by default. */
  private pullList(fullName: string, data: RepoData, url: URL): unknown[] {
    const state = url.searchParams.get('state') ?? 'open';
    return [...data.pulls.values()]
      .map((pull) => pullJson(this.site.url, fullName, pull) as { state: string; created_at: string })
      .filter((pull) => state === 'all' || pull.state === state)
      .sort((a, b) => b.created_at.localeCompare(a.created_at));
  }

  /**
   * `GET /repos/{o}/{r}/issues`: issues and pull requests (which carry `pull_request`), by
   * `state` (default open) and `since` (updated at or after), newest first.
   */
  private issueList(fullName: string, data: RepoData, url: URL): unknown[] {
    const state = url.searchParams.get('state') ?? 'open';
    const since = url.searchParams.get('since');
    return [
      ...[...data.issues.values()].map((issue) => issueJson(this.site.url, fullName, issue)),
      ...[...data.pulls.values()].map((pull) => pullAsIssueJson(this.site.url, fullName, pull)),
    ]
      .map((item) => item as { state: string; created_at: string; updated_at: string })
      .filter((item) => (state === 'all' || item.state === state) && (!since || Date.parse(item.updated_at) >= Date.parse(since)))
      .sort((a, b) => b.created_at.localeCompare(a.created_at));
  }

  /** Pages a list the way GitHub does: `per_page` (max 100), `page`, and a Link header. */
  private page(url: URL, items: unknown[] | undefined, wrap?: (items: unknown[]) => unknown): Answer {
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
      target.host = new URL(this.site.url).host;
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
  private search(url: URL): Answer {
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
          results.push({ ...(pullAsIssueJson(this.site.url, fullName, pull) as Record<string, unknown>), score: 1 });
        }
      }
    }
    const capped = results.slice(0, 1000);
    return this.page(url, capped, (items) => ({ total_count: results.length, incomplete_results: this.site.searchIncomplete, items }));
  }

  /** A POST to `/graphql`; GitHub answers lookups that fail with 200 and `errors`. */
  graphql(body: string, token: string | undefined): Answer {
    if (!token) {
      return {
        status: 401,
        body: {
          message: 'This endpoint requires you to be authenticated.',
          documentation_url: 'https://docs.github.com/graphql/guides/forming-calls-with-graphql#authenticating-with-graphql',
        },
      };
    }
    const query = readGraphqlQuery(body);
    if (query === undefined) {
      return { status: 200, body: { errors: [{ message: 'Problems parsing JSON' }] } };
    }
    // The batched lookup the extension sends: `alias: repository(owner: "o", name: "r") { field(number: N) { ... } }`.
    const pattern =
      /(\w+)\s*:\s*repository\(\s*owner:\s*"([^"]+)"\s*,\s*name:\s*"([^"]+)"\s*\)\s*\{\s*(pullRequest|issue|issueOrPullRequest)\(\s*number:\s*(\d+)\s*\)/g;
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
          errors.push({
            type: 'NOT_FOUND',
            path: [alias, field],
            locations: [],
            message: `Could not resolve to ${what === 'Issue' ? 'an' : 'a'} ${what} with the number of ${number}.`,
          });
        }
      }
    }
    return { status: 200, body: errors.length ? { data, errors } : { data } };
  }
}

export function readGraphqlQuery(body: string): string | undefined {
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
        if (
          value === 'issue' ||
          (value === 'merged' && !pull.mergedAt) ||
          (value === 'open' && (pull.state ?? 'open') !== 'open') ||
          (value === 'closed' && (pull.state ?? 'open') !== 'closed')
        ) {
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
    case '>=':
      return day >= date;
    case '>':
      return day > date;
    case '<=':
      return day <= date;
    case '<':
      return day < date;
    default:
      return day === date;
  }
}
