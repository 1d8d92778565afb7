import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

suite('Test host', () => {
  test('runs inside a VS Code extension host', () => {
    // `vscode` cannot even be required outside an extension host; these prove it is the real API.
    assert.match(vscode.version, /^\d+\.\d+\.\d+/);
    assert.equal(typeof vscode.commands.executeCommand, 'function');
    assert.ok(vscode.workspace.workspaceFolders?.length, 'the fixture workspace is open');
    console.log(`    VS Code ${vscode.version}, ${vscode.env.appName}, extension host Node ${process.versions.node}`);
  });
});
