/** Every id the manifest and the code share, typed in one place. */
export const EXTENSION_ID = 'lwkd-author.lwkd-author';

export const Commands = {
  showLog: 'lwkd.showLog',
  checkGitHubConnection: 'lwkd.checkGitHubConnection',
  newWeeklyIssue: 'lwkd.newWeeklyIssue',
  stampPublicationTime: 'lwkd.stampPublicationTime',
  refreshPastIssues: 'lwkd.refreshPastIssues',
  findInPastIssues: 'lwkd.findInPastIssues',
  openLocation: 'lwkd.openLocation',
  insertPrTitle: 'lwkd.insertPrTitle',
  addMissingSections: 'lwkd.addMissingSections',
  preparePublication: 'lwkd.preparePublication',
  checkLinks: 'lwkd.checkLinks',
  refreshGitHubData: 'lwkd.refreshGitHubData',
  setGitHubToken: 'lwkd.setGitHubToken',
  clearGitHubToken: 'lwkd.clearGitHubToken',
  signInToGitHub: 'lwkd.signInToGitHub',
  setButtondownApiKey: 'lwkd.setButtondownApiKey',
  clearButtondownApiKey: 'lwkd.clearButtondownApiKey',
  insertMergedPRs: 'lwkd.insertMergedPRs',
  insertSubprojectReleases: 'lwkd.insertSubprojectReleases',
  showContributions: 'lwkd.showContributions',
  refreshContributions: 'lwkd.refreshContributions',
  openContribution: 'lwkd.openContribution',
  insertNewsItem: 'lwkd.insertNewsItem',
  previewContribution: 'lwkd.previewContribution',
  addMeToAuthors: 'lwkd.addMeToAuthors',
} as const;

/** Context keys the manifest's `when` clauses read. */
export const ContextKeys = {
  /** The active editor is an edition (`_posts/YYYY-MM-DD-update.md`): the edition commands apply. */
  editionActive: 'lwkd.editionActive',
} as const;

export const Views = {
  container: 'lwkd',
  pastIssues: 'lwkd.pastIssues',
} as const;

export const Settings = {
  section: 'lwkd',
  githubApiUrl: 'github.apiUrl',
  buttondownApiUrl: 'buttondown.apiUrl',
  githubTimeoutMs: 'github.timeoutMs',
  githubDefaultRepo: 'github.defaultRepo',
  postsFolder: 'postsFolder',
  templatePath: 'templatePath',
  createBranch: 'newIssue.createBranch',
  siteUrl: 'siteUrl',
  timeZone: 'timeZone',
  mergedRepos: 'merged.repos',
  mergedLabels: 'merged.labels',
  releasesRepos: 'releases.repos',
  linksTimeoutMs: 'links.timeoutMs',
  linksBeforePublishing: 'links.checkBeforePublishing',
  contributionsRepo: 'contributions.repo',
} as const;

export const DEFAULT_GITHUB_API_URL = 'https://api.github.com';
export const DEFAULT_BUTTONDOWN_API_URL = 'https://api.buttondown.com';
/** One GitHub request's deadline, as `lwkd.github.timeoutMs` defaults it; the CLI uses it too. */
export const DEFAULT_GITHUB_TIMEOUT_MS = 5_000;
export const DEFAULT_POSTS_FOLDER = '_posts';
export const DEFAULT_TEMPLATE_PATH = 'template.md';
/** CONTRIBUTING: signers of items list themselves here, at the site's root. */
export const AUTHORS_FILE = 'authors.md';
/** Where contributors send pull requests and News Items (`lwkd.contributions.repo`). */
export const DEFAULT_CONTRIBUTIONS_REPO = 'kubernetes-sigs/lwkd';
export const DEFAULT_SITE_URL = 'https://lwkd.info';
