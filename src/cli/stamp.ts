import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { DEFAULT_SITE_URL } from '../constants';
import { formatLongDate, parseFrontMatterTime, parseIsoInstant } from '../core/calendar';
import { stampPublicationTime } from '../core/edition';
import { parseFrontMatter } from '../core/frontMatter';
import { MAX_POST_BYTES } from '../core/postFile';
import { parseSiteConfig, permalinkPost, postUrl } from '../core/permalink';
import { applyEdits } from '../core/textEdit';
import type { CliIo } from './args';
import { parseArgs, stringOption, UsageError } from './args';
import { FileError } from '../core/fileError';
import { readText, replaceAtomically } from './files';

export const STAMP_USAGE = `lwkd stamp FILE [--now ISO-8601] [--force] [--root DIR]
    Set the edition's date: to the current UTC time (or --now) and print the permalink it gives.
    Refuses (exit 1) a time before the week-ending Sunday unless --force.`;

export function runStamp(argv: readonly string[], io: CliIo): number {
  const args = parseArgs(argv, { valued: ['now', 'root'], flags: ['force'], maxPositionals: 1 });
  const file = args.positionals[0];
  if (file === undefined) {
    throw new UsageError('stamp needs the edition file');
  }
  const nowText = stringOption(args, 'now');
  let now = io.now();
  if (nowText !== undefined) {
    const parsed = parseIsoInstant(nowText);
    if (!parsed.ok) {
      throw new UsageError(`--now takes an ISO-8601 time with an offset, such as 2026-11-23T04:12:09Z: ${parsed.message}`);
    }
    now = parsed.instant;
  }
  const path = resolve(io.cwd, file);
  let text: string;
  try {
    // The byte-order mark stays in the text, so the file keeps it.
    text = readText(path, MAX_POST_BYTES, { keepBom: true });
  } catch (error) {
    if (error instanceof FileError) {
      io.stderr(`lwkd stamp: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
  const result = stampPublicationTime(text, now, path);
  if (!result.ok) {
    io.stderr(`lwkd stamp: ${path}: ${result.message}\n`);
    return 1;
  }
  if (result.beforeWeekEnd && result.weekEnding && !args.options.has('force')) {
    io.stderr(
      `lwkd stamp: ${result.value} is before the end of the week ending ${formatLongDate(result.weekEnding)}; nothing changed (use --force to stamp anyway)\n`,
    );
    return 1;
  }
  try {
    replaceAtomically(path, applyEdits(text, [result.edit]));
  } catch (error) {
    if (error instanceof FileError) {
      io.stderr(`lwkd stamp: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
  io.stdout(`${path}: date: ${result.value}\n`);
  try {
    const link = permalinkFor(stringOption(args, 'root') ? resolve(io.cwd, stringOption(args, 'root')!) : undefined, path, text, result.value);
    if (link) {
      io.stdout(`permalink: ${link}\n`);
    }
  } catch (error) {
    // The stamp is written; only the permalink is unknown.
    io.stderr(`lwkd stamp: no permalink: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  return 0;
}

/** `_config.yml` from --root, else the site above the posts folder. */
function permalinkFor(root: string | undefined, path: string, text: string, value: string): string | undefined {
  const candidates = root ? [join(root, '_config.yml')] : [join(dirname(dirname(path)), '_config.yml')];
  const configPath = candidates.find((candidate) => existsSync(candidate));
  const time = parseFrontMatterTime(value);
  if (!configPath || !time) {
    return undefined;
  }
  const site = parseSiteConfig(readText(configPath));
  if ('error' in site) {
    throw new Error(`${configPath}: ${site.error}`);
  }
  return postUrl(site.config, DEFAULT_SITE_URL, permalinkPost(parseFrontMatter(text).data, path, time));
}
