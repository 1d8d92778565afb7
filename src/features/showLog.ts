import type * as vscode from 'vscode';
import { Commands } from '../constants';
import type { CommandContext } from '../vscode/commands';
import { registerCommand } from '../vscode/commands';

export function registerShowLog(context: CommandContext): vscode.Disposable {
  return registerCommand(Commands.showLog, context, () => context.showLog());
}
