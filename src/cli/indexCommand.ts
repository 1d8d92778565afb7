import { join, relative, resolve, sep } from 'node:path';
import { DEFAULT_POSTS_FOLDER } from '../constants';
import { PostIndex } from '../core/postIndex';
import { nodePostFiles } from '../node/postFiles';
import { listPosts, readPosts } from '../services/postFiles';
import type { CliIo } from './args';
import { parseArgs, stringOption } from './args';

export const INDEX_USAGE = `lwkd index [--root DIR] [--posts-folder DIR] [--json]
    Index every edition under <root>/_posts: front matter, sections with lines, GitHub links with
    lines and columns, and what could not be read. --json prints one object per post. Exits 0 even
    when some posts are broken (their errors are in the output).`;

export async function runIndex(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, { valued: ['root', 'posts-folder'], flags: ['json'], maxPositionals: 0 });
  const root = resolve(io.cwd, stringOption(args, 'root') ?? '.');
  const folder = join(root, stringOption(args, 'posts-folder') ?? DEFAULT_POSTS_FOLDER);
  const index = await buildIndex(root, folder, io);
  const posts = index.all();
  if (args.options.has('json')) {
    io.stdout(`${JSON.stringify(posts, null, 2)}\n`);
    return 0;
  }
  for (const post of posts) {
    const pulls = post.refs.filter((ref) => ref.kind === 'pull').length;
    io.stdout(
      `${post.weekEnding ?? '----------'}  ${post.frontMatter?.title ?? post.file}  ${post.sections.length} sections, ${pulls} PR links${post.errors.length ? `  ERROR: ${post.errors.join('; ')}` : ''}\n`,
    );
  }
  const broken = posts.filter((post) => post.errors.length > 0).length;
  io.stdout(`${posts.length} posts indexed${broken ? `, ${broken} with errors` : ''}\n`);
  return 0;
}

/** Every `.md` under `folder`, keyed by its path relative to `root` with `/` separators. */
export async function buildIndex(root: string, folder: string, io: Pick<CliIo, 'stderr'>): Promise<PostIndex> {
  const index = new PostIndex();
  const posts = await readPosts(nodePostFiles, await markdownFiles(folder, io), (path) => relative(root, path).split(sep).join('/'));
  for (const post of posts) {
    index.set(post);
  }
  return index;
}

/** Every `.md` under `folder`, sorted; none when the folder does not exist. */
export async function markdownFiles(folder: string, io: Pick<CliIo, 'stderr'>): Promise<string[]> {
  const files = await listPosts(nodePostFiles, folder, (where, error) => {
    io.stderr(`lwkd: cannot list ${where} (${(error as NodeJS.ErrnoException).code ?? String(error)}); its posts are left out\n`);
  });
  return files.sort();
}
