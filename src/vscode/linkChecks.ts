import * as vscode from 'vscode';
import type { Logger } from '../core/logger';
import { siteBaseUrl } from '../core/permalink';
import type { LinkResult } from '../services/editionLinks';
import { checkEditionLinks } from '../services/editionLinks';
import { LinkChecker } from '../services/linkChecker';
import { Disposable } from './dispose';
import type { GitHubItemSource } from './githubItems';
import type { ExtensionSettings } from './settings';
import { readSiteConfig } from './siteConfig';
import type { WorkspaceFiles } from './workspaceFiles';

export const LINK_SOURCE = 'LWKD links';

/** What a check found, for the command's caller and Prepare Publication's warning. */
export interface LinkSummary {
  readonly checked: number;
  readonly broken: number;
  readonly moved: number;
  readonly unchecked: number;
  readonly cancelled: boolean;
  readonly results: readonly LinkResult[];
}

/**
 * An edition's links checked and shown as diagnostics on them: broken (404, 410, a PR or issue
 * GitHub does not have) as errors, permanent moves as warnings with a fix to the new address,
 * "could not check" as information. Results of the session are kept by the checker, so a second
 * run asks only what it has not asked; the diagnostics go when the edition is edited, since
 * their places move.
 */
export class LinkChecks extends Disposable {
  private readonly diagnostics = this._register(vscode.languages.createDiagnosticCollection(LINK_SOURCE));
  /** `uri#line:column` of a moved link → where it moved. */
  private readonly moves = new Map<string, string>();
  private checker: LinkChecker | undefined;
  private checkerTimeout = 0;

  constructor(
    private readonly settings: ExtensionSettings,
    private readonly files: WorkspaceFiles,
    private readonly items: GitHubItemSource,
    private readonly logger: Logger,
    private readonly userAgent: string,
  ) {
    super();
    this._register(
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.contentChanges.length > 0 && this.diagnostics.has(event.document.uri)) {
          this.diagnostics.delete(event.document.uri);
        }
      }),
    );
    this._register(vscode.workspace.onDidCloseTextDocument((document) => this.diagnostics.delete(document.uri)));
  }

  /** The new address of the moved link at `range`, if the last check found one there. */
  movedTarget(uri: vscode.Uri, range: vscode.Range): string | undefined {
    return this.moves.get(`${uri.toString()}#${range.start.line}:${range.start.character}`);
  }

  /**
   * Checks the document's links with a cancellable progress notification. `siteUrl`, when the
   * caller has read it already, saves reading `_config.yml` again.
   */
  async check(document: vscode.TextDocument, siteUrl?: string): Promise<LinkSummary> {
    siteUrl ??= await this.siteUrl(document.uri);
    const text = document.getText();
    const version = document.version;
    return vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking links'), cancellable: true },
      async (progress, token) => {
        const controller = new AbortController();
        token.onCancellationRequested(() => controller.abort());
        let reported = 0;
        const results = await checkEditionLinks(text, siteUrl, this.items, this.linkChecker(), controller.signal, (done, total) => {
          const percent = Math.floor((done / total) * 100);
          progress.report({ message: vscode.l10n.t('{0} of {1}', done, total), increment: percent - reported });
          reported = percent;
        });
        const summary = summarize(results, token.isCancellationRequested);
        // Positions belong to the text that was checked: an edit since then makes them stale.
        if (document.version === version) {
          this.show(document.uri, results);
        }
        this.logger.info(
          `[links] ${document.uri.path}: ${summary.checked} checked, ${summary.broken} broken, ${summary.moved} moved, ${summary.unchecked} not checked${summary.cancelled ? ' (cancelled)' : ''}`,
        );
        return summary;
      },
    );
  }

  private async siteUrl(uri: vscode.Uri): Promise<string> {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const site = await readSiteConfig(folder, this.files, this.logger);
    return siteBaseUrl(site.config, this.settings.siteUrl(folder));
  }

  private linkChecker(): LinkChecker {
    const timeoutMs = this.settings.linksTimeoutMs;
    if (!this.checker || this.checkerTimeout !== timeoutMs) {
      this.checker = new LinkChecker({ timeoutMs, userAgent: this.userAgent });
      this.checkerTimeout = timeoutMs;
    }
    return this.checker;
  }

  private show(uri: vscode.Uri, results: readonly LinkResult[]): void {
    for (const key of [...this.moves.keys()].filter((candidate) => candidate.startsWith(`${uri.toString()}#`))) {
      this.moves.delete(key);
    }
    const diagnostics: vscode.Diagnostic[] = [];
    for (const { url, line, column, endColumn, verdict } of results) {
      const range = new vscode.Range(line, column, line, endColumn);
      let diagnostic: vscode.Diagnostic;
      switch (verdict.kind) {
        case 'ok':
          continue;
        case 'broken':
          diagnostic = new vscode.Diagnostic(
            range,
            verdict.status === 404 || verdict.status === 410
              ? vscode.l10n.t('Broken link: {0} answers {1}.', url, verdict.status)
              : vscode.l10n.t('Broken link: {0} is not an address.', url),
            vscode.DiagnosticSeverity.Error,
          );
          diagnostic.code = 'link-broken';
          break;
        case 'moved':
          diagnostic = new vscode.Diagnostic(range, vscode.l10n.t('{0} has moved to {1}.', url, verdict.to), vscode.DiagnosticSeverity.Warning);
          diagnostic.code = 'link-moved';
          this.moves.set(`${uri.toString()}#${line}:${column}`, verdict.to);
          break;
        case 'unchecked':
          diagnostic = new vscode.Diagnostic(
            range,
            vscode.l10n.t('{0} could not be checked: {1}.', url, verdict.reason),
            vscode.DiagnosticSeverity.Information,
          );
          diagnostic.code = 'link-unchecked';
          break;
      }
      diagnostic.source = LINK_SOURCE;
      diagnostics.push(diagnostic);
    }
    this.diagnostics.set(uri, diagnostics);
  }
}

function summarize(results: readonly LinkResult[], cancelled: boolean): LinkSummary {
  const count = (kind: string) => results.filter((result) => result.verdict.kind === kind).length;
  return { checked: results.length, broken: count('broken'), moved: count('moved'), unchecked: count('unchecked'), cancelled, results };
}
