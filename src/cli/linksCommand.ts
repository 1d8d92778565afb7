import { resolve } from 'node:path';
import type { LinkResult } from '../services/editionLinks';
import { checkEditionLinks, fetcherItems } from '../services/editionLinks';
import { LinkChecker } from '../services/linkChecker';
import type { CliIo } from './args';
import { parseArgs, stringOption, UsageError } from './args';
import { readEditionAndSite } from './site';
import { cliItemFetcher } from './github';
import { safeOutput } from './safeOutput';

export const LINKS_USAGE = `lwkd links FILE [--json] [--timeout-ms N] [--api-url URL] [--root DIR]
    Check every link of the edition: PR, issue and KEP links through GitHub's API ($GITHUB_TOKEN
    when set), the others by asking their site (HEAD, then GET; up to 5 redirects; 8 at once,
    2 per site; --timeout-ms per link, default 10000). Prints file:line:col verdict url
    (ok, broken, moved, unchecked) or JSON; exit 1 when a link is broken.`;

export async function runLinks(argv: readonly string[], terminal: CliIo, version: string): Promise<number> {
  const io = safeOutput(terminal);
  const args = parseArgs(argv, { valued: ['timeout-ms', 'api-url', 'root'], flags: ['json'], maxPositionals: 1 });
  const file = args.positionals[0];
  if (file === undefined) {
    throw new UsageError('links needs the edition file');
  }
  const timeoutText = stringOption(args, 'timeout-ms');
  if (timeoutText !== undefined && !/^[1-9]\d{0,6}$/.test(timeoutText)) {
    throw new UsageError('--timeout-ms takes a number of milliseconds, such as 10000');
  }
  const path = resolve(io.cwd, file);
  const edition = readEditionAndSite(io, 'links', path, args);
  if (!edition) {
    return 1;
  }
  const { text, siteUrl } = edition;
  const fetcher = cliItemFetcher(io, version, stringOption(args, 'api-url'));
  const checker = new LinkChecker({ timeoutMs: timeoutText ? Number(timeoutText) : 10_000, userAgent: `lwkd-author-cli/${version}` });
  const results = await checkEditionLinks(text, siteUrl, fetcherItems(fetcher), checker);
  if (args.options.has('json')) {
    io.stdout(`${JSON.stringify(results, null, 2)}\n`);
  } else {
    for (const result of results) {
      io.stdout(`${file}:${result.line + 1}:${result.column + 1} ${describe(result)}\n`);
    }
  }
  return results.some((result) => result.verdict.kind === 'broken') ? 1 : 0;
}

function describe({ url, verdict }: LinkResult): string {
  switch (verdict.kind) {
    case 'ok':
      return `ok ${url}`;
    case 'broken':
      return `broken ${url}${verdict.status ? ` (${verdict.status})` : ''}`;
    case 'moved':
      return `moved ${url} -> ${verdict.to}`;
    case 'unchecked':
      return `unchecked ${url} (${verdict.reason})`;
  }
}
