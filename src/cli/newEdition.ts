import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEFAULT_POSTS_FOLDER, DEFAULT_TEMPLATE_PATH } from '../constants';
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
import { BUILTIN_TEMPLATE, editionFileName, renderTemplate } from '../core/edition';
import type { CliIo } from './args';
import { parseArgs, stringOption, UsageError } from './args';
import { FileError } from '../core/fileError';
import { resolveInside } from '../node/localFiles';
import { createExclusive, readText } from './files';

export const NEW_USAGE = `lwkd new [--next | --last | --week YYYY-MM-DD] [--root DIR] [--dry-run]
         [--posts-folder DIR] [--template FILE] [--today YYYY-MM-DD]
    Scaffold the edition for a week: writes <root>/_posts/<Sunday>-update.md from <root>/template.md
    (or the built-in template; a template must lie inside the root) and prints its path; never
    overwrites (exit 1 if it exists).
    --next (default): the coming Sunday, today on a Sunday. --last: the Sunday before it.
    Today is your local date (TZ); --today overrides it. --dry-run prints the text instead.`;

export function runNew(argv: readonly string[], io: CliIo): number {
  const args = parseArgs(argv, {
    valued: ['week', 'root', 'posts-folder', 'template', 'today'],
    flags: ['next', 'last', 'dry-run'],
    maxPositionals: 0,
  });
  const choices = ['next', 'last', 'week'].filter((name) => args.options.has(name));
  if (choices.length > 1) {
    throw new UsageError('choose one of --next, --last and --week');
  }
  const week = chooseWeek(args.options.has('last') ? 'last' : 'next', stringOption(args, 'week'), stringOption(args, 'today'), io);
  const root = resolve(io.cwd, stringOption(args, 'root') ?? '.');
  const postsFolder = stringOption(args, 'posts-folder') ?? DEFAULT_POSTS_FOLDER;
  const templateOption = stringOption(args, 'template');
  const templatePath = resolve(root, templateOption ?? DEFAULT_TEMPLATE_PATH);
  let template = BUILTIN_TEMPLATE;
  try {
    // Inside the root only: a cloned site's template.md that links elsewhere would otherwise
    // copy any file the writer can read into an edition that is then committed.
    const real = resolveInside(root, templatePath);
    if (real !== undefined) {
      template = readText(real);
    } else if (templateOption !== undefined) {
      io.stderr(`lwkd new: template ${templatePath} does not exist\n`);
      return 1;
    }
  } catch (error) {
    if (error instanceof FileError) {
      io.stderr(`lwkd new: template: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
  const text = renderTemplate(template, week);
  if (args.options.has('dry-run')) {
    io.stdout(text);
    return 0;
  }
  const folder = join(root, postsFolder);
  const path = join(folder, editionFileName(week));
  mkdirSync(folder, { recursive: true });
  let created: boolean;
  try {
    created = createExclusive(path, text);
  } catch (error) {
    if (error instanceof FileError) {
      io.stderr(`lwkd new: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
  if (!created) {
    io.stderr(`lwkd new: the edition for the week ending ${formatLongDate(week)} already exists: ${path}\n`);
    return 1;
  }
  io.stdout(`${path}\n`);
  return 0;
}

function chooseWeek(choice: 'next' | 'last', weekText: string | undefined, todayText: string | undefined, io: CliIo): CalendarDate {
  if (weekText !== undefined) {
    const date = parseCalendarDate(weekText);
    if (!date) {
      throw new UsageError(`--week takes a date as YYYY-MM-DD (got "${weekText}")`);
    }
    if (dayOfWeek(date) !== 0) {
      throw new UsageError(
        `${weekText} is a ${WEEKDAY_NAMES[dayOfWeek(date)]}; LWKD weeks end on Sundays: that week ends on ${formatIsoDate(sundayEndingWeekOf(date))}`,
      );
    }
    return date;
  }
  let today: CalendarDate;
  if (todayText !== undefined) {
    const parsed = parseCalendarDate(todayText);
    if (!parsed) {
      throw new UsageError(`--today takes a date as YYYY-MM-DD (got "${todayText}")`);
    }
    today = parsed;
  } else {
    // The environment's TZ, read from what main was given rather than from the process, so the
    // date follows the writer's zone however lwkd is started (and tests choose it).
    const zone = io.env.TZ?.replace(/^:/, '');
    today = calendarDateIn(io.now(), zone !== undefined && isKnownTimeZone(zone) ? zone : undefined);
  }
  return weekEnding(today, choice);
}
