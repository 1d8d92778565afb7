import * as vscode from 'vscode';
import { registerAddMissingSections } from './features/addMissingSections';
import type { EditionStatus } from './features/editionStatus';
import { registerEditionStatus } from './features/editionStatus';
import { registerFindInPastIssues } from './features/findInPastIssues';
import { registerGitHubConnection } from './features/githubConnection';
import { registerGitHubHover } from './features/githubHover';
import { registerGitHubTokenCommands } from './features/githubToken';
import { registerInsertPrTitle } from './features/insertPrTitle';
import { registerNewWeeklyIssue } from './features/newWeeklyIssue';
import type { PastIssuesNode } from './features/pastIssuesView';
import { registerPastIssuesView } from './features/pastIssuesView';
import { registerPreparePublication } from './features/preparePublication';
import { registerSectionCompletions } from './features/sectionCompletions';
import { registerShowLog } from './features/showLog';
import { registerStampPublicationTime } from './features/stampPublicationTime';
import { registerStyleDiagnostics } from './features/styleDiagnostics';
import { registerWeeklyMaterial } from './features/weeklyMaterial';
import { GitHubAuth } from './vscode/githubAuth';
import { GitHubItemSource } from './vscode/githubItems';
import { OutputChannelLogger } from './vscode/logger';
import { PastIssuesIndex } from './vscode/pastIssuesIndex';
import { ExtensionSettings } from './vscode/settings';

/** What the extension exports: the Past Issues tree and the edition status, for tests and other extensions to read. */
export interface LwkdAuthorApi {
  readonly pastIssues: vscode.TreeDataProvider<PastIssuesNode>;
  /** The edition status bar item's text and tooltip, undefined while hidden. */
  readonly editionStatus: Pick<EditionStatus, 'current'>;
}

/** The GitHub item source of the running extension, whose pending cache save deactivate() finishes. */
let githubItems: GitHubItemSource | undefined;

export function activate(context: vscode.ExtensionContext): LwkdAuthorApi {
  const logger = new OutputChannelLogger('LWKD Author');
  context.subscriptions.push(logger);
  const { version: declared } = context.extension.packageJSON as { version?: unknown };
  const version = typeof declared === 'string' ? declared : '0.0.0';
  const settings = new ExtensionSettings();
  // Built on first use (the view opening, a search), never here.
  const index = new PastIssuesIndex(settings, logger);
  const userAgent = `lwkd-author/${version}`;
  const auth = new GitHubAuth(context.secrets, logger);
  const items = new GitHubItemSource(settings, auth, logger, userAgent, vscode.Uri.joinPath(context.globalStorageUri, 'github-cache.json'));
  githubItems = items;
  const deps = {
    logger,
    showLog: () => logger.show(),
    settings,
    index,
    auth,
    items,
    userAgent,
    snippetsFile: vscode.Uri.joinPath(context.extensionUri, 'snippets', 'lwkd.code-snippets'),
  };
  const pastIssues = registerPastIssuesView(deps);
  const editionStatus = registerEditionStatus(deps);
  context.subscriptions.push(
    auth,
    items,
    index,
    registerGitHubHover(deps),
    registerInsertPrTitle(deps),
    registerStyleDiagnostics(deps),
    registerSectionCompletions(deps),
    registerAddMissingSections(deps),
    registerGitHubTokenCommands(deps),
    pastIssues.disposable,
    registerFindInPastIssues(deps),
    registerShowLog(deps),
    registerGitHubConnection(deps),
    registerNewWeeklyIssue(deps),
    registerStampPublicationTime(deps),
    registerWeeklyMaterial(deps),
    registerPreparePublication(deps),
    editionStatus,
  );
  logger.info(`[extension] LWKD Author ${version} active in VS Code ${vscode.version}`);
  return { pastIssues: pastIssues.provider, editionStatus };
}

/**
 * VS Code calls this before it disposes context.subscriptions (which is where everything else
 * ends), and waits for the promise: the GitHub cache saved 2 s after a change would otherwise
 * be lost when the host exits within them.
 */
export function deactivate(): Promise<void> | undefined {
  return githubItems?.flush();
}
