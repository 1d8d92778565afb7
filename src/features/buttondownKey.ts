import * as vscode from 'vscode';
import { Commands } from '../constants';
import type { ButtondownDrafts } from '../vscode/buttondownDrafts';
import type { CommandContext } from '../vscode/commands';
import { registerCommand } from '../vscode/commands';
import { askForSecret } from '../vscode/secrets';

export interface ButtondownKeyDeps extends CommandContext {
  readonly drafts: ButtondownDrafts;
}

/**
 * LWKD: Set Buttondown API Key, Clear Buttondown API Key. With a key, Prepare Publication makes
 * the edition's Buttondown draft through the API instead of asking for a paste. The key stays
 * in VS Code's secret storage, and goes only to `lwkd.buttondown.apiUrl`.
 */
export function registerButtondownKeyCommands(deps: ButtondownKeyDeps): vscode.Disposable {
  return vscode.Disposable.from(
    registerCommand(Commands.setButtondownApiKey, deps, async () => {
      const key = await askForSecret({
        title: vscode.l10n.t('Set Buttondown API Key'),
        prompt: vscode.l10n.t("Your Buttondown API key (Buttondown → Settings → API). It is kept in VS Code's secret storage."),
        isPlausible: (value) => /^[\x21-\x7e]{8,200}$/.test(value),
        notPlausible: vscode.l10n.t('That does not look like a Buttondown API key.'),
      });
      if (key === undefined) {
        return false;
      }
      await deps.drafts.storeKey(key);
      void vscode.window.showInformationMessage(
        vscode.l10n.t("Buttondown API key saved in VS Code's secret storage. Prepare Publication can now make the draft."),
      );
      return true;
    }),
    registerCommand(Commands.clearButtondownApiKey, deps, async () => {
      const had = await deps.drafts.clearKey();
      void vscode.window.showInformationMessage(
        had ? vscode.l10n.t("Buttondown API key removed from VS Code's secret storage.") : vscode.l10n.t('No Buttondown API key was set; nothing to remove.'),
      );
      return had;
    }),
  );
}
