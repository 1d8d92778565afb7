import * as vscode from 'vscode';
import { registerAddMissingSections } from './features/addMissingSections';
import { registerAddMeToAuthors } from './features/authors';
import { contributionRows, registerContributions } from './features/contributions';
import { registerButtondownKeyCommands } from './features/buttondownKey';
import { registerCheckLinks } from './features/checkLinks';
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
import { AuthorsIndex } from './vscode/authors';
import { ButtondownDrafts } from './vscode/buttondownDrafts';
import { ContributionsSource } from './vscode/contributions';
import { GitHubAuth } from './vscode/githubAuth';
import { GitHubItemSource } from './vscode/githubItems';
import { OutputChannelLogger } from './vscode/logger';
import { PastIssuesIndex } from './vscode/pastIssuesIndex';
import type { Branches } from './vscode/git';
import { LinkChecks } from './vscode/linkChecks';
import { ExtensionSettings } from './vscode/settings';
import type { LocalDisk } from './vscode/workspaceFiles';
import { WorkspaceFiles } from './vscode/workspaceFiles';

/** What the extension exports: the Past Issues tree and the edition status, for tests and other extensions to read. */
export interface LwkdAuthorApi {
  readonly pastIssues: vscode.TreeDataProvider<PastIssuesNode>;
  /** The edition status bar item's text and tooltip, undefined while hidden. */
  readonly editionStatus: Pick<EditionStatus, 'current'>;
  /** What the last index build took from the saved index and what it read, once there was one. */
  readonly indexBuild: () => PastIssuesIndex['lastBuild'];
}

/**
 * What differs between the extension's hosts. Desktop (and remote) VS Code runs us in Node beside
 * the Git extension; github.dev and vscode.dev run us in a browser web worker with neither.
 */
export interface Host {
  /** The local disk under `file:` URIs (desktop only). */
  readonly disk?: LocalDisk;
  /** Branch making for New Weekly Issue (desktop only). */
  readonly branches?: Branches;
}

/** The running extension: what activate() built and deactivate() must finish. */
export interface RunningExtension {
  readonly api: LwkdAuthorApi;
  /** Finishes the pending saves of the GitHub cache and the index. */
  readonly flush: () => Promise<void>;
}

/** Builds the shared services, registers every feature, and pushes their disposables: the same on every host. */
export function activateLwkdAuthor(context: vscode.ExtensionContext, host: Host): RunningExtension {
  const logger = new OutputChannelLogger('LWKD Author');
  context.subscriptions.push(logger);
  const { version: declared } = context.extension.packageJSON as { version?: unknown };
  const version = typeof declared === 'string' ? declared : '0.0.0';
  const settings = new ExtensionSettings();
  const files = new WorkspaceFiles(host.disk);
  // Built on first use (the view opening, a search), never here.
  const index = new PastIssuesIndex(settings, logger, files, context.storageUri && vscode.Uri.joinPath(context.storageUri, 'past-issues-index.bin'));
  const userAgent = `lwkd-author/${version}`;
  const auth = new GitHubAuth(context.secrets, logger);
  const items = new GitHubItemSource(settings, auth, logger, userAgent, vscode.Uri.joinPath(context.globalStorageUri, 'github-cache.json'));
  const drafts = new ButtondownDrafts(context.secrets, context.workspaceState, settings, logger, userAgent);
  const linkChecks = new LinkChecks(settings, files, items, logger, userAgent);
  const authors = new AuthorsIndex(files, logger);
  const contributions = new ContributionsSource(settings, auth, context.workspaceState, logger, userAgent);
  const base = {
    files,
    drafts,
    linkChecks,
    globalState: context.globalState,
    ...(host.branches ? { branches: host.branches } : {}),
    logger,
    showLog: () => logger.show(),
    settings,
    index,
    auth,
    items,
    userAgent,
    snippetsFile: vscode.Uri.joinPath(context.extensionUri, 'snippets', 'lwkd.code-snippets'),
    authors,
    contributions,
  };
  const deps = { ...base, contributionRows: contributionRows(base) };
  const pastIssues = registerPastIssuesView(deps);
  const editionStatus = registerEditionStatus(deps);
  context.subscriptions.push(
    auth,
    items,
    index,
    authors,
    contributions,
    registerGitHubHover(deps),
    registerInsertPrTitle(deps),
    registerStyleDiagnostics(deps),
    registerSectionCompletions(deps),
    registerAddMissingSections(deps),
    registerGitHubTokenCommands(deps),
    registerButtondownKeyCommands(deps),
    linkChecks,
    registerCheckLinks(deps),
    pastIssues.disposable,
    registerFindInPastIssues(deps),
    registerShowLog(deps),
    registerGitHubConnection(deps),
    registerNewWeeklyIssue(deps),
    registerStampPublicationTime(deps),
    registerWeeklyMaterial(deps),
    registerPreparePublication(deps),
    registerContributions(deps),
    registerAddMeToAuthors(deps),
    editionStatus,
  );
  logger.info(`[extension] LWKD Author ${version} active in VS Code ${vscode.version}`);
  return {
    api: { pastIssues: pastIssues.provider, editionStatus, indexBuild: () => index.lastBuild },
    flush: async () => {
      await Promise.all([items.flush(), index.flush()]);
    },
  };
}
