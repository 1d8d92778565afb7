import * as vscode from 'vscode';
import { EXTENSION_ID } from '../../src/constants';
import type { LwkdAuthorApi } from '../../src/lwkdAuthor';
import { RemoteGitHub } from './remoteGitHub';

/** The virtual workspace (lwkd-test:) the runner opened, and what the suites share in it. */
export const folder = (): vscode.Uri => vscode.workspace.workspaceFolders![0]!.uri;
export const post = (name: string): vscode.Uri => vscode.Uri.joinPath(folder(), '_posts', name);

export const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
export const decode = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

export async function readText(uri: vscode.Uri): Promise<string> {
  return decode(await vscode.workspace.fs.readFile(uri));
}

export async function exists(uri: vscode.Uri): Promise<boolean> {
  return vscode.workspace.fs.stat(uri).then(
    () => true,
    () => false,
  );
}

export async function api(): Promise<LwkdAuthorApi> {
  const extension = vscode.extensions.getExtension<LwkdAuthorApi>(EXTENSION_ID)!;
  return extension.isActive ? extension.exports : extension.activate();
}

/** The fake GitHub LWKD is configured with (the runner put its address in the user settings). */
export function github(): RemoteGitHub {
  const url = vscode.workspace.getConfiguration('lwkd').get<string>('github.apiUrl');
  if (!url?.startsWith('http://127.0.0.1:')) {
    throw new Error(`lwkd.github.apiUrl is not the fake GitHub (${url})`);
  }
  return new RemoteGitHub(url);
}

/** An edition's text in the template's shape. */
export function edition(week: string, title: string, body: readonly string[]): string {
  return ['---', 'layout: post', `title: Week Ending ${title}`, `date: ${week} 22:00:00 -0000`, `slug: ${week}-update`, '---', '', ...body, ''].join('\n');
}

export async function closeAll(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}
