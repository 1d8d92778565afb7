import * as vscode from 'vscode';
import {
  DEFAULT_BUTTONDOWN_API_URL,
  DEFAULT_GITHUB_API_URL,
  DEFAULT_GITHUB_TIMEOUT_MS,
  DEFAULT_POSTS_FOLDER,
  DEFAULT_SITE_URL,
  DEFAULT_TEMPLATE_PATH,
  Settings,
} from '../constants';
import { LINT_DEFAULTS } from '../core/lintDefaults';

export type CreateBranchSetting = 'ask' | 'always' | 'never';

/** Typed reads of `lwkd.*`; read at the moment of use so changes apply without a reload. */
export class ExtensionSettings {
  private config(scope?: vscode.ConfigurationScope): vscode.WorkspaceConfiguration {
    return vscode.workspace.getConfiguration(Settings.section, scope);
  }

  private text(key: string, fallback: string, scope?: vscode.ConfigurationScope): string {
    const value = this.config(scope).get<unknown>(key);
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : fallback;
  }

  get githubApiUrl(): string {
    return this.text(Settings.githubApiUrl, DEFAULT_GITHUB_API_URL);
  }

  get buttondownApiUrl(): string {
    return this.text(Settings.buttondownApiUrl, DEFAULT_BUTTONDOWN_API_URL);
  }

  get lintEnabled(): boolean {
    return this.config().get<unknown>('lint.enabled') !== false;
  }

  /** Per rule: `off`, or the severity to use instead of the default. */
  get lintRules(): Readonly<Record<string, 'off' | 'error' | 'warning' | 'information' | 'hint'>> {
    const value = this.config().get<unknown>('lint.rules');
    const rules: Record<string, 'off' | 'error' | 'warning' | 'information' | 'hint'> = {};
    if (typeof value === 'object' && value !== null) {
      for (const [code, level] of Object.entries(value as Record<string, unknown>)) {
        if (level === 'off' || level === 'error' || level === 'warning' || level === 'information' || level === 'hint') {
          rules[code] = level;
        }
      }
    }
    return rules;
  }

  /** A PR linked in an edition of the last this many weeks is reported. */
  get recentWeeks(): number {
    const value = this.config().get<unknown>('lint.recentWeeks');
    return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : LINT_DEFAULTS.recentWeeks;
  }

  get otherMergesWordLimit(): number {
    const value = this.config().get<unknown>('lint.otherMergesWordLimit');
    return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : LINT_DEFAULTS.otherMergesWordLimit;
  }

  /** Each GitHub request's deadline, in ms (500 to 60,000). */
  get githubTimeoutMs(): number {
    const value = this.config().get<unknown>(Settings.githubTimeoutMs);
    return typeof value === 'number' && Number.isFinite(value) ? Math.min(60_000, Math.max(500, value)) : DEFAULT_GITHUB_TIMEOUT_MS;
  }

  /** Each site's deadline when links are checked, in ms (1,000 to 60,000). */
  get linksTimeoutMs(): number {
    const value = this.config().get<unknown>(Settings.linksTimeoutMs);
    return typeof value === 'number' && Number.isFinite(value) ? Math.min(60_000, Math.max(1_000, value)) : 10_000;
  }

  linksBeforePublishing(scope?: vscode.ConfigurationScope): boolean {
    return this.config(scope).get<unknown>(Settings.linksBeforePublishing) !== false;
  }

  /** `owner/repo` for a bare `#N` in a Featured PR heading without a link. */
  get githubDefaultRepo(): { owner: string; repo: string } {
    const value = this.text(Settings.githubDefaultRepo, 'kubernetes/kubernetes');
    const match = /^([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([A-Za-z0-9._-]{1,100})$/.exec(value);
    return match ? { owner: match[1]!, repo: match[2]! } : { owner: 'kubernetes', repo: 'kubernetes' };
  }

  /** Relative to the workspace folder; a path that climbs out of it is ignored. */
  postsFolder(scope?: vscode.ConfigurationScope): string {
    return safeRelativePath(this.text(Settings.postsFolder, DEFAULT_POSTS_FOLDER, scope)) ?? DEFAULT_POSTS_FOLDER;
  }

  templatePath(scope?: vscode.ConfigurationScope): string {
    return safeRelativePath(this.text(Settings.templatePath, DEFAULT_TEMPLATE_PATH, scope)) ?? DEFAULT_TEMPLATE_PATH;
  }

  createBranch(scope?: vscode.ConfigurationScope): CreateBranchSetting {
    const value = this.config(scope).get<unknown>(Settings.createBranch);
    return value === 'always' || value === 'never' ? value : 'ask';
  }

  siteUrl(scope?: vscode.ConfigurationScope): string {
    return this.text(Settings.siteUrl, DEFAULT_SITE_URL, scope);
  }

  /** `owner/repo` entries of a list setting; malformed entries are dropped, an empty list is the default. */
  repoList(key: string, fallback: readonly string[]): string[] {
    const value = this.config().get<unknown>(key);
    const repos = Array.isArray(value)
      ? value.filter((entry): entry is string => typeof entry === 'string' && REPO.test(entry.trim())).map((entry) => entry.trim())
      : [];
    return repos.length ? [...new Set(repos)] : [...fallback];
  }

  /** The labels of the merged-PR search (any of them makes a candidate). */
  mergedLabels(fallback: readonly string[]): string[] {
    const value = this.config().get<unknown>(Settings.mergedLabels);
    const labels = Array.isArray(value)
      ? value.filter((entry): entry is string => typeof entry === 'string' && entry.trim() !== '').map((entry) => entry.trim())
      : [];
    return labels.length ? labels : [...fallback];
  }

  /** An IANA zone name, or undefined for the extension host's own zone. */
  timeZone(): string | undefined {
    const value = this.config().get<unknown>(Settings.timeZone);
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  }
}

const REPO = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/;

/** `a/b` stays; absolute paths, `..` segments and backslashes are refused. */
export function safeRelativePath(path: string): string | undefined {
  const normalized = path.replace(/^\.\/+/, '').replace(/\/+$/, '');
  if (
    normalized === '' ||
    normalized.startsWith('/') ||
    /^[a-zA-Z]:/.test(normalized) ||
    normalized.includes('\\') ||
    normalized.split('/').some((segment) => segment === '..' || segment === '')
  ) {
    return undefined;
  }
  return normalized;
}
