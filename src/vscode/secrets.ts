import * as vscode from 'vscode';

/**
 * A secret (a token, an API key) typed by the writer into a password box that stays open when
 * focus moves (they are copying it from a browser), trimmed; undefined when they cancel.
 */
export async function askForSecret(options: {
  title: string;
  prompt: string;
  isPlausible: (value: string) => boolean;
  notPlausible: string;
}): Promise<string | undefined> {
  const value = await vscode.window.showInputBox({
    title: options.title,
    prompt: options.prompt,
    password: true,
    ignoreFocusOut: true,
    validateInput: (typed) => (options.isPlausible(typed.trim()) ? undefined : options.notPlausible),
  });
  return value?.trim();
}

/** Removes a secret; false when there was none. */
export async function deleteSecret(secrets: vscode.SecretStorage, key: string): Promise<boolean> {
  const had = (await secrets.get(key)) !== undefined;
  await secrets.delete(key);
  return had;
}
