import * as vscode from 'vscode';
import { checkEdition } from '../core/checkEdition';
import type { Finding, Severity } from '../core/lint';
import type { TextEdit } from '../core/textEdit';
import { editsOverlap } from '../core/textEdit';
import type { AuthorsIndex } from '../vscode/authors';
import type { CommandContext } from '../vscode/commands';
import { KeyedDebouncer } from '../vscode/debouncer';
import { DisposableStore } from '../vscode/dispose';
import type { GitHubItemSource } from '../vscode/githubItems';
import type { PastIssuesIndex } from '../vscode/pastIssuesIndex';
import type { ExtensionSettings } from '../vscode/settings';
import { toWorkspaceEdit } from '../vscode/textEdits';

export interface StyleDeps extends CommandContext {
  readonly settings: ExtensionSettings;
  readonly index: PastIssuesIndex;
  readonly items: GitHubItemSource;
  readonly authors: AuthorsIndex;
}

/** Typing pauses this long before an edition is checked again. */
const LINT_DEBOUNCE_MS = 300;
const SOURCE = 'LWKD';

function toSeverity(severity: Severity): vscode.DiagnosticSeverity {
  switch (severity) {
    case 'error':
      return vscode.DiagnosticSeverity.Error;
    case 'warning':
      return vscode.DiagnosticSeverity.Warning;
    case 'information':
      return vscode.DiagnosticSeverity.Information;
    case 'hint':
      return vscode.DiagnosticSeverity.Hint;
  }
}

/**
 * STYLESHEET.md checks as diagnostics on LWKD posts, updated as the writer types (debounced),
 * with each rule's fix as a quick fix and "Fix all auto-fixable" as a source action. Rules are
 * switched off or re-graded in `lwkd.lint.rules`.
 */
export function registerStyleDiagnostics(deps: StyleDeps): vscode.Disposable {
  const disposables = new DisposableStore();
  const collection = disposables.add(vscode.languages.createDiagnosticCollection('lwkd'));
  const debouncer = disposables.add(new KeyedDebouncer(LINT_DEBOUNCE_MS));
  // Each diagnostic's finding, so a quick fix need not lint again.
  const fixes = new WeakMap<vscode.Diagnostic, Finding>();
  const fixAll = vscode.CodeActionKind.SourceFixAll.append('lwkd');

  const check = (document: vscode.TextDocument): void => {
    if (document.languageId !== 'markdown' || !deps.index.isPost(document.uri) || !deps.settings.lintEnabled) {
      collection.delete(document.uri);
      return;
    }
    // Coverage needs the other editions: used once the index exists, which this never waits for.
    if (!deps.index.isBuilt) {
      void deps.index.ready();
    }
    const findings = checkEdition(document.getText(), document.uri.toString(), deps.index.isBuilt ? deps.index.index : undefined, {
      fileName: document.uri.path,
      otherMergesWordLimit: deps.settings.otherMergesWordLimit,
      recentWeeks: deps.settings.recentWeeks,
      cachedItem: (key) => deps.items.describe(key).item,
      rules: deps.settings.lintRules,
      ...authorsOption(deps.authors, document.uri),
    });
    const diagnostics: vscode.Diagnostic[] = [];
    for (const finding of findings) {
      const diagnostic = new vscode.Diagnostic(
        new vscode.Range(finding.line, finding.column, finding.endLine, finding.endColumn),
        finding.message,
        toSeverity(finding.severity),
      );
      diagnostic.source = SOURCE;
      diagnostic.code = finding.code;
      if (finding.fix) {
        fixes.set(diagnostic, finding);
      }
      diagnostics.push(diagnostic);
    }
    collection.set(document.uri, diagnostics);
  };

  const schedule = (document: vscode.TextDocument): void => {
    debouncer.run(document.uri.toString(), () => {
      if (!document.isClosed) {
        check(document);
      }
    });
  };

  vscode.workspace.textDocuments.forEach(check);
  // New or changed editions change what counts as "covered": check the open posts again.
  disposables.add(
    deps.index.onDidChange((change) => {
      for (const document of vscode.workspace.textDocuments) {
        if (change.rebuilt || !change.files.includes(document.uri.toString())) {
          schedule(document);
        }
      }
    }),
  );
  // authors.md read or changed: signatures are checked against it.
  disposables.add(deps.authors.onDidChange(() => vscode.workspace.textDocuments.forEach(schedule)));
  disposables.add(vscode.workspace.onDidOpenTextDocument(check));
  disposables.add(vscode.workspace.onDidChangeTextDocument((event) => schedule(event.document)));
  disposables.add(vscode.workspace.onDidCloseTextDocument((document) => collection.delete(document.uri)));
  disposables.add(
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('lwkd.lint') || event.affectsConfiguration('lwkd.postsFolder')) {
        vscode.workspace.textDocuments.forEach(check);
      }
    }),
  );
  disposables.add(
    vscode.languages.registerCodeActionsProvider({ language: 'markdown' }, new StyleFixProvider(collection, fixes, fixAll), {
      providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, fixAll],
    }),
  );
  return disposables;
}

/** The lint option for signatures: the folder's authors.md initials, when it has one that has been read. */
export function authorsOption(authors: AuthorsIndex, uri: vscode.Uri): { authors?: ReadonlySet<string> } {
  const initials = authors.initials(uri);
  return initials ? { authors: initials } : {};
}

class StyleFixProvider implements vscode.CodeActionProvider {
  constructor(
    private readonly collection: vscode.DiagnosticCollection,
    private readonly fixes: WeakMap<vscode.Diagnostic, Finding>,
    private readonly fixAll: vscode.CodeActionKind,
  ) {}

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    if (!context.only || context.only.contains(vscode.CodeActionKind.QuickFix)) {
      for (const diagnostic of context.diagnostics) {
        const finding = this.fixes.get(diagnostic);
        if (diagnostic.source !== SOURCE || !finding?.fix) {
          continue;
        }
        const action = new vscode.CodeAction(finding.fix.title, vscode.CodeActionKind.QuickFix);
        action.diagnostics = [diagnostic];
        action.isPreferred = true;
        action.edit = toWorkspaceEdit(document, finding.fix.edits);
        actions.push(action);
      }
    }
    if (!context.only || this.fixAll.contains(context.only) || context.only.contains(this.fixAll)) {
      const fixable = (this.collection.get(document.uri) ?? [])
        .map((diagnostic) => this.fixes.get(diagnostic))
        .filter((finding): finding is Finding => Boolean(finding?.fix));
      if (fixable.length > 0 && range) {
        const action = new vscode.CodeAction(vscode.l10n.t('Fix all auto-fixable LWKD style problems'), this.fixAll);
        action.edit = toWorkspaceEdit(
          document,
          nonOverlapping(fixable).flatMap((finding) => finding.fix?.edits ?? []),
        );
        actions.push(action);
      }
    }
    return actions;
  }
}

/** Fixes whose edits do not overlap each other's: applying all at once must not garble a line. */
function nonOverlapping(findings: readonly Finding[]): Finding[] {
  const taken: TextEdit[] = [];
  return findings.filter((finding) => {
    const edits = finding.fix?.edits ?? [];
    if (edits.some((edit) => taken.some((other) => editsOverlap(edit, other)))) {
      return false;
    }
    taken.push(...edits);
    return true;
  });
}
