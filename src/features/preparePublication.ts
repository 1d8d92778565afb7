import * as vscode from 'vscode';
import { literalIcons, plainLine } from '../core/safeText';
import type { ContributionsSource } from '../vscode/contributions';
import { Commands } from '../constants';
import { checkEdition } from '../core/checkEdition';
import type { CalendarDate, FrontMatterTime } from '../core/calendar';
import { formatFrontMatterTime, formatLongDate, frontMatterInstant } from '../core/calendar';
import { formatDuration } from '../core/deadlines';
import { readFrontMatterDate } from '../core/edition';
import { parseFrontMatter } from '../core/frontMatter';
import type { Finding } from '../core/lint';
import { LWKD_PERMALINK, siteBaseUrl, permalinkPost, postUrl } from '../core/permalink';
import { buttondownBody, buttondownSubject, isPlausibleStamp, socialFacts, socialPost } from '../core/publication';
import { replaceAllEdit } from '../core/textEdit';
import type { ButtondownFailureKind } from '../services/buttondown';
import { ButtondownError } from '../services/buttondown';
import type { ButtondownDrafts } from '../vscode/buttondownDrafts';
import type { LinkChecks } from '../vscode/linkChecks';
import type { CommandContext } from '../vscode/commands';
import { DisposableStore } from '../vscode/dispose';
import { registerCommand, showErrorWithLog } from '../vscode/commands';
import type { GitHubItemSource } from '../vscode/githubItems';
import type { PastIssuesIndex } from '../vscode/pastIssuesIndex';
import type { ExtensionSettings } from '../vscode/settings';
import { readSiteConfig } from '../vscode/siteConfig';
import type { WorkspaceFiles } from '../vscode/workspaceFiles';
import { stampEditor } from '../vscode/stampEditor';
import { toWorkspaceEdit } from '../vscode/textEdits';

export interface PreparePublicationDeps extends CommandContext {
  readonly files: WorkspaceFiles;
  readonly settings: ExtensionSettings;
  readonly index: PastIssuesIndex;
  readonly items: GitHubItemSource;
  readonly drafts: ButtondownDrafts;
  readonly linkChecks: LinkChecks;
  /** The News Items the edition used, listed so the editor can close them. */
  readonly contributions?: ContributionsSource;
}

/** For keybindings and tests; without them the command asks. */
export interface PreparePublicationArgs {
  /** When `date:` already holds a plausible stamp: keep it (true) or stamp now (false). */
  readonly keepDate?: boolean;
  /** Stamp before the week has ended without asking. */
  readonly force?: boolean;
  /** Show the checklist that copies each part (default true). */
  readonly checklist?: boolean;
  /** Make the Buttondown draft now, as the checklist's first item would (needs the API key). */
  readonly buttondown?: boolean;
}

/** What the link check before publishing found (when `lwkd.links.checkBeforePublishing` is on). */
export interface PublishLinks {
  readonly checked: number;
  readonly broken: number;
  readonly moved: number;
  readonly unchecked: number;
}

/** What became of the Buttondown draft, when one was asked for. */
export type ButtondownResult =
  | { readonly action: 'created' | 'updated'; readonly id: string; readonly url: string }
  | { readonly failed: ButtondownFailureKind; readonly message: string };

export type PreparePublicationResult =
  | { readonly outcome: 'blocked'; readonly errors: ReadonlyArray<{ readonly code: string; readonly line: number; readonly message: string }> }
  | {
      readonly outcome: 'prepared';
      /** `date:` as published, and whether this run stamped it. */
      readonly date: string;
      readonly stamped: boolean;
      readonly subject: string;
      readonly body: string;
      readonly permalink: string;
      readonly social: string;
      /** URI of the untitled social post draft. */
      readonly socialDraft: string;
      readonly buttondown?: ButtondownResult;
      readonly links?: PublishLinks;
      /** News Items used in the edition (inserted by LWKD Author, or linked), to close on GitHub. */
      readonly newsItems: ReadonlyArray<{ readonly number: number; readonly url: string }>;
    }
  | undefined;

