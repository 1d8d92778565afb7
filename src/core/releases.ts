import { inlineText, linkText, urlPathSegment } from './inertMarkdown';
import { isoTime, record, text } from './pullRequests';
import type { WeekWindow } from './weekWindow';
import { inWindow } from './weekWindow';

/**
 * Subproject releases as LWKD lines: `* [project v1.2.3](url): change 1, change 2; also
 * [v1.2.2](url)`, one per project, from GitHub's releases API.
 */

/**
 * The release crawler's list (kubernetes-sigs/lwkd, scripts/release-crawler/README.md), with
 * each repository where it lives now: the README's `kubernetes/ngninx-ingress`,
 * `kubernetes/cluster-api`, `kubernetes/cluster-api-provider-vsphere` and
 * `kubernetes-csi/csi-driver-vsphere` are renamed or moved, and GitHub's redirects are never
 * followed (a token must not reach another origin).
 */
export const DEFAULT_RELEASE_REPOS = [
  'coredns/coredns',
  'kubernetes-csi/csi-driver-nfs',
  'kubernetes-csi/csi-driver-host-path',
  'kubernetes-csi/csi-driver-smb',
  'kubernetes-sigs/vsphere-csi-driver',
  'containernetworking/cni',
  'cri-o/cri-o',
  'cri-o/ocicni',
  'containerd/containerd',
  'containerd/nerdctl',
  'kubernetes/kops',
  'kubernetes/kubeadm',
  'kubernetes/ingress-nginx',
  'kubernetes-sigs/cluster-api',
  'kubernetes-sigs/cluster-api-provider-vsphere',
  'kubernetes-sigs/kubespray',
  'etcd-io/etcd',
  'grpc/grpc',
  'golang/go',
] as const;

export const RELEASES_PER_PAGE = 100;
/** Enough for any real week; a repository publishing more is cut here rather than paged forever. */
export const MAX_RELEASE_PAGES = 5;

export interface Release {
  readonly tag: string;
  readonly url: string;
  readonly publishedAt: string;
  readonly prerelease: boolean;
  /** Up to three changes drafted from the notes, as plain text. */
  readonly highlights: readonly string[];
}

/**
 * Reads one page of `GET /repos/{owner}/{repo}/releases`. Drafts and releases without a
 * publication time are left out; links are rebuilt from owner, repo and tag, never taken from
 * the response.
 */
export function readReleasesPage(value: unknown, repo: string): { releases: Release[]; oldest?: string } | undefined {
  if (!Array.isArray(value)) {
    return undefined;
  }
  const releases: Release[] = [];
  let oldest: string | undefined;
  for (const raw of value) {
    const item = record(raw);
    const tag = text(item?.tag_name, 100);
    const publishedAt = isoTime(item?.published_at) ?? isoTime(item?.created_at);
    if (publishedAt && (!oldest || publishedAt < oldest)) {
      oldest = publishedAt;
    }
    if (!item || !tag || item.draft === true || !isoTime(item.published_at)) {
      continue;
    }
    releases.push({
      tag,
      url: `https://github.com/${repo}/releases/tag/${urlPathSegment(tag)}`,
      publishedAt: isoTime(item.published_at)!,
      prerelease: item.prerelease === true,
      highlights: highlights(item.body),
    });
  }
  return { releases, ...(oldest ? { oldest } : {}) };
}

/**
 * Whether to ask for the next page: the list is newest first, so once a page reaches back before
 * the week (or is not full) there is nothing more of the week to find.
 */
export function needsNextPage(page: { releases: readonly Release[]; oldest?: string }, count: number, window: WeekWindow, pageNumber: number): boolean {
  return count >= RELEASES_PER_PAGE && pageNumber < MAX_RELEASE_PAGES && page.oldest !== undefined && Date.parse(page.oldest) >= window.start.getTime();
}

/** The first few list items of release notes, as short plain text (links, mentions and PR refs removed). */
export function highlights(body: unknown, max = 3): string[] {
  if (typeof body !== 'string') {
    return [];
  }
  const found: string[] = [];
  for (const line of body.slice(0, 50_000).split(/\r?\n/)) {
    const item = /^\s{0,3}[*-]\s+(.+)$/.exec(line)?.[1];
    if (!item) {
      continue;
    }
    // Each pattern stops at the next character that could start another match (one space per
    // run, `[` or `<`), so no start is scanned twice: notes of 50,000 `<` or `[` took seconds.
    const plain = item
      .replace(/\s+/g, ' ')
      .replace(/!?\[([^[\]]*)\]\([^()]*\)/g, '$1')
      .replace(/<[^<>]*>/g, '')
      .replace(/ (?:by @[\w-]+ )?in https?:\/\/\S+/gi, '')
      .replace(/https?:\/\/\S+/g, '')
      .replace(/\(#\d+\)|#\d+|@[\w-]+/g, '')
      .replace(/[`*_]/g, '')
      .replace(/\s+/g, ' ')
      .replace(/[\s,;:.]+$/, '')
      .trim();
    const clean = text(plain, 80);
    if (clean && clean.length > 3 && !/^(full changelog|new contributors?)/i.test(clean)) {
      found.push(clean);
    }
    if (found.length === max) {
      break;
    }
  }
  return found;
}

export interface ProjectReleases {
  readonly repo: string;
  readonly project: string;
  /** The newest version line's release: the one the line leads with. */
  readonly main: Release;
  /** Backports and other releases of the week, newest version first. */
  readonly also: readonly Release[];
}

/** A project's releases in the week, the highest version leading (a final release over its pre-releases). */
export function groupReleases(repo: string, releases: readonly Release[], window: WeekWindow): ProjectReleases | undefined {
  const week = releases
    .filter((release) => inWindow(window, release.publishedAt))
    .sort((a, b) => Number(a.prerelease) - Number(b.prerelease) || compareVersions(b.tag, a.tag));
  const [main, ...also] = week;
  return main ? { repo, project: repo.split('/')[1]!, main, also } : undefined;
}

/** Compares version tags by their numbers (`v1.31.2` > `v1.30.10`); anything else by text. */
export function compareVersions(a: string, b: string): number {
  const numbers = (tag: string): number[] => (/(\d+(?:\.\d+)*)/.exec(tag)?.[1] ?? '').split('.').filter(Boolean).map(Number);
  const [x, y] = [numbers(a), numbers(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const diff = (x[i] ?? -1) - (y[i] ?? -1);
    if (diff) {
      return diff;
    }
  }
  return a.localeCompare(b);
}

/** The stylesheet's line for a project's week. */
export function releaseLine(group: ProjectReleases): string {
  const version = (tag: string): string => linkText(/^v?\d/.test(tag) ? (tag.startsWith('v') ? tag : `v${tag}`) : tag);
  const pre = (release: Release): string => (release.prerelease ? ' (pre-release)' : '');
  const changes = group.main.highlights.map(inlineText).join(', ');
  const also = group.also.map((release) => `[${version(release.tag)}](${release.url})${pre(release)}`).join(', ');
  return `* [${linkText(group.project)} ${version(group.main.tag)}](${group.main.url})${pre(group.main)}${changes ? `: ${changes}` : ''}${also ? `; also ${also}` : ''}`;
}
