import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { indexPost, PostIndex } from '../../src/core/postIndex';

/** The index of a folder of posts, read as the command line reads them, keyed `_posts/<name>`. */
export function indexFolder(folder: string): PostIndex {
  const index = new PostIndex();
  for (const name of readdirSync(folder).filter((file) => file.endsWith('.md'))) {
    index.set(indexPost(`_posts/${name}`, readFileSync(join(folder, name), 'utf8')));
  }
  return index;
}
