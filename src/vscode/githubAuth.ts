import * as vscode from 'vscode';
import type { Logger } from '../core/logger';
import { Disposable } from './dispose';
import { deleteSecret } from './secrets';

const SECRET_KEY = 'lwkd.github.token';
/** How long a lookup may wait for VS Code's GitHub sign-in: in some builds it never registers. */
const SESSION_WAIT_MS = 300;

/**
 * Where a GitHub token comes from, in order: the VS Code GitHub session (asked silently, never a
 * prompt, no extra scopes: LWKD's data is public), else the token stored with LWKD: Set GitHub
 * Token (SecretStorage only), else none (anonymous). The token is never logged.
 */
export class GitHubAuth extends Disposable {
  private sessionToken: Promise<string | undefined>;
  /** The session's answer once it came; until then lookups do not wait for it (but the first). */
  private sessionSettled: { token: string | undefined } | undefined;
  private waitedOnce = false;
  private readonly changeEmitter = this._register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changeEmitter.event;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly logger: Logger,
  ) {
    super();
    this.sessionToken = this.lookUpSession();
    this._register(
      vscode.authentication.onDidChangeSessions((event) => {
        if (event.provider.id === 'github') {
          this.sessionToken = this.lookUpSession();
          this.changeEmitter.fire();
        }
      }),
    );
    this._register(
      secrets.onDidChange((event) => {
        if (event.key === SECRET_KEY) {
          this.changeEmitter.fire();
        }
      }),
    );
  }

  /**
   * The token to use now, or undefined for anonymous requests. Only the very first lookup waits
   * (a moment) for VS Code's session; later ones use what is known, so a sign-in provider that
   * never answers never slows a hover.
   */
  async token(): Promise<string | undefined> {
    let fromSession = this.sessionSettled?.token;
    if (!this.sessionSettled && !this.waitedOnce) {
      this.waitedOnce = true;
      fromSession = await Promise.race([this.sessionToken, new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), SESSION_WAIT_MS))]);
    }
    return fromSession ?? (await this.secrets.get(SECRET_KEY)) ?? undefined;
  }

  async storeToken(token: string): Promise<void> {
    await this.secrets.store(SECRET_KEY, token);
  }

  /** Removes the stored token; false when there was none. */
  clearToken(): Promise<boolean> {
    return deleteSecret(this.secrets, SECRET_KEY);
  }

  /** An interactive sign-in: only from the explicit command. */
  async signIn(): Promise<boolean> {
    const session = await vscode.authentication.getSession('github', [], { createIfNone: true });
    this.sessionToken = Promise.resolve(session.accessToken);
    this.sessionSettled = { token: session.accessToken };
    this.changeEmitter.fire();
    return true;
  }

  private lookUpSession(): Promise<string | undefined> {
    this.sessionSettled = undefined;
    const lookup = Promise.resolve(vscode.authentication.getSession('github', [], { silent: true })).then(
      (session) => session?.accessToken,
      (error: unknown) => {
        this.logger.info(`[auth] no VS Code GitHub session: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
      },
    );
    void lookup.then((token) => {
      if (this.sessionToken === lookup) {
        this.sessionSettled = { token };
      }
    });
    return lookup;
  }
}
