import { DEFAULT_BUTTONDOWN_API_URL } from '../constants';
import { BodyTooLarge, boundedFetch } from './boundedFetch';

/**
 * Buttondown's email API, for one thing only: the edition's draft. Creating an email there sends
 * it unless told otherwise (older API versions default to `about_to_send`), so every request
 * pins the API version and every write says `status: draft`; nothing here sends, schedules or
 * publishes, and an email that is no longer a draft is never changed. Host-neutral: `fetch` is
 * a parameter (the command line, the desktop and the browser pass theirs).
 */

/**
 * The API version every request asks for (X-API-Version): plain UUIDs, `/v1/emails` lists every
 * status (filterable), and a POST without a status makes a draft. Pinned, so a newsletter's own
 * pinned version (its settings page) cannot change what these calls mean.
 */
export const BUTTONDOWN_API_VERSION = '2026-04-01';

export type ButtondownFailureKind =
  | 'noKey'
  | 'badKey'
  | 'refused'
  | 'rateLimited'
  | 'server'
  | 'timeout'
  | 'offline'
  | 'badResponse'
  | 'notDraft'
  | 'badConfiguration';

export interface ButtondownFailure {
  readonly kind: ButtondownFailureKind;
  /** One line for the writer; never holds the key. */
  readonly message: string;
  /** For `rateLimited`: seconds until Buttondown takes requests again, when it said. */
  readonly retryAfterSeconds?: number;
}

export class ButtondownError extends Error {
  readonly kind: ButtondownFailureKind;
  readonly retryAfterSeconds?: number;

  constructor(failure: ButtondownFailure) {
    super(failure.message);
    this.name = 'ButtondownError';
    this.kind = failure.kind;
    if (failure.retryAfterSeconds !== undefined) {
      this.retryAfterSeconds = failure.retryAfterSeconds;
    }
  }
}

/** The part of Buttondown's email object this reads. */
export interface ButtondownEmail {
  readonly id: string;
  readonly subject: string;
  readonly status: string;
}

export interface DraftRequest {
  readonly subject: string;
  readonly body: string;
  /** The edition's slug (`2027-03-07-update`): names the idempotency key. */
  readonly edition: string;
  /** The draft this edition got last time, when remembered. */
  readonly knownId?: string;
}

export interface DraftOutcome {
  readonly action: 'created' | 'updated';
  readonly email: ButtondownEmail;
  /** Where the editor opens it in Buttondown. */
  readonly url: string;
}

export interface ButtondownClientOptions {
  readonly apiUrl?: string;
  readonly key: string | undefined;
  readonly timeoutMs: number;
  readonly userAgent: string;
  /** Default: the global fetch (through a closure: a detached browser fetch throws). */
  readonly fetch?: typeof fetch;
}

/** Answers larger than this are not Buttondown's email objects. */
const MAX_ANSWER_BYTES = 4 * 1024 * 1024;

/** Buttondown's dashboard page of an email, where the editor reviews and sends it. */
export function draftUrl(id: string): string {
  return `https://buttondown.com/emails/${encodeURIComponent(id)}`;
}

/**
 * `lwkd-<edition>-<hash of subject and body>`: the same draft asked twice (a retry after a lost
 * answer) is made once, while a changed edition is a new request.
 */
