import { readdirSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { DEFAULT_POSTS_FOLDER } from '../constants';
import { decodePost, MAX_POST_BYTES, tooLargeError } from '../core/postFile';
import type { IndexedPost } from '../core/postIndex';
import { indexPost, PostIndex, unreadablePost } from '../core/postIndex';
import { LocalFileError, readRegularFile } from '../node/localFiles';
import type { CliIo } from './args';
import { parseArgs, stringOption } from './args';

export const INDEX_USAGE = `lwkd index [--root DIR] [--posts-folder DIR] [--json]
    Index every edition under <root>/_posts: front matter, sections with lines, GitHub links with
    lines and columns, and what could not be read. --json prints one object per post. Exits 0 even
    when some posts are broken (their errors are in the output).`;

export function runIndex(argv: readonly string[], io: CliIo): number {
  const args = parseArgs(argv, { valued: ['root', 'posts-folder'], flags: ['json'], maxPositionals: 0 });
  const root = resolve(io.cwd, stringOption(args, 'root') ?? '.');
  const folder = join(root, stringOption(args, 'posts-folder') ?? DEFAULT_POSTS_FOLDER);
  const index = buildIndex(root, folder);
  const posts = index.all();
  if (args.options.has('json')) {
    io.stdout(`${JSON.stringify(posts, null, 2)}\n`);
    return 0;
  }
  for (const post of posts) {
    const pulls = post.refs.filter((ref) => ref.kind === 'pull').length;
    io.stdout(`${post.weekEnding ?? '----------'}  ${post.frontMatter?.title ?? post.file}  ${post.sections.length} sections, ${pulls} PR links${post.errors.length ? `  ERROR: ${post.errors.join('; ')}` : ''}\n`);
  }
  const broken = posts.filter((post) => post.errors.length > 0).length;
  io.stdout(`${posts.length} posts indexed${broken ? `, ${broken} with errors` : ''}\n`);
  return 0;
}

/** Every `.md` under `folder`, keyed by its path relative to `root` with `/` separators. */
export function buildIndex(root: string, folder: string): PostIndex {
  const index = new PostIndex();
  for (const path of markdownFiles(folder)) {
    const post = readPost(path, relative(root, path).split(sep).join('/'));
    if (post) {
      index.set(post);
    }
  }
  return index;
}

function readPost(path: string, file: string): IndexedPost | undefined {
  let bytes: Buffer;
  try {
    bytes = readRegularFile(path, MAX_POST_BYTES);
  } catch (error) {
    if (!(error instanceof LocalFileError)) {
      throw error;
    }
    switch (error.kind) {
      case 'notFound':
        return undefined; // Deleted since the folder was listed.
      case 'tooLarge':
        return unreadablePost(file, tooLargeError(error.size ?? MAX_POST_BYTES + 1));
      case 'notRegular':
        return unreadablePost(file, 'not indexed: not a regular file (a device, a pipe or a folder)');
      default:
        return unreadablePost(file, `not indexed: cannot read the file (${((error.cause as NodeJS.ErrnoException | undefined)?.code) ?? error.message})`);
    }
  }
  const decoded = decodePost(bytes);
  return 'text' in decoded ? indexOrReport(file, decoded.text) : unreadablePost(file, decoded.error);
}

/** The post's entry; a failure on its text is its entry's error, and the other posts go on. */
function indexOrReport(file: string, text: string): IndexedPost {
  try {
    return indexPost(file, text);
  } catch (error) {
    return unreadablePost(file, `not indexed: the post could not be read (${error instanceof Error ? error.message : String(error)})`);
  }
}

/** Every `.md` under `folder`, sorted; none when the folder does not exist. */
export function markdownFiles(folder: string): string[] {
  let entries;
  try {
    entries = readdirSync(folder, { withFileTypes: true, recursive: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return [];
    }
    throw error;
  }
  return entries
    .filter((entry) => (entry.isFile() || entry.isSymbolicLink()) && entry.name.toLowerCase().endsWith('.md'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}
