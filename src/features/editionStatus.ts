import * as vscode from 'vscode';
import { Commands, ContextKeys } from '../constants';
import type { CalendarDate } from '../core/calendar';
import { formatLongDate, isKnownTimeZone } from '../core/calendar';
import { DEADLINE_TIME_ZONE, editionCountdown, editionDeadlines, formatInZone } from '../core/deadlines';
import type { ContributionsSource } from '../vscode/contributions';
import { countsText } from '../vscode/contributions';
import { Disposable } from '../vscode/dispose';
import type { PastIssuesIndex } from '../vscode/pastIssuesIndex';
import type { ExtensionSettings } from '../vscode/settings';

export interface EditionStatusDeps {
  readonly settings: ExtensionSettings;
  readonly index: PastIssuesIndex;
  /** The count of contributions in the tooltip, once they have been read; never a reason to ask GitHub. */
  readonly contributions?: ContributionsSource;
}

/** The status bar item as shown, for tests and other extensions (the API cannot read it). */
export interface EditionStatus extends vscode.Disposable {
  /** Undefined while the item is hidden. */
  readonly current: { readonly text: string; readonly tooltip: string } | undefined;
}

/** The countdown changes by the minute. */
const REFRESH_MS = 60_000;

/**
 * A status bar item while an LWKD post is the active editor: its week and the time left until
 * the drafts deadline, then publication (CONTRIBUTING's timeline, US Eastern); the tooltip has
 * both deadlines in US Eastern and the writer's zone. Clicking it runs Prepare Publication. The
 * minute timer runs only while the item shows.
 */
export function registerEditionStatus(deps: EditionStatusDeps): EditionStatus {
  return new EditionStatusItem(deps);
}

class EditionStatusItem extends Disposable implements EditionStatus {
  private readonly item = this._register(vscode.window.createStatusBarItem('lwkd.edition', vscode.StatusBarAlignment.Left, 10));
  private timer: ReturnType<typeof setInterval> | undefined;
  private shown: EditionStatus['current'];
  private editionActive: boolean | undefined;

  constructor(private readonly deps: EditionStatusDeps) {
    super();
    this.item.name = vscode.l10n.t('LWKD Edition');
    this.item.command = Commands.preparePublication;
    this._register({ dispose: () => clearInterval(this.timer) });
    this.update();
    this._register(vscode.window.onDidChangeActiveTextEditor(() => this.update()));
    // After a sleep the minute timer may be late; looking again costs nothing.
    this._register(
      vscode.window.onDidChangeWindowState((state) => {
        if (state.focused) {
          this.update();
        }
      }),
    );
    if (deps.contributions) {
      this._register(deps.contributions.onDidChange(() => this.update()));
    }
    this._register(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('lwkd.postsFolder') || event.affectsConfiguration('lwkd.timeZone')) {
          this.update();
        }
      }),
    );
  }

  get current(): EditionStatus['current'] {
    return this.shown;
  }

  private update(): void {
    const uri = vscode.window.activeTextEditor?.document.uri;
    const week = uri && this.deps.index.editionWeek(uri);
    if (this.editionActive !== Boolean(week)) {
      // The palette lists the edition commands (stamp, prepare, insert...) exactly while this holds.
      this.editionActive = Boolean(week);
      void vscode.commands.executeCommand('setContext', ContextKeys.editionActive, this.editionActive);
    }
    if (!week) {
      this.item.hide();
      clearInterval(this.timer);
      this.timer = undefined;
      this.shown = undefined;
      return;
    }
    const tooltip = deadlineTooltip(week, this.deps.settings.timeZone());
    if (this.deps.contributions) {
      const found = this.deps.contributions.cached(week);
      tooltip.appendMarkdown(
        `\n\n${
          found
            ? vscode.l10n.t('Contributions: {0} (LWKD: Show Contributions)', countsText(found))
            : vscode.l10n.t('Contributions: not read yet (LWKD: Show Contributions)')
        }`,
      );
    }
    this.item.text = `$(calendar) ${editionCountdown(week, new Date()).text}`;
    this.item.tooltip = tooltip;
    this.item.show();
    this.shown = { text: this.item.text, tooltip: tooltip.value };
    this.timer ??= setInterval(() => this.update(), REFRESH_MS);
  }
}

/** Both deadlines in US Eastern and the writer's zone (`lwkd.timeZone`, else the host's). */
function deadlineTooltip(week: CalendarDate, zoneSetting: string | undefined): vscode.MarkdownString {
  const zone = zoneSetting && isKnownTimeZone(zoneSetting) ? zoneSetting : Intl.DateTimeFormat().resolvedOptions().timeZone;
  const { drafts, publication } = editionDeadlines(week);
  const row = (name: string, instant: Date): string => `| ${name} | ${formatInZone(instant, DEADLINE_TIME_ZONE)} | ${formatInZone(instant, zone)} |\n`;
  // Not trusted, and every value is a date we formatted: nothing from the post is rendered.
  return new vscode.MarkdownString(
    `**${vscode.l10n.t('Week Ending {0}', formatLongDate(week))}**\n\n` +
      `| | ${vscode.l10n.t('US Eastern')} | ${vscode.l10n.t('Your time ({0})', zone)} |\n|---|---|---|\n` +
      row(vscode.l10n.t('Drafts due'), drafts) +
      row(vscode.l10n.t('Publication'), publication) +
      `\n${vscode.l10n.t('Click to prepare the publication.')}`,
  );
}
