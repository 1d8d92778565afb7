import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { localDisk } from '../../src/desktop/localDisk';
import { PastIssuesIndex } from '../../src/vscode/pastIssuesIndex';
import { ExtensionSettings } from '../../src/vscode/settings';
import { WorkspaceFiles } from '../../src/vscode/workspaceFiles';
import { MemoryLogger } from '../util/memoryLogger';

/** The real settings but for the posts folder, which the test moves between two rebuilds. */
class MovedPostsFolder extends ExtensionSettings {
  constructor(public folder: string) {
    super();
  }

  override postsFolder(): string {
    return this.folder;
  }
}

suite('Rebuilding the Past Issues index', () => {
  const workspace = (): vscode.Uri => vscode.workspace.workspaceFolders![0]!.uri;
  const folders = ['race-older', 'race-newer'];

  teardown(() => {
    for (const name of folders) {
      rmSync(join(workspace().fsPath, name), { recursive: true, force: true });
    }
  });

  test('a rebuild overtaken by a newer one changes nothing: the newer one fills the index and alone tells listeners', async () => {
    // The older rebuild walks a deep tree of year folders, which is listed one folder after
    // another (each a round trip through workspace.fs); the newer one lists a single folder. So
    // the older one finishes last, and before builds had generations it overwrote the index.
    const DEPTH = 40;
    let dir = join(workspace().fsPath, 'race-older');
    for (let level = 0; level < DEPTH; level++) {
      dir = join(dir, `${1980 + level}`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `${1980 + level}-01-06-update.md`), `---\ntitle: Stale ${level}\n---\n\n## Developer News\n`);
    }
    mkdirSync(join(workspace().fsPath, 'race-newer'));
    writeFileSync(join(workspace().fsPath, 'race-newer', '2026-12-06-update.md'), '---\ntitle: Week Ending December 6, 2026\n---\n\n## Developer News\n');
    const newest = vscode.Uri.joinPath(workspace(), 'race-newer', '2026-12-06-update.md').toString();

    const settings = new MovedPostsFolder('race-older');
    const index = new PastIssuesIndex(settings, new MemoryLogger(), new WorkspaceFiles(localDisk));
    const rebuilt: string[][] = [];
    index.onDidChange((change) => {
      if (change.rebuilt) {
        rebuilt.push([...change.files]);
      }
    });
    try {
      const older = index.refresh();
      settings.folder = 'race-newer';
      const newer = index.refresh();
      // Both settle only once their build is done (or, overtaken, once the newest is).
      await Promise.all([older, newer]);
      assert.deepEqual(
        index.index.all().map((post) => post.file),
        [newest],
        'the index holds what the newest rebuild read',
      );
      assert.deepEqual(rebuilt, [[newest]], 'only the newest rebuild told listeners');
    } finally {
      index.dispose();
    }
  });

  test('after a restart the index comes from the saved store; only a post changed since is read again', async () => {
    const folder = join(workspace().fsPath, 'race-older');
    mkdirSync(folder);
    const post = (week: string, extra = ''): string =>
      `---\ntitle: Week Ending ${week}\n---\n\n## Developer News\n\nSee k/k#${week.replace(/-/g, '')}.${extra}\n`;
    const weeks = ['2027-01-03', '2027-01-10', '2027-01-17'];
    const old = new Date(Date.now() - 60_000);
    for (const week of weeks) {
      writeFileSync(join(folder, `${week}-update.md`), post(week));
      utimesSync(join(folder, `${week}-update.md`), old, old);
    }
    const store = vscode.Uri.file(join(mkdtempSync(join(tmpdir(), 'lwkd-index-store-')), 'past-issues-index.bin'));
    const settings = new MovedPostsFolder('race-older');
    const start = async (): Promise<PastIssuesIndex> => {
      const index = new PastIssuesIndex(settings, new MemoryLogger(), new WorkspaceFiles(localDisk), store);
      await index.ready();
      return index;
    };
    let index = await start();
    try {
      assert.deepEqual({ ...index.lastBuild, ms: 0 }, { posts: 3, parsed: 3, fromStore: false, ms: 0 });
      await index.flush();
      index.dispose();

      index = await start();
      assert.deepEqual({ ...index.lastBuild, ms: 0 }, { posts: 3, parsed: 0, fromStore: true, ms: 0 });
      assert.equal(index.index.occurrences('kubernetes/kubernetes#20270110').length, 1, 'the restored posts answer lookups');
      // As the extension's deactivate does: a save that late watcher events (the posts were just
      // written) scheduled is finished before the next start reads the store, not left in flight.
      await index.flush();
      index.dispose();

      writeFileSync(join(folder, '2027-01-10-update.md'), post('2027-01-10', ' And k/k#4242.'));
      utimesSync(join(folder, '2027-01-10-update.md'), old, new Date(Date.now() - 30_000));
      index = await start();
      assert.deepEqual({ ...index.lastBuild, ms: 0 }, { posts: 3, parsed: 1, fromStore: true, ms: 0 });
      assert.equal(index.index.occurrences('kubernetes/kubernetes#4242').length, 1, 'the change is in');

      // A damaged store is set aside without a word: every post is read.
      await index.flush();
      index.dispose();
      await vscode.workspace.fs.writeFile(store, new TextEncoder().encode('not a store'));
      index = await start();
      assert.deepEqual({ ...index.lastBuild, ms: 0 }, { posts: 3, parsed: 3, fromStore: false, ms: 0 });
    } finally {
      index.dispose();
    }
  });
});
