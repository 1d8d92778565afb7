import { DEFAULT_GITHUB_API_URL } from '../constants';
import type { Logger } from '../core/logger';
import { silentLogger } from '../core/logger';
import { GitHubClient, GitHubError } from '../services/githubClient';
import { ItemFetcher } from '../services/itemFetcher';
import type { CliIo } from './args';

/**
 * The one way the command line builds a GitHub client: the API from `--api-url`, else
 * `LWKD_GITHUB_API_URL`, else GitHub's; the token from `GITHUB_TOKEN` (never printed). Throws
 * GitHubError (badConfiguration, invalidToken) before any request, as the client does.
 */
export function cliGitHubClient(
  io: CliIo,
  version: string,
  apiUrlOption: string | undefined,
  logger: Logger = silentLogger,
): { client: GitHubClient; authenticated: boolean } {
  const apiUrl = apiUrlOption ?? io.env.LWKD_GITHUB_API_URL ?? DEFAULT_GITHUB_API_URL;
  const token = io.env.GITHUB_TOKEN?.trim() || undefined;
  const client = new GitHubClient({ apiUrl, userAgent: `lwkd-author-cli/${version}`, logger, ...(token ? { token } : {}) });
  return { client, authenticated: Boolean(token) };
}

/** An item fetcher over cliGitHubClient: a bad token or URL becomes the failure each lookup reports. */
export function cliItemFetcher(io: CliIo, version: string, apiUrlOption: string | undefined): ItemFetcher {
  return new ItemFetcher(async () => {
    try {
      return cliGitHubClient(io, version, apiUrlOption);
    } catch (error) {
      if (error instanceof GitHubError) {
        return error.failure;
      }
      throw error;
    }
  }, silentLogger);
}
