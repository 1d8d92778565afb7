import type { FrontMatterTime } from './calendar';
import { daysBetween, frontMatterInstant, isKnownTimeZone, wallClockIn } from './calendar';
import { parseYamlMapping } from './frontMatter';

/**
 * A post's URL as Jekyll builds it. Jekyll reads `date:` and converts it to the build's local
 * time (`Utils.parse_date`: `Time.parse(date).localtime`), which is `timezone:` of `_config.yml`
 * when set (Jekyll exports it as TZ) and otherwise the build machine's zone: UTC on GitHub Pages
 * and in CI, so UTC here. A zone name Ruby does not know also falls back to UTC. The date parts
 * of the URL are then that local date.
 */

/** LWKD's pattern (`/2026/20260806`), assumed when there is no `_config.yml` to read. */
export const LWKD_PERMALINK = '/:year/:year:month:day';

/** Jekyll's named styles; `date` is its default when `permalink:` is unset. */
const STYLES: Readonly<Record<string, string>> = {
  date: '/:categories/:year/:month/:day/:title:output_ext',
  pretty: '/:categories/:year/:month/:day/:title/',
  ordinal: '/:categories/:year/:y_day/:title:output_ext',
  none: '/:categories/:title:output_ext',
};

/** The keys of `_config.yml` a permalink depends on, as text. */
export interface SiteConfig {
  readonly permalink?: string;
  readonly url?: string;
  readonly baseurl?: string;
  readonly timezone?: string;
}

/** Reads `_config.yml` as data (js-yaml CORE schema, bounded; nothing is evaluated). */
export function parseSiteConfig(text: string): { readonly config: SiteConfig } | { readonly error: string } {
  let data: Record<string, unknown>;
  try {
    data = parseYamlMapping(text);
  } catch (error) {
    return { error: `it is not valid YAML: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}` };
  }
  const config: Record<string, string> = {};
  for (const key of ['permalink', 'url', 'baseurl', 'timezone'] as const) {
    const value = data[key];
    if (typeof value === 'string' && value.trim() !== '') {
      config[key] = value.trim();
    } else if (value !== undefined && value !== null && value !== '') {
      return { error: `"${key}" is not text` };
    }
  }
  return { config };
}

export interface PermalinkPost {
  readonly time: FrontMatterTime;
  /** `slug:` of the front matter, else the file name after its date (`update`). */
  readonly slug: string;
  readonly categories?: readonly string[];
  /** `permalink:` of the front matter, which replaces the site's pattern. */
  readonly permalink?: string;
}

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/** Jekyll's `slugify`: `default` mode lower-cases; `pretty` keeps more punctuation (and case here). */
function slugify(text: string, pretty: boolean): string {
  const slug = text.replace(pretty ? /[^\p{L}\p{N}._~!$&'()+,;=@]+/gu : /[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '');
  return pretty ? slug : slug.toLowerCase();
}

/**
 * The path of a post under a permalink pattern or named style, with the site's `timezone`.
 * Throws for a placeholder Jekyll would not know, naming it.
 */
export function permalinkPath(pattern: string, post: PermalinkPost, timeZone?: string): string {
  const zone = timeZone && isKnownTimeZone(timeZone) ? timeZone : 'UTC';
  const t = wallClockIn(frontMatterInstant(post.time), zone);
  const values: Record<string, string> = {
    year: String(t.year),
    short_year: pad(t.year % 100),
    month: pad(t.month),
    i_month: String(t.month),
    day: pad(t.day),
    i_day: String(t.day),
    hour: pad(t.hour),
    minute: pad(t.minute),
    second: pad(t.second),
    y_day: pad(daysBetween({ year: t.year, month: 1, day: 1 }, t) + 1, 3),
    title: slugify(post.slug, true),
    slug: slugify(post.slug, false),
    categories: [...new Set(post.categories?.map((category) => category.toLowerCase()))].join('/'),
    output_ext: '.html',
  };
  const path = (STYLES[pattern] ?? pattern).replace(/:([a-z_]+)/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) {
      throw new Error(`the permalink pattern "${pattern}" has :${name}, which LWKD Author does not know`);
    }
    // Jekyll's escape_path: characters a URL path cannot hold are percent-encoded.
    return encodeURI(value).replace(/[?#[\]]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  });
  // Jekyll's sanitize_url: one leading slash, no `..` or `./`, no empty segments.
  return `/${path}`
    .replace(/\.\./g, '/')
    .replace(/\.\//g, '')
    .replace(/\/{2,}/g, '/');
}

/** `url` + `baseurl` + path, as Jekyll's `absolute_url` joins them. */
export function absoluteUrl(siteUrl: string, baseurl: string | undefined, path: string): string {
  const base = (baseurl ?? '').replace(/^\/+|\/+$/g, '');
  return `${siteUrl.replace(/\/+$/, '')}${base ? `/${base}` : ''}${path}`;
}

/** The site's own address (`url` + `baseurl`, `url` winning over `fallbackUrl`), which site-relative links resolve against. */
export function siteBaseUrl(config: SiteConfig, fallbackUrl: string): string {
  return absoluteUrl(config.url ?? fallbackUrl, config.baseurl, '');
}

/**
 * A post's absolute URL: its own `permalink:`, else the site's, else Jekyll's `date` style; the
 * site's `url` wins over `fallbackUrl` (the `lwkd.siteUrl` setting).
 */
export function postUrl(config: SiteConfig, fallbackUrl: string, post: PermalinkPost): string {
  return absoluteUrl(config.url ?? fallbackUrl, config.baseurl, permalinkPath(post.permalink ?? config.permalink ?? 'date', post, config.timezone));
}

/** What a permalink needs from a post: its parsed front matter and file name, and its date. */
export function permalinkPost(data: Readonly<Record<string, unknown>> | undefined, fileName: string, time: FrontMatterTime): PermalinkPost {
  const words = (value: unknown): string[] => (typeof value === 'string' ? value.split(/\s+/).filter(Boolean) : Array.isArray(value) ? value.map(String) : []);
  const base = fileName.replace(/^.*[/\\]/, '').replace(/\.[^.]*$/, '');
  return {
    time,
    slug: typeof data?.slug === 'string' ? data.slug : base.replace(/^\d{4}-\d{2}-\d{2}-/, ''),
    categories: [...words(data?.category), ...words(data?.categories)],
    ...(typeof data?.permalink === 'string' ? { permalink: data.permalink } : {}),
  };
}