/** The stamp step replaces `date:`, so findings about it neither block nor count. */
const SETTLED_BY_STAMP = new Set(['date-form', 'date-before-week-end', 'date-template-default']);

interface ChecklistItem extends vscode.QuickPickItem {
  readonly copy?: string;
  /** A News Item to close: its page opens. */
  readonly close?: string;
  readonly draft?: vscode.TextDocument;
  readonly buttondown?: true;
}

/**
 * LWKD: Prepare Publication: publishing.md's steps that need the edition, in order. Style errors
 * stop it; then the publication time is stamped (through Stamp Publication Time's code) or a
 * plausible one kept, and the edition saved; then the Buttondown subject is copied, a social
 * post draft opens, and a checklist copies the body and permalink when the writer is ready for
 * them (the clipboard holds one at a time). The post changes only through the stamp.
 */
export function registerPreparePublication(deps: PreparePublicationDeps): vscode.Disposable {
  const publication = createPreparePublication(deps);
  return vscode.Disposable.from(
    registerCommand(Commands.preparePublication, deps, (args?: PreparePublicationArgs) => publication.run(args)),
    publication,
  );
}

interface PreparePublication extends vscode.Disposable {
  run(args?: PreparePublicationArgs): Promise<PreparePublicationResult>;
}

function createPreparePublication(deps: PreparePublicationDeps): PreparePublication {
  let checklist: vscode.QuickPick<ChecklistItem> | undefined;
  /** The notice of what blocks publication, until the errors are fixed. */
  let blocking: vscode.Disposable | undefined;
  /** The social post draft of the last run: a second run fills it again instead of opening another. */
  let draft: vscode.TextDocument | undefined;
  const run = async (args?: PreparePublicationArgs): Promise<PreparePublicationResult> => {
    const editor = vscode.window.activeTextEditor;
    const week = editor && deps.index.editionWeek(editor.document.uri);
    if (!editor || !week) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Open the edition to publish in the editor first.'));
      return undefined;
    }
    const document = editor.document;
    blocking?.dispose();

    const findings = (await lint(deps, document)).filter((finding) => !SETTLED_BY_STAMP.has(finding.code));
    const errors = findings.filter((finding) => finding.severity === 'error');
    if (errors.length > 0) {
      blocking = showBlocking(document, errors, async () =>
        (await lint(deps, document)).some((finding) => finding.severity === 'error' && !SETTLED_BY_STAMP.has(finding.code)),
      );
      return { outcome: 'blocked', errors: errors.map(({ code, line, message }) => ({ code, line, message })) };
    }

    const before = readFrontMatterDate(document.getText());
    const now = new Date();
    const keep = before?.time && isPlausibleStamp(before.time, week, now) ? (args?.keepDate ?? (await askKeep(before.raw, before.time, now))) : false;
    if (keep === undefined) {
      return undefined;
    }
    if (!keep && (await stampEditor(editor, args)) === undefined) {
      return undefined;
    }
    if (document.isDirty && !(await document.save())) {
      throw new Error(vscode.l10n.t('The edition could not be saved; save it and run Prepare Publication again.'));
    }

    const text = document.getText();
    const date = readFrontMatterDate(text);
    if (!date?.time) {
      throw new Error(vscode.l10n.t('The edition has no date: line to publish under.'));
    }
    const folder = vscode.workspace.getWorkspaceFolder(document.uri);
    const fallbackUrl = deps.settings.siteUrl(folder);
    const site = await readSiteConfig(folder, deps.files, deps.logger);
    const post = permalinkPost(parseFrontMatter(text).data, document.uri.path, date.time);
    let permalink: string;
    let problem = site.problem;
    try {
      permalink = postUrl(site.config, fallbackUrl, post);
    } catch (error) {
      problem = error instanceof Error ? error.message : String(error);
      permalink = postUrl({ ...site.config, permalink: LWKD_PERMALINK }, fallbackUrl, { time: post.time, slug: post.slug });
    }
    if (problem) {
      deps.logger.warn(`[publish] ${problem}; using ${LWKD_PERMALINK}`);
      void vscode.window.showWarningMessage(vscode.l10n.t("{0}; the permalink uses LWKD's pattern {1}.", problem, LWKD_PERMALINK));
    }

    const subject = buttondownSubject(week);
    const siteUrl = siteBaseUrl(site.config, fallbackUrl);
    const body = buttondownBody(text, week, siteUrl);
    const social = socialPost(week, socialFacts(text), permalink);
    await vscode.env.clipboard.writeText(subject);
    draft = await socialDraft(draft, social);
    await vscode.window.showTextDocument(draft, { viewColumn: vscode.ViewColumn.Beside, preview: false });
    deps.logger.info(`[publish] ${document.uri.path}: ${date.raw}, ${permalink}`);

    const edition = document.uri.path.slice(document.uri.path.lastIndexOf('/') + 1).replace(/\.md$/i, '');
    const makeDraft = (): Promise<ButtondownResult> => saveButtondownDraft(deps, edition, subject, body);
    const buttondown = args?.buttondown ? await makeDraft() : undefined;
    const newsItems = deps.contributions?.usedNewsItems(week, text) ?? [];
    if (args?.checklist !== false) {
      checklist?.dispose();
      const offerDraft =
        !args?.buttondown && (await deps.drafts.hasKey()) ? { update: deps.drafts.knownDraft(edition) !== undefined, make: makeDraft } : undefined;
      checklist = showChecklist(
        week,
        keep ? vscode.l10n.t('Kept {0}', date.raw) : vscode.l10n.t('Stamped {0}', date.raw),
        findings.filter((finding) => finding.severity === 'warning').length,
        [subject, body, permalink],
        draft,
        offerDraft,
        newsItems,
      );
    }
    // Last, and awaited only by the command's caller: the checklist is already open.
    const links = deps.settings.linksBeforePublishing(folder) ? await checkLinksBeforePublishing(deps, document, siteUrl) : undefined;
    return {
      outcome: 'prepared',
      date: date.raw,
      stamped: !keep,
      subject,
      body,
      permalink,
      social,
      socialDraft: draft.uri.toString(),
      ...(buttondown ? { buttondown } : {}),
      ...(links ? { links } : {}),
      newsItems: newsItems.map(({ number, url }) => ({ number, url })),
    };
  };
  return {
    run,
    dispose: () => {
      checklist?.dispose();
      blocking?.dispose();
    },
  };
}

