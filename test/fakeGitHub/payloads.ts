import { createHash } from 'node:crypto';
import type { FakeIssue, FakePull, FakePullFile, FakeRelease } from './store';

/**
 * The bodies GitHub sends for what the store holds: REST JSON for pulls, issues (a PR seen
 * through the issues endpoint carries `pull_request`) and releases, and GraphQL nodes. They keep
 * fields the extension does not read, because real answers carry them too.
 */

function userJson(login: string): unknown {
  return { login, id: hashId(login), node_id: `U_${login}`, html_url: `https://github.com/${login}`, type: 'User', site_admin: false };
}

function labelsJson(labels: readonly string[] = []): unknown[] {
  return labels.map((name) => ({ id: hashId(name), node_id: `LA_${name}`, name, color: 'ededed', default: false, description: null }));
}

function milestoneJson(title: string | undefined): unknown {
  return title ? { number: hashId(title) % 1000, title, state: 'open', description: null } : null;
}

function hashId(text: string): number {
  return parseInt(createHash('sha1').update(text).digest('hex').slice(0, 8), 16);
}

function stateOf(item: { state?: 'open' | 'closed'; mergedAt?: string; closedAt?: string }): 'open' | 'closed' {
  return item.state ?? (item.mergedAt || item.closedAt ? 'closed' : 'open');
}

export function pullJson(apiBase: string, fullName: string, pull: FakePull): unknown {
  const created = pull.createdAt ?? '2024-01-01T00:00:00Z';
  return {
    url: `${apiBase}/repos/${fullName}/pulls/${pull.number}`,
    id: hashId(`${fullName}#${pull.number}`),
    node_id: `PR_${pull.number}`,
    html_url: `https://github.com/${fullName}/pull/${pull.number}`,
    number: pull.number,
    state: stateOf(pull),
    locked: false,
    title: pull.title,
    user: userJson(pull.author),
    body: pull.body ?? null,
    labels: labelsJson(pull.labels),
    milestone: milestoneJson(pull.milestone),
    created_at: created,
    updated_at: pull.updatedAt ?? pull.mergedAt ?? pull.closedAt ?? created,
    closed_at: pull.mergedAt ?? pull.closedAt ?? null,
    merged_at: pull.mergedAt ?? null,
    merge_commit_sha: pull.mergedAt ? createHash('sha1').update(String(pull.number)).digest('hex') : null,
    draft: pull.draft ?? false,
    head: {
      label: `${pull.author}:${pull.headRef ?? `topic-${pull.number}`}`,
      ref: pull.headRef ?? `topic-${pull.number}`,
      sha: pull.headSha ?? createHash('sha1').update(`head-${pull.number}`).digest('hex'),
    },
    base: { label: `${fullName.split('/')[0]}:${pull.baseRef ?? 'master'}`, ref: pull.baseRef ?? 'master', repo: { full_name: fullName } },
    author_association: 'MEMBER',
    merged: Boolean(pull.mergedAt),
    comments: 0,
    commits: 1,
    additions: 10,
    deletions: 2,
    changed_files: 1,
  };
}

export function issueJson(apiBase: string, fullName: string, issue: FakeIssue): unknown {
  const created = issue.createdAt ?? '2024-01-01T00:00:00Z';
  return {
    url: `${apiBase}/repos/${fullName}/issues/${issue.number}`,
    html_url: `https://github.com/${fullName}/issues/${issue.number}`,
    id: hashId(`${fullName}#${issue.number}`),
    node_id: `I_${issue.number}`,
    number: issue.number,
    title: issue.title,
    user: userJson(issue.author),
    labels: labelsJson(issue.labels),
    state: stateOf(issue),
    state_reason: stateOf(issue) === 'closed' ? 'completed' : null,
    locked: false,
    milestone: null,
    comments: 0,
    created_at: created,
    updated_at: issue.updatedAt ?? issue.closedAt ?? created,
    closed_at: issue.closedAt ?? null,
    author_association: 'MEMBER',
    body: issue.body ?? null,
  };
}

