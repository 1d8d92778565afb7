import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { NewWeeklyIssueResult } from '../../src/features/newWeeklyIssue';
import type { StampOutcome } from '../../src/features/stampPublicationTime';
import { FileError } from '../../src/core/fileError';
import { localDisk } from '../../src/desktop/localDisk';
import { WorkspaceFiles } from '../../src/vscode/workspaceFiles';
import { waitFor } from '../util/waitFor';

const desktopFiles = new WorkspaceFiles(localDisk);

const folder = (): vscode.Uri => vscode.workspace.workspaceFolders![0]!.uri;
const post = (name: string): vscode.Uri => vscode.Uri.joinPath(folder(), '_posts', name);

async function exists(uri: vscode.Uri): Promise<boolean> {
  return vscode.workspace.fs.stat(uri).then(
    () => true,
    () => false,
  );
}

async function bytes(uri: vscode.Uri): Promise<string> {
  return Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('hex');
}

function newIssue(args: Record<string, unknown>): Thenable<NewWeeklyIssueResult> {
  return vscode.commands.executeCommand<NewWeeklyIssueResult>('lwkd.newWeeklyIssue', { createBranch: 'never', ...args });
}

suite('New Weekly Issue', () => {
  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.getConfiguration('lwkd').update('postsFolder', undefined, vscode.ConfigurationTarget.Workspace);
  });

  test("creates the week's edition from template.md and opens it where the writing starts", async () => {
    const result = await newIssue({ weekEnding: '2026-11-29' });
    const target = post('2026-11-29-update.md');
    assert.deepEqual(result, { outcome: 'created', uri: target.toString() });
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
    assert.match(text, /^---\nlayout: post\ntitle: Week Ending November 29, 2026\ndate: 2026-11-29 22:00:00 -0000\nslug: 2026-11-29-update\n---\n/);
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.toString(), target.toString());
    assert.equal(editor.document.lineAt(editor.selection.active.line - 1).text, '## Developer News');
    assert.equal(vscode.window.tabGroups.activeTabGroup.activeTab?.isPreview, false, 'a pinned tab, not a preview the next file would replace');
  });

  test('opens an existing edition instead of overwriting it, byte for byte', async () => {
    const existing = post('2026-11-15-update.md');
    const before = await bytes(existing);
    const result = await newIssue({ weekEnding: '2026-11-15' });
    assert.deepEqual(result, { outcome: 'exists', uri: existing.toString() });
    assert.equal(await bytes(existing), before);
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), existing.toString());
  });

  test('switches to an editor with unsaved changes for that edition and keeps them', async () => {
    const existing = post('2026-11-08-update.md');
    const before = await bytes(existing);
    const editor = await vscode.window.showTextDocument(existing);
    await editor.edit((edit) => edit.insert(new vscode.Position(7, 0), 'UNSAVED WORK\n'));
    await vscode.window.showTextDocument(post('2026-11-15-update.md'));
    const result = await newIssue({ weekEnding: '2026-11-08' });
    assert.equal(result?.outcome, 'unsaved');
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), existing.toString());
    assert.match(vscode.window.activeTextEditor.document.getText(), /UNSAVED WORK/);
    assert.equal(await bytes(existing), before, 'the file on disk is untouched');
  });

  test('an untitled editor for the path counts as unsaved work: nothing is written', async () => {
    const target = post('2026-12-13-update.md');
    const draft = await vscode.workspace.openTextDocument(target.with({ scheme: 'untitled' }));
    await vscode.window.showTextDocument(draft);
    await vscode.window.activeTextEditor!.edit((edit) => edit.insert(new vscode.Position(0, 0), 'draft'));
    const result = await newIssue({ weekEnding: '2026-12-13' });
    assert.equal(result?.outcome, 'unsaved');
    assert.equal(await exists(target), false);
  });

  test('two quick invocations make one file', async () => {
    const target = post('2026-12-06-update.md');
    const results = await Promise.all([newIssue({ weekEnding: '2026-12-06' }), newIssue({ weekEnding: '2026-12-06' })]);
    assert.deepEqual(results.map((result) => result?.outcome).sort(), ['created', 'exists']);
    assert.match(new TextDecoder().decode(await vscode.workspace.fs.readFile(target)), /Week Ending December 6, 2026/);
  });

  test('a failed write leaves nothing behind and changes nothing', async () => {
    // A posts "folder" that is a file: the write must fail.
    await vscode.workspace.getConfiguration('lwkd').update('postsFolder', 'template.md', vscode.ConfigurationTarget.Workspace);
    const template = vscode.Uri.joinPath(folder(), 'template.md');
    const before = await bytes(template);
    const result = await newIssue({ weekEnding: '2026-12-20' });
    assert.equal(result, undefined);
    assert.equal(await bytes(template), before);
    assert.equal(await exists(post('2026-12-20-update.md')), false);
  });

  test('a template.md that links outside the workspace folder is refused, and nothing is created', async () => {
    const template = join(folder().fsPath, 'template.md');
    const original = readFileSync(template);
    const secret = join(tmpdir(), `lwkd-secret-${process.pid}.md`);
    writeFileSync(secret, '---\ntitle: a private note\n---\n');
    try {
      rmSync(template);
      symlinkSync(secret, template);
      const result = await newIssue({ weekEnding: '2027-01-10' });
      assert.equal(result, undefined);
      assert.equal(await exists(post('2027-01-10-update.md')), false);
    } finally {
      rmSync(template, { force: true });
      writeFileSync(template, original);
      rmSync(secret, { force: true });
    }
  });

  test('rejects a weekEnding argument that is not a Sunday, creating nothing', async () => {
    const result = await newIssue({ weekEnding: '2026-12-16' });
    assert.equal(result, undefined);
    assert.equal(await exists(post('2026-12-16-update.md')), false);
  });

  test("checks out the week's branch through the Git extension when asked to", async function () {
    this.timeout(60_000);
    const result = await newIssue({ weekEnding: '2027-01-03', createBranch: 'always' });
    assert.equal(result?.outcome, 'created');
    assert.equal(result?.outcome === 'created' && result.branch, '20270103');
    const head = execFileSync('git', ['rev-parse', '--abbrev-ref', 'HEAD'], { cwd: folder().fsPath, encoding: 'utf8' }).trim();
    assert.equal(head, '20270103');
  });
});

