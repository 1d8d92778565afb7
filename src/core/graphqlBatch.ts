import { isOwnerName, isRepoName } from './githubApi';
import type { GitHubItem, ItemKey } from './pullRequests';
import { readGraphqlItem } from './pullRequests';

/**
 * One GraphQL query for many references (up to 50, each under its own alias), and the reading of
 * its answer. Owner and repository names are checked before they go into the query text, so no
 * reference can change the query.
 */

export const MAX_BATCH = 50;

const ITEM_FIELDS = `__typename
      ... on PullRequest { number title state isDraft mergedAt closedAt author { login } baseRefName milestone { title } labels(first: 30) { totalCount nodes { name } } }
      ... on Issue { number title state closedAt author { login } milestone { title } labels(first: 30) { totalCount nodes { name } } }`;

export function isValidKey(key: ItemKey): boolean {
  return isOwnerName(key.owner) && isRepoName(key.repo) && Number.isSafeInteger(key.number) && key.number > 0;
}

export interface BatchQuery {
  readonly query: string;
  /** alias → the key it asks for */
  readonly aliases: ReadonlyMap<string, ItemKey>;
}

export function buildBatchQuery(keys: readonly ItemKey[]): BatchQuery {
  const valid = keys.filter(isValidKey).slice(0, MAX_BATCH);
  const aliases = new Map<string, ItemKey>();
  const parts = valid.map((key, i) => {
    const alias = `r${i}`;
    aliases.set(alias, key);
    return `  ${alias}: repository(owner: ${JSON.stringify(key.owner)}, name: ${JSON.stringify(key.repo)}) {
    issueOrPullRequest(number: ${key.number}) {
      ${ITEM_FIELDS}
    }
  }`;
  });
  return { query: `query {\n${parts.join('\n')}\n}`, aliases };
}

export type BatchResult = { readonly item: GitHubItem } | { readonly notFound: true } | { readonly invalid: true };

/**
 * Per key: the item, "not found" (GraphQL answers `null` with a NOT_FOUND error), or "invalid"
 * when the answer does not have the expected shape.
 */
export function readBatchResponse(value: unknown, batch: BatchQuery): Map<ItemKey, BatchResult> {
  const results = new Map<ItemKey, BatchResult>();
  const data = typeof value === 'object' && value !== null ? (value as { data?: unknown }).data : undefined;
  const dataRecord = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : undefined;
  for (const [alias, key] of batch.aliases) {
    const repository = dataRecord?.[alias];
    if (repository === null) {
      results.set(key, { notFound: true });
      continue;
    }
    const node = typeof repository === 'object' && repository !== null ? (repository as Record<string, unknown>).issueOrPullRequest : undefined;
    if (node === null) {
      results.set(key, { notFound: true });
      continue;
    }
    const item = readGraphqlItem(node, key);
    results.set(key, item ? { item } : { invalid: true });
  }
  return results;
}
