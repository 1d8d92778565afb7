import * as vscode from 'vscode';
import { Commands } from '../constants';
import type { CalendarDate } from '../core/calendar';
import {
  calendarDateIn,
  dayOfWeek,
  formatIsoDate,
  formatLongDate,
  isKnownTimeZone,
  parseCalendarDate,
  sundayEndingWeekOf,
  WEEKDAY_NAMES,
  weekEnding,
} from '../core/calendar';
import { BUILTIN_TEMPLATE, editionBranchName, editionFileName, firstWritingPosition, renderTemplate } from '../core/edition';
import type { CommandContext } from '../vscode/commands';
import { registerCommand } from '../vscode/commands';
import type { Branches } from '../vscode/git';
import type { CreateBranchSetting, ExtensionSettings } from '../vscode/settings';
import { FileError } from '../core/fileError';
import type { WorkspaceFiles } from '../vscode/workspaceFiles';
import { chooseSiteFolder, statOrUndefined } from '../vscode/workspaceFiles';

export interface NewWeeklyIssueDeps extends CommandContext {
  readonly files: WorkspaceFiles;
  readonly settings: ExtensionSettings;
  /** Absent in the browser, where no Git extension runs beside us: the branch step is skipped. */
  readonly branches?: Branches;
  /** Remembers that the writer was told the browser makes no branch. */
  readonly globalState: vscode.Memento;
}

/** Arguments for keybindings and scripts; without them the command asks. */
export interface NewWeeklyIssueArgs {
  /** `YYYY-MM-DD`, a Sunday. */
  readonly weekEnding?: string;
  readonly createBranch?: CreateBranchSetting;
}

export type NewWeeklyIssueResult =
  | {
      readonly outcome: 'created';
      readonly uri: string;
      readonly branch?: string;
      /** True when this run told the writer that the browser makes no branch (once, ever). */
      readonly toldNoBranch?: boolean;
    }
  | { readonly outcome: 'exists' | 'unsaved'; readonly uri: string }
  | undefined;

/**
 * LWKD: New Weekly Issue. Scaffolds `_posts/<Sunday>-update.md` from the workspace's template.md
 * (or the built-in one), opens it where the writing starts, and optionally checks out the week's
 * branch. It never overwrites: an edition that exists, on disk or unsaved in an editor, is
 * opened instead.
 */
export function registerNewWeeklyIssue(deps: NewWeeklyIssueDeps): vscode.Disposable {
  // One scaffold per target at a time: a second invocation waits for the first and then finds
  // the file, so two quick invocations make one file.
  const inFlight = new Map<string, Promise<unknown>>();

  return registerCommand(Commands.newWeeklyIssue, deps, async (args?: NewWeeklyIssueArgs): Promise<NewWeeklyIssueResult> => {
    const folder = await chooseSiteFolder(deps.settings, vscode.l10n.t('Which LWKD site is the new edition for?'));
    if (!folder) {
      if (!vscode.workspace.workspaceFolders?.length) {
        void vscode.window.showWarningMessage(vscode.l10n.t('Open the folder of your LWKD repository first.'));
      }
      return undefined;
    }
    const week = args?.weekEnding !== undefined ? parseWeekArgument(args.weekEnding) : await pickWeek(today(deps));
    if (!week) {
      return undefined;
    }
    const target = vscode.Uri.joinPath(folder.uri, deps.settings.postsFolder(folder), editionFileName(week));
    const key = target.toString();
    const previous = inFlight.get(key);
    const run = (previous ?? Promise.resolve()).catch(() => undefined).then(() => scaffold(deps, folder, week, target));
    inFlight.set(key, run);
    let result: NewWeeklyIssueResult;
    try {
      result = await run;
    } finally {
      if (inFlight.get(key) === run) {
        inFlight.delete(key);
      }
    }
    // After the lock: asking about the branch may wait on the writer for as long as they like.
    if (result?.outcome === 'created') {
      const setting = args?.createBranch ?? deps.settings.createBranch(folder);
      if (!deps.branches) {
        return setting !== 'never' && (await tellNoBranchOnce(deps)) ? { ...result, toldNoBranch: true } : result;
      }
      const branch = await maybeCheckOutBranch(deps, deps.branches, folder, week, setting);
      return branch ? { ...result, branch } : result;
    }
    return result;
  });
}