/** An in-memory file system whose disk fills up after `capacity` bytes of one file. */
class FillingFileSystem implements vscode.FileSystemProvider {
  readonly files = new Map<string, Uint8Array>();
  private readonly emitter = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.emitter.event;
  constructor(private readonly capacity: number) {}
  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }
  stat(uri: vscode.Uri): vscode.FileStat {
    const file = this.files.get(uri.path);
    if (file) {
      return { type: vscode.FileType.File, ctime: 0, mtime: 0, size: file.length };
    }
    if (uri.path === '/' || [...this.files.keys()].some((path) => path.startsWith(`${uri.path}/`)) || uri.path === '/posts') {
      return { type: vscode.FileType.Directory, ctime: 0, mtime: 0, size: 0 };
    }
    throw vscode.FileSystemError.FileNotFound(uri);
  }
  readDirectory(): Array<[string, vscode.FileType]> {
    return [...this.files.keys()].map((path) => [path.slice(path.lastIndexOf('/') + 1), vscode.FileType.File]);
  }
  createDirectory(): void {}
  readFile(uri: vscode.Uri): Uint8Array {
    return this.stat(uri) && this.files.get(uri.path)!;
  }
  writeFile(uri: vscode.Uri, content: Uint8Array): void {
    // Like a provider on a full disk: part of the bytes land, then the write fails.
    this.files.set(uri.path, content.subarray(0, Math.min(content.length, this.capacity)));
    if (content.length > this.capacity) {
      throw vscode.FileSystemError.Unavailable('no space left on the device');
    }
  }
  delete(uri: vscode.Uri): void {
    this.files.delete(uri.path);
  }
  rename(from: vscode.Uri, to: vscode.Uri, options: { overwrite: boolean }): void {
    if (!options.overwrite && this.files.has(to.path)) {
      throw vscode.FileSystemError.FileExists(to);
    }
    this.files.set(to.path, this.files.get(from.path)!);
    this.files.delete(from.path);
  }
}