/**
 * Makes or refreshes the edition's draft in Buttondown, then offers to open it there (where the
 * editor reviews and sends it). A refusal is one message with Show Log, never a thrown error:
 * the edition is prepared either way, and the copy steps still work.
 */
async function saveButtondownDraft(deps: PreparePublicationDeps, edition: string, subject: string, body: string): Promise<ButtondownResult> {
  try {
    const outcome = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Saving the Buttondown draft…') },
      () => deps.drafts.save(edition, subject, body),
    );
    const open = vscode.l10n.t('Open in Buttondown');
    const message =
      outcome.action === 'created'
        ? vscode.l10n.t('Buttondown draft created: "{0}". Nothing was sent.', subject)
        : vscode.l10n.t('Buttondown draft updated: "{0}". Nothing was sent.', subject);
    void vscode.window
      .showInformationMessage(message, open)
      .then((choice) => (choice === open ? vscode.env.openExternal(vscode.Uri.parse(outcome.url)) : undefined));
    return { action: outcome.action, id: outcome.email.id, url: outcome.url };
  } catch (error) {
    if (error instanceof ButtondownError) {
      deps.logger.warn(`[buttondown] ${error.kind}: ${error.message}`);
      void showErrorWithLog(error.message, deps);
      return { failed: error.kind, message: error.message };
    }
    throw error;
  }
}

/**
 * The link check as a publishing step: it warns, it never blocks. Broken and moved links are
 * marked in the edition; the warning says how many and opens the Problems view on request.
 */
