import type * as vscode from 'vscode';
import type { Logger } from '../core/logger';
import type { DraftOutcome } from '../services/buttondown';
import { ButtondownClient } from '../services/buttondown';
import { deleteSecret } from './secrets';
import type { ExtensionSettings } from './settings';

const SECRET_KEY = 'lwkd.buttondown.apiKey';
/** workspaceState: edition slug → the id of its draft in Buttondown. */
const DRAFTS_KEY = 'lwkd.buttondown.drafts';
const TIMEOUT_MS = 15_000;

/**
 * The edition's Buttondown draft, made or refreshed through Buttondown's API (never sent), with
 * the API key kept in SecretStorage only and each edition's draft id remembered for the folder.
 */
export class ButtondownDrafts {
  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly workspaceState: vscode.Memento,
    private readonly settings: ExtensionSettings,
    private readonly logger: Logger,
    private readonly userAgent: string,
  ) {}

  async hasKey(): Promise<boolean> {
    return Boolean(await this.secrets.get(SECRET_KEY));
  }

  async storeKey(key: string): Promise<void> {
    await this.secrets.store(SECRET_KEY, key);
  }

  /** Removes the key; false when there was none. */
  clearKey(): Promise<boolean> {
    return deleteSecret(this.secrets, SECRET_KEY);
  }

  /** Whether this edition has a draft already (the checklist says Update, not Create). */
  knownDraft(edition: string): string | undefined {
    return this.workspaceState.get<Record<string, string>>(DRAFTS_KEY)?.[edition];
  }

  /** Makes or refreshes the edition's draft. Throws ButtondownError. */
  async save(edition: string, subject: string, body: string): Promise<DraftOutcome> {
    const knownId = this.knownDraft(edition);
    const client = new ButtondownClient({
      apiUrl: this.settings.buttondownApiUrl,
      key: await this.secrets.get(SECRET_KEY),
      timeoutMs: TIMEOUT_MS,
      userAgent: this.userAgent,
    });
    const outcome = await client.saveDraft({ subject, body, edition, ...(knownId ? { knownId } : {}) });
    await this.workspaceState.update(DRAFTS_KEY, { ...this.workspaceState.get<Record<string, string>>(DRAFTS_KEY), [edition]: outcome.email.id });
    this.logger.info(`[buttondown] ${outcome.action} the draft for ${edition} (${outcome.email.id})`);
    return outcome;
  }
}
