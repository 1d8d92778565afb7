import { findGitHubRefs } from '../core/githubRefs';
import { findLinks } from '../core/links';
import type { ItemKey } from '../core/pullRequests';
import type { ItemFetcher, ItemLookup, ItemRequest } from './itemFetcher';
import { itemKeyString } from './itemFetcher';
import type { LinkChecker, LinkVerdict } from './linkChecker';

/** One link of an edition and what became of it. */
export interface LinkResult {
  readonly url: string;
  readonly line: number;
  readonly column: number;
  readonly endColumn: number;
  readonly verdict: LinkVerdict;
}

/** GitHub data as the editor (its cached item source) and the command line (a fetcher) both have it. */
export interface GitHubItems {
  prefetch(requests: readonly ItemRequest[]): Promise<void>;
  describe(key: ItemKey): ItemLookup;
}

/** A fetcher seen as GitHubItems. */
export function fetcherItems(fetcher: ItemFetcher): GitHubItems {
  return { prefetch: (requests) => fetcher.prefetch(requests), describe: (key) => fetcher.describe(itemKeyString(key)) };
}

/** GitHub's URL forms of pull requests, issues and KEPs: asked of GitHub's API, batched, not fetched as pages. */
const GITHUB_FORMS = new Set(['pullUrl', 'pullsUrl', 'issueUrl', 'kepDirectory', 'kepLink']);

/**
 * Every link of an edition, checked: a PR, issue or KEP link through the GitHub item fetcher
 * (one batch, nothing asked twice: what hovers fetched is known), whose missing item is broken;
 * every other link through the link checker. `signal` cancels what is not done.
 */
export async function checkEditionLinks(
  text: string,
  siteUrl: string,
  items: GitHubItems,
  checker: LinkChecker,
  signal?: AbortSignal,
  onDone: (done: number, total: number) => void = () => undefined,
): Promise<LinkResult[]> {
  const refs = findGitHubRefs(text).filter((ref) => GITHUB_FORMS.has(ref.form) && !ref.malformed);
  const onGitHub = new Set(refs.map((ref) => `${ref.line}:${ref.column}`));
  const others = findLinks(text, siteUrl).filter((link) => !onGitHub.has(`${link.line}:${link.column}`));
  const total = refs.length + others.length;
  let done = 0;
  const tick = (): void => onDone(++done, total);

  const requests: ItemRequest[] = refs.map((ref) => ({
    key: { owner: ref.owner, repo: ref.repo, number: ref.number },
    kind: ref.kind === 'pull' ? 'pull' : 'issue',
  }));
  const github = items.prefetch(requests).then(() =>
    refs.map((ref, i): LinkResult => {
      const lookup = items.describe(requests[i]!.key);
      const verdict: LinkVerdict = lookup.notFound
        ? { kind: 'broken', status: 404 }
        : lookup.item
          ? { kind: 'ok' }
          : { kind: 'unchecked', reason: lookup.failure?.message ?? 'GitHub did not answer' };
      tick();
      return { url: ref.text, line: ref.line, column: ref.column, endColumn: ref.endColumn, verdict };
    }),
  );
  const pages = Promise.all(
    others.map(async (link): Promise<LinkResult> => {
      const verdict = await checker.check(link.url, signal);
      tick();
      return { url: link.url, line: link.line, column: link.column, endColumn: link.endColumn, verdict };
    }),
  );
  const results = [...(await github), ...(await pages)];
  return results.sort((a, b) => a.line - b.line || a.column - b.column);
}
