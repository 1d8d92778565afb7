import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FakeGitHub, RecordedRequest } from './server';

/**
 * The fake's own controls over HTTP, for tests that cannot hold the FakeGitHub object: the web
 * layer's suite runs in a browser web worker, which cannot open a server, so the runner starts
 * the fake and the suite drives it from there. Only a fake started with `control: true` answers
 * these (`/_fake/…`); they are never recorded as API requests and are always readable
 * cross-origin, whatever the fake's own CORS setting.
 */

/** The methods a remote test may call, with the fake's own signatures. */
export const CONTROL_METHODS = ['addPull', 'addIssue', 'addRelease', 'seed', 'acceptToken', 'fail', 'clearFaults', 'setRemaining'] as const;
export type ControlMethod = (typeof CONTROL_METHODS)[number];

/** Settings a remote test may change. */
export interface ControlSettings {
  /** False: answer as a GitHub that sends no CORS headers (a browser then refuses every answer). */
  readonly cors?: boolean;
  readonly extraHeaders?: Record<string, string>;
}

/** A recorded request as JSON (the query as a string). */
export type RecordedRequestJson = Omit<RecordedRequest, 'query'> & { readonly query: string };

export interface ControlState {
  readonly requests: readonly RecordedRequestJson[];
  readonly preflights: FakeGitHub['preflights'];
  readonly activeRequests: number;
  readonly maxConcurrent: number;
}

export const CONTROL_PREFIX = '/_fake/';

export async function answerControl(fake: FakeGitHub, url: URL, body: string, response: ServerResponse): Promise<void> {
  const send = (status: number, value: unknown): void => {
    response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(value ?? null));
  };
  try {
    switch (url.pathname) {
      case `${CONTROL_PREFIX}state`:
        send(200, state(fake));
        return;
      case `${CONTROL_PREFIX}call`: {
        const { method, args } = JSON.parse(body) as { method: string; args: unknown[] };
        if (!(CONTROL_METHODS as readonly string[]).includes(method)) {
          send(400, { message: `${method} is not a control method` });
          return;
        }
        (fake as unknown as Record<ControlMethod, (...values: unknown[]) => unknown>)[method as ControlMethod](...args);
        send(200, null);
        return;
      }
      case `${CONTROL_PREFIX}settings`: {
        const settings = JSON.parse(body) as ControlSettings;
        if (settings.cors !== undefined) {
          fake.cors = settings.cors;
        }
        if (settings.extraHeaders !== undefined) {
          fake.extraHeaders = settings.extraHeaders;
        }
        send(200, null);
        return;
      }
      default:
        send(404, { message: `no control ${url.pathname}` });
    }
  } catch (error) {
    send(400, { message: String(error) });
  }
}

function state(fake: FakeGitHub): ControlState {
  return {
    requests: fake.requests.map((request) => ({ ...request, query: request.query.toString() })),
    preflights: fake.preflights,
    activeRequests: fake.activeRequests,
    maxConcurrent: fake.maxConcurrent,
  };
}

/** Whether `request` is a control call (only on a fake started with `control: true`). */
export function isControl(request: IncomingMessage): boolean {
  return (request.url ?? '').startsWith(CONTROL_PREFIX);
}
