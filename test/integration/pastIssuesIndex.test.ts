import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
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
});
