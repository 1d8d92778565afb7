import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { randomUUID } from 'node:crypto';

/**
 * A small Buttondown on 127.0.0.1 for tests: the email endpoints the draft uses, answered as
 * Buttondown's API documentation says, including what makes it dangerous (a POST without a
 * status under an older API version is `about_to_send`, i.e. sent), its refusal of bodies that
 * start with front matter, idempotency keys, and its errors on demand.
 */

/** The key the fake accepts unless told otherwise, which the integration runner types when LWKD asks. */
export const FAKE_BUTTONDOWN_KEY = 'bd-fixture-key-000000000000';

export interface FakeEmail {
  id: string;
  subject: string;
  body: string;
  status: string;
  creation_date: string;
}

export interface RecordedCall {
  readonly method: string;
  readonly path: string;
  readonly authorization?: string;
  readonly apiVersion?: string;
  readonly idempotencyKey?: string;
  readonly body?: unknown;
}

/** An answer for the next request (of `method`, when given) instead of the real one. */
export type ButtondownFault = (
  | { readonly kind: 'status'; readonly status: number; readonly body?: unknown; readonly headers?: Record<string, string> }
  | { readonly kind: 'hang' }
) & { readonly method?: string };

export class FakeButtondown {
  readonly emails: FakeEmail[] = [];
  readonly calls: RecordedCall[] = [];
  private readonly faults: ButtondownFault[] = [];
  private readonly idempotent = new Map<string, FakeEmail>();
  private readonly sockets = new Set<Socket>();
  private readonly server = createServer((request, response) => {
    void this.handle(request, response);
  });

  private constructor(private readonly key: string) {
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  static async start(key = FAKE_BUTTONDOWN_KEY): Promise<FakeButtondown> {
    const fake = new FakeButtondown(key);
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The next request gets this answer instead (queued in order). */
  fail(fault: ButtondownFault): this {
    this.faults.push(fault);
    return this;
  }

  addEmail(email: Partial<FakeEmail> & { subject: string }): FakeEmail {
    const stored = { id: randomUUID(), body: '', status: 'draft', creation_date: new Date().toISOString(), ...email };
    this.emails.push(stored);
    return stored;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) {
      socket.destroy();
    }
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const text = await new Promise<string>((resolve) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    });
    const header = (name: string): string | undefined => {
      const value = request.headers[name];
      return typeof value === 'string' ? value : undefined;
    };
    let body: unknown;
    try {
      body = text ? (JSON.parse(text) as unknown) : undefined;
    } catch {
      body = text;
    }
    const authorization = header('authorization');
    const apiVersion = header('x-api-version');
    const idempotencyKey = header('x-idempotency-key');
    this.calls.push({
      method: request.method ?? 'GET',
      path: url.pathname + url.search,
      ...(authorization ? { authorization } : {}),
      ...(apiVersion ? { apiVersion } : {}),
      ...(idempotencyKey ? { idempotencyKey } : {}),
      ...(body !== undefined ? { body } : {}),
    });
    const send = (status: number, value: unknown, headers: Record<string, string> = {}) => {
      response.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(value));
    };
    const at = this.faults.findIndex((candidate) => !candidate.method || candidate.method === request.method);
    const fault = at === -1 ? undefined : this.faults.splice(at, 1)[0];
    if (fault?.kind === 'hang') {
      return; // never answers; the client's deadline ends it
    }
    if (fault) {
      send(fault.status, fault.body ?? { code: 'error', detail: `fault ${fault.status}` }, fault.headers);
      return;
    }
    if (authorization !== `Token ${this.key}`) {
      send(401, { detail: 'Invalid token.' });
      return;
    }
    const match = /^\/v1\/emails(?:\/([^/]+))?$/.exec(url.pathname);
    if (!match) {
      send(404, { detail: 'Not found.' });
      return;
    }
    const id = match[1] && decodeURIComponent(match[1]);
    const fields = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    if (request.method === 'GET' && !id) {
      const statuses = url.searchParams.getAll('status');
      const results = this.emails.filter((email) => !statuses.length || statuses.includes(email.status)).reverse();
      send(200, { results, count: results.length, next: null, previous: null });
      return;
    }
    if (request.method === 'GET' && id) {
      const email = this.emails.find((candidate) => candidate.id === id);
      send(email ? 200 : 404, email ?? { detail: 'Not found.' });
      return;
    }
    const problem = this.refusal(fields);
    if (request.method === 'POST' && !id) {
      if (problem) {
        send(400, problem);
        return;
      }
      const replay = idempotencyKey ? this.idempotent.get(idempotencyKey) : undefined;
      if (replay) {
        send(201, replay);
        return;
      }
      // Before 2026-04-01, an email created without a status is sent at once.
      const status = typeof fields.status === 'string' ? fields.status : apiVersion && apiVersion >= '2026-04-01' ? 'draft' : 'about_to_send';
      const email = this.addEmail({ subject: String(fields.subject), body: typeof fields.body === 'string' ? fields.body : '', status });
      if (idempotencyKey) {
        this.idempotent.set(idempotencyKey, email);
      }
      send(201, email);
      return;
    }
    if (request.method === 'PATCH' && id) {
      const email = this.emails.find((candidate) => candidate.id === id);
      if (!email) {
        send(404, { detail: 'Not found.' });
        return;
      }
      if (problem && fields.body !== undefined) {
        send(400, problem);
        return;
      }
      Object.assign(email, {
        ...(typeof fields.subject === 'string' ? { subject: fields.subject } : {}),
        ...(typeof fields.body === 'string' ? { body: fields.body } : {}),
        ...(typeof fields.status === 'string' ? { status: fields.status } : {}),
      });
      send(200, email);
      return;
    }
    send(405, { detail: `Method "${request.method}" not allowed.` });
  }

  /** What Buttondown refuses in a body: front matter at the start (since 2026-02-16), a missing subject. */
  private refusal(fields: Record<string, unknown>): unknown {
    if (typeof fields.body === 'string' && /^---\r?\n[\s\S]*?\n---/.test(fields.body)) {
      return { code: 'body_invalid', detail: 'The email body starts with YAML frontmatter, which is not supported.' };
    }
    if (typeof fields.subject !== 'string' || !fields.subject) {
      return { code: 'subject_invalid', detail: 'The subject provided is invalid or missing.' };
    }
    return undefined;
  }
}
