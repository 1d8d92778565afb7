import type { ControlMethod, ControlSettings, ControlState } from '../fakeGitHub/control';
import type { FakeGitHub } from '../fakeGitHub/server';

/**
 * The fake GitHub the runner started, driven from the web worker over its `/_fake/` controls
 * (test/fakeGitHub/control.ts): the same methods as FakeGitHub's, awaited. Its address is the
 * one LWKD is configured with (`lwkd.github.apiUrl`, set in the user settings by the runner).
 */
export class RemoteGitHub {
  constructor(readonly url: string) {}

  async call<M extends ControlMethod>(method: M, ...args: Parameters<FakeGitHub[M]>): Promise<void> {
    // text/plain keeps it a "simple" request: controls need no preflight.
    await this.post('call', { method, args });
  }

  async settings(settings: ControlSettings): Promise<void> {
    await this.post('settings', settings);
  }

  async state(): Promise<ControlState> {
    const response = await fetch(`${this.url}/_fake/state`);
    return (await response.json()) as ControlState;
  }

  private async post(path: string, body: unknown): Promise<void> {
    const response = await fetch(`${this.url}/_fake/${path}`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify(body) });
    if (!response.ok) {
      throw new Error(`fake GitHub control ${path}: ${response.status} ${await response.text()}`);
    }
  }
}
