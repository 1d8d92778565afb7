/** Every id the manifest and the code share, typed in one place. */
export const EXTENSION_ID = 'lwkd-author.lwkd-author';

export const Commands = {
  showLog: 'lwkd.showLog',
  checkGitHubConnection: 'lwkd.checkGitHubConnection',
} as const;

export const Settings = {
  section: 'lwkd',
  githubApiUrl: 'github.apiUrl',
} as const;

export const DEFAULT_GITHUB_API_URL = 'https://api.github.com';