function parseWeekArgument(text: string): CalendarDate {
  const date = parseCalendarDate(text);
  if (!date || dayOfWeek(date) !== 0) {
    throw new Error(vscode.l10n.t('weekEnding must be a Sunday written YYYY-MM-DD (got "{0}").', text));
  }
  return date;
}

/** The writer's date: in `lwkd.timeZone` when set (remote hosts often run in UTC), else the host's. */
function today(deps: NewWeeklyIssueDeps): CalendarDate {
  const zone = deps.settings.timeZone();
  if (zone && !isKnownTimeZone(zone)) {
    deps.logger.warn(`[newWeeklyIssue] lwkd.timeZone "${zone}" is not a known time zone; using the system's`);
    return calendarDateIn(new Date());
  }
  return calendarDateIn(new Date(), zone);
}

interface WeekItem extends vscode.QuickPickItem {
  readonly week?: CalendarDate;
}

async function pickWeek(now: CalendarDate): Promise<CalendarDate | undefined> {
  const next = weekEnding(now, 'next');
  const last = weekEnding(now, 'last');
  const isSunday = dayOfWeek(now) === 0;
  const items: WeekItem[] = [
    {
      label: vscode.l10n.t('Next Sunday'),
      description: formatLongDate(next),
      detail: isSunday ? vscode.l10n.t('Today is Sunday: the week ending today') : vscode.l10n.t('The week in progress'),
      week: next,
    },
    { label: vscode.l10n.t('Last Sunday'), description: formatLongDate(last), detail: vscode.l10n.t('The week that has ended'), week: last },
    { label: vscode.l10n.t('Another week…'), detail: vscode.l10n.t('Type the week-ending Sunday as YYYY-MM-DD') },
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('New Weekly Issue'),
    placeHolder: vscode.l10n.t('Which week does the edition cover?'),
  });
  if (!picked) {
    return undefined;
  }
  if (picked.week) {
    return picked.week;
  }
  const typed = await vscode.window.showInputBox({
    title: vscode.l10n.t('New Weekly Issue'),
    prompt: vscode.l10n.t('The Sunday the week ends on, as YYYY-MM-DD'),
    value: formatIsoDate(next),
    validateInput: validateWeekInput,
  });
  return typed === undefined ? undefined : parseCalendarDate(typed);
}

/** Input-box validation: a real date, and a Sunday; otherwise says which Sunday ends that week. */
export function validateWeekInput(text: string): string | undefined {
  const date = parseCalendarDate(text);
  if (!date) {
    return vscode.l10n.t('Type a date as YYYY-MM-DD, e.g. 2026-08-02.');
  }
  if (dayOfWeek(date) !== 0) {
    const sunday = sundayEndingWeekOf(date);
    return vscode.l10n.t(
      '{0} is a {1}. LWKD weeks end on Sundays: that week ends on {2}.',
      formatLongDate(date),
      WEEKDAY_NAMES[dayOfWeek(date)]!,
      formatIsoDate(sunday),
    );
  }
  return undefined;
}

