import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { DEFAULT_SITE_URL } from '../constants';
import { FileError } from '../core/fileError';
import { parseSiteConfig, siteBaseUrl } from '../core/permalink';
import { MAX_POST_BYTES } from '../core/postFile';
import type { CliIo, ParsedArgs } from './args';
import { stringOption } from './args';
import { readText } from './files';

/** The site's address from `_config.yml` (url and baseurl), for an edition's site-relative links. */
export function siteAddress(root: string): string {
  const config = join(root, '_config.yml');
  if (!existsSync(config)) {
    return DEFAULT_SITE_URL;
  }
  const site = parseSiteConfig(readText(config));
  return 'error' in site ? DEFAULT_SITE_URL : siteBaseUrl(site.config, DEFAULT_SITE_URL);
}

/**
 * An edition's text and its site's address (`--root`, else the folder above the posts folder),
 * or undefined after saying on stderr why the file cannot be read.
 */
export function readEditionAndSite(io: CliIo, command: string, path: string, args: ParsedArgs): { text: string; siteUrl: string } | undefined {
  const root = stringOption(args, 'root');
  try {
    return { text: readText(path, MAX_POST_BYTES), siteUrl: siteAddress(root ? resolve(io.cwd, root) : dirname(dirname(path))) };
  } catch (error) {
    if (error instanceof FileError) {
      io.stderr(`lwkd ${command}: ${error.message}\n`);
      return undefined;
    }
    throw error;
  }
}
