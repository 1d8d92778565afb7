import * as vscode from 'vscode';
import { AUTHORS_FILE, Commands } from '../constants';
import type { AuthorsFile, NewAuthor } from '../core/authors';
import { addAuthorEdit, authorLine, newAuthorProblem, parseAuthors, suggestInitials } from '../core/authors';
import { isOwnerName } from '../core/githubApi';
import type { AuthorsIndex } from '../vscode/authors';
import { MAX_AUTHORS_BYTES } from '../vscode/authors';
import type { CommandContext } from '../vscode/commands';
import { registerCommand } from '../vscode/commands';
import type { ExtensionSettings } from '../vscode/settings';
import { toWorkspaceEdit } from '../vscode/textEdits';
import type { WorkspaceFiles } from '../vscode/workspaceFiles';
import { chooseSiteFolder } from '../vscode/workspaceFiles';

export interface AuthorsDeps extends CommandContext {
  readonly settings: ExtensionSettings;
  readonly files: WorkspaceFiles;
  readonly authors: AuthorsIndex;
}

/** For keybindings and tests; what is not given is asked for. */
export interface AddMeArgs {
  readonly name?: string;
  readonly login?: string;
  readonly initials?: string;
}

export type AddMeResult = Added | { readonly outcome: 'listed'; readonly initials: string };

interface Added {
  readonly outcome: 'added';
  readonly line: number;
  readonly text: string;
  readonly created: boolean;
}

/**
 * LWKD: Add Me to authors.md: CONTRIBUTING asks whoever signs items with initials to add their
 * initials, name and contact link there. The line is written in the file's own marks, after the
 * last author; a missing file is created with the repository's heading. An open authors.md with
 * unsaved changes gets the line and stays unsaved, so nothing of the writer's is saved for them.
 */
export function registerAddMeToAuthors(deps: AuthorsDeps): vscode.Disposable {
  return registerCommand(Commands.addMeToAuthors, deps, async (args?: AddMeArgs): Promise<AddMeResult | undefined> => {
    const folder = await chooseSiteFolder(deps.settings, vscode.l10n.t('Which site\u2019s authors.md?'));
    if (!folder) {
      return undefined;
    }
    const uri = vscode.Uri.joinPath(folder.uri, AUTHORS_FILE);
    const text = await deps.files.currentText(uri, MAX_AUTHORS_BYTES);
    const file = parseAuthors(text ?? '');

    const login =
      args?.login ??
      (await ask(vscode.l10n.t('Your GitHub account, for the contact link'), '', (value) =>
        isOwnerName(value) ? undefined : vscode.l10n.t('A GitHub account name: letters, digits and hyphens.'),
      ));
    if (login === undefined) {
      return undefined;
    }
    const link = `https://github.com/${login}`;
    const listed = file.authors.find((author) => author.link?.toLowerCase().replace(/\/+$/, '') === link.toLowerCase());
    if (listed) {
      void vscode.window.showInformationMessage(vscode.l10n.t('{0} is already in authors.md as *{1}*.', login, listed.initials));
      return { outcome: 'listed', initials: listed.initials };
    }
    const name =
      args?.name ??
      (await ask(vscode.l10n.t('Your name, as authors.md shows it'), '', (value) => (value.trim() ? undefined : vscode.l10n.t('A name is needed.'))));
    if (name === undefined) {
      return undefined;
    }
    const initials =
      args?.initials ??
      (await ask(vscode.l10n.t('The initials you sign items with, in italics: *JMB*'), suggestInitials(name), (value) =>
        newAuthorProblem(file, { initials: value, name, link }),
      ));
    if (initials === undefined) {
      return undefined;
    }
    const author: NewAuthor = { initials, name: name.trim(), link };
    const problem = newAuthorProblem(file, author);
    if (problem) {
      throw new Error(problem);
    }
    const result = text === undefined ? await create(deps, uri, file, author) : await append(uri, text, file, author);
    await vscode.window.showTextDocument(uri, { selection: new vscode.Range(result.line, 0, result.line, 0), preview: false });
    return result;
  });
}

async function create(deps: AuthorsDeps, uri: vscode.Uri, file: AuthorsFile, author: NewAuthor): Promise<Added> {
  const text = `# List of Authors for LWKD\n\n${authorLine(file, author)}\n`;
  // Made only if nothing is there yet: a file that appeared meanwhile is never replaced.
  await deps.files.createNewFile(uri, new TextEncoder().encode(text));
  return { outcome: 'added', line: 2, text: authorLine(file, author), created: true };
}

async function append(uri: vscode.Uri, text: string, file: AuthorsFile, author: NewAuthor): Promise<Added> {
  const document = await vscode.workspace.openTextDocument(uri);
  if (document.getText() !== text) {
    throw new Error(vscode.l10n.t('authors.md changed while you were answering; run the command again.'));
  }
  const wasDirty = document.isDirty;
  const edit = addAuthorEdit(text, file, author);
  if (!(await vscode.workspace.applyEdit(toWorkspaceEdit(document, [edit])))) {
    throw new Error(vscode.l10n.t('authors.md could not be edited; nothing was changed.'));
  }
  if (!wasDirty && !(await document.save())) {
    throw new Error(vscode.l10n.t('authors.md has your line but could not be saved; save it yourself.'));
  }
  const line = document.getText().split(/\r?\n/).lastIndexOf(authorLine(file, author));
  return { outcome: 'added', line, text: authorLine(file, author), created: false };
}

function ask(prompt: string, value: string, validate: (value: string) => string | undefined): Thenable<string | undefined> {
  return vscode.window.showInputBox({ prompt, value, ignoreFocusOut: true, validateInput: (input) => validate(input.trim()) }).then((input) => input?.trim());
}
