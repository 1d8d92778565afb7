import { existsSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { AUTHORS_FILE, DEFAULT_POSTS_FOLDER } from '../constants';
import { parseAuthors } from '../core/authors';
import { checkEdition } from '../core/checkEdition';
import type { Finding } from '../core/lint';
import { MAX_POST_BYTES } from '../core/postFile';
import { indexPost, PostIndex } from '../core/postIndex';
import type { CliIo } from './args';
import { parseArgs, stringOption, UsageError } from './args';
import { readText } from './files';
import { markdownFiles } from './indexCommand';

export const LINT_USAGE = `lwkd lint [FILES...] [--root DIR] [--format text|json] [--stage writing|publishing]
    Check editions against STYLESHEET.md (default: every post under <root>/_posts). Prints
    "file:line:col code message"; exits 1 when any finding is an error. Never changes a file.`;

/**
 * One post's findings. A check that fails on this post's text becomes a finding of its own, so
 * the other posts are still checked and reported.
 */
function checkPost(path: string, key: string, text: string, index: PostIndex, stage: 'writing' | 'publishing', authors?: ReadonlySet<string>): Finding[] {
  try {
    // The same entry point as the editor and Prepare Publication, so all three report alike.
    return checkEdition(text, key, index, { fileName: path, stage, ...(authors ? { authors } : {}) }).sort((a, b) => a.line - b.line || a.column - b.column);
  } catch (error) {
    return [
      {
        code: 'check-failed',
        message: `The checks could not finish on this file (${reason(error)}).`,
        severity: 'error',
        line: 0,
        column: 0,
        endLine: 0,
        endColumn: 0,
      },
    ];
  }
}

/** The initials `<root>/authors.md` lists; undefined without one, so signatures go unchecked. */
function readAuthorInitials(root: string, io: CliIo): ReadonlySet<string> | undefined {
  const path = join(root, AUTHORS_FILE);
  if (!existsSync(path)) {
    return undefined;
  }
  try {
    return new Set(parseAuthors(readText(path, MAX_POST_BYTES)).authors.map((author) => author.initials));
  } catch (error) {
    io.stderr(`lwkd lint: ${AUTHORS_FILE} could not be read (${reason(error)}); initials are not checked\n`);
    return undefined;
  }
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export async function runLint(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, { valued: ['root', 'format', 'stage', 'posts-folder'], flags: [], maxPositionals: Number.POSITIVE_INFINITY });
  const format = stringOption(args, 'format') ?? 'text';
  const stage = stringOption(args, 'stage') ?? 'publishing';
  if (format !== 'text' && format !== 'json') {
    throw new UsageError('--format is text or json');
  }
  if (stage !== 'writing' && stage !== 'publishing') {
    throw new UsageError('--stage is writing or publishing');
  }
  const root = resolve(io.cwd, stringOption(args, 'root') ?? '.');
  const posts = await markdownFiles(join(root, stringOption(args, 'posts-folder') ?? DEFAULT_POSTS_FOLDER), io);
  const files = args.positionals.length > 0 ? args.positionals.map((file) => resolve(io.cwd, file)) : posts;
  // Every post is read once: its text feeds the site's index (for the coverage checks: links
  // repeated, KEPs covered before) and, when it is to be checked, the style rules.
  const texts = new Map<string, string | Error>();
  const read = (path: string): string | Error => {
    let text = texts.get(path);
    if (text === undefined) {
      try {
        text = readText(path, MAX_POST_BYTES);
      } catch (error) {
        text = error instanceof Error ? error : new Error(String(error));
      }
      texts.set(path, text);
    }
    return text;
  };
  const keyOf = (path: string): string => relative(root, path).split(sep).join('/');
  const index = new PostIndex();
  for (const path of posts) {
    const text = read(path);
    if (typeof text === 'string') {
      try {
        index.set(indexPost(keyOf(path), text));
      } catch (error) {
        // The post is still checked, against an index without it.
        io.stderr(`lwkd lint: ${keyOf(path)} could not be indexed (${reason(error)})\n`);
      }
    }
  }
  const authors = readAuthorInitials(root, io);
  const results: Array<{ file: string; findings: Finding[] }> = [];
  let errors = 0;
  for (const path of files) {
    const file = relative(io.cwd, path).split(sep).join('/') || path;
    const text = read(path);
    const findings: Finding[] =
      typeof text === 'string'
        ? checkPost(path, keyOf(path), text, index, stage, authors)
        : [{ code: 'unreadable', message: text.message, severity: 'error', line: 0, column: 0, endLine: 0, endColumn: 0 }];
    errors += findings.filter((finding) => finding.severity === 'error').length;
    results.push({ file, findings });
  }
  if (format === 'json') {
    io.stdout(`${JSON.stringify(results, null, 2)}\n`);
  } else {
    for (const { file, findings } of results) {
      for (const finding of findings) {
        io.stdout(`${file}:${finding.line + 1}:${finding.column + 1} ${finding.code} ${finding.message}\n`);
      }
    }
    const total = results.reduce((sum, result) => sum + result.findings.length, 0);
    io.stderr(`${results.length} files, ${total} findings, ${errors} errors\n`);
  }
  return errors > 0 ? 1 : 0;
}