async function checkLinksBeforePublishing(deps: PreparePublicationDeps, document: vscode.TextDocument, siteUrl: string): Promise<PublishLinks> {
  const { checked, broken, moved, unchecked } = await deps.linkChecks.check(document, siteUrl);
  if (broken + moved > 0) {
    const show = vscode.l10n.t('Show Problems');
    const message =
      broken > 0
        ? vscode.l10n.t('{0} broken and {1} moved links in the edition; they are marked where they are. Publication is not stopped.', broken, moved)
        : vscode.l10n.t('{0} links in the edition have moved; each has a fix to its new address. Publication is not stopped.', moved);
    void vscode.window
      .showWarningMessage(message, show)
      .then((choice) => (choice === show ? vscode.commands.executeCommand('workbench.actions.view.problems') : undefined));
  }
  return { checked, broken, moved, unchecked };
}

/** The last run's untitled draft, refilled, while it is still open and unsaved; else a new one. */
async function socialDraft(previous: vscode.TextDocument | undefined, social: string): Promise<vscode.TextDocument> {
  if (previous && !previous.isClosed && previous.isUntitled) {
    if (await vscode.workspace.applyEdit(toWorkspaceEdit(previous, [replaceAllEdit(previous.getText(), social)]))) {
      return previous;
    }
  }
  return vscode.workspace.openTextDocument({ language: 'markdown', content: social });
}

/** The style checks at the publishing stage, with the writer's `lwkd.lint.rules` applied. */
async function lint(deps: PreparePublicationDeps, document: vscode.TextDocument): Promise<Finding[]> {
  return checkEdition(document.getText(), document.uri.toString(), await deps.index.ready(), {
    fileName: document.uri.path,
    stage: 'publishing',
    otherMergesWordLimit: deps.settings.otherMergesWordLimit,
    recentWeeks: deps.settings.recentWeeks,
    cachedItem: (key) => deps.items.describe(key).item,
    rules: deps.settings.lintRules,
  });
}

/** A pause in typing before the edition is checked again. */
const RECHECK_MS = 300;

/**
 * Shows the first error and the Problems view, and a notice that closes by itself once the
 * edition has no blocking error (or is closed, or the writer dismisses it): an error toast
 * would stay on screen after the writer fixed what it names.
 */
function showBlocking(document: vscode.TextDocument, errors: readonly Finding[], stillBlocked: () => Promise<boolean>): vscode.Disposable {
  const first = errors[0]!;
  void vscode.window
    .showTextDocument(document, { selection: new vscode.Range(first.line, first.column, first.endLine, first.endColumn) })
    .then(() => vscode.commands.executeCommand('workbench.actions.view.problems'));
  let finish = (): void => undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });
  const subscriptions = new DisposableStore();
  subscriptions.add(
    vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.document === document) {
        clearTimeout(timer);
        timer = setTimeout(
          () =>
            void stillBlocked().then(
              (blocked) => blocked || finish(),
              () => undefined,
            ),
          RECHECK_MS,
        );
      }
    }),
  );
  subscriptions.add(vscode.workspace.onDidCloseTextDocument((closed) => closed === document && finish()));
  const title =
    errors.length === 1
      ? vscode.l10n.t('A style error blocks publication. Line {0}: {1}', first.line + 1, first.message)
      : vscode.l10n.t('{0} style errors block publication. Line {1}: {2}', errors.length, first.line + 1, first.message);
  void vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (_progress, token) => {
    token.onCancellationRequested(finish);
    return done;
  });
  void done.then(() => {
    clearTimeout(timer);
    subscriptions.dispose();
  });
  return { dispose: finish };
}

async function askKeep(raw: string, time: FrontMatterTime, now: Date): Promise<boolean | undefined> {
  const items = [
    {
      label: vscode.l10n.t('Keep {0}', raw),
      description: vscode.l10n.t('{0} ago', formatDuration(now.getTime() - frontMatterInstant(time).getTime())),
      keep: true,
    },
    { label: vscode.l10n.t('Stamp the current time'), description: formatFrontMatterTime(now), keep: false },
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Prepare Publication'),
    placeHolder: vscode.l10n.t('The edition already has a publication time. Keep it?'),
  });
  return picked?.keep;
}

