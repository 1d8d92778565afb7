import { readdirSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { DEFAULT_POSTS_FOLDER } from '../constants';
import type { Finding } from '../core/lint';
import { lintPost } from '../core/lint';
import { lintCoverage } from '../core/lintCoverage';
import { indexPost } from '../core/postIndex';
import type { CliIo } from './args';
import { parseArgs, stringOption, UsageError } from './args';
import { readText } from './files';
import { buildIndex } from './indexCommand';

export const LINT_USAGE = `lwkd lint [FILES...] [--root DIR] [--format text|json] [--stage writing|publishing]
    Check editions against STYLESHEET.md (default: every post under <root>/_posts). Prints
    "file:line:col code message"; exits 1 when any finding is an error. Never changes a file.`;

export function runLint(argv: readonly string[], io: CliIo): number {
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
  const files = args.positionals.length > 0
    ? args.positionals.map((file) => resolve(io.cwd, file))
    : listPosts(join(root, stringOption(args, 'posts-folder') ?? DEFAULT_POSTS_FOLDER));
  // The whole site's index, for the coverage checks (links repeated, KEPs covered before).
  const index = buildIndex(root, join(root, stringOption(args, 'posts-folder') ?? DEFAULT_POSTS_FOLDER));
  const results: Array<{ file: string; findings: Finding[] }> = [];
  let errors = 0;
  for (const path of files) {
    const file = relative(io.cwd, path).split(sep).join('/') || path;
    let findings: Finding[];
    try {
      const text = readText(path, 5 * 1024 * 1024);
      const key = relative(root, path).split(sep).join('/');
      findings = [...lintPost(text, { fileName: path, stage }), ...lintCoverage(indexPost(key, text), index)]
        .sort((a, b) => a.line - b.line || a.column - b.column);
    } catch (error) {
      findings = [{ code: 'unreadable', message: error instanceof Error ? error.message : String(error), severity: 'error', line: 0, column: 0, endLine: 0, endColumn: 0 }];
    }
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

function listPosts(folder: string): string[] {
  try {
    return readdirSync(folder, { withFileTypes: true, recursive: true })
      .filter((entry) => entry.isFile() && entry.name.endsWith('.md'))
      .map((entry) => join(entry.parentPath, entry.name))
      .sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return [];
    }
    throw error;
  }
}