export async function idempotencyKey(request: DraftRequest): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${request.subject}\n${request.body}`));
  const hex = Array.from(new Uint8Array(digest).slice(0, 8), (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `lwkd-${request.edition.replace(/[^A-Za-z0-9-]/g, '')}-${hex}`;
}

interface Answer {
  readonly status: number;
  readonly json: unknown;
  readonly retryAfter: string | null;
}

export class ButtondownClient {
  private readonly base: string;
  private readonly send: typeof fetch;

  constructor(private readonly options: ButtondownClientOptions) {
    this.base = (options.apiUrl ?? DEFAULT_BUTTONDOWN_API_URL).replace(/\/+$/, '');
    // Bounded and never from a browser's HTTP cache (the list of drafts must be Buttondown's now).
    this.send = boundedFetch(options.fetch ?? ((input, init) => fetch(input, init)), MAX_ANSWER_BYTES);
  }

  /**
   * Makes or refreshes the edition's draft: the remembered one if it is still a draft, else a
   * draft with the same subject, else a new one. Throws ButtondownError.
   */
  async saveDraft(request: DraftRequest): Promise<DraftOutcome> {
    const key = this.options.key?.trim();
    if (!key) {
      throw new ButtondownError({ kind: 'noKey', message: 'No Buttondown API key is set, so Buttondown was not asked.' });
    }
    if (!/^https?:\/\/[^/]+/i.test(this.base)) {
      throw new ButtondownError({ kind: 'badConfiguration', message: `The Buttondown API URL "${this.base}" is not an http(s) URL.` });
    }
    const existing = (request.knownId && (await this.draftById(key, request.knownId))) || (await this.draftBySubject(key, request.subject));
    const payload = { subject: request.subject, body: request.body, status: 'draft' };
    if (existing) {
      const answer = await this.call(key, 'PATCH', `/v1/emails/${encodeURIComponent(existing.id)}`, payload);
      return { action: 'updated', email: this.email(answer), url: draftUrl(existing.id) };
    }
    const answer = await this.call(key, 'POST', '/v1/emails', payload, { 'x-idempotency-key': await idempotencyKey(request) });
    const email = this.email(answer);
    return { action: 'created', email, url: draftUrl(email.id) };
  }

  /** The remembered email, if it is still there; refuses one that is no longer a draft. */
  private async draftById(key: string, id: string): Promise<ButtondownEmail | undefined> {
    const answer = await this.call(key, 'GET', `/v1/emails/${encodeURIComponent(id)}`, undefined, {}, [404]);
    if (answer.status === 404) {
      return undefined;
    }
    const email = this.email(answer);
    if (email.status !== 'draft') {
      throw new ButtondownError({
        kind: 'notDraft',
        message: `This edition's email in Buttondown is ${email.status.replace(/_/g, ' ')}, not a draft, so it was left as it is.`,
      });
    }
    return email;
  }

  /** A draft with the edition's subject (the first page of drafts, newest first). */
  private async draftBySubject(key: string, subject: string): Promise<ButtondownEmail | undefined> {
    const answer = await this.call(key, 'GET', `/v1/emails?status=draft&ordering=-creation_date`);
    const results = (answer.json as { results?: unknown }).results;
    if (!Array.isArray(results)) {
      throw new ButtondownError({ kind: 'badResponse', message: 'Buttondown answered the list of drafts with something that is not one.' });
    }
    return results.map((item) => toEmail(item)).find((email) => email?.subject === subject && email.status === 'draft');
  }

  private email(answer: Answer): ButtondownEmail {
    const email = toEmail(answer.json);
    if (!email) {
      throw new ButtondownError({ kind: 'badResponse', message: 'Buttondown answered with something that is not an email.' });
    }
    return email;
  }

  private async call(
    key: string,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
    allowed: readonly number[] = [],
  ): Promise<Answer> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.options.timeoutMs);
    let response: Response;
    let text: string;
    try {
      response = await this.send(`${this.base}${path}`, {
        method,
        headers: {
          accept: 'application/json',
          authorization: `Token ${key}`,
          'x-api-version': BUTTONDOWN_API_VERSION,
          'user-agent': this.options.userAgent,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        // The key must not follow a redirect to another origin.
        redirect: 'manual',
        signal: controller.signal,
      });
      text = await response.text();
    } catch (error) {
      if (controller.signal.aborted) {
        throw new ButtondownError({ kind: 'timeout', message: `Buttondown did not answer within ${Math.round(this.options.timeoutMs / 1000)} s.` });
      }
      if (error instanceof BodyTooLarge) {
        throw new ButtondownError({ kind: 'badResponse', message: 'Buttondown answered with more than an email holds.' });
      }
      throw new ButtondownError({ kind: 'offline', message: `Cannot reach Buttondown at ${this.base}.` });
    } finally {
      clearTimeout(timer);
    }
    const json = parseJson(text);
    const answer = { status: response.status, json, retryAfter: response.headers.get('retry-after') };
    if ((response.status >= 200 && response.status < 300) || allowed.includes(response.status)) {
      return answer;
    }
    throw new ButtondownError(failureOf(answer));
  }
}

function toEmail(value: unknown): ButtondownEmail | undefined {
  if (typeof value !== 'object' || value === null) {
    return undefined;
  }
  const { id, subject, status } = value as Record<string, unknown>;
  return typeof id === 'string' && id && typeof subject === 'string' && typeof status === 'string' ? { id, subject, status } : undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Buttondown's `detail`, as one line of plain text (never HTML, never long). */
function detailOf(json: unknown): string | undefined {
  const detail = typeof json === 'object' && json !== null ? (json as Record<string, unknown>).detail : undefined;
  const text = typeof detail === 'string' ? detail : Array.isArray(detail) ? detail.filter((item) => typeof item === 'string').join('; ') : undefined;
  const line = text
    ?.replace(/<[^>]*>/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return line ? (line.length > 300 ? `${line.slice(0, 299)}…` : line) : undefined;
}

/** Each refusal as its kind and one line. */
export function failureOf({ status, json, retryAfter }: Answer): ButtondownFailure {
  const detail = detailOf(json);
  if (status === 401 || status === 403) {
    return { kind: 'badKey', message: 'Buttondown refused the API key (check it in Buttondown under Settings → API).' };
  }
  if (status === 429) {
    const seconds = retryAfter !== null && /^\d+$/.test(retryAfter.trim()) ? Number(retryAfter) : undefined;
    return {
      kind: 'rateLimited',
      message:
        seconds !== undefined ? `Buttondown is rate limiting requests; try again in ${seconds} s.` : 'Buttondown is rate limiting requests; try again later.',
      ...(seconds !== undefined ? { retryAfterSeconds: seconds } : {}),
    };
  }
  if (status >= 500) {
    return { kind: 'server', message: `Buttondown failed with a server error (${status}); nothing was changed there. Try again later.` };
  }
  if (status >= 300 && status < 400) {
    return { kind: 'badConfiguration', message: `Buttondown answered with a redirect (${status}), which is not followed with the key.` };
  }
  return { kind: 'refused', message: detail ? `Buttondown refused the draft: ${detail}` : `Buttondown refused the draft (${status}).` };
}