/**
 * The copy steps, in publishing.md's order, in a picker that stays open while the writer pastes
 * elsewhere. The subject is already on the clipboard, so the body is the next to copy.
 */
function showChecklist(
  week: CalendarDate,
  dated: string,
  warnings: number,
  [subject, body, permalink]: readonly string[],
  draft: vscode.TextDocument,
  offerDraft?: { readonly update: boolean; readonly make: () => Promise<ButtondownResult> },
  newsItems: ReadonlyArray<{ readonly number: number; readonly url: string; readonly title: string }> = [],
): vscode.QuickPick<ChecklistItem> {
  const parts: ReadonlyArray<readonly [string, string, string]> = [
    [vscode.l10n.t('Buttondown subject'), subject!, subject!],
    [vscode.l10n.t('Buttondown body'), vscode.l10n.t('{0} lines, front matter removed', body!.split('\n').length - 1), body!],
    [vscode.l10n.t('Permalink'), permalink!, permalink!],
  ];
  const picker = vscode.window.createQuickPick<ChecklistItem>();
  let saved: ButtondownResult | undefined;
  // The part on the clipboard is checked; the clipboard holds one at a time.
  const render = (copied: number): void => {
    const items: ChecklistItem[] = parts.map(([name, description, text], i) => ({
      label: `$(${i === copied ? 'check' : 'copy'}) ${name}`,
      description,
      copy: text,
    }));
    items.push({ label: `$(comment-discussion) ${vscode.l10n.t('Show social post draft')}`, description: vscode.l10n.t('Bluesky and Mastodon'), draft });
    // Last: once the edition is out, the News Items it used are closed on GitHub.
    for (const item of newsItems) {
      items.push({
        label: `$(issue-closed) ${vscode.l10n.t('Close News Item #{0}', item.number)}`,
        description: literalIcons(plainLine(item.title)),
        detail: item.url,
        close: item.url,
      });
    }
    if (offerDraft) {
      // With an API key the draft replaces pasting the subject and body: offered first.
      const done = saved && 'action' in saved;
      items.unshift({
        label: done
          ? `$(check) ${vscode.l10n.t('Buttondown draft saved')}`
          : `$(cloud-upload) ${offerDraft.update ? vscode.l10n.t('Update Buttondown Draft') : vscode.l10n.t('Create Buttondown Draft')}`,
        description: done ? vscode.l10n.t('nothing was sent') : vscode.l10n.t('subject and body through the API, as a draft; nothing is sent'),
        buttondown: true,
      });
    }
    picker.items = items;
    const next = offerDraft && !saved ? 0 : Math.min(copied + 1 + (offerDraft ? 1 : 0), items.length - 1);
    picker.activeItems = [items[next]!];
  };
  picker.title = vscode.l10n.t('Prepare Publication: Week Ending {0}', formatLongDate(week));
  picker.placeholder =
    warnings === 1
      ? vscode.l10n.t('{0} · no style errors, 1 warning · pick a part to copy it', dated)
      : vscode.l10n.t('{0} · no style errors, {1} warnings · pick a part to copy it', dated, warnings);
  picker.ignoreFocusOut = true;
  render(0);
  let copied = 0;
  picker.onDidAccept(async () => {
    const item = picker.activeItems[0];
    if (item?.buttondown && offerDraft) {
      picker.busy = true;
      saved = await offerDraft.make();
      picker.busy = false;
      render(copied);
    } else if (item?.copy !== undefined) {
      await vscode.env.clipboard.writeText(item.copy);
      copied = parts.findIndex(([, , text]) => text === item.copy);
      render(copied);
    } else if (item?.draft) {
      picker.hide();
      await vscode.window.showTextDocument(item.draft, { preview: false });
    } else if (item?.close && /^https:\/\//.test(item.close)) {
      await vscode.env.openExternal(vscode.Uri.parse(item.close, true));
    }
  });
  picker.onDidHide(() => picker.dispose());
  picker.show();
  return picker;
}
