import * as vscode from 'vscode';
import { EXTENSION_ID } from '../../src/constants';
import { waitFor } from '../util/waitFor';
import * as assert from './assert';
import { folder } from './site';

suite('The web worker extension host', () => {
  test('is where this suite and LWKD Author run: no Node, and the extension is on the UI side', () => {
    assert.equal(typeof process, 'undefined', 'a web worker has no process global');
    assert.equal(typeof (globalThis as { require?: unknown }).require, 'undefined', 'and no require');
    assert.equal(typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope, 'function', 'it is a worker');
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is loaded`);
    // A remote Node host runs it as Workspace; the browser's worker as UI.
    assert.equal(extension.extensionKind, vscode.ExtensionKind.UI);
  });

  test('the workspace is virtual: served by a file system provider, not a disk', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'a folder is open');
    assert.equal(folder.uri.scheme, 'lwkd-test');
    const posts = await vscode.workspace.fs.readDirectory(vscode.Uri.joinPath(folder.uri, '_posts'));
    assert.ok(
      posts.some(([name]) => name === '2026-11-15-update.md'),
      posts.map(([name]) => name).join(', '),
    );
  });

  test("the fixture's own path is out of reach as a file: URI: code that reaches for the disk fails here", async () => {
    const onDisk = vscode.Uri.file(`${folder().path}/template.md`);
    const outcome = await vscode.workspace.fs.stat(onDisk).then(
      () => 'read',
      (error: unknown) => (error instanceof vscode.FileSystemError ? error.code : String(error)),
    );
    assert.notEqual(outcome, 'read', `${onDisk.toString()} is not served in the browser`);
  });

  test('LWKD Author activates by itself there, from workspaceContains:_posts/*.md', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    // Nothing here calls activate(): the event, answered by the provider's file search, must have.
    await waitFor(() => extension.isActive, { message: 'the extension to activate', timeoutMs: 20_000 });
  });
});