async function scaffold(deps: NewWeeklyIssueDeps, folder: vscode.WorkspaceFolder, week: CalendarDate, target: vscode.Uri): Promise<NewWeeklyIssueResult> {
  const relative = vscode.workspace.asRelativePath(target);
  // An editor may hold this path's text unsaved: the file itself, or an untitled one for it.
  const open = vscode.workspace.textDocuments.find(
    (document) => document.uri.toString() === target.toString() || (document.uri.scheme === 'untitled' && document.uri.path === target.path),
  );
  let onDisk: vscode.FileStat | undefined;
  try {
    onDisk = await statOrUndefined(target);
  } catch (error) {
    // e.g. a posts "folder" that is a file: the edition cannot be there, nor be created.
    throw creationError(relative, error);
  }
  if (open && (open.isDirty || !onDisk)) {
    await vscode.window.showTextDocument(open, { preview: false });
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} is already open with unsaved changes; switched to it.', relative));
    return { outcome: 'unsaved', uri: target.toString() };
  }
  if (onDisk) {
    await vscode.window.showTextDocument(target, { preview: false });
    void vscode.window.showInformationMessage(vscode.l10n.t('The edition for the week ending {0} already exists; opened {1}.', formatLongDate(week), relative));
    return { outcome: 'exists', uri: target.toString() };
  }

  const template = await deps.files.readTemplate(folder, deps.settings);
  if (template === undefined) {
    deps.logger.info(`[newWeeklyIssue] no ${deps.settings.templatePath(folder)}; using the built-in template`);
  }
  const text = renderTemplate(template ?? BUILTIN_TEMPLATE, week);
  try {
    await deps.files.createNewFile(target, new TextEncoder().encode(text));
  } catch (error) {
    if (error instanceof FileError && error.kind === 'exists') {
      // Created by someone else since the check above: theirs stands.
      await vscode.window.showTextDocument(target, { preview: false });
      void vscode.window.showInformationMessage(
        vscode.l10n.t('The edition for the week ending {0} already exists; opened {1}.', formatLongDate(week), relative),
      );
      return { outcome: 'exists', uri: target.toString() };
    }
    throw creationError(relative, error);
  }
  deps.logger.info(`[newWeeklyIssue] created ${relative}`);

  const position = firstWritingPosition(text);
  const cursor = new vscode.Position(position.line, position.character);
  // Pinned, not a preview tab: the writer works in it for days, and a preview would be replaced.
  await vscode.window.showTextDocument(target, { selection: new vscode.Range(cursor, cursor), preview: false });
  vscode.window.setStatusBarMessage(vscode.l10n.t('Created {0} for the week ending {1}', relative, formatLongDate(week)), 5_000);
  return { outcome: 'created', uri: target.toString() };
}

function creationError(relative: string, error: unknown): Error {
  const reason = (error instanceof Error ? error.message : String(error)).replace(/^Error: /, '');
  return new Error(vscode.l10n.t('Could not create {0}: {1}', relative, reason), { cause: error });
}

const TOLD_NO_BRANCH = 'lwkd.newIssue.toldNoBranchInBrowser';

/**
 * In the browser (github.dev, vscode.dev) there is no Git extension beside us to make the week's
 * branch; the writer commits from Source Control, which offers a branch there. Said once, not
 * every week: the writer who reads it once knows it.
 */
async function tellNoBranchOnce(deps: NewWeeklyIssueDeps): Promise<boolean> {
  if (deps.globalState.get<boolean>(TOLD_NO_BRANCH)) {
    return false;
  }
  await deps.globalState.update(TOLD_NO_BRANCH, true);
  deps.logger.info('[newWeeklyIssue] no branch step in the browser');
  void vscode.window.showInformationMessage(
    vscode.l10n.t('The edition is created. In the browser LWKD Author makes no branch: commit it from Source Control, which can put it on a new branch.'),
  );
  return true;
}

async function maybeCheckOutBranch(
  deps: NewWeeklyIssueDeps,
  branches: Branches,
  folder: vscode.WorkspaceFolder,
  week: CalendarDate,
  setting: CreateBranchSetting,
): Promise<string | undefined> {
  if (setting === 'never') {
    return undefined;
  }
  const branch = editionBranchName(week);
  // Ask only where a branch can be made: outside a Git repository the question has no answer.
  const place = await branches.place(folder.uri);
  if (place.kind === 'unavailable' && setting === 'ask') {
    deps.logger.info(`[newWeeklyIssue] branch ${branch} not offered: ${place.reason}`);
    return undefined;
  }
  if (setting === 'ask' && place.kind === 'repository' && place.current !== branch) {
    const create = vscode.l10n.t('Create Branch');
    const choice = await vscode.window.showInformationMessage(
      vscode.l10n.t('Check out the branch {0} for this edition?', branch),
      create,
      vscode.l10n.t('Not Now'),
    );
    if (choice !== create) {
      return undefined;
    }
  }
  const outcome = await branches.checkOut(folder.uri, branch, deps.logger, place);
  switch (outcome.kind) {
    case 'created':
    case 'checkedOut':
    case 'alreadyOn':
      vscode.window.setStatusBarMessage(vscode.l10n.t('On branch {0}', branch), 5_000);
      return branch;
    case 'unavailable':
      deps.logger.info(`[newWeeklyIssue] branch ${branch} skipped: ${outcome.reason}`);
      void vscode.window.showInformationMessage(vscode.l10n.t('The edition is created; no branch was made because {0}.', outcome.reason));
      return undefined;
    case 'failed':
      void vscode.window.showWarningMessage(vscode.l10n.t('The edition is created, but checking out {0} failed: {1}', branch, outcome.reason));
      return undefined;
  }
}
