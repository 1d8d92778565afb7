import { basename, resolve } from 'node:path';
import { DEFAULT_BUTTONDOWN_API_URL } from '../constants';
import { weekEndingFromFileName } from '../core/edition';
import { buttondownBody, buttondownSubject } from '../core/publication';
import { ButtondownClient, ButtondownError } from '../services/buttondown';
import type { CliIo } from './args';
import { parseArgs, stringOption, UsageError } from './args';
import { safeOutput } from './safeOutput';
import { readEditionAndSite } from './site';

export const EMAIL_USAGE = `lwkd email FILE [--api-url URL] [--root DIR]
    Make the edition's Buttondown draft through Buttondown's API, or update the draft with its
    subject; it is never sent. The key comes from $BUTTONDOWN_API_KEY (never printed); URL
    defaults to $LWKD_BUTTONDOWN_API_URL, else ${DEFAULT_BUTTONDOWN_API_URL}.`;

/** Buttondown's default deadline for one request; a draft is small. */
const TIMEOUT_MS = 15_000;

export async function runEmail(argv: readonly string[], terminal: CliIo, version: string): Promise<number> {
  const io = safeOutput(terminal);
  const args = parseArgs(argv, { valued: ['api-url', 'root'], flags: [], maxPositionals: 1 });
  const file = args.positionals[0];
  if (file === undefined) {
    throw new UsageError('email needs the edition file');
  }
  const path = resolve(io.cwd, file);
  const week = weekEndingFromFileName(path);
  if (!week) {
    io.stderr(`lwkd email: ${path} is not named for its week (YYYY-MM-DD-update.md)\n`);
    return 1;
  }
  const edition = readEditionAndSite(io, 'email', path, args);
  if (!edition) {
    return 1;
  }
  const { text, siteUrl } = edition;
  const subject = buttondownSubject(week);
  const client = new ButtondownClient({
    apiUrl: stringOption(args, 'api-url') ?? io.env.LWKD_BUTTONDOWN_API_URL ?? DEFAULT_BUTTONDOWN_API_URL,
    key: io.env.BUTTONDOWN_API_KEY,
    timeoutMs: TIMEOUT_MS,
    userAgent: `lwkd-author/${version}`,
  });
  try {
    const outcome = await client.saveDraft({ subject, body: buttondownBody(text, week, siteUrl), edition: basename(path).replace(/\.md$/i, '') });
    io.stdout(`${outcome.action === 'created' ? 'created' : 'updated'} the Buttondown draft "${subject}" (nothing was sent)\n${outcome.url}\n`);
    return 0;
  } catch (error) {
    if (error instanceof ButtondownError) {
      io.stderr(`lwkd email: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