export function pullAsIssueJson(apiBase: string, fullName: string, pull: FakePull): unknown {
  const base = pullJson(apiBase, fullName, pull) as Record<string, unknown>;
  return {
    url: `${apiBase}/repos/${fullName}/issues/${pull.number}`,
    html_url: base.html_url,
    id: base.id,
    node_id: base.node_id,
    number: pull.number,
    title: pull.title,
    user: base.user,
    labels: base.labels,
    state: base.state,
    locked: false,
    milestone: base.milestone,
    comments: 0,
    created_at: base.created_at,
    updated_at: base.updated_at,
    closed_at: base.closed_at,
    draft: base.draft,
    author_association: 'MEMBER',
    body: base.body,
    pull_request: {
      url: `${apiBase}/repos/${fullName}/pulls/${pull.number}`,
      html_url: base.html_url,
      merged_at: pull.mergedAt ?? null,
    },
  };
}

/** One entry of `GET /repos/{o}/{r}/pulls/{n}/files`. */
export function pullFileJson(fullName: string, pull: FakePull, file: FakePullFile): unknown {
  const lines = (file.patch ?? '').split('\n');
  const sha = pull.headSha ?? createHash('sha1').update(`head-${pull.number}`).digest('hex');
  return {
    sha: createHash('sha1').update(`${file.filename}@${sha}`).digest('hex'),
    filename: file.filename,
    status: file.status ?? 'modified',
    additions: lines.filter((line) => line.startsWith('+')).length,
    deletions: lines.filter((line) => line.startsWith('-')).length,
    changes: lines.filter((line) => line.startsWith('+') || line.startsWith('-')).length,
    blob_url: `https://github.com/${fullName}/blob/${sha}/${file.filename}`,
    raw_url: `https://github.com/${fullName}/raw/${sha}/${file.filename}`,
    contents_url: `https://api.github.com/repos/${fullName}/contents/${file.filename}?ref=${sha}`,
    ...(file.patch !== undefined ? { patch: file.patch } : {}),
  };
}

export function releaseJson(fullName: string, release: FakeRelease, index: number): unknown {
  return {
    url: `https://api.github.com/repos/${fullName}/releases/${index + 1}`,
    html_url: `https://github.com/${fullName}/releases/tag/${release.tag}`,
    id: hashId(`${fullName}@${release.tag}`),
    tag_name: release.tag,
    target_commitish: 'main',
    name: release.name ?? release.tag,
    draft: release.draft ?? false,
    prerelease: release.prerelease ?? false,
    created_at: release.publishedAt,
    published_at: release.publishedAt,
    author: userJson('release-bot'),
    body: release.body ?? '',
  };
}

export function pullNode(fullName: string, pull: FakePull): unknown {
  const state = pull.mergedAt ? 'MERGED' : stateOf(pull) === 'closed' ? 'CLOSED' : 'OPEN';
  return {
    __typename: 'PullRequest',
    number: pull.number,
    title: pull.title,
    url: `https://github.com/${fullName}/pull/${pull.number}`,
    state,
    isDraft: pull.draft ?? false,
    merged: Boolean(pull.mergedAt),
    mergedAt: pull.mergedAt ?? null,
    closedAt: pull.mergedAt ?? pull.closedAt ?? null,
    createdAt: pull.createdAt ?? '2024-01-01T00:00:00Z',
    author: { login: pull.author },
    baseRefName: pull.baseRef ?? 'master',
    milestone: pull.milestone ? { title: pull.milestone } : null,
    labels: { totalCount: (pull.labels ?? []).length, nodes: (pull.labels ?? []).map((name) => ({ name })) },
  };
}

export function issueNode(fullName: string, issue: FakeIssue): unknown {
  return {
    __typename: 'Issue',
    number: issue.number,
    title: issue.title,
    url: `https://github.com/${fullName}/issues/${issue.number}`,
    state: stateOf(issue) === 'closed' ? 'CLOSED' : 'OPEN',
    closedAt: issue.closedAt ?? null,
    createdAt: issue.createdAt ?? '2024-01-01T00:00:00Z',
    author: { login: issue.author },
    labels: { totalCount: (issue.labels ?? []).length, nodes: (issue.labels ?? []).map((name) => ({ name })) },
  };
}