suite('Creating a new file outside a WorkspaceEdit', () => {
  test('a write that fails part-way leaves neither a partial file nor a temporary one; an existing file is never replaced', async () => {
    const disk = new FillingFileSystem(100);
    const registration = vscode.workspace.registerFileSystemProvider('lwkd-filling', disk);
    try {
      const target = vscode.Uri.parse('lwkd-filling:/posts/2027-01-24-update.md');
      await assert.rejects(desktopFiles.createNewFile(target, new Uint8Array(4096).fill(65)), /no space left/);
      assert.deepEqual([...disk.files.keys()], []);
      await desktopFiles.createNewFile(target, new TextEncoder().encode('small enough'));
      assert.deepEqual([...disk.files.keys()], ['/posts/2027-01-24-update.md']);
      await assert.rejects(
        desktopFiles.createNewFile(target, new TextEncoder().encode('second')),
        (error: unknown) => error instanceof FileError && error.kind === 'exists',
      );
      assert.equal(new TextDecoder().decode(disk.files.get('/posts/2027-01-24-update.md')), 'small enough');
      assert.deepEqual([...disk.files.keys()], ['/posts/2027-01-24-update.md']);
    } finally {
      registration.dispose();
    }
  });
});

suite('Stamp Publication Time', () => {
  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('stamps date: with the current UTC time as one undoable edit, and gives the permalink', async () => {
    const document = await vscode.workspace.openTextDocument(post('2026-11-15-update.md'));
    await vscode.window.showTextDocument(document);
    const original = document.lineAt(3).text;
    const started = Date.now();
    const result = await vscode.commands.executeCommand<StampOutcome>('lwkd.stampPublicationTime');
    assert.ok(result);
    assert.equal(document.lineAt(3).text, `date: ${result.value}`);
    const stamped = Date.parse(result.value.replace(' ', 'T').replace(' -0000', 'Z'));
    assert.ok(stamped >= Math.floor(started / 1000) * 1000 && stamped <= Date.now(), result.value);
    const compact = result.value.slice(0, 10).replace(/-/g, '');
    assert.equal(result.permalink, `https://lwkd.info/${compact.slice(0, 4)}/${compact}`);
    await vscode.commands.executeCommand('undo');
    await waitFor(() => document.lineAt(3).text === original, { message: 'undo to restore the date line' });
  });

  test('updates a quoted or spaced date key in place instead of adding a second one', async () => {
    for (const key of ['"date":', "'date':", 'date :']) {
      const content = `---\nlayout: post\ntitle: Week Ending November 15, 2026\n${key} 2026-11-15 22:00:00 -0000\nslug: 2026-11-15-update\n---\n\n## Developer News\n`;
      const document = await vscode.workspace.openTextDocument({ language: 'markdown', content });
      await vscode.window.showTextDocument(document);
      const result = await vscode.commands.executeCommand<StampOutcome>('lwkd.stampPublicationTime', { force: true });
      assert.ok(result, key);
      assert.equal(document.getText(), content.replace('2026-11-15 22:00:00 -0000', result.value), key);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  test('refuses two date keys and changes nothing', async () => {
    const content = '---\ndate: 2026-11-15 22:00:00 -0000\n"date": 2026-11-15 22:00:00 -0000\n---\n';
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content });
    await vscode.window.showTextDocument(document);
    const result = await vscode.commands.executeCommand<StampOutcome>('lwkd.stampPublicationTime', { force: true });
    assert.equal(result, undefined);
    assert.equal(document.getText(), content);
  });

  test('leaves a file without front matter alone', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: '## Notes\n' });
    await vscode.window.showTextDocument(document);
    const result = await vscode.commands.executeCommand<StampOutcome>('lwkd.stampPublicationTime');
    assert.equal(result, undefined);
    assert.equal(document.getText(), '## Notes\n');
  });
});
