/**
 * What a test puts in the fake GitHub: pull requests, issues and releases by repository. GitHub
 * matches owner and repository names without regard to case, so the store does too.
 */

export interface FakePull {
  readonly number: number;
  readonly title: string;
  readonly author: string;
  readonly state?: 'open' | 'closed';
  readonly draft?: boolean;
  /** ISO time; a merged PR is also closed. */
  readonly mergedAt?: string;
  readonly closedAt?: string;
  readonly createdAt?: string;
  readonly labels?: readonly string[];
  readonly milestone?: string;
  readonly baseRef?: string;
  /** The branch the PR comes from; `topic-<number>` unless given. */
  readonly headRef?: string;
  /** The head commit; a hash of the number unless given (change it to model a new push). */
  readonly headSha?: string;
  readonly updatedAt?: string;
  readonly body?: string;
  /** What `GET /repos/{o}/{r}/pulls/{n}/files` lists. */
  readonly files?: readonly FakePullFile[];
}

export interface FakePullFile {
  readonly filename: string;
  readonly status?: 'added' | 'modified' | 'removed' | 'renamed';
  /** The unified diff GitHub shows; absent for a diff too large to show. */
  readonly patch?: string;
}

export interface FakeIssue {
  readonly number: number;
  readonly title: string;
  readonly author: string;
  readonly state?: 'open' | 'closed';
  readonly labels?: readonly string[];
  readonly createdAt?: string;
  readonly updatedAt?: string;
  readonly closedAt?: string;
  readonly body?: string;
}

export interface FakeRelease {
  readonly tag: string;
  readonly name?: string;
  readonly publishedAt: string;
  readonly prerelease?: boolean;
  readonly draft?: boolean;
  readonly body?: string;
}

/** `{ "owner/repo": { pulls, issues, releases } }`, as in sample-workspace/github.json. */
export type SeedData = Readonly<Record<string, { pulls?: FakePull[]; issues?: FakeIssue[]; releases?: FakeRelease[] }>>;

export interface RepoData {
  readonly pulls: Map<number, FakePull>;
  readonly issues: Map<number, FakeIssue>;
  readonly releases: FakeRelease[];
}

export class Store {
  private readonly repos = new Map<string, RepoData>();

  addPull(repo: string, pull: FakePull): void {
    this.repo(repo).pulls.set(pull.number, pull);
  }

  addIssue(repo: string, issue: FakeIssue): void {
    this.repo(repo).issues.set(issue.number, issue);
  }

  addRelease(repo: string, release: FakeRelease): void {
    this.repo(repo).releases.push(release);
  }

  seed(data: SeedData): void {
    for (const [repo, content] of Object.entries(data)) {
      this.repo(repo); // a repository listed with nothing in it exists, and answers with empty lists
      content.pulls?.forEach((pull) => this.addPull(repo, pull));
      content.issues?.forEach((issue) => this.addIssue(repo, issue));
      content.releases?.forEach((release) => this.addRelease(repo, release));
    }
  }

  /** The repository, or undefined when no test put it here (GitHub answers 404 or NOT_FOUND). */
  find(fullName: string): RepoData | undefined {
    return this.repos.get(fullName.toLowerCase());
  }

  /** Every repository, by its name in lower case. */
  entries(): IterableIterator<[string, RepoData]> {
    return this.repos.entries();
  }

  private repo(fullName: string): RepoData {
    const key = fullName.toLowerCase();
    let data = this.repos.get(key);
    if (!data) {
      data = { pulls: new Map(), issues: new Map(), releases: [] };
      this.repos.set(key, data);
    }
    return data;
  }
}
