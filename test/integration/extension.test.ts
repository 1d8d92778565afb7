import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID } from '../../src/constants';
import type { ConnectionCheck } from '../../src/features/githubConnection';
import { FakeGitHub } from '../fakeGitHub/server';
import { waitFor } from '../util/waitFor';

suite('Extension in a real extension host', () => {
  let github: FakeGitHub;

  suiteSetup(async () => {
    github = await FakeGitHub.start();
  });

  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('lwkd').update('github.apiUrl', undefined, vscode.ConfigurationTarget.Global);
    await github.close();
  });

  test('activates by itself in a workspace that has _posts/*.md', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is loaded`);
    assert.ok(vscode.workspace.workspaceFolders?.length, 'a workspace folder is open');
    // Nothing here calls activate(): the workspaceContains event must have done it.
    await waitFor(() => extension.isActive, { message: 'the extension to activate' });
  });

  test('registers every command the manifest contributes', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    const contributed = (extension.packageJSON as { contributes: { commands: Array<{ command: string }> } }).contributes.commands.map((entry) => entry.command);
    assert.ok(contributed.length > 0);
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(
      contributed.filter((id) => !registered.has(id)),
      [],
    );
  });

  test('Check GitHub Connection reports the quota of the configured GitHub', async () => {
    await vscode.workspace.getConfiguration('lwkd').update('github.apiUrl', github.url, vscode.ConfigurationTarget.Global);
    const result = await vscode.commands.executeCommand<ConnectionCheck>('lwkd.checkGitHubConnection');
    // An edition left open by another suite may have its links fetched from this GitHub as soon
    // as the setting points here: what GitHub reports is 60 less what it served before the check.
    const check = github.requests.findIndex((request) => request.path === '/rate_limit');
    assert.ok(check >= 0, 'the check asked /rate_limit');
    const spent = github.requests.slice(0, check).filter((request) => request.path !== '/graphql').length;
    assert.deepEqual(result, { ok: true, apiUrl: github.url, authenticated: false, remaining: 60 - spent, limit: 60 });
  });

  test('Check GitHub Connection names a server error without echoing its HTML', async () => {
    await vscode.workspace.getConfiguration('lwkd').update('github.apiUrl', github.url, vscode.ConfigurationTarget.Global);
    github.fail({ kind: 'serverError', path: '/rate_limit', times: 1 });
    const result = await vscode.commands.executeCommand<ConnectionCheck>('lwkd.checkGitHubConnection');
    assert.equal(result.ok, false);
    assert.equal(result.ok === false && result.kind, 'server');
    assert.doesNotMatch(result.ok === false ? result.message : '', /</);
  });

  test('Check GitHub Connection says so when the API URL setting is not a URL', async () => {
    await vscode.workspace.getConfiguration('lwkd').update('github.apiUrl', 'not a url', vscode.ConfigurationTarget.Global);
    const result = await vscode.commands.executeCommand<ConnectionCheck>('lwkd.checkGitHubConnection');
    assert.equal(result.ok === false && result.kind, 'badConfiguration');
  });
});
