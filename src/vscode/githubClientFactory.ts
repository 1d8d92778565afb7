import type { Logger } from '../core/logger';
import { GitHubClient } from '../services/githubClient';
import type { ExtensionSettings } from './settings';

/**
 * The one way the extension builds a GitHub client: the API and the timeout from the settings,
 * the token from GitHubAuth. Throws GitHubError (badConfiguration, invalidToken) before any
 * request, as the client does.
 */
export function createGitHubClient(settings: ExtensionSettings, token: string | undefined, logger: Logger, userAgent: string): GitHubClient {
  return new GitHubClient({ apiUrl: settings.githubApiUrl, userAgent, logger, timeoutMs: settings.githubTimeoutMs, ...(token ? { token } : {}) });
}
